"""The reader driven through Textual's pilot: keys, workers and the store, end to end."""

from __future__ import annotations

from pathlib import Path

from reader.store import ArticleFilter
from reader.tui.app import ReaderApp, build_app
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from tests.tui.conftest import NOW, add_paged_entries, answer, choose_topic, settle, toasts

SIZE = (140, 44)


def row_titles(app: ReaderApp) -> list[str]:
    table = app.query_one(ArticleList)
    return [table.articles[i].title for i in table.order]


async def open_seed(app: ReaderApp, pilot) -> None:
    titles = row_titles(app)
    target = titles.index("Task Force Critical of Secure Communities Program")
    table = app.query_one(ArticleList)
    table.move_cursor(row=target)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_navigate_open_and_mark_read(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert table.row_count == 13 and table.cursor_row == 0
        await pilot.press("j", "j", "down", "k")
        assert table.cursor_row == 2
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.cleaned is not None and view.cleaned.title == "Task Force Critical of Secure Communities Program"
        assert view.cleaned.pinned_quotes[0].speaker == "the task force’s report"
        assert len(view.cleaned.collapsed) == 2 and not view.query_one("#repeats").display
        assert filled_app.reader.store.article(view.article.id).is_read
        assert table.current is not None and table.current.is_read


async def test_repeated_paragraphs_toggle(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        await pilot.press("d")
        assert view.query_one("#repeats").display
        assert "shown below" in str(view.query_one("#repeats-note").render())
        await pilot.press("d")
        assert not view.query_one("#repeats").display


async def test_toggle_read_and_star(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        first = filled_app.query_one(ArticleList).current
        assert first is not None and not first.is_read
        await pilot.press("m", "s")
        await settle(filled_app, pilot)
        stored = filled_app.reader.store.article(first.id)
        assert stored.is_read and stored.is_starred
        assert filled_app.query_one(ArticleList).current.is_starred
        await pilot.press("m")
        await settle(filled_app, pilot)
        assert not filled_app.reader.store.article(first.id).is_read


async def test_pin_and_unpin_a_quote(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        await pilot.press("p")
        await settle(filled_app, pilot)
        [pin] = filled_app.reader.store.pins()
        assert pin.article_id == view.article.id and pin.speaker == "the task force’s report"
        assert pin.text.startswith("To the extent that Secure Communities")
        assert pin.text in view.pinned_texts
        await pilot.press("p")
        await settle(filled_app, pilot)
        assert filled_app.reader.store.pins() == []


async def test_search_and_clear(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("slash", *"nassau", "enter")
        await settle(filled_app, pilot)
        assert row_titles(filled_app) == ["Nassau police chief: immigrants afraid to call 911"]
        await pilot.press("escape")
        await settle(filled_app, pilot)
        assert len(row_titles(filled_app)) == 13


async def test_topic_filter_uses_exact_rules(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await choose_topic(filled_app, pilot, "ICE enforcement")
        titles = row_titles(filled_app)
        assert len(titles) == 6 and "Early Frost Brings Ice Warnings Upstate" not in titles


async def test_sidebar_feed_selection(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        sidebar = filled_app.query_one("#sidebar")
        ids = [o.id for o in sidebar.options]
        assert ids[:3] == ["all", "unread", "starred"] and "topic:Secure Communities" in ids
        sidebar.focus()
        sidebar.highlighted = next(i for i, o in enumerate(ids) if o and o.startswith("feed:") and o.endswith(":1"))
        await pilot.press("enter")
        await settle(filled_app, pilot)
        feed = filled_app.reader.store.feed(1)
        assert {filled_app.query_one(ArticleList).articles[i].feed_name for i in
                filled_app.query_one(ArticleList).order} == {feed.name}


async def test_open_link_and_copy_link(filled_app: ReaderApp, monkeypatch) -> None:
    import webbrowser

    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(webbrowser, "get", lambda *a: object())  # a browser is found
    monkeypatch.setattr(filled_app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(filled_app, "copy_to_clipboard", copied.append)
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("o", "y")
        await settle(filled_app, pilot)
        link = filled_app.query_one(ArticleList).current.link
        assert opened == [link] and copied == [link]


async def test_refresh_keeps_selection_and_shows_new_articles(filled_app: ReaderApp, sample_dir: Path) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        await pilot.press("j", "j")
        selected = table.current.id
        feed = sample_dir / "reader" / "samples" / "civic-wire.xml"
        feed.write_text(feed.read_text(encoding="utf-8").replace(
            "<item>", "<item><title>Breaking: new E-Verify rule</title><guid>cw-new</guid>"
            "<pubDate>Mon, 30 Nov 2026 11:00:00 +0000</pubDate><description>E-Verify text.</description>"
            "</item>\n<item>", 1), encoding="utf-8")
        await pilot.press("r")
        await settle(filled_app, pilot)
        assert "Breaking: new E-Verify rule" in row_titles(filled_app)
        assert table.current.id == selected
        assert filled_app.reader.store.count_articles() == 14


async def test_invalid_config_during_refresh_is_a_notification(filled_app: ReaderApp, sample_dir: Path) -> None:
    async with filled_app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(filled_app, pilot)
        (sample_dir / "feeds.toml").write_text("[[feeds]]\nname = 1\n")
        await pilot.press("r")
        await settle(filled_app, pilot)
        assert any(t.startswith("feeds.toml is invalid: ") and "feeds[0].name" in t for t in toasts(filled_app))
        assert len(row_titles(filled_app)) == 13


async def test_empty_store_refreshes_on_open(sample_dir: Path) -> None:
    app = build_app(sample_dir / "feeds.toml", sample_dir / "new.db", now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(row_titles(app)) == 13


async def test_hostile_titles_show_as_plain_text(filled_app: ReaderApp) -> None:
    store = filled_app.reader.store
    feed_id = store.feeds()[0].id
    from reader.models import ParsedEntry

    evil = "[bold red]x[/] [link=http://evil]y[/link]"
    store.upsert_entries(feed_id, [ParsedEntry("g:evil", "evil", None, evil, None, "2026-11-30T11:59:00+00:00",
                                               "<p>[blink]body[/blink]</p>", "[blink]body[/blink]", "h")])
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert table.get_cell_at((0, 1)).plain.startswith(evil[:30])  # literal, as far as the column shows it
        await pilot.press("enter")
        await settle(filled_app, pilot)
        body = filled_app.query_one("#article-body").render()
        assert "[blink]body[/blink]" in str(body)


async def test_help_palette_and_theme(filled_app: ReaderApp, sample_dir: Path) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("question_mark")
        assert isinstance(filled_app.screen, HelpScreen)
        await pilot.press("escape")
        titles = [c.title for c in filled_app.get_system_commands(filled_app.screen)]
        assert {"Refresh feeds", "Search", "Filter by topic", "Toggle read", "Star", "Feeds in trouble"} <= set(titles)
        assert titles.count("Keys") == 1  # ours, which lists every key; not also Textual's
        assert filled_app.focused is not None and filled_app.focused.allow_maximize
        assert "Maximize" not in titles  # it showed the list as its 40% band on a hatched screen
        filled_app.theme = "nord"
        await settle(filled_app, pilot)
    assert filled_app.reader.store.setting("theme") == "nord"
    again = build_app(sample_dir / "feeds.toml", sample_dir / "r.db", now=lambda: NOW)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.theme == "nord"


def test_unread_filter_counts_match_store(filled_app: ReaderApp) -> None:
    assert filled_app.reader.store.count_articles(ArticleFilter(unread_only=True)) == 13


async def test_sidebar_topic_counts_follow_exact_rules_and_reads(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        assert filled_app.topic_unread == {"Secure Communities": 8, "E-Verify": 2, "DREAM Act": 1, "287(g)": 2,
                                           "ICE enforcement": 6}
        await open_seed(filled_app, pilot)
        assert filled_app.topic_unread["Secure Communities"] == 7
        labels = [str(o.prompt) for o in filled_app.query_one("#sidebar").options]
        assert any(label.strip().startswith("◆ Secure Communities") and label.endswith("7") for label in labels)


async def test_a_changed_feeds_toml_is_picked_up_on_refresh(filled_app: ReaderApp, sample_dir: Path) -> None:
    from reader.config import FeedConfig
    from reader.feeds.edit import add_feeds

    (sample_dir / "extra.xml").write_text(
        "<rss version='2.0'><channel><title>Extra</title><item><guid>x1</guid><title>Extra story on E-Verify"
        "</title><description>E-Verify again.</description></item></channel></rss>")
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        add_feeds(sample_dir / "feeds.toml", [FeedConfig("Extra Outlet", "extra.xml", ("new",))])
        await pilot.press("r")
        await settle(filled_app, pilot)
        ids = [o.id for o in filled_app.query_one("#sidebar").options]
        assert "tag:new" in ids and "Extra story on E-Verify" in row_titles(filled_app)
        assert filled_app.topic_unread["E-Verify"] == 3
        assert [f.name for f in filled_app.reader.config.feeds][-1] == "Extra Outlet"


async def test_list_pages_in_as_the_cursor_nears_the_end(filled_app: ReaderApp) -> None:
    add_paged_entries(filled_app)
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert table.row_count == 200 and table.more
        table.move_cursor(row=199)
        await settle(filled_app, pilot)
        assert table.row_count == 400
        table.move_cursor(row=399)
        await settle(filled_app, pilot)
        assert table.row_count == 463 and not table.more


LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO settings (key, value) VALUES ('held-by', 'another process')")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


async def test_a_store_locked_by_another_process_waits_and_loses_nothing(filled_app: ReaderApp, sample_dir: Path,
                                                                         ) -> None:
    import subprocess
    import sys

    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        seed = view.article.id
        holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(sample_dir / "r.db")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            await pilot.press("m", "s", "p", "r")
            activity = filled_app.query_one("#activity")
            for _ in range(200):  # wait for the condition, not for a fixed time
                if "Waiting for the database" in str(activity.render()):
                    break
                await pilot.pause(0.05)
            assert "Waiting for the database" in str(activity.render())
            table = filled_app.query_one(ArticleList)
            row = table.cursor_row
            await pilot.press("j")  # the reader still answers keys while its writes wait
            await pilot.pause()
            assert table.cursor_row == row + 1
            assert not filled_app.reader.store.article(seed).is_starred  # nothing written yet
        finally:
            holder.communicate("release\n", timeout=30)
        await settle(filled_app, pilot)
        stored = filled_app.reader.store.article(seed)
        assert not stored.is_read and stored.is_starred  # m (opened, so read → unread) and s both landed
        assert [p.article_id for p in filled_app.reader.store.pins()] == [seed]
        assert filled_app.reader.store.setting("held-by") == "another process"
        assert "Waiting" not in str(filled_app.query_one("#activity").render())
        assert answer(filled_app).startswith("Refreshed 5 feeds: ")

