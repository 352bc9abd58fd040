"""Every sidebar entry and every key of the help screen, in every pane, with no exception (issue 11)."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from reader.store import ArticleFilter
from reader.tui.app import ReaderApp
from reader.tui.keys import KEYS
from reader.tui.messages import RefreshProgress
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import QuoteList, ReadingView
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import answer, choose_topic, settle, text_of
from tests.tui.test_app import open_seed
from tests.tui.test_fits_and_marks import drawn

SIZE = (160, 45)


def status(app: ReaderApp) -> str:
    return str(app.query_one("#view-status").render())


async def test_every_sidebar_entry_shows_its_articles(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        sidebar = filled_app.query_one(Sidebar)
        ids = [o.id for o in sidebar.options if o.id]
        kinds = {i.split(":")[0] for i in ids}
        assert kinds == {"all", "unread", "starred", "tag", "feed", "topic"}
        assert "tag:politics" in ids
        store = filled_app.reader.store
        for option_id in ids:
            sidebar.focus()
            sidebar.highlighted = sidebar.get_option_index(option_id)
            await pilot.press("enter")
            await settle(filled_app, pilot)
            assert filled_app.view_key == option_id
            shown = filled_app.query_one(ArticleList).order
            kind, _, value = option_id.partition(":")
            if kind == "tag":
                assert filled_app.filter == ArticleFilter(tag=value)
                assert f"# {value}" in status(filled_app)
            if kind == "feed":
                feed = store.feed(int(value.rsplit(":", 1)[1]))
                assert {store.article(i).feed_name for i in shown} == {feed.name}
                assert feed.name in status(filled_app)
            if kind == "topic":
                assert value in status(filled_app) and filled_app.filter.ids is not None
            expected = store.count_articles(filled_app.filter)
            assert len(shown) == expected
            assert (f"{expected} article" in status(filled_app)) if expected else "no articles match" in status(
                filled_app)
            active = [str(o.prompt) for o in sidebar.options if o is not None and str(o.prompt).startswith("▶")]
            assert len(active) == 1, active  # the sidebar marks the view being shown, and only it
            assert sidebar.get_option(option_id).prompt.plain.startswith("▶")


def _panes(app: ReaderApp) -> dict[str, object]:
    return {"sidebar": app.query_one(Sidebar), "list": app.query_one(ArticleList),
            "quotes": app.query_one(QuoteList), "article": app.query_one(ReadingView)}


@pytest.mark.parametrize("pane", ["sidebar", "list", "quotes", "article"])
async def test_every_help_key_in_every_pane(filled_app: ReaderApp, pane: str, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "get", lambda *a: object())
    monkeypatch.setattr(filled_app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(filled_app, "copy_to_clipboard", lambda text: None)
    presses = [p for key in KEYS for p in key.presses if p != "q"]
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)  # so the quotes and the article have something in them
        for press in presses:
            widget = _panes(filled_app)[pane]
            filled_app.sidebar_choice = True
            filled_app.fit_sidebar()
            widget.focus()  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press(press)
            await settle(filled_app, pilot)
            while filled_app.screen is not filled_app.screen_stack[0]:  # help, topics, palette, failed feeds
                await pilot.press("escape")
                await pilot.pause()
            if filled_app.query_one("#search").display:
                await pilot.press("escape")
            await settle(filled_app, pilot)
            assert filled_app.is_running, press
        assert opened  # o reached the browser from at least the panes with an article
        await pilot.press("q")
        await pilot.pause()
    assert not filled_app.is_running and filled_app.return_code == 0


async def test_status_line_is_above_the_footer_and_says_what_is_shown(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        line = filled_app.query_one("#status")
        footer = filled_app.query_one("Footer")
        assert line.region.height == 1 and not line.region.overlaps(footer.region)
        assert line.region.bottom <= footer.region.y
        total = filled_app.reader.store.count_articles()
        assert status(filled_app) == f"All · {total} articles, {total} unread"
        await pilot.press("slash", *"E-Verify fines", "enter")
        await settle(filled_app, pilot)
        assert filled_app.query_one(ArticleList).row_count == 0
        assert status(filled_app) == "Search “E-Verify fines” · no articles match · escape clears"
        await pilot.press("escape")
        await settle(filled_app, pilot)
        await choose_topic(filled_app, pilot, "E-Verify")
        assert status(filled_app) == "Topic ◆ E-Verify · 2 articles, 2 unread"
        assert filled_app.view_key == "topic:E-Verify"


async def refresh_seen(app: ReaderApp) -> list[str]:
    """Everything the status line's right side shows from `r` until the refresh's summary."""
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        activity = app.query_one("#activity")
        original = activity.update
        activity.update = lambda content="": (seen.append(str(content)), original(content))[1]  # type: ignore
        await pilot.press("r")
        await settle(app, pilot)
    return seen


async def test_refresh_shows_progress_then_the_summary(filled_app: ReaderApp) -> None:
    seen = await refresh_seen(filled_app)
    assert "Refreshing 5/5: finishing" in seen, seen
    # Each step names a feed still out (the sample feeds' names), never the one just done (try11 find 24).
    assert all(s.split(": waiting for ")[1] in {f.name for f in filled_app.reader.config.feeds}
               for s in seen if s.startswith("Refreshing ") and "/5: w" in s), seen
    assert seen[-1] == "Refreshed 5 feeds: 0 new"


async def test_failed_feeds_are_listed_on_demand(filled_app: ReaderApp, sample_dir) -> None:
    (sample_dir / "reader" / "samples" / "wnyc.xml").unlink()
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("e")
        assert filled_app.screen is filled_app.screen_stack[0]
        assert answer(filled_app) == "No feed failed on its last fetch, and none was read only in part."
        await pilot.press("r")
        await settle(filled_app, pilot)
        assert "1 failed: press e" in str(filled_app.query_one("#activity").render())
        await pilot.press("e")
        await pilot.pause()
        text = " ".join(text_of(s.content) for s in filled_app.screen.query("Static"))
        assert "WNYC News" in text and "wnyc.xml" in text
        assert "WNYC News  failing since" in text


async def test_article_id_and_quote_hint_in_the_reading_view(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        header = drawn(view.query_one("#article-header"))
        assert f"#{view.article.id} · WNYC News" in header
        quotes = view.query_one(QuoteList)
        assert "p pins" in str(quotes.border_subtitle) and "j / k" in str(quotes.border_subtitle)


async def test_refresh_counts_agree_from_the_first_progress_to_the_summary(filled_app: ReaderApp,
                                                                           sample_dir: Path) -> None:
    """One feed asked us to wait (not due), one fails: the total is known before any feed is done, every progress
    says the same total (failed feeds are counted done), and the summary refreshed that many feeds."""
    store = filled_app.reader.store
    waiting = next(f for f in store.feeds() if f.name == "WNYC News")
    store.record_fetch(waiting.id, status="503", next_due="2099-01-01T00:00:00+00:00")
    (sample_dir / "reader" / "samples" / "civic-wire.xml").unlink()
    posted: list[tuple[int, int]] = []  # as the worker posts them: a busy app shows only the latest
    post = filled_app.post_message
    filled_app.post_message = lambda m: (  # type: ignore[method-assign]
        posted.append((m.done, m.total)) if isinstance(m, RefreshProgress) else None, post(m))[1]
    seen = await refresh_seen(filled_app)
    assert posted == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]  # the total before any feed is done
    progress = [s for s in seen if s.startswith("Refreshing")]
    assert progress[0] == "Refreshing…" and len(progress) > 1, progress
    assert all(s == "Refreshing 4 feeds…" or s.split()[1].endswith("/4:") for s in progress[1:]), progress
    assert seen[-1] == "Refreshed 4 feeds: 0 new · 1 failed: press e · 1 not due"
