"""What the reader's background work costs and when it ends: pins, opening, the ✦ search and locked writes."""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time

import pytest
from textual.worker import get_current_worker

import reader.text.clean as cleaning
import reader.tui.workers as workers
from reader.models import Article
from reader.store import ArticleFilter
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import PAGE_SIZE, ArticleList
from reader.tui.widgets.reading_view import QuoteList, ReadingView
from reader.what_changed import NewsFinder
from tests.tui.conftest import add_paged_entries, count_news_finders, record_answers, settle, text_of, wait_until
from tests.tui.test_app import SIZE, open_seed, row_titles

SEED = "Task Force Critical of Secure Communities Program"


async def test_pinning_redraws_the_quotes_only(filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """p changes the pins: the article is not cleaned, searched or drawn again (its underlines would flicker)."""
    cleaned: list[int] = []
    clean = cleaning.clean_stored_article  # open_article takes it from reader.text.clean when it runs
    monkeypatch.setattr(cleaning, "clean_stored_article", lambda a, terms: (cleaned.append(a.id), clean(a, terms))[1])
    searched: list[int] = []
    search = NewsFinder.new_sentences
    monkeypatch.setattr(NewsFinder, "new_sentences", lambda self, a, p: (searched.append(a.id), search(self, a, p))[1])
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await open_seed(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert (cleaned, searched) == ([view.article.id], [view.article.id])
        bodies: list[int] = []
        draw_body = view._render_body
        monkeypatch.setattr(view, "_render_body", lambda: (bodies.append(1), draw_body())[1])
        await pilot.press("p")
        await settle(filled_app, pilot)
        [pin] = filled_app.reader.store.pins()
        assert view.pinned_texts == {pin.text}
        label = text_of(view.query_one(QuoteList).get_option_at_index(0).prompt)
        assert label.startswith("◉ pinned") and pin.text[:30] in label
        assert (cleaned, searched, bodies) == ([view.article.id], [view.article.id], [])
        await pilot.press("p")
        await settle(filled_app, pilot)
        assert view.pinned_texts == set() and bodies == [] and len(cleaned) == 1
        assert text_of(view.query_one(QuoteList).get_option_at_index(0).prompt).startswith("▌ ")


async def test_opening_marks_read_without_waiting_for_the_new_sentence_search(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    search = NewsFinder.new_sentences

    def held(self: NewsFinder, article: Article, paragraphs: list[str]) -> list[str]:
        started.set()
        release.wait(60)
        return search(self, article, paragraphs)

    monkeypatch.setattr(NewsFinder, "new_sentences", held)
    async with filled_app.run_test(size=SIZE) as pilot:
        try:
            await settle(filled_app, pilot)
            table = filled_app.query_one(ArticleList)
            table.move_cursor(row=row_titles(filled_app).index(SEED))
            seed = table.current.id
            await pilot.press("enter")
            store = filled_app.reader.store
            await wait_until(pilot, lambda: started.is_set() and store.article(seed).is_read
                             and table.current is not None and table.current.is_read)
            assert started.is_set() and not release.is_set()  # the search is still held...
            assert store.article(seed).is_read and table.current.is_read  # ...and the article is read already
            assert filled_app.query_one(ReadingView).article.id == seed
        finally:
            release.set()
        await settle(filled_app, pilot)


async def test_one_news_finder_serves_every_page_and_article_until_a_refresh(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    built = count_news_finders(monkeypatch)
    add_paged_entries(filled_app)
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        assert len(built) <= 1  # built when a listed row has a topic (only those can bring news)
        table = filled_app.query_one(ArticleList)
        for _ in range(3):  # to the end of each page, which loads the next (G would load the last page alone)
            table.move_cursor(row=len(table.order) - 1)
            await settle(filled_app, pilot)
        assert len(table.order) > 2 * PAGE_SIZE and not table.more
        await pilot.press("enter")
        await settle(filled_app, pilot)
        filled_app.apply_filter(ArticleFilter(unread_only=True), "Unread", "unread")
        await settle(filled_app, pilot)
        assert len(built) == 1  # three pages, an opened article and another view: one finder
        await pilot.press("r")
        await settle(filled_app, pilot)
        await pilot.press("enter")  # the first page has no topic rows: the opened article asks for the finder
        await settle(filled_app, pilot)
        assert len(built) == 2  # a refresh may have changed the past days it reads


async def test_pages_and_an_article_asking_while_the_news_finder_is_built_share_that_one(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building a NewsFinder takes 0.65 s at 100,000 articles: a second page and an opened article asking for one
    while the first page's is built wait for it (one build), and each is then searched with it."""
    built, started, release = [], threading.Event(), threading.Event()
    init = NewsFinder.__init__

    def held(self: NewsFinder, *args: object) -> None:
        built.append(1)
        started.set()
        release.wait(60)
        init(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(NewsFinder, "__init__", held)
    searched: list[int] = []
    brings, sentences = NewsFinder.brings_news, NewsFinder.new_sentences
    monkeypatch.setattr(NewsFinder, "brings_news", lambda self, a: (searched.append(a.id), brings(self, a))[1])
    opened: list[int] = []
    monkeypatch.setattr(NewsFinder, "new_sentences",
                        lambda self, a, p: (opened.append(a.id), sentences(self, a, p))[1])
    async with filled_app.run_test(size=SIZE) as pilot:
        table = filled_app.query_one(ArticleList)
        try:
            await wait_until(pilot, started.is_set)  # the first page's rows with topics asked for it
            page = [table.articles[aid] for aid in table.order if table.badges[aid][0]][:3]  # rows with topics
            filled_app.find_news(page, filled_app.generation, False)  # another page loaded meanwhile
            await pilot.press("enter")  # and an article opened
            await wait_until(pilot, lambda: len(filled_app.news_finder_waiting) == 3)
        finally:
            release.set()
        await settle(filled_app, pilot)
        assert len(built) == 1
        assert filled_app.news_finder_waiting == [] and not filled_app.news_finder_building
        assert sorted(aid for aid in searched if aid in {a.id for a in page}) == sorted([a.id for a in page] * 2)
        assert opened == [table.order[0]]


async def test_the_news_search_stops_as_soon_as_a_newer_list_replaces_it(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    entered, gate = threading.Event(), threading.Event()
    after_cancel: list[int] = []
    brings = NewsFinder.brings_news

    def gated(self: NewsFinder, article: Article) -> bool:
        if get_current_worker().is_cancelled:
            after_cancel.append(article.id)
        entered.set()
        gate.wait(60)
        return brings(self, article)

    monkeypatch.setattr(NewsFinder, "brings_news", gated)
    async with filled_app.run_test(size=SIZE) as pilot:
        try:
            await wait_until(pilot, entered.is_set)  # the first list's search is inside its loop
            assert entered.is_set()
            first = next(w for w in filled_app.workers if w.group == "news")
            filled_app.apply_filter(ArticleFilter(unread_only=True), "Unread", "unread")
            assert first.is_cancelled
        finally:
            gate.set()
        await wait_until(pilot, lambda: first.is_finished)  # settle would count its cancelling as a failure
        await settle(filled_app, pilot)
        assert after_cancel == []  # no article was searched for a list nobody shows any more
        assert filled_app.view_label == "Unread" and filled_app.query_one(ArticleList).order


async def test_a_write_that_stays_locked_backs_off_then_gives_up_on_the_status_line(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    pauses = (0.01, 0.02, 0.04, 0.08)
    monkeypatch.setattr(workers, "RETRY_PAUSES_S", pauses)
    attempts: list[float] = []

    def locked(*_: object) -> None:
        attempts.append(time.monotonic())
        raise sqlite3.OperationalError("database is locked")

    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        answers = record_answers(filled_app)
        monkeypatch.setattr(filled_app.reader.store, "set_starred", locked)
        first = filled_app.query_one(ArticleList).current
        await pilot.press("s")
        await settle(filled_app, pilot)
        assert len(attempts) == workers.WRITE_ATTEMPTS
        gaps = [later - earlier for earlier, later in itertools.pairwise(attempts)]
        assert all(gap >= pause for gap, pause in zip(gaps, pauses, strict=True))  # paused, growing: no spin
        assert answers[-1] == ("Gave up starring the article: another program kept the database locked; "
                               "try again later.")
        assert not filled_app.reader.store.article(first.id).is_starred
        assert filled_app.is_running
