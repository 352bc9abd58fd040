import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reader.config import load_config
from reader.digest.build import build_digest
from reader.digest.novelty import decode_signatures
from reader.digest.render import escape_markdown, render_digest, safe_url
from reader.digest.trend import sparkline
from reader.models import Article, Pin
from reader.text.clean import clean_stored_article
from reader.topic_days import summarise_day
from reader.topics import compile_topics
from tests.conftest import REPO
from tests.digest.fixtures import SAMPLES_DAY, article, feed_row, sample_articles, sample_days, samples_on_their_days


def recent_from(articles: list[Article]) -> dict[str, list[frozenset[str]]]:
    """Each topic's signatures of these articles, as the store would give them for New today."""
    by_topic = summarise_day(articles, compile_topics(CONFIG.topics))
    return {name: decode_signatures(row.signatures) for name, row in by_topic.items()}


GOLDEN = Path(__file__).parent / "golden" / f"samples-{SAMPLES_DAY}.md"
BACKLOG_GOLDEN = Path(__file__).parent / "golden" / "samples-backlog-2026-11-30.md"
CONFIG = load_config(REPO / "feeds.toml")
DAY = date(2026, 11, 30)


def sample_digest(**kw: object) -> str:
    """The samples' digest for DAY, with the day before as New today's history."""
    before, today, feeds = sample_days()
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article,  # type: ignore[arg-type]
                          recent=recent_from(before), **kw)
    return render_digest(digest)


def test_golden_file_for_the_bundled_samples() -> None:
    """The samples' own last day, as a reader subscribed then read it: its news, with the days before it as
    the trend and New today's history (the normal path; a new reader's backlog is test_backlog's)."""
    days, feeds = samples_on_their_days()
    matchers = compile_topics(CONFIG.topics)
    before = {d: summarise_day(articles, matchers) for d, articles in days.items() if d < SAMPLES_DAY}
    digest = build_digest(SAMPLES_DAY, days[SAMPLES_DAY], CONFIG.topics, feeds, clean_stored_article,
                          history={d: {t: (row.articles, row.outlets) for t, row in rows.items()}
                                   for d, rows in before.items()},
                          recent={t.name: [s for rows in before.values()
                                           for s in decode_signatures(rows[t.name].signatures)]
                                  for t in CONFIG.topics})
    assert digest.backlog is None and digest.new_articles == len(days[SAMPLES_DAY])
    text = render_digest(digest)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_golden_file_for_a_new_reader_s_backlog() -> None:
    """The samples read for the first time on DAY, long after they were published: the digest says it is their
    backlog, dates each story and sentence, and still folds wire copies and cites them."""
    text = sample_digest(history={date(2026, 11, 29): {"Secure Communities": (3, 2), "287(g)": (1, 1)},
                                  date(2026, 11, 26): {"Secure Communities": (6, 4), "E-Verify": (1, 1)}})
    if os.environ.get("UPDATE_GOLDEN"):
        BACKLOG_GOLDEN.write_text(text, encoding="utf-8")
    assert text == BACKLOG_GOLDEN.read_text(encoding="utf-8")
    assert ("All 12 new articles were published long before this day (15 to 17 September 2011): the back issues "
            "of feeds read for the first time") in text


def test_same_input_gives_identical_bytes() -> None:
    assert sample_digest() == sample_digest()


def test_sections_fold_wire_copies_and_cite_coverage() -> None:
    text = sample_digest()
    sc = text.split("## Secure Communities")[1].split("\n## ")[0]
    assert ("— Civic Wire, Dana Whitfield · Friday 16 September 2011 · earliest copy; also in: Metro Ledger, "
            "Capitol Dispatch") in sc
    assert sc.count("DHS") == 1  # three copies of the wire story make one coverage line
    summary = next(line for line in sc.splitlines() if line.startswith("**Summary.**"))
    assert 3 <= summary.count("[") <= 10 and "WASHINGTON" not in summary
    assert "“To the extent that Secure Communities may damage community policing" in text
    assert "| ICE enforcement | 6 | 5 | +6 |" in text
    assert "Early Frost Brings Ice Warnings Upstate" in text.split("## Other notable stories")[1]


def test_collapsed_duplicates_never_feed_the_summary() -> None:
    teaser = "The program pays for jail beds in forty counties across the state, officials confirmed."
    body = ("The legislature debated the Secure Communities program late into the night on Tuesday. "
            + teaser + " Critics pointed to the cost.")
    a = replace(article(1, "One", "Secure Communities debate", ""),
                content=f"<p>{teaser}</p><p>{body}</p>", text=f"{teaser} {body}")
    digest = build_digest(DAY, [a], CONFIG.topics, [feed_row(1, "One")], clean_stored_article)
    [section] = [s for s in digest.sections if s.name == "Secure Communities"]
    assert section.summary and all(s.citations == (1,) for s in section.summary)
    # The teaser paragraph was collapsed into the body, so its sentence is only available once.
    assert sum(s.text == teaser for s in section.summary) <= 1


def test_hostile_titles_cannot_inject_markdown() -> None:
    evil = "A *bold* [link](http://x) | cell <script>alert(1)</script>\n# heading &amp; `code`"
    articles = [article(1, "Evil | Feed", evil, "Secure Communities story text that is long enough to count here.",
                        link="javascript:alert(1)"),
                article(2, "Two", "Ok", "Secure Communities again, other words entirely here today.",
                        link="https://x.example/a b(c)")]
    text = render_digest(build_digest(DAY, articles, CONFIG.topics, [feed_row(1, "Evil | Feed")],
                                      clean_stored_article))
    line = next(ln for ln in text.splitlines() if "bold" in ln)
    assert "\\*bold\\*" in line and "\\[link\\](http://x)" in line and "\\<script>" in line
    assert "| cell" in line and "# heading \\&amp; \\`code\\`" in line and "javascript:" not in text
    assert "Evil | Feed" in line  # "|" needs no escape outside a table (tests/digest/test_markdown.py renders it)
    assert "(https://x.example/a%20b%28c%29)" in text
    assert escape_markdown("a\nb\r\nc") == "a b c"
    assert safe_url("ftp://x/") is None and safe_url(" https://x.example/\n") == "https://x.example/"


def test_pins_appear_under_their_topic() -> None:
    articles, feeds = sample_articles()
    seed = next(a for a in articles if a.title.startswith("Task Force Critical"))
    pin = Pin(1, seed.id, "a pinned quotation about the program", "the report", "2026-11-30T09:00:00+00:00")
    digest = build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article, pins=[(pin, seed)])
    [section] = [s for s in digest.sections if s.name == "Secure Communities"]
    assert [(q.text, q.speaker, q.outlet) for q in section.pinned] == [
        ("a pinned quotation about the program", "the report", "WNYC News")]
    assert "**Pinned**" in render_digest(digest)


def test_a_pin_reads_as_the_key_quotes_do_and_a_description_is_not_shown_as_a_name() -> None:
    """A pin made before quotes dropped their closing full stop, or credited "the report", shows the quote's words
    and credit as the article's key quotes give them now; the same words pinned twice are one pin. A credit
    naming no one ("the official") follows the outlet, as what it quoted, not where a person's name goes."""
    articles, feeds = sample_articles()
    seed = next(a for a in articles if a.title.startswith("Task Force Critical"))
    words = "If residents do not trust their local police, they are less willing to step forward as witnesses to " \
            "or victims of crime"
    pins = [(Pin(1, seed.id, words + ".", "the report", "2026-11-30T09:00:00+00:00"), seed),
            (Pin(2, seed.id, words, "the task force’s report", "2026-11-30T09:05:00+00:00"), seed),
            (Pin(3, seed.id, "words the article no longer quotes at all.", "the official", "2026-11-30T09:00"), seed)]
    digest = build_digest(DAY, articles, CONFIG.topics, feeds, clean_stored_article, pins=pins)
    [section] = [s for s in digest.sections if s.name == "Secure Communities"]
    assert [(q.text, q.speaker) for q in section.pinned] == [
        (words, "the task force’s report"), ("words the article no longer quotes at all", "the official")]
    pinned = render_digest(digest).split("**Pinned**")[1]
    assert f"- “{words}” — the task force’s report, *WNYC News*" in pinned
    assert "- “words the article no longer quotes at all” — *WNYC News*, quoting the official" in pinned


def test_empty_day_is_a_short_digest_not_an_error() -> None:
    text = render_digest(build_digest(DAY, [], CONFIG.topics, [feed_row(1, "F", error="HTTP 500")],
                                      clean_stored_article))
    assert "No new articles were first seen on this day" in text
    assert "## Feeds that failed" in text and "HTTP 500" in text
    assert len(text.splitlines()) < 35


def test_feed_state_from_another_day_is_dated_not_passed_off_as_the_days() -> None:
    """The store keeps each feed's latest fetch only: a digest for a day before it shows that state dated as of
    the fetch, and says it is not the day's; dates read as "1 Dec 2026, 09:30 UTC", not ISO."""
    fetched = "2026-12-01T09:30:00+00:00"
    ok = replace(feed_row(1, "Good Feed"), last_fetched=fetched)
    failing = replace(feed_row(2, "Bad Feed", error="HTTP 500"), last_fetched="2026-12-01T09:29:41+00:00",
                      error_since="2026-11-28T17:05:09+00:00")
    past = render_digest(build_digest(DAY, [], CONFIG.topics, [ok, failing], clean_stored_article))
    assert "feed_status_as_of: 2026-12-01T09:30:00+00:00" in past
    assert "0 new articles · 0 of 5 tracked topics covered · at the latest fetch (1 Dec 2026, 09:30 UTC): " \
           "1 of 2 feeds read, 1 failed" in past
    assert ("## Feeds that failed at the latest fetch\n\n"
            "As of 1 Dec 2026, 09:30 UTC, not Monday 30 November 2026:") in past
    assert "- **Bad Feed** — HTTP 500 (since 28 Nov 2026, 17:05 UTC)" in past
    assert "2026-11-28T" not in past.split("---")[2]
    # Fetched on the digest's own day: the day's state, undated; one failed feed is "1 feed".
    today = [replace(f, last_fetched=f"{DAY}T{f.last_fetched[11:]}") for f in (ok, failing)]  # type: ignore[index]
    own = render_digest(build_digest(DAY, [], CONFIG.topics, today, clean_stored_article))
    assert "1 of 2 feeds read, 1 failed · 0 new articles · 0 of 5 tracked topics covered" in own
    assert "## Feeds that failed\n\n- **Bad Feed** — HTTP 500 (since 28 Nov 2026, 17:05 UTC)" in own
    assert "feed_status_as_of" not in own and "latest fetch" not in own


def test_sparkline() -> None:
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([0, 4, 8]) == "▁▅█"


@pytest.mark.parametrize("day", ["2026-13-01", "tomorrow", "20261130", "2026-02-30"])
def test_invalid_dates_exit_2(day: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "reader", "--config", str(REPO / "feeds.toml"), "digest",
                          "--date", day, "--no-fetch"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 2 and "invalid --date" in out.stderr and "Traceback" not in out.stderr


def test_new_today_speaks_only_for_the_stories_a_topic_is_home_to() -> None:
    """The Frederick County vote is in the 287(g) story, which Secure Communities also lists: it is new
    under 287(g) only, as its summary is."""
    before, today, feeds = sample_days()
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article, recent=recent_from(before))
    says_vote = [s.name for s in digest.sections if s.new_today is not None and any(
        "Frederick County Council voted" in x.text
        for x in (*s.new_today.items, *(s.summary[n - 1] for n in s.new_today.in_summary)))]
    assert says_vote == ["287(g)"]


def test_the_header_counts_each_feed_once_as_read_failed_or_not_fetched_yet() -> None:
    """"17 feeds read · ... 14 failed" counted the failed feeds as read too: now each feed is counted once."""
    feeds = [feed_row(i, f"Feed {i}", error="HTTP 500" if i > 3 else None) for i in range(1, 18)]
    text = render_digest(build_digest(DAY, [], CONFIG.topics, feeds, clean_stored_article))
    assert "3 of 17 feeds read, 14 failed · 0 new articles" in text
    assert "feeds_read: 3\n" in text and "feeds_failed: 14\n" in text and "\n17 feeds read" not in text
    never = replace(feed_row(18, "New Feed"), last_status=None)  # added to feeds.toml, not fetched yet
    gone = replace(feed_row(19, "Gone Feed"), disabled=True)  # disabled, and no failure: not counted at all
    text = render_digest(build_digest(DAY, [], CONFIG.topics, [*feeds[:3], never, gone], clean_stored_article))
    assert "3 of 4 feeds read, 1 not fetched yet · 0 new articles" in text
    text = render_digest(build_digest(DAY, [], CONFIG.topics, feeds[:3], clean_stored_article))
    assert "\n3 feeds read · 0 new articles · 0 of 5 tracked topics covered\n" in text and "feeds_failed: 0" in text


def test_a_topic_with_only_a_pin_is_not_counted_as_covered_and_says_what_it_is() -> None:
    articles, feeds = sample_articles()
    seed = next(a for a in articles if a.title.startswith("Task Force Critical"))
    pin = Pin(1, seed.id, "a pinned quotation about the program", "the report", "2026-11-30T09:00:00+00:00")
    # The pinned article is not among the day's articles: its topic has nothing new, only the pin.
    today = [a for a in articles if a.id != seed.id and "Secure Communities" not in a.title + a.text]
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article, pins=[(pin, seed)])
    [section] = [s for s in digest.sections if s.name == "Secure Communities"]
    assert not section.coverage and section.pinned
    assert digest.topics_pinned_only == 1 and digest.topics_covered == len(digest.sections) - 1
    text = render_digest(digest)
    assert (f"{digest.topics_covered} of 5 tracked topics covered, 1 more with pinned quotes only" in text
            and "topics_pinned_only: 1" in text)
    sc = text.split("## Secure Communities")[1].split("\n## ")[0]
    assert sc.index("No new coverage of this topic on this day; shown for its pinned quotes.") < sc.index("**Pinned**")
