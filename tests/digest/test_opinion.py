"""Opinion pieces are kept out of the news summary, New today and the key quotes, and listed as opinion, credited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.opinion import COLUMN, EDITORIAL, LETTER, OP_ED, OPINION, OpinionLine, opinion_kind
from reader.digest.render import render_digest
from reader.digest.topic_summary import ALL_OPINION
from reader.text.clean import clean_stored_article
from tests.digest.fixtures import article, feed_row

DAY = date(2026, 11, 30)
TOPICS = (TopicConfig("Secure Communities", ("Secure Communities", "S-Comm")),)
NEWS = ("The Department of Homeland Security said Tuesday it will end Secure Communities, the fingerprint-sharing "
        "program that critics said eroded trust between immigrant communities and local police.")
ARGUED = ("For six years Secure Communities turned every county jail into an arm of federal immigration "
          "enforcement, and it made neighborhoods less safe.")


@pytest.mark.parametrize(("title", "author", "link", "kind"), [
    ("Editorial: Good riddance to S-Comm", None, None, EDITORIAL),
    ("Good riddance to S-Comm", "Editorial Board", None, EDITORIAL),
    ("Good riddance to S-Comm", "The Valley Post Editorial Board", None, EDITORIAL),
    ("Opinion | Why Secure Communities had to go", "Pat Quinn", None, OPINION),
    ("OP-ED: The sheriff was right", None, None, OP_ED),
    ("Op-Ed — The sheriff was right", None, None, OP_ED),
    ("Column: A program nobody misses", None, None, COLUMN),
    ("Letters to the editor: S-Comm", None, None, LETTER),
    ("Why S-Comm had to go", None, "https://post.example/opinion/2026/12/01/scomm", OPINION),
    ("Why S-Comm had to go", None, "https://post.example/editorials/scomm", EDITORIAL),
])
def test_title_byline_or_link_marks_opinion(title: str, author: str | None, link: str | None, kind: str) -> None:
    assert opinion_kind(title, author, link) == kind


@pytest.mark.parametrize(("title", "author", "link"), [
    ("DHS ends Secure Communities program", "Associated Press", "https://post.example/a/12345"),
    ("Editorial board member resigns over S-Comm vote", None, None),  # news about an editorial board
    ("Sheriff's opinion: program unsafe", None, None),  # a headline quoting someone's view is news
    ("DHS ends program", None, "https://post.example/news/a?from=/opinion/"),  # a query string says nothing
])
def test_news_is_not_opinion(title: str, author: str | None, link: str | None) -> None:
    assert opinion_kind(title, author, link) is None


def test_opinion_is_credited_to_who_argues_it() -> None:
    assert OpinionLine(2, "Valley Post", EDITORIAL, None, "x").says() == "Valley Post's editorial board wrote"
    assert OpinionLine(2, "Hudson Times", EDITORIAL, None, "x").says() == "Hudson Times' editorial board wrote"
    assert OpinionLine(2, "Valley Post", OP_ED, "Pat Quinn", "x").says() == "Pat Quinn wrote in a Valley Post op-ed"
    assert OpinionLine(2, "AP Wire", OPINION, None, "x").says() == "An AP Wire opinion piece said"


def test_an_editorial_is_listed_as_opinion_and_never_summarised_as_fact() -> None:
    news = article(1, "AP Wire", "DHS ends Secure Communities program", NEWS)
    editorial = replace(article(2, "Valley Post", "Editorial: Good riddance to S-Comm",
                                f"The end of S-Comm is overdue. {ARGUED}"), author="Editorial Board")
    digest = build_digest(DAY, [news, editorial], TOPICS, [feed_row(1, "AP Wire"), feed_row(2, "Valley Post")],
                          clean_stored_article, recent={"Secure Communities": ()})
    [section] = digest.sections
    assert [s.text for s in section.summary] == [NEWS]
    assert section.new_today is not None and all(ARGUED not in s.text for s in section.new_today.items)
    assert [(o.number, o.says(), o.opening) for o in section.opinion] == [
        (2, "Valley Post's editorial board wrote", "The end of S-Comm is overdue.")]
    assert [c.opinion for c in section.coverage] == [None, EDITORIAL]
    text = render_digest(digest)
    assert "- Valley Post's editorial board wrote: “The end of S-Comm is overdue.”[2]" in text
    assert "— Valley Post, Editorial Board · *editorial*" in text
    assert ARGUED not in text


def test_a_topic_with_only_opinion_says_why_it_has_no_summary() -> None:
    editorial = replace(article(2, "Valley Post", "Editorial: Good riddance to S-Comm",
                                f"The end of S-Comm is overdue. {ARGUED}"), author="Editorial Board")
    digest = build_digest(DAY, [editorial], TOPICS, [feed_row(2, "Valley Post")], clean_stored_article)
    [section] = digest.sections
    assert not section.summary and section.no_summary == ALL_OPINION
    assert [o.opening for o in section.opinion] == ["The end of S-Comm is overdue."]
    assert "No sentence could be summarised: every article is an opinion piece" in render_digest(digest)
