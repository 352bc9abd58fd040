"""The shared table of hostile strings (tests/hostile.py) through every place the reader shows text.

Feed names and topic names (from feeds.toml), titles, bodies and quotes (from a feed), HTTP reason
phrases and encoding declarations (from servers on 127.0.0.1), and errors all reach the sidebar,
the list, the reading view, the status line and toasts. None may crash the reader (a "[/]" once
raised MarkupError), none may be parsed as markup, and no control, bidi or invisible character
may survive in a label.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from reader.tui.app import ReaderApp, build_app
from reader.tui.widgets.article_list import ArticleList
from tests.feed_server import FeedServer, Route, hostile_routes, rss
from tests.hostile import ALL_IN_ONE, HOSTILE, MARKUP, assert_label_safe, assert_terminal_safe
from tests.tui.conftest import NOW, settle, text_of


def toml_string(value: str) -> str:
    """A TOML basic string holding `value` exactly (controls escaped, as TOML requires)."""
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in '"\\' else c
                      for c in value)
    return f'"{escaped}"'


def shown(widget: Widget) -> list[str]:
    """The text a widget shows, as the terminal would get it."""
    if isinstance(widget, DataTable):
        return [cell.plain if isinstance(cell, Text) else str(cell)
                for row in range(widget.row_count) for cell in widget.get_row_at(row)]
    if isinstance(widget, OptionList):
        return [text_of(o.prompt) for o in widget.options] + [str(widget.border_title or ""),
                                                           str(widget.border_subtitle or "")]
    if isinstance(widget, Static):
        return [text_of(widget.content)]
    return []


def everything_shown(app: ReaderApp) -> list[str]:
    texts = [t for widget in app.screen.walk_children(with_self=True) for t in shown(widget)]
    # Textual 8.2 keeps its notifications private (App._notifications); the app keeps the latest toast of each
    # title it posted (ReaderApp.toasts, filled by its Notify handler), and this runs after every step.
    for note in app.toasts.values():
        assert note.markup is False  # never parsed as content markup, whatever the caller asked
        texts += [note.message, note.title]
    return texts


async def test_hostile_strings_everywhere_the_reader_shows_text(tmp_path: Path) -> None:
    quote = f"“The hostile words {ALL_IN_ONE} stay in the quote,” said Jane Doe, the county's sheriff."
    server = FeedServer().start()
    try:
        server.routes.update(hostile_routes(ALL_IN_ONE))
        quoting = [f"/quotes{i}" for i in range(len(HOSTILE))]
        server.routes.update({path: Route(body=rss((f"q{path}", "Quoted"), title="Quotes").replace(
            f"Body of q{path} about Secure Communities.".encode(), quote.encode())) for path in quoting})
        feeds = [(f"hostile {kind} {value}", path) for (kind, value), path in
                 zip(HOSTILE.items(), [*hostile_routes(ALL_IN_ONE), *quoting], strict=False)]
        config = "".join(f"[[feeds]]\nname = {toml_string(name)}\nurl = {toml_string(server.url(path))}\n"
                         f"tags = [{toml_string('tag ' + name[:40])}]\n\n" for name, path in feeds)
        config += "".join(f"[[topics]]\nname = {toml_string('topic ' + value)}\nmatch = [\"hostile\"]\n\n"
                          for value in MARKUP.values())
        (tmp_path / "feeds.toml").write_text(config, encoding="utf-8")
        app = build_app(tmp_path / "feeds.toml", tmp_path / "r.db", now=lambda: NOW)
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)  # the first run refreshes on its own
            assert app.reader.store.count_articles() >= 2
            texts: list[str] = []
            table = app.query_one(ArticleList)
            for row in range(table.row_count):
                table.focus()
                table.move_cursor(row=row)
                await pilot.press("enter")
                await settle(app, pilot)
                texts += everything_shown(app)
            await pilot.press("e")  # the failed feeds, with their reasons
            await settle(app, pilot)
            texts += everything_shown(app)
            await pilot.press("escape")
            sidebar = app.query_one("#sidebar", OptionList)
            for option_id in [o.id for o in sidebar.options if o.id]:
                sidebar.focus()
                sidebar.highlighted = sidebar.get_option_index(option_id)
                await pilot.press("enter")
                await settle(app, pilot)
                texts += everything_shown(app)
            assert app.is_running and not app.crashed
        joined = "\n".join(texts)
        for text in texts:
            assert_terminal_safe(text)
        for text in [t for t in texts if "\n" not in t]:
            assert_label_safe(text)
        assert "Oops" in joined  # the reason phrase was shown (sanitised), not dropped
        for markup in MARKUP.values():
            assert markup in joined  # shown literally, so it was never parsed
        assert any("— Jane Doe" in t for t in texts)  # the quote list, with its speaker
    finally:
        server.stop()
