"""Every key answers on the status line without hiding it, and every article key acts on one known article."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from rich.text import Text

import reader.tui.status_line
from reader.store import ArticleFilter
from reader.store.lock import refresh_lock
from reader.tui.app import ReaderApp
from reader.tui.keys import ARTICLE_KEYS_RULE, KEYS
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.topic_picker import TopicPicker
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import READ_HINT, QuoteList, ReadingView
from reader.tui.widgets.sidebar import Sidebar, fit_name
from tests.tui.conftest import answer, record_answers, settle, show_sidebar_entry, toasts, wait_until
from tests.tui.test_app import open_seed, row_titles

SMALL, LARGE = (80, 24), (160, 45)
OTHER = "DHS to press ahead with Secure Communities"  # "+2 outlets", no repeats


def header(app: ReaderApp) -> str:
    return str(app.query_one("#article-header").render())


async def test_answers_replace_each_other_on_the_status_line_and_toasts_never_cover_it(
        filled_app: ReaderApp, sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filled_app, "copy_to_clipboard", lambda text: None)
    async with filled_app.run_test(size=SMALL, notifications=True) as pilot:  # toasts are drawn
        await settle(filled_app, pilot)
        await pilot.press("y", "y", "y", "s", "s", "left_square_bracket", "left_square_bracket")
        await settle(filled_app, pilot)
        assert toasts(filled_app) == []  # routine answers are never toasts
        assert answer(filled_app) == "This is the first article in this view."  # the last answer replaced the rest
        with refresh_lock(str(sample_dir / "r.db")):  # a `reader fetch` elsewhere: news, not a failure (try11)
            for _ in range(3):
                await pilot.press("r")
                await settle(filled_app, pilot)
        assert toasts(filled_app) == [] and answer(filled_app).startswith("Another program is refreshing")
        for n in range(3):  # errors of one kind (a worker's failure) keep one toast, the latest
            filled_app.notify(f"failure {n}", title="Refresh failed", severity="error")
            await settle(filled_app, pilot)
        shown = toasts(filled_app)
        assert len(shown) == 1 and shown[0].startswith("Refresh failed: failure 2"), shown
        filled_app.notify("another kind", title="Something else")
        await settle(filled_app, pilot)
        drawn = list(filled_app.screen.query("Toast"))
        assert len(drawn) == 2
        status, footer = filled_app.query_one("#status").region, filled_app.query_one("Footer").region
        for toast in drawn:
            assert not toast.region.overlaps(status) and not toast.region.overlaps(footer), toast.region


async def test_an_answer_gives_way_to_the_activity_after_a_while(filled_app: ReaderApp,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader.tui.status_line, "SAY_SECONDS", 0.5)
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("r")
        await settle(filled_app, pilot)
        assert answer(filled_app) == "Refreshed 5 feeds: 0 new"
        await pilot.press("e")
        assert answer(filled_app) == "No feed failed on its last fetch, and none was read only in part."
        await wait_until(pilot, lambda: answer(filled_app).startswith("Refreshed"))
        assert answer(filled_app) == "Refreshed 5 feeds: 0 new"


@pytest.mark.parametrize("pane", ["list", "sidebar", "article", "quotes"])
async def test_every_article_key_acts_on_the_article_the_rule_names(filled_app: ReaderApp, pane: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed is open; the list highlights another article. The list and sidebar act on that one, the reading
    view and its quotes on the seed; p and d, which change the reading view, refuse the one not open."""
    opened: list[str] = []
    copied: list[str] = []
    compared: list[int] = []
    monkeypatch.setattr(webbrowser, "get", lambda *a: object())
    monkeypatch.setattr(filled_app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(filled_app, "copy_to_clipboard", copied.append)
    monkeypatch.setattr(filled_app, "load_copies", compared.append)
    store = filled_app.reader.store
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view, table = filled_app.query_one(ReadingView), filled_app.query_one(ArticleList)
        seed = view.article.id
        table.move_cursor(row=row_titles(filled_app).index(OTHER))
        other = table.current.id
        on_list = pane in ("list", "sidebar")
        target = other if on_list else seed
        widget = {"list": table, "sidebar": filled_app.query_one(Sidebar), "article": view,
                  "quotes": filled_app.query_one(QuoteList)}[pane]
        widget.focus()
        await pilot.pause()
        was_read = store.article(target).is_read
        await pilot.press("m", "s")
        await settle(filled_app, pilot)
        assert store.article(target).is_read is not was_read and store.article(target).is_starred
        untouched = store.article(seed if on_list else other)
        assert untouched.is_read is on_list and not untouched.is_starred  # the seed was read by opening it
        assert answer(filled_app).startswith("Starred: ")
        await pilot.press("o", "y", "c")
        await settle(filled_app, pilot)
        assert opened == copied == [store.article(target).link] and compared == [target]
        await pilot.press("p", "d")
        await settle(filled_app, pilot)
        if on_list:
            assert answer(filled_app) == "This article is not open: press enter first."
            assert store.pins() == [] and not view.show_repeats
        else:
            assert [p.article_id for p in store.pins()] == [seed] and view.show_repeats
        assert view.article.id == seed  # no key opened another article


async def test_the_reading_pane_with_no_article_takes_no_focus(filled_app: ReaderApp) -> None:
    """Keys there could only say "open an article first": the pane is not focused (tab and clicks pass it by), so
    the keys act on the list's highlighted article, and p and d say it is not open."""
    answers = record_answers(filled_app)
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        filled_app.query_one(ReadingView).focus()
        await pilot.pause()
        assert isinstance(filled_app.focused, ArticleList)
        await pilot.press("p", "d")
        assert answers == ["This article is not open: press enter first."] * 2


async def test_the_help_screen_states_which_article_the_keys_act_on(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(filled_app.screen, HelpScreen)
        assert str(filled_app.screen.query_one("#article-keys-rule").render()) == ARTICLE_KEYS_RULE


async def test_an_empty_view_says_so_in_the_reading_pane_as_on_the_status_line(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        await pilot.press("slash", *"E-Verify fines", "enter")
        await settle(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.article is None and not view.query_one(QuoteList).display
        assert header(filled_app) == "No articles match “E-Verify fines”; press escape to clear the search."
        assert str(filled_app.query_one("#view-status").render()).endswith("no articles match · escape clears")
        await pilot.press("escape")
        await settle(filled_app, pilot)
        assert header(filled_app) == READ_HINT
        await show_sidebar_entry(filled_app, pilot, "starred")
        assert header(filled_app) == "No articles in Starred; press escape to show all."
        assert str(filled_app.query_one("#view-status").render()) == "Starred · no articles match · escape shows all"


async def test_n_and_N_answer_when_there_is_nothing_unread(filled_app: ReaderApp) -> None:
    answers = record_answers(filled_app)
    store = filled_app.reader.store
    store.set_read([a.id for a in store.list_articles(limit=100)])
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("n")
        await settle(filled_app, pilot)
        await pilot.press("N")
        await settle(filled_app, pilot)
        assert answers == ["No unread articles in this view."] * 2
        assert filled_app.query_one(ReadingView).article is None
        await pilot.press("slash", *"E-Verify fines", "enter")
        await settle(filled_app, pilot)
        await pilot.press("n", "N")
        await settle(filled_app, pilot)
        assert answers[2:] == ["No unread articles: this view is empty."] * 2


async def test_topic_picker_has_a_title_and_a_hint(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("t")
        await pilot.pause()
        box = filled_app.screen.query_one("#topic-picker")
        assert box.border_title == "Show one tracked topic"
        hint = str(filled_app.screen.query_one("#topic-hint").render())
        assert "enter shows it" in hint and "escape cancels" in hint
        assert box.region.right <= SMALL[0] and filled_app.screen.query_one("#topic-hint").region.height == 1
        for close in ("escape", "q", "t"):  # as the other boxes close, and the key that opened it
            await pilot.press(close)
            await pilot.pause()
            assert not isinstance(filled_app.screen, TopicPicker) and filled_app.is_running, close
            if close != "t":
                await pilot.press("t")
                await pilot.pause()
                assert isinstance(filled_app.screen, TopicPicker)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x45"])
async def test_sidebar_entries_are_cut_alike_and_keep_their_counts(filled_app: ReaderApp,
                                                                   size: tuple[int, int]) -> None:
    async with filled_app.run_test(size=size) as pilot:
        await settle(filled_app, pilot)
        if size == SMALL:
            await pilot.press("f")
            await settle(filled_app, pilot)
        sidebar = filled_app.query_one(Sidebar)
        width = sidebar.scrollable_content_region.width
        prompts = [o.prompt for o in sidebar.options if o is not None and o.id]
        assert {p.cell_len for p in prompts} == {width}  # every entry one line, its count in one column
        counts = {"all": 13, "unread": 13, "starred": 0, "feed:politics:5": 2, "topic:ICE enforcement": 6}
        for option_id, count in counts.items():
            assert sidebar.get_option(option_id).prompt.plain.endswith(f" {count}"), option_id
        cut = [p.plain for p in prompts if "…" in p.plain]
        if size == SMALL:  # a feed, and a topic, cut the same way: no space before the ellipsis
            assert any("Borderlands T…" in p for p in cut) and any("◆ Secure Commun…" in p for p in cut), cut
        else:
            assert cut == []


def test_fit_name_cuts_with_an_ellipsis_and_pads_to_one_width() -> None:
    assert fit_name(Text("Borderlands Tribune"), 13).plain == "Borderlands… "  # no space before the "…"
    assert fit_name(Text("Borderlands Tribune"), 14).plain == "Borderlands T…"
    assert fit_name(Text("# politics"), 14).plain == "# politics    "


async def test_tab_goes_round_the_panes_in_the_order_the_help_names(filled_app: ReaderApp) -> None:
    shown = next(k.description for k in KEYS if k.shown == "tab / shift+tab")
    assert "(sidebar, list, the open article, its key quotes)" in shown
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        order = []
        for _ in range(4):
            order.append(type(filled_app.focused))
            await pilot.press("tab")
        assert order == [ArticleList, ReadingView, QuoteList, Sidebar]


async def test_tab_skips_the_reading_pane_while_no_article_is_open(filled_app: ReaderApp) -> None:
    """Nothing to scroll or act on in it (its keys would only say "open an article first"): tab goes from the list
    to the sidebar, and back to the list; once an article is open, the pane takes its turn again. A pane that
    loses its article while focused (its view emptied) hands the focus back to the list."""
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.article is None and isinstance(filled_app.focused, ArticleList)
        order = []
        for _ in range(3):
            await pilot.press("tab")
            order.append(type(filled_app.focused))
        assert order == [Sidebar, ArticleList, Sidebar]
        await pilot.press("shift+tab")
        assert isinstance(filled_app.focused, ArticleList)
        await pilot.press("enter")
        await settle(filled_app, pilot)
        await pilot.press("tab")
        assert filled_app.focused is view
        await pilot.press("s", "escape")  # starred, then back to All: the list stays on its article
        await settle(filled_app, pilot)
        filled_app.apply_filter(ArticleFilter(search="no such words anywhere"), "Search", "")
        await settle(filled_app, pilot)
        assert view.article is None and isinstance(filled_app.focused, ArticleList)


async def test_the_sidebar_follows_each_resize_at_once(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        sidebar = filled_app.query_one(Sidebar)
        assert not sidebar.display
        await pilot.resize_terminal(*LARGE)
        await settle(filled_app, pilot)
        assert sidebar.display and sidebar.outer_size.width == 32
        await pilot.resize_terminal(110, 40)
        await settle(filled_app, pilot)
        assert sidebar.display and sidebar.outer_size.width == 26
        await pilot.resize_terminal(*SMALL)
        await settle(filled_app, pilot)
        assert not sidebar.display


async def test_r_during_a_refresh_says_so_briefly_and_the_progress_comes_back(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        filled_app.refreshing = True  # as while a refresh's workers run
        filled_app._set_activity("Refreshing 2/5: Civic Wire")
        await pilot.press("r")
        assert answer(filled_app) == "A refresh is already running."
        await wait_until(pilot, lambda: answer(filled_app) != "A refresh is already running.")  # after 2 s
        assert answer(filled_app) == "Refreshing 2/5: Civic Wire"


async def test_unstarring_the_article_being_read_in_starred_keeps_it_open(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        await pilot.press("s")
        await settle(filled_app, pilot)
        await show_sidebar_entry(filled_app, pilot, "starred")
        view.focus()
        await pilot.press("s")  # the view is now empty, but the article stays open until the view changes
        await settle(filled_app, pilot)
        assert str(filled_app.query_one("#view-status").render()).startswith("Starred · no articles match")
        assert view.article is not None and not view.article.is_starred


async def test_the_view_takes_the_whole_status_line_when_nothing_else_is_said(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("slash", *"E-Verify fines and penalties", "enter")
        await settle(filled_app, pilot)
        view = filled_app.query_one("#view-status")
        assert view.region.width > SMALL[0] * 0.6  # whole: "Search “…” · no articles match · escape clears"
        await pilot.press("m")  # an answer takes the right side; the view keeps the left
        assert answer(filled_app) == "No articles in this view."
        assert view.region.width <= SMALL[0] * 0.6


async def test_an_answer_ended_early_stops_its_timer(filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Else that timer would still fire, and end the next answer before its time."""
    answer_timers, stopped = [], []
    make_timer = filled_app.set_timer

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        timer = make_timer(*args, **kwargs)
        if kwargs.get("callback", args[1] if len(args) > 1 else None) == filled_app._end_say:
            answer_timers.append(timer)
            stop = timer.stop
            timer.stop = lambda: (stopped.append(timer), stop())[1]  # type: ignore[method-assign]
        return timer

    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        monkeypatch.setattr(filled_app, "set_timer", spying)
        await pilot.press("e")  # an answer, with its timer
        await pilot.press("slash", "x", "enter")  # a new view ends that answer early
        await settle(filled_app, pilot)
        assert len(answer_timers) == 1 and stopped == answer_timers
