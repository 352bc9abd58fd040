"""What one stored article adds to its topics' recent coverage, as the reader asks it (the samples' two-day story)."""

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from reader.config import load_config
from reader.store import ArticleFilter, Store
from reader.text.clean import clean_stored_article
from reader.what_changed import NewsFinder, story_copies
from tests.e2e.test_cli import reader, workdir  # noqa: F401 (a fixture)

COUNCIL_VOTE = ("The Frederick County Council voted 4 to 3 on Friday night to renew the sheriff’s agreement for "
                "three more years, over the objections of immigrant advocates who packed the hearing.")


def test_new_sentences_of_day_two_are_exactly_the_development(workdir: Path) -> None:  # noqa: F811
    db = workdir / "r.db"
    assert reader("--config", "feeds.toml", "--db", str(db), "fetch", cwd=workdir).returncode == 0
    with Store(db) as store:
        [day_one] = store.list_articles(ArticleFilter(search="Lake County sheriff drops"))
        earlier = (datetime.fromisoformat(day_one.first_seen) - timedelta(days=1)).isoformat(timespec="seconds")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET first_seen = ?1, updated = ?1 WHERE id = ?2", (earlier, day_one.id))
    with Store(db) as store:
        finder = NewsFinder(store, load_config(workdir / "feeds.toml"))
        [day_two] = store.list_articles(ArticleFilter(search="Sheriffs split"))
        assert finder.new_sentences(day_two, clean_stored_article(day_two).paragraphs) == [COUNCIL_VOTE]
        assert finder.brings_news(day_two)
        day_one = store.article(day_one.id)
        assert day_one is not None and not finder.brings_news(day_one)  # nothing before it to compare with
        [dream] = store.list_articles(ArticleFilter(search="DREAM"))
        assert not finder.brings_news(dream)  # no DREAM Act coverage before: nothing is singled out
        earliest, changes = story_copies(store, store.list_articles(ArticleFilter(search="DHS"))[0])
        assert earliest.source == "Civic Wire" and [c.copy.source for c in changes] == ["Metro Ledger",
                                                                                      "Capitol Dispatch"]


def test_the_reader_offers_as_news_only_what_the_digest_would_list() -> None:
    from reader.digest.novelty import MAX_WORDS, listable

    assert listable(COUNCIL_VOTE)
    assert not listable("Will the Frederick County Council renew the sheriff’s agreement next year?")
    assert not listable(" ".join(["word"] * (MAX_WORDS + 1)) + ".")
