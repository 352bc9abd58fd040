"""A section with stories but no summary says why, and no section claims a summary another lacks."""

from __future__ import annotations

from datetime import date

from reader.config import TopicConfig
from reader.digest.build import _home_topics, build_digest
from reader.digest.no_summary import why_no_summary
from reader.digest.render import render_digest
from reader.digest.summarise import StoryForSummary, TopicLens, topic_lens
from reader.digest.topic_summary import Fit
from reader.text.clean import clean_stored_article
from reader.topics import TopicMatcher
from tests.digest.fixtures import DAY as DAY_TEXT
from tests.digest.fixtures import article, feed_row

DAY = date.fromisoformat(DAY_TEXT)
TOPICS = [TopicConfig("Secure Communities", ("Secure Communities",)), TopicConfig("ICE", ("ICE",))]
FEEDS = [feed_row(1, "Outlet 0")]


def section(markdown: str, name: str) -> str:
    return markdown.split(f"\n## {name}\n")[1].split("\n## ")[0]


def test_two_topics_over_bodies_with_nothing_to_summarise_each_say_so_and_claim_nothing() -> None:
    stories = [article(i, f"Outlet {i % 3}", f"Secure Communities and ICE story {i}", f"Body {i} about ICE.")
               for i in range(1, 26)]
    digest = build_digest(DAY, stories, TOPICS, FEEDS, clean_stored_article)
    markdown = render_digest(digest)
    assert "summarised under" not in markdown
    for name in ("Secure Communities", "ICE"):
        text = section(markdown, name)
        assert "**Summary.**" not in text
        assert ("No sentence could be summarised: the articles have no full sentences beyond their titles "
                "(each is under 8 words).") in text
    assert all(not s.summary and s.overlap is None for s in digest.sections)


def test_titles_alone_say_there_is_no_text() -> None:
    stories = [article(i, "Outlet 0", f"ICE story {i}", "") for i in range(1, 4)]
    markdown = render_digest(build_digest(DAY, stories, TOPICS, FEEDS, clean_stored_article))
    assert "No sentence could be summarised: the articles have no text beyond their titles." in section(markdown, "ICE")


def test_a_cross_reference_counts_only_stories_the_other_section_summarises() -> None:
    # Three stories are most about Secure Communities and summarised there; a fourth, about ICE, has no text.
    full = [article(i, "Outlet 0", f"Secure Communities rollout in county {i}",
                    f"Secure Communities reached county {i} jail on Monday, and ICE agents began checking "
                    f"the fingerprints of everyone booked there for immigration status, officials in county {i} said.")
            for i in range(1, 4)]
    bare = article(4, "Outlet 0", "ICE raid story", "Body 4 about ICE.")
    digest = build_digest(DAY, [*full, bare], TOPICS, FEEDS, clean_stored_article)
    sc, ice = digest.sections
    assert sc.summary and ice.overlap is not None and ice.overlap.covered == 3 and not ice.summary
    assert ("3 of these 4 stories are summarised under Secure Communities; no sentence of the rest could be "
            "summarised: the articles have no full sentences beyond their titles (each is under 8 words).") \
        in section(render_digest(digest), "ICE")


def test_a_story_its_home_topic_cannot_summarise_is_summarised_under_the_next() -> None:
    fits = {"A": {1: Fit(2.0, 3), 2: Fit(2.0, 3)}, "B": {1: Fit(1.0, 1)}}
    matchers = [type("M", (), {"name": n})() for n in ("A", "B")]
    assert _home_topics(fits, matchers) == {1: "A", 2: "A"}  # type: ignore[arg-type]
    assert _home_topics(fits, matchers, {1: {"A"}}) == {1: "B", 2: "A"}  # type: ignore[arg-type]
    # Tried everywhere: the best again (build_digest then keeps the story where it was last tried, which says why).
    assert _home_topics(fits, matchers, {1: {"A", "B"}, 2: {"A"}}) == {1: "A", 2: "A"}  # type: ignore[arg-type]


def test_the_reason_names_what_kept_each_sentence_out() -> None:
    ice = TopicMatcher.from_config(TOPICS[1])
    off_topic = StoryForSummary(1, ("The county fair opened on Saturday with a parade down the main street.",))
    assert why_no_summary([off_topic], TopicLens(ice.matches, frozenset()), "ICE") == \
        "none of the articles' sentences is about ICE"
    said = StoryForSummary(1, ("ICE agents arrested forty people in the county on Monday morning.",), None, True)
    assert why_no_summary([said], topic_lens([said], ice.matches), "ICE").startswith(
        "each of their sentences about ICE repeats one shown above or a key quote")
