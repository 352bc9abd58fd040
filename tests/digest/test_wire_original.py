"""A wire story first seen the day before: the day's copies are compared with, and credit, its earliest stored copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.models import Article
from reader.text.clean import clean_stored_article
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


def test_additions_are_measured_against_the_earliest_stored_copy_and_name_it() -> None:
    original = replace(copy(1, "AP Wire", "2026-12-01T14:00:00+00:00", LEDE, REPLACED, PHASE_OUT),
                       first_seen="2026-12-01T14:05:00+00:00")  # first seen the day before: not among the day's
    trimmed = copy(2, "Hudson Times", "2026-12-01T15:10:00+00:00", LEDE, REPLACED, SALAS)  # cut PHASE_OUT, added SALAS
    local = copy(3, "Valley Post", "2026-12-01T16:30:00+00:00", LEDE, REPLACED, PHASE_OUT, LEE)
    feeds = [feed_row(1, "AP Wire"), feed_row(2, "Hudson Times"), feed_row(3, "Valley Post")]
    today = [trimmed, local]
    earliest = {9: original}

    [section] = build_digest(DAY, today, TOPICS, feeds, clean_stored_article, stored_earliest=earliest.get).sections
    assert section.coverage[0].additions == (
        "Hudson Times added 1 paragraph to AP Wire's copy, including a quote from Angelica Salas",
        "Valley Post added 1 paragraph to AP Wire's copy, including a quote from Nassau County Executive Ann Marie Lee",
    )
    # Against the trimmed copy, the Valley Post would seem to add PHASE_OUT too: "added 2 paragraphs".
    [section] = build_digest(DAY, today, TOPICS, feeds, clean_stored_article).sections
    assert section.coverage[0].additions == (
        "Valley Post added 2 paragraphs, including a quote from Nassau County Executive Ann Marie Lee",)
    # When the earliest stored copy is among the day's, nothing changes: it leads, and is not named.
    [section] = build_digest(DAY, [original, trimmed, local], TOPICS, feeds, clean_stored_article,
                             stored_earliest=earliest.get).sections
    assert section.coverage[0].additions == (
        "Hudson Times added 1 paragraph, including a quote from Angelica Salas",
        "Valley Post added 1 paragraph, including a quote from Nassau County Executive Ann Marie Lee",
    )
