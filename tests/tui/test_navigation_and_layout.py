"""Keys a terminal reader's users expect (j/k, space, g/G in every pane, n/N, [/]), links, and small terminals."""

from __future__ import annotations

import webbrowser
from dataclasses import replace

import pytest

from reader.models import ParsedEntry
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_list import ArticleList, plan_columns
from reader.tui.widgets.reading_view import QuoteList, ReadingView
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import add_paged_entries, answer, record_answers, settle, toasts
from tests.tui.test_app import open_seed


async def test_n_opens_the_next_unread_and_brackets_step_through_articles(filled_app: ReaderApp) -> None:
    store = filled_app.reader.store
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        view = filled_app.query_one(ReadingView)
        store.set_read([table.order[1], table.order[2]])  # read elsewhere (another reader, `reader show`)
        await pilot.press("n")  # the highlighted article is unread and not open yet: it is the next one
        await settle(filled_app, pilot)
        assert view.article.id == table.order[0] and store.article(table.order[0]).is_read
        await pilot.press("n")  # skips the two read ones
        await settle(filled_app, pilot)
        assert view.article.id == table.order[3] and table.cursor_row == 3
        await pilot.press("N")
        await settle(filled_app, pilot)
        assert answer(filled_app) == "Nothing unread above; n looks below."
        await pilot.press("left_square_bracket")
        await settle(filled_app, pilot)
        assert view.article.id == table.order[2] and table.cursor_row == 2
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(filled_app, pilot)
        assert view.article.id == table.order[4]


async def test_n_finds_unread_articles_beyond_the_loaded_page(filled_app: ReaderApp) -> None:
    add_paged_entries(filled_app)
    store = filled_app.reader.store
    newest = [a.id for a in store.list_articles(limit=300)]
    store.set_read(newest)
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert table.row_count == 200
        await pilot.press("n")
        await settle(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert table.cursor_row == 300 and view.article.id == table.order[300]
        assert store.list_articles(limit=300)[-1].is_read  # the 300 newest stay read
        total = store.count_articles()
        assert str(filled_app.query_one("#view-status").render()) == f"All · {total} articles, {total - 301} unread"


async def test_j_k_space_g_G_in_the_article_and_the_quotes(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        view.focus()
        await pilot.press("j", "j")
        await pilot.pause()
        assert view.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert view.scroll_y == 1
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y > 5
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0
        quotes = filled_app.query_one(QuoteList)
        quotes.focus()
        assert quotes.option_count >= 1 and quotes.highlighted == 0
        await pilot.press("G")
        assert quotes.highlighted == quotes.option_count - 1
        await pilot.press("g")
        assert quotes.highlighted == 0
        table = filled_app.query_one(ArticleList)
        table.focus()
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_only_http_links_are_opened_or_copied(filled_app: ReaderApp, monkeypatch) -> None:
    store = filled_app.reader.store
    fid = store.feeds()[0].id
    bad = ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "--gpu-launcher=xcalc"]
    store.upsert_entries(fid, [ParsedEntry(f"g:bad{i}", link, link, f"Bad link {i}", None,
                                           f"2026-12-0{i + 1}T00:00:00+00:00", "<p>x</p>", "x", f"b{i}")
                               for i, link in enumerate(bad)])
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(webbrowser, "get", lambda *a: object())
    monkeypatch.setattr(filled_app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(filled_app, "copy_to_clipboard", copied.append)
    messages = record_answers(filled_app)
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        for row in range(4):
            table.move_cursor(row=row)
            await pilot.press("o", "y")
            await settle(filled_app, pilot)
        assert opened == [] and copied == []
        refusals = [m for m in messages if m.startswith("Not opened or copied: ")]
        assert len(refusals) == 8 and sum("only http and https links" in m for m in refusals) == 6, messages
        assert any("read it as an option" in m for m in refusals)  # --gpu-launcher=…


async def test_no_browser_copies_the_link_and_says_so(filled_app: ReaderApp, monkeypatch) -> None:
    copied: list[str] = []

    def no_browser(*args: object) -> object:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    monkeypatch.setattr(filled_app, "copy_to_clipboard", copied.append)
    async with filled_app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("o")
        await settle(filled_app, pilot)
        link = filled_app.query_one(ArticleList).current.link
        assert copied == [link]
        assert answer(filled_app) == "No web browser found; the link was copied instead."  # the article shows it
        assert toasts(filled_app) == []


async def test_small_terminal_hides_the_sidebar_drops_columns_and_scrolls_help(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        sidebar = filled_app.query_one(Sidebar)
        table = filled_app.query_one(ArticleList)
        assert not sidebar.display
        assert [str(c.label) for c in table.columns.values()] == [" ", "Title", "Outlet", "When"]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.size.width
        await pilot.press("f")
        await settle(filled_app, pilot)
        assert sidebar.display and sidebar.has_focus and sidebar.outer_size.width == 26
        assert [str(c.label) for c in table.columns.values()] == [" ", "Title", "When"]
        await pilot.press("f")
        await pilot.pause()
        assert not sidebar.display and table.has_focus
        footer_keys = {key for key, b in filled_app.active_bindings.items() if b.binding.show}
        assert footer_keys == {"r", "slash", "p", "t", "f", "question_mark", "q"}
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(filled_app.screen, HelpScreen)
        help_view = filled_app.screen.query_one("#help")
        assert filled_app.screen.region.contains_region(help_view.region)
        assert help_view.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert help_view.scroll_y == help_view.max_scroll_y


async def test_wide_terminal_keeps_badges_whole(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert filled_app.query_one(Sidebar).display
        widths = {key.value: col.width for key, col in table.columns.items()}
        titles = [table.get_cell(str(i), "title") for i in table.order]
        badged = [t for t in titles if "+2 outlets" in t.plain]
        assert len(badged) == 3 and all(t.plain.endswith("+2 outlets") for t in badged)
        assert all(t.cell_len <= widths["title"] for t in titles)
        topics = [table.get_cell(str(i), "topics").plain for i in table.order]
        assert "◆Secure Communities +1" in topics  # topics give way first: the title has twice their cells
        assert widths["title"] >= 2 * widths["topics"] > 0
        assert all(t.endswith(("enforcement", "Communities", "Verify", "Act", "(g)", "+1", "")) for t in topics)
        sidebar = filled_app.query_one(Sidebar)
        assert sidebar.region.height == filled_app.query_one("#panes").region.height  # background to the bottom


def test_columns_give_way_by_priority() -> None:
    wide = plan_columns(150, 36, 19)
    assert wide.when and wide.outlet == 19 and wide.topics == 35 and wide.title >= 2 * wide.topics
    assert plan_columns(150, 24, 40).outlet == 28  # an outlet column only as wide as the cap, names cut beyond
    assert plan_columns(200, 36, 12).topics == 36  # room enough: all the topics want
    medium = plan_columns(90, 36)
    assert medium.when and medium.outlet and not medium.topics
    narrow = plan_columns(60, 36)
    assert narrow.when and not narrow.outlet and narrow.title >= 30
    tiny = plan_columns(30, 36)
    assert not (tiny.when or tiny.outlet or tiny.topics) and tiny.title == 30


async def test_a_narrower_terminal_refits_the_cells_in_place_and_pages_widen_the_topics(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """A width change that keeps the columns rewrites titles (badges whole) without adding a row again; the topic
    column follows the widest topics of every page, measured as each page comes."""
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        before = [str(c.label) for c in table.columns.values()]
        added: list[object] = []
        add_row = table.add_row
        monkeypatch.setattr(table, "add_row", lambda *cells, **kw: (added.append(kw), add_row(*cells, **kw))[1])
        await pilot.resize_terminal(150, 45)
        await settle(filled_app, pilot)
        widths = {key.value: col.width for key, col in table.columns.items()}
        assert [str(c.label) for c in table.columns.values()] == before and added == []
        assert widths["title"] == table.columns_now.title
        titles = [table.get_cell(str(i), "title") for i in table.order]
        assert all(t.cell_len <= widths["title"] for t in titles)
        assert sum(t.plain.endswith("+2 outlets") for t in titles) == 3
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.size.width
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling left from the wider plan
        wanted = table.topics_wanted
        later = next(iter(table.articles.values()))
        wider = replace(later, id=10**6, title="A later page")
        table.show([wider], {wider.id: ["ICE enforcement", "Secure Communities", "E-Verify"]}, {}, False, False,
                   offset=len(table.order))  # the next page, joining the rows at their end
        assert table.topics_wanted > wanted  # measured from the new row alone
        table.show([], {}, {}, False, True)
        assert table.topics_wanted == 0  # a new list starts over


async def test_the_sidebar_and_the_e_screen_list_feeds_in_natural_order(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        loaded = filled_app.sidebar_data
        assert loaded is not None
        names = ["Feed 10", "feed 2", "Feed 1", "Feed 9", "Feed 100"]
        tags = ["tag 10", "Tag 9", "tag 1", "tag 10", "tag 1"]
        filled_app.sidebar_data = replace(loaded, feeds=[replace(f, name=n, tags=(t,), last_error="gone") for f, n, t
                                                          in zip(loaded.feeds, names, tags, strict=True)])
        filled_app._show_sidebar()
        by_id = {f.id: f.name for f in filled_app.sidebar_data.feeds}
        shown = [o.id.partition(":")[2] if o.id.startswith("tag:") else by_id[int(o.id.rsplit(":", 1)[1])]
                 for o in filled_app.query_one(Sidebar).options if o.id and o.id.startswith(("tag:", "feed:"))]
        assert shown == ["tag 1", "Feed 1", "Feed 100", "Tag 9", "feed 2", "tag 10", "Feed 9", "Feed 10"]
        failed, _ = filled_app.feeds_in_trouble()  # the e screen's order
        assert [f.name for f in failed] == ["Feed 1", "feed 2", "Feed 9", "Feed 10", "Feed 100"]
