"""The reader marks articles that bring something new (✦), underlines their new sentences, and `c` compares copies."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from reader.tui.app import ReaderApp, build_app
from reader.tui.screens.copies import CopiesScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from tests.tui.conftest import NOW, settle
from tests.tui.test_app import SIZE, row_titles

COUNCIL_VOTE = ("The Frederick County Council voted 4 to 3 on Friday night to renew the sheriff’s agreement for "
                "three more years, over the objections of immigrant advocates who packed the hearing.")


def day_one_a_day_earlier(sample_dir: Path) -> ReaderApp:
    """The app over the samples with day one of the 287(g) story first seen the day before the rest."""
    with sqlite3.connect(sample_dir / "r.db") as conn:
        (seen,) = conn.execute("SELECT first_seen FROM articles WHERE title LIKE 'Lake County sheriff%'").fetchone()
        earlier = (datetime.fromisoformat(seen) - timedelta(days=1)).isoformat(timespec="seconds")
        conn.execute("UPDATE articles SET first_seen = ?1, updated = ?1 WHERE title LIKE 'Lake County sheriff%'",
                     (earlier,))
    return build_app(sample_dir / "feeds.toml", sample_dir / "r.db", now=lambda: NOW)


async def select(app: ReaderApp, pilot: object, title: str) -> None:
    app.query_one(ArticleList).move_cursor(row=row_titles(app).index(title))
    await settle(app, pilot)


async def test_day_two_is_marked_and_its_development_underlined(filled_app: ReaderApp, sample_dir: Path) -> None:
    app = day_one_a_day_earlier(sample_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.query_one(ArticleList)
        marked = {table.articles[i].title for i in table.news}
        assert marked and "Sheriffs split over 287(g) agreements as Secure Communities grows" in marked
        assert "Lake County sheriff drops 287(g) deal as Frederick County weighs renewal" not in marked
        day_two = next(i for i in table.order if table.articles[i].title.startswith("Sheriffs split"))
        assert str(table.get_cell(str(day_two), "marks")).endswith("✦")
        await select(app, pilot, "Sheriffs split over 287(g) agreements as Secure Communities grows")
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.query_one(ReadingView)
        assert view.new_sentences == (COUNCIL_VOTE,)
        body = view.query_one("#article-body").render()
        assert "✦ 1 sentence new since the recent coverage" in str(body)


async def test_nothing_is_marked_without_earlier_coverage(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        assert filled_app.query_one(ArticleList).news == set()  # every sample first seen today: no history


async def test_c_opens_the_copies_of_a_wire_story(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await select(filled_app, pilot, "DHS presses ahead with Secure Communities despite criticism")
        await pilot.press("c")
        await settle(filled_app, pilot)
        screen = filled_app.screen
        assert isinstance(screen, CopiesScreen)
        assert screen.earliest.source == "Civic Wire"
        assert [(c.copy.source, len(c.added), len(c.cut)) for c in screen.changes] == [
            ("Metro Ledger", 0, 1), ("Capitol Dispatch", 2, 0)]
        await pilot.press("escape")
        await settle(filled_app, pilot)
        await select(filled_app, pilot, "Fare hike hearings set for October")
        await pilot.press("c")
        await settle(filled_app, pilot)
        assert not isinstance(filled_app.screen, CopiesScreen)  # one outlet: a notification says so


async def test_a_reloaded_view_drops_marks_the_new_page_does_not_bring(filled_app: ReaderApp) -> None:
    """Marks are found per page after it loads, so a reload must not keep an earlier page's ✦."""
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        first = next(iter(table.articles.values()))
        table.mark_news(frozenset({first.id}))
        assert table.news == {first.id}
        table.show(list(table.articles.values()), {}, {}, more=False, reset=True)
        assert table.news == set()
