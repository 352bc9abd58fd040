"""A wire story first seen the day before: its coverage line, summary and quotes lead with its earliest stored copy,
saying so, and the day's copies are compared with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.novelty import sentences_of
from reader.digest.render import render_digest
from reader.models import Article
from reader.text.clean import clean_stored_article
from reader.text.decision_state import news_signature
from tests.digest.fixtures import article, feed_row

DAY = date(2026, 12, 2)
TOPICS = (TopicConfig("Secure Communities", ("Secure Communities",)),)
LEDE = ("The Department of Homeland Security said Tuesday it will end Secure Communities, the fingerprint-sharing "
        "program that critics said eroded trust between immigrant communities and local police.")
REPLACED = ("Homeland Security Secretary Jeh Johnson said the program would be replaced by a narrower effort aimed "
            "at people convicted of serious crimes.")
PHASE_OUT = ("Immigration and Customs Enforcement will phase out the program over the coming months, the "
             "department said.")
SALAS = ("“We will watch closely to see whether the new program repeats the old one’s mistakes,” said Angelica "
         "Salas, director of the Coalition for Humane Immigrant Rights of Los Angeles.")
LEE = ("Nassau County Executive Ann Marie Lee said she welcomed the change. “Our officers can go back to policing,” "
       "she said.")


def copy(aid: int, feed: str, published: str, *paragraphs: str) -> Article:
    a = article(aid, feed, "DHS ends Secure Communities program", "\n\n".join(paragraphs))
    return replace(a, feed_id=aid, story_id=9, published=published, content="".join(f"<p>{p}</p>" for p in paragraphs),
                   first_seen=f"{DAY}T08:00:00+00:00")


ORIGINAL = replace(copy(1, "AP Wire", "2026-12-01T14:00:00+00:00", LEDE, REPLACED, PHASE_OUT),
                   first_seen="2026-12-01T14:05:00+00:00", link="https://ap.example/1")  # the day before: not the day's
TRIMMED = replace(copy(2, "Hudson Times", "2026-12-01T15:10:00+00:00", LEDE, REPLACED, SALAS),  # cut PHASE_OUT
                  link="https://hudson.example/2")
LOCAL = replace(copy(3, "Valley Post", "2026-12-01T16:30:00+00:00", LEDE, REPLACED, PHASE_OUT, LEE),
                link="https://valley.example/3")
FEEDS = [feed_row(1, "AP Wire"), feed_row(2, "Hudson Times"), feed_row(3, "Valley Post")]
EARLIEST = {9: ORIGINAL}


def test_additions_are_measured_against_the_earliest_stored_copy() -> None:
    [section] = build_digest(DAY, [TRIMMED, LOCAL], TOPICS, FEEDS, clean_stored_article,
                             stored_earliest=EARLIEST.get).sections
    assert section.coverage[0].additions == (
        "Hudson Times added 1 paragraph, including a quote from Angelica Salas",
        "Valley Post added 1 paragraph, including a quote from Nassau County Executive Ann Marie Lee",
    )
    # Against the trimmed copy, the Valley Post would seem to add PHASE_OUT too: "added 2 paragraphs".
    [section] = build_digest(DAY, [TRIMMED, LOCAL], TOPICS, FEEDS, clean_stored_article).sections
    assert section.coverage[0].additions == (
        "Valley Post added 2 paragraphs, including a quote from Nassau County Executive Ann Marie Lee",)


def test_a_story_first_seen_the_day_before_leads_with_its_original_and_says_so() -> None:
    digest = build_digest(DAY, [TRIMMED, LOCAL], TOPICS, FEEDS, clean_stored_article, stored_earliest=EARLIEST.get)
    [section] = digest.sections
    [line] = section.coverage
    assert (line.title, line.link, line.outlet) == ("DHS ends Secure Communities program", "https://ap.example/1",
                                                    "AP Wire")
    assert line.first_seen == date(2026, 12, 1) and line.also_in == ("Hudson Times", "Valley Post")
    assert ("1. [DHS ends Secure Communities program](https://ap.example/1) — AP Wire · Tuesday 1 December 2026 · "
            "earliest copy, first seen before this day (Tuesday 1 December 2026); this day's copies: Hudson Times, "
            "Valley Post\n   - Hudson Times added 1 paragraph") in render_digest(digest)
    # The summary is the day's copy's; what it says the original has too, so "[1]" (the original's link) holds it.
    assert [(x.text, x.copy_of) for x in section.summary] == [(LEDE, None), (REPLACED, None)]


def test_an_update_folded_with_yesterdays_version_is_summarised_from_todays_text() -> None:
    """A wire story's write-through folds with its first version: the summary tells today's text (the vote taken),
    not yesterday's (the vote planned), and says which copy holds what the original lacks."""
    planned = ("The Arlington County Board will vote Tuesday on whether to end its participation in Secure "
               "Communities, the fingerprint-sharing program.")
    voted = ("The Arlington County Board voted 4 to 1 on Tuesday to end its participation in Secure Communities, "
             "the fingerprint-sharing program.")
    first = replace(copy(1, "AP Wire", "2026-12-01T09:00:00+00:00", planned, REPLACED),
                    first_seen="2026-12-01T09:05:00+00:00", link="https://ap.example/1")
    update = replace(copy(2, "Hudson Times", "2026-12-02T07:00:00+00:00", voted, REPLACED),
                     link="https://hudson.example/2")
    digest = build_digest(DAY, [update], TOPICS, FEEDS, clean_stored_article, stored_earliest={9: first}.get)
    [section] = digest.sections
    assert [(x.text, x.copy_of) for x in section.summary] == [(voted, "Hudson Times"), (REPLACED, None)]
    assert section.coverage[0].outlet == "AP Wire" and section.coverage[0].also_in == ("Hudson Times",)
    assert f"{voted} *(in Hudson Times' copy)*[1] {REPLACED}[1]" in render_digest(digest)


def test_key_quotes_are_credited_to_the_copy_the_line_leads_with() -> None:
    johnson = "“This is a fresh start,” Homeland Security Secretary Jeh Johnson said in a statement on Tuesday."
    original = replace(ORIGINAL, text=ORIGINAL.text + "\n\n" + johnson,
                       content=ORIGINAL.content + f"<p>{johnson}</p>")
    trimmed = replace(TRIMMED, text=TRIMMED.text + "\n\n" + johnson, content=TRIMMED.content + f"<p>{johnson}</p>")
    [section] = build_digest(DAY, [trimmed, LOCAL], TOPICS, FEEDS, clean_stored_article,
                             stored_earliest={9: original}.get).sections
    credits = {q.text: q.outlet for q in section.quotes}
    assert credits["This is a fresh start"] == "AP Wire"  # the original ran it: the line cited shows it
    assert credits[SALAS_WORDS] == "Hudson Times"  # only the day's copy did
    # Without the original, the day's first copy leads, and its outlet is credited.
    [section] = build_digest(DAY, [trimmed, LOCAL], TOPICS, FEEDS, clean_stored_article).sections
    assert ("This is a fresh start", "Hudson Times") in [(q.text, q.outlet) for q in section.quotes]


SALAS_WORDS = "We will watch closely to see whether the new program repeats the old one’s mistakes"


def test_news_only_in_the_days_copy_names_that_copy() -> None:
    """The summary and New today read the day's copy (the original's sentences are old news); "[1]" alone would
    send the reader to the original, which lacks the sentence."""
    jail = "Hudson County officials said the county jail would stop holding inmates for federal agents on Friday."
    trimmed = replace(TRIMMED, text=TRIMMED.text + "\n\n" + jail, content=TRIMMED.content + f"<p>{jail}</p>")
    history = [news_signature(s) for p in (LEDE, REPLACED, PHASE_OUT) for s in sentences_of([p])]
    digest = build_digest(DAY, [trimmed, LOCAL], TOPICS, FEEDS, clean_stored_article, stored_earliest=EARLIEST.get,
                          recent={"Secure Communities": history})
    [section] = digest.sections
    assert section.new_today is not None and section.new_today.in_summary == (3,)
    assert [(x.text, x.copy_of) for x in section.summary][2] == (jail, "Hudson Times")
    assert f"{jail} *(in Hudson Times' copy)*[1]" in render_digest(digest)
    # Listed in New today (the summary full of other news) it names the copy too.
    from reader.digest.changes import new_today
    listed = new_today([(1, trimmed)], clean_stored_article, history, TOPICS[0], 7, originals={1: ORIGINAL})
    assert [(x.text, x.copy_of) for x in listed.items] == [(jail, "Hudson Times")]


def test_an_original_first_seen_after_the_day_is_not_the_days() -> None:
    """A digest of a past day shows what was stored by then: a copy first seen later is no original of it."""
    later = replace(ORIGINAL, first_seen="2026-12-03T09:00:00+00:00")
    [section] = build_digest(DAY, [TRIMMED, LOCAL], TOPICS, FEEDS, clean_stored_article,
                             stored_earliest={9: later}.get).sections
    [line] = section.coverage
    assert (line.outlet, line.first_seen, line.also_in) == ("Hudson Times", None, ("Valley Post",))


def test_when_the_earliest_copy_is_the_days_nothing_is_said_of_an_earlier_day() -> None:
    original = replace(ORIGINAL, first_seen=f"{DAY}T08:00:00+00:00")
    digest = build_digest(DAY, [original, TRIMMED, LOCAL], TOPICS, FEEDS, clean_stored_article,
                          stored_earliest=EARLIEST.get)
    [section] = digest.sections
    assert section.coverage[0].additions == (
        "Hudson Times added 1 paragraph, including a quote from Angelica Salas",
        "Valley Post added 1 paragraph, including a quote from Nassau County Executive Ann Marie Lee",
    )
    assert ("— AP Wire · Tuesday 1 December 2026 · earliest copy; also in: Hudson Times, Valley Post"
            in render_digest(digest))


def test_a_backdated_scraped_copy_does_not_lead_the_wire_story_it_copied() -> None:
    """try11 F28: a content farm's word-for-word copy of Civic Wire's story, dated 8 hours earlier, led the
    coverage line with its own headline and link and took the credit for its quotes. The copy's own dateline
    names Civic Wire ("WASHINGTON (Civic Wire) —"): that outlet's copy leads, in the digest and in show --copies."""
    from reader.stories import stories_among
    from tests.digest.fixtures import feed_row, sample_articles
    from tests.digest.test_structure import CONFIG, DAY

    articles, feeds = sample_articles()
    wire = next(a for a in articles if a.feed_name == "Civic Wire" and "DHS" in a.title)
    spam = replace(wire, id=999, feed_id=999, feed_name="Spam Farm", title="SPAM FARM: DHS copy (click here)",
                   link="https://spam.example/dhs", published="2011-09-16T10:02:00+00:00")
    everything = [*articles, spam]
    [story] = [s for s in stories_among(everything) if wire in s]
    assert story[0] is wire and spam in story
    markdown = render_digest(build_digest(DAY, everything, CONFIG.topics, [*feeds, feed_row(999, "Spam Farm")],
                                          clean_stored_article))
    assert "(https://spam.example/dhs) — Spam Farm" not in markdown and "*Spam Farm*" not in markdown
    assert "DHS to Press Ahead With Secure Communities Despite Task Force Criticism" in markdown
