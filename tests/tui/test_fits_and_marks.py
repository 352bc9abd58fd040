"""What a new user saw at 80 columns: answers whole, feeds in trouble explained and marked, bylines, dates and
quotes as the digest gives them, links broken at their separators, hanging indents, and columns sized by content."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

import reader.store.refresh_writes
from reader.copies import CopyText, compare_story
from reader.core import make_reader
from reader.fetch.refresh import refresh
from reader.store import ArticleFilter
from reader.tui.app import ReaderApp, build_app
from reader.tui.format import hanging, link_lines, plain
from reader.tui.messages import BrowserMissing, StoreWaiting, StoreWriteFailed
from reader.tui.screens.copies import copies_text
from reader.tui.screens.failed_feeds import FailedFeeds
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import QuoteList, ReadingView
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import NOW, answer, count_news_finders, record_answers, settle, wait_until
from tests.tui.test_app import open_seed

SMALL, LARGE = (80, 24), (160, 45)
LINK = ("https://countyherald.example/news/2026/11/30/county-board-weighs-e-verify-rule-for-contractors-after-long-"
        "public-hearing-on-tuesday-evening")
HERALD = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>County Herald</title><link>https://countyherald.example/</link>
<item><title>County board weighs E-Verify rule for contractors</title><link>{LINK}</link>
<guid>ch-1</guid><author>news@countyherald.example (Pat Quinn)</author>
<pubDate>Mon, 30 Nov 2026 09:30:00 GMT</pubDate>
<description><![CDATA[<p>The county board on Monday weighed a rule requiring contractors to use E-Verify.</p>
<p>"This is about fairness to local workers," said Commissioner Ana Ruiz, who sponsored the measure.</p>
<p>"We will not accept a mandate that drives up costs for small firms and pushes work out of the county," one
contractor said at the hearing.</p>]]></description></item>
<item><title>Second item</title><guid>ch-2</guid><description>unclosed <b>bold
</description></item>
</channel>
"""
TROUBLE = """
[[feeds]]
name = "County Herald"
url = "reader/samples/county-herald.xml"
tags = ["local"]

[[feeds]]
name = "Gone Gazette"
url = "reader/samples/missing.xml"
tags = ["local"]
"""


@pytest.fixture
def troubled_app(sample_dir: Path) -> ReaderApp:
    """The sample store, then two feeds the app's own `r` brings: one read only in part (its XML breaks after the
    first item, so it warns), one whose file is missing (it fails and has no articles)."""
    reader = make_reader(sample_dir / "feeds.toml", sample_dir / "r.db")
    refresh(reader.store, replace(reader.config, fetch=replace(reader.config.fetch, concurrency=1)))
    reader.close()
    (sample_dir / "reader" / "samples" / "county-herald.xml").write_text(HERALD)
    config = (sample_dir / "feeds.toml").read_text()
    at = config.index("# Real feeds")
    (sample_dir / "feeds.toml").write_text(config[:at] + TROUBLE + config[at:])
    return build_app(sample_dir / "feeds.toml", sample_dir / "r.db", now=lambda: NOW)


def drawn(widget: Widget) -> str:
    """What the widget puts on screen now, line by line."""
    width, height = widget.outer_size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def shown_whole(app: ReaderApp) -> bool:
    """Whether the status line's answer is on screen to its last character (wrapped lines included)."""
    activity = app.query_one("#activity", Static)
    text = str(activity.render())
    return "".join(text.split()) in "".join(drawn(activity).split())


async def refresh_in_app(app: ReaderApp, pilot: object) -> None:
    await pilot.press("r")  # type: ignore[attr-defined]
    await settle(app, pilot)
    await wait_until(pilot, lambda: not app.refreshing)


async def test_every_answer_is_shown_whole_at_80_columns(troubled_app: ReaderApp,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    def no_browser() -> None:
        raise webbrowser.Error("none")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    monkeypatch.setattr(troubled_app, "copy_to_clipboard", lambda text: None)
    answers = record_answers(troubled_app)
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        await refresh_in_app(troubled_app, pilot)
        assert "1 failed, 1 read in part: press e" in answer(troubled_app) and shown_whole(troubled_app)
        await open_seed(troubled_app, pilot)
        checked = 0
        for keys in (["o"], ["y"], ["m"], ["s"], ["d"], ["d"], ["p"], ["c"], ["n"], ["N"],
                     ["G", "right_square_bracket"], ["g", "left_square_bracket"], ["tab", "tab", "o"]):
            await pilot.press(*keys)
            await settle(troubled_app, pilot)
            if troubled_app.screen is not troubled_app.screen_stack[0]:
                await pilot.press("escape")
                await settle(troubled_app, pilot)
            assert shown_whole(troubled_app), (keys, answer(troubled_app), drawn(troubled_app.query_one("#activity")))
            checked += 1
        for message in (BrowserMissing(LINK), StoreWriteFailed("marking the article read"),
                        StoreWaiting("marking the article read")):
            troubled_app.post_message(message)
            await settle(troubled_app, pilot)
            assert shown_whole(troubled_app), answer(troubled_app)
        assert "No web browser found; the link was copied instead." in answers
        assert checked and len(set(answers)) >= 8, answers


async def test_a_feed_in_trouble_is_marked_and_its_view_says_why_and_what_to_do(troubled_app: ReaderApp) -> None:
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        await refresh_in_app(troubled_app, pilot)
        sidebar = troubled_app.query_one(Sidebar)
        prompts = {o.id: o.prompt.plain for o in sidebar.options if o is not None and o.id}
        gone = next(k for k, v in prompts.items() if "Gone Gazette" in v)
        herald = next(k for k, v in prompts.items() if "County Herald" in v)
        assert prompts[gone].startswith("  ! ") and prompts[herald].startswith("  ~ ")
        others = [v for k, v in prompts.items() if k.startswith("feed:") and k not in (gone, herald)]
        assert others and all(v.startswith("    ") for v in others)
        troubled_app.sidebar_choice = True
        troubled_app.fit_sidebar()
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index(gone)
        await pilot.press("enter")
        await settle(troubled_app, pilot)
        note = str(troubled_app.query_one("#article-header", Static).render())
        assert "Gone Gazette has no articles yet: its last fetch failed (failing since " in note
        assert "missing.xml" in note and "feeds.toml" in note and "press r" in note
        assert "last fetch failed: e says why" in str(troubled_app.query_one("#view-status").render())
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index(herald)
        await pilot.press("enter")
        await settle(troubled_app, pilot)
        note = str(troubled_app.query_one("#article-header", Static).render())
        assert "County Herald's last fetch read only part of the feed:" in note and "not well-formed" in note
        assert "feed read in part: e says why" in str(troubled_app.query_one("#view-status").render())
        await pilot.press("e")
        await settle(troubled_app, pilot)
        assert isinstance(troubled_app.screen, FailedFeeds)
        listed = "\n".join(drawn(s) for s in troubled_app.screen.query(Static))
        assert "Feeds whose last fetch failed (1)" in listed
        assert "Feeds last read only in part (1)" in listed
        await pilot.press("escape")
        await pilot.press("question_mark")
        await settle(troubled_app, pilot)
        assert isinstance(troubled_app.screen, HelpScreen)
        help_text = " ".join(" ".join(drawn(s) for s in troubled_app.screen.query(Static)).split())
        assert "! the feed's last fetch failed" in help_text and "~ its last fetch read only part" in help_text
        assert "ctrl+q" in help_text and "quit from anywhere" in help_text


async def test_a_feed_read_in_part_by_another_program_is_marked_too(troubled_app: ReaderApp,
                                                                      sample_dir: Path) -> None:
    """The mark comes from the store: a `reader fetch` from cron shows it without the app's own r."""
    fetched = subprocess.run([sys.executable, "-m", "reader", "--config", str(sample_dir / "feeds.toml"), "--db",
                              str(sample_dir / "r.db"), "fetch"], capture_output=True, text=True, cwd=sample_dir)
    assert "County Herald" in fetched.stderr and "not well-formed" in fetched.stderr, fetched
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        prompts = [o.prompt.plain for o in troubled_app.query_one(Sidebar).options if o is not None and o.id]
        assert any(p.startswith("  ~ ") and "County Herald" in p for p in prompts), prompts
        await pilot.press("e")
        await settle(troubled_app, pilot)
        listed = "\n".join(drawn(s) for s in troubled_app.screen.query(Static))
        assert "Feeds last read only in part (1)" in listed and "not well-formed" in listed


async def test_the_reading_view_gives_the_byline_date_link_and_quotes_as_the_digest_does(
        troubled_app: ReaderApp) -> None:
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        await refresh_in_app(troubled_app, pilot)
        table = troubled_app.query_one(ArticleList)
        herald = next(i for i in table.order if table.articles[i].feed_name == "County Herald"
                      and table.articles[i].author)
        table.move_cursor(row=table.order.index(herald))
        await pilot.press("enter")
        await settle(troubled_app, pilot)
        header = drawn(troubled_app.query_one("#article-header", Static))
        assert f"#{herald} · County Herald · Pat Quinn · 30 Nov 2026, 09:30 UTC" in header
        link_widget = troubled_app.query_one("#article-link")
        link = drawn(link_widget).splitlines()
        assert [line.strip() for line in link if line.strip()] == link_lines(LINK, link_widget.content_region.width)
        assert link[0].strip().endswith("/30/")  # broken after a "/", not mid-word
        quotes = troubled_app.query_one(QuoteList)
        lines = drawn(quotes).splitlines()
        said = " ".join(" ".join(lines).replace("▌", " ").replace("│", " ").split())
        # A described speaker is what the outlet quoted, as the digest says it, not a name in italics.
        assert "out of the county” — County Herald, quoting one contractor" in said
        width, height = quotes.outer_size
        italic = {seg.text.strip(): bool(seg.style and seg.style.italic)
                  for strip in quotes.render_lines(Region(0, 0, width, height)) for seg in strip
                  if "County Herald" in seg.text or "one contractor" in seg.text}
        assert italic == {"County Herald": True, ", quoting one contractor": False}, italic  # italic marks a name
        start = next(n for n, line in enumerate(lines) if "We will not accept" in line)
        bar = lines[start].index("▌")
        assert lines[start + 1][bar:bar + 2] == "  " and lines[start + 1][bar + 2] != " "  # hanging indent


def test_link_lines_break_after_separators_and_cut_only_runs_without_one() -> None:
    assert link_lines(LINK, 76) == ["https://countyherald.example/news/2026/11/30/",
                                    "county-board-weighs-e-verify-rule-for-contractors-after-long-public-hearing-",
                                    "on-tuesday-evening"]
    assert link_lines("https://x.example/" + "a" * 45, 20) == ["https://x.example/", "a" * 20, "a" * 20, "a" * 5]
    assert link_lines("https://x.example/", 80) == ["https://x.example/"]


def test_link_lines_count_cells_so_a_wide_path_is_never_cropped() -> None:
    """A path in wide characters takes two cells a letter: each line fits, and together they are the link."""
    link = "https://news.example/" + "ニュース/" * 20
    lines = link_lines(link, 30)
    assert "".join(lines) == link and all(cell_len(line) <= 30 for line in lines)
    assert lines[1] == "ニュース/" * 3  # 15 letters of two cells, broken after a "/"


def test_copies_and_markers_indent_their_continuation_lines() -> None:
    paragraph = "The sheriff said the county would not hold anyone for federal agents without a judge's warrant."
    texts = [CopyText("Wire", None, "Deal", ("First.",)), CopyText("Paper", None, "Deal", ("First.", paragraph))]
    console = Console(width=40, record=True)
    console.print(copies_text(texts[0], compare_story(texts)))
    lines = console.export_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("  + "))
    assert lines[start + 1].startswith("    ") and lines[start + 1][4] != " "
    console = Console(width=20, record=True)
    console.print(hanging("▌ ", plain("one two three four five six seven")))
    assert all(line.startswith("  ") for line in console.export_text().splitlines()[1:])


async def test_d_says_exactly_what_it_shows_or_hides(filled_app: ReaderApp) -> None:
    answers = record_answers(filled_app)
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.cleaned is not None and view.cleaned.collapsed
        view.cleaned = replace(view.cleaned, furniture=())
        await pilot.press("d")
        n = len(view.cleaned.collapsed)
        assert answers[-1] == f"{n} repeated paragraph{'s' if n > 1 else ''} shown below the article."
        view.cleaned = replace(view.cleaned, collapsed=(), furniture=("Share this story",))
        await pilot.press("d")
        assert answers[-1] == "1 line of page furniture hidden."
        view.cleaned = replace(view.cleaned, furniture=())
        await pilot.press("d")
        assert answers[-1] == "Nothing hidden here: no repeated paragraphs or page furniture."


async def test_at_160_columns_outlets_show_whole_and_topics_take_no_more_than_they_need(
        filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        plan = table.columns_now
        outlets = [table.get_cell(str(i), "outlet").plain for i in table.order]
        assert "Borderlands Tribune" in outlets and not any(o.endswith("…") for o in outlets)
        assert plan.outlet == max(len(o) for o in outlets)
        assert 0 < plan.topics <= min(table.topics_wanted, plan.title)
        assert all(table.get_cell(str(i), "when").plain for i in table.order)


async def test_a_fetch_by_another_program_renews_the_news_finder(filled_app: ReaderApp, sample_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    built = count_news_finders(monkeypatch)
    async with filled_app.run_test(size=LARGE) as pilot:
        await settle(filled_app, pilot)
        filled_app.apply_filter(ArticleFilter(unread_only=True), "Unread", "unread")
        await settle(filled_app, pilot)
        assert len(built) == 1  # nothing changed the store: the same finder
        # `reader fetch` from cron: another connection records a fetch, a little later than the last one.
        monkeypatch.setattr(reader.store.refresh_writes, "utc_now", lambda: "2099-01-01T00:00:00+00:00")
        other = make_reader(sample_dir / "feeds.toml", sample_dir / "r.db")
        other.store.record_fetch(other.store.feeds()[0].id, status="200")
        other.close()
        filled_app.apply_filter(ArticleFilter(), "All", "all")
        await settle(filled_app, pilot)
        assert len(built) == 2



def test_an_answer_quotes_a_long_title_cut_after_a_whole_word(filled_app: ReaderApp) -> None:
    from reader.tui.actions import ANSWER_TITLE_CHARS, _short_title

    store = make_reader(filled_app.reader.config.path, filled_app.reader.store.path).store
    article = store.list_articles(ArticleFilter())[0]
    long = replace(article, title="County board weighs E-Verify rule for contractors after a long hearing")
    assert _short_title(long) == "County board weighs E-Verify rule for…"
    assert len(_short_title(long)) <= ANSWER_TITLE_CHARS + 1
    assert _short_title(replace(article, title="Short")) == "Short"
    store.close()
