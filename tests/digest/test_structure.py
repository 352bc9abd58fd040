"""Digest structure: overlapping topics, pins, key quotes, dates, bylines and length caps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reader.config import TopicConfig, load_config
from reader.digest.build import build_digest
from reader.digest.coverage import display_byline
from reader.digest.render import render_digest
from reader.models import Pin
from reader.text.clean import clean_stored_article
from tests.conftest import REPO
from tests.digest.fixtures import DAY as DAY_TEXT
from tests.digest.fixtures import article, feed_row, sample_articles

CONFIG = load_config(REPO / "feeds.toml")
DAY = date.fromisoformat(DAY_TEXT)


def sample_digest(**kw: object) -> tuple[object, str]:
    articles, feeds = sample_articles()
    digest = build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article, **kw)  # type: ignore[arg-type]
    return digest, render_digest(digest)


def section(markdown: str, name: str) -> str:
    return markdown.split(f"\n## {name}\n")[1].split("\n## ")[0]


def test_a_sentence_and_a_quote_appear_in_at_most_one_section() -> None:
    digest, _ = sample_digest()
    sentences = [s.text for sec in digest.sections for s in sec.summary]  # type: ignore[attr-defined]
    quotes = [q.text for sec in digest.sections for q in sec.quotes]  # type: ignore[attr-defined]
    assert sentences and len(sentences) == len(set(sentences))
    assert quotes and len(quotes) == len(set(quotes))


def test_a_topic_mostly_covered_above_says_so_and_summarises_the_rest() -> None:
    digest, markdown = sample_digest()
    ice = section(markdown, "ICE enforcement")
    assert "3 of these 4 stories are summarised under Secure Communities; this summary covers the rest." in ice
    [sec] = [s for s in digest.sections if s.name == "ICE enforcement"]  # type: ignore[attr-defined]
    # Only the story summarised here (Nassau, number 2) is cited.
    assert sec.summary and {c for s in sec.summary for c in s.citations} == {2}
    assert "DHS to Press Ahead" in ice  # the coverage list still lists every story


def test_a_pin_appears_once_per_section_credited_to_the_original_outlet() -> None:
    articles, feeds = sample_articles()
    copy = next(a for a in articles if a.feed_name == "Capitol Dispatch" and "DHS" in a.title)
    quote = ("We are committed to implementing Secure Communities in a way that focuses our resources on "
             "criminal aliens who pose the greatest threat")
    pin = Pin(1, copy.id, quote, "ICE Director John Morton", "2026-11-30T09:00:00+00:00")
    digest = build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article, pins=[(pin, copy)])
    markdown = render_digest(digest)
    sc = section(markdown, "Secure Communities")
    assert sc.count(quote) == 1 and "**Pinned**" in sc
    assert f"- “{quote}” — ICE Director John Morton, *Civic Wire, via Capitol Dispatch*" in sc
    assert markdown.count(quote) == 1  # not again under ICE enforcement, which also matches the article


def test_a_pin_on_what_a_copy_added_credits_the_copy_alone() -> None:
    articles, feeds = sample_articles()
    copy = next(a for a in articles if a.feed_name == "Capitol Dispatch" and "DHS" in a.title)
    quote = ("Secure Communities already tells ICE about every person we book, so the question is what else "
             "Washington wants from a county jail")
    assert quote in copy.text and not any(quote in a.text for a in articles if a.feed_name == "Civic Wire")
    pin = Pin(1, copy.id, quote, "Sheriff Mark Curran", "2026-11-30T09:00:00+00:00")
    markdown = render_digest(build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article,
                                          pins=[(pin, copy)]))
    assert "Sheriff Mark Curran, *Capitol Dispatch*" in markdown and "via Capitol Dispatch*" not in markdown


def test_the_summary_does_not_repeat_a_pinned_quote() -> None:
    quote = "Every county jail in the state will share fingerprints through Secure Communities by March"
    text = (f"“{quote},” ICE Director John Morton said on Friday in Washington. "
            "Sheriffs in rural districts said the Secure Communities rollout would strain their small budgets. "
            "Advocates for immigrants asked Albany lawmakers to hold hearings on Secure Communities before winter.")
    story = article(1, "Civic Wire", "Secure Communities reaches every county jail", text)
    feeds = [feed_row(1, "Civic Wire")]
    unpinned = build_digest(DAY, [story], CONFIG.topics, feeds, clean_stored_article)
    [sc] = [x for x in unpinned.sections if x.name == "Secure Communities"]
    # Unpinned, the quote is a key quote, and so left out of the summary; pinned, it is no key quote.
    assert quote in [q.text for q in sc.quotes] and not any(quote in s.text for s in sc.summary)
    pin = Pin(1, story.id, quote, "ICE Director John Morton", "2026-11-30T09:00:00+00:00")
    pinned = build_digest(DAY, [story], CONFIG.topics, feeds, clean_stored_article, pins=[(pin, story)])
    [sc] = [x for x in pinned.sections if x.name == "Secure Communities"]
    assert sc.pinned and not sc.quotes and sc.summary and not any(quote in s.text for s in sc.summary)


def test_key_quotes_are_about_the_topic_and_unattributed_ones_go_last() -> None:
    victory = article(1, "Paper", "Governor wins re-election",
                      "“Tonight the people of this state chose hope over fear and work over words,” said Governor "
                      "Ann Lee in her victory speech. She said little about the campaign's final weeks. "
                      + "Her rival had focused on taxes, schools and roads for most of the year, and turnout was "
                      "high in the suburbs, where both campaigns spent heavily on television advertising. " * 5
                      + "Lee mentioned Secure Communities once, in a debate in September.")
    on_topic = article(2, "Daily", "Secure Communities hearing draws crowd",
                       "Secure Communities drew a crowd of two hundred to the county hearing on Tuesday night. "
                       "“Secure Communities has made every traffic stop a deportation risk,” the flyer read. "
                       "“We will keep Secure Communities as long as it keeps dangerous people off the streets,” "
                       "said Sheriff Tom Hale.")
    digest = build_digest(DAY, [victory, on_topic], CONFIG.topics[:1], [feed_row(1, "Paper")],
                          clean_stored_article)
    [sec] = digest.sections
    assert not any("chose hope" in q.text for q in sec.quotes)
    assert [q.speaker for q in sec.quotes] == ["Sheriff Tom Hale", None]
    assert "— unattributed, *Daily*" in render_digest(digest)


def test_coverage_lines_show_the_story_s_own_day_when_it_is_not_the_digest_s() -> None:
    _, markdown = sample_digest()
    assert ("— Civic Wire, Dana Whitfield · Friday 16 September 2011 · earliest copy; also in: Metro Ledger, "
            "Capitol Dispatch") in markdown
    today = replace(article(1, "Daily", "Secure Communities today", "Secure Communities news from today, "
                            "with enough words to be a story of its own.", link="https://x.example/1"),
                    published=f"{DAY_TEXT}T07:00:00+00:00")  # before it was first seen (08:00)
    line = next(ln for ln in render_digest(build_digest(DAY, [today], CONFIG.topics, [feed_row(1, "Daily")],
                                                        clean_stored_article)).splitlines()
                if ln.startswith("1. [Secure Communities today](https://x.example/1)"))
    assert "2026" not in line and "·" not in line


def test_bylines_drop_the_email_and_the_by() -> None:
    assert display_byline("news@countyherald.example (Pat Quinn)") == "Pat Quinn"
    assert display_byline("Pat Quinn <pat@countyherald.example>") == "Pat Quinn"
    assert display_byline("By Jane Doe") == "Jane Doe"
    assert display_byline("news@countyherald.example") is None
    assert display_byline("Bylines Team") == "Bylines Team"
    a = replace(article(1, "County Herald", "Secure Communities vote", "Secure Communities vote is set for "
                        "Tuesday in the county board room."), author="news@countyherald.example (Pat Quinn)")
    markdown = render_digest(build_digest(DAY, [a], CONFIG.topics, [feed_row(1, "County Herald")],
                                          clean_stored_article))
    assert "— County Herald, Pat Quinn" in markdown and "@" not in markdown
    wire = replace(a, author="County Herald")  # an outlet credited as its own author says nothing more
    assert "1. Secure Communities vote — County Herald\n" in render_digest(
        build_digest(DAY, [wire], CONFIG.topics, [], clean_stored_article))


def test_coverage_and_other_stories_are_capped_with_a_count_of_the_rest() -> None:
    topic = [TopicConfig("Secure Communities", ("Secure Communities",))]
    on = [article(i, f"Outlet {i % 4}", f"Secure Communities story number {i}",
                  f"Secure Communities report {i}: county {i} weighs a change of its jail policy, topic {i * 7}.")
          for i in range(1, 8)]
    off = [article(100 + i, f"Outlet {i % 3}", f"Other story {i}", f"Unrelated news item {i} about roads {i * 3}.")
           for i in range(14)]
    digest = build_digest(DAY, on + off, topic, [feed_row(1, "Outlet 1")], clean_stored_article, max_stories=3)
    markdown = render_digest(digest)
    sc = section(markdown, "Secure Communities")
    assert sc.count("\n1. ") + sc.count("\n2. ") + sc.count("\n3. ") == 3 and "\n4. " not in sc
    assert "and 4 more stories from 4 outlets" in sc
    other = section(markdown, "Other notable stories")
    assert "\n10. " in other and "\n11. " not in other and "and 4 more stories from 3 outlets" in other


def test_a_pin_goes_to_the_section_its_story_is_summarised_in() -> None:
    """try11 F16: a pin on the 287(g) story (which also names Secure Communities) went under Secure Communities,
    the first topic its article matched, and left the 287(g) section, where that story is summarised."""
    articles, feeds = sample_articles()
    story = next(a for a in articles if a.title.startswith("Sheriffs split"))
    quote = "Our trained deputies catch people that a fingerprint check never will"
    unpinned = build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article)
    [home] = [s for s in unpinned.sections if any(q.text == quote for q in s.quotes)]
    assert home.name == "287(g)"
    pin = Pin(1, story.id, quote, "Sheriff Chuck Jenkins", "2026-11-30T09:00:00+00:00")
    markdown = render_digest(build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article,
                                          pins=[(pin, story)]))
    assert "**Pinned**" in section(markdown, "287(g)") and quote in section(markdown, "287(g)")
    assert markdown.count(quote) == 1 and "**Pinned**" not in section(markdown, "Secure Communities")
