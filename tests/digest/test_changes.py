"""New today and wire-copy additions on the bundled samples (a two-day 287(g) story; a wire story in three outlets)."""

from datetime import date

from reader.config import load_config
from reader.copies import compare_copies, copy_text
from reader.digest.build import build_digest
from reader.digest.changes import new_today
from reader.digest.model import TopicSection
from reader.digest.render import render_digest
from reader.text.clean import clean_stored_article
from tests.conftest import REPO
from tests.digest.fixtures import sample_days
from tests.digest.test_digest import recent_from

CONFIG = load_config(REPO / "feeds.toml")
DAY = date(2026, 11, 30)
COUNCIL_VOTE = ("The Frederick County Council voted 4 to 3 on Friday night to renew the sheriff’s agreement for "
                "three more years, over the objections of immigrant advocates who packed the hearing.")


def sections(**kw: object) -> dict[str, TopicSection]:
    _, today, feeds = sample_days()
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article, **kw)  # type: ignore[arg-type]
    return {s.name: s for s in digest.sections}


def test_new_today_lists_exactly_the_new_development() -> None:
    before, _, _ = sample_days()
    section = sections(recent=recent_from(before))["287(g)"]
    assert section.new_today is not None
    assert [x.text for x in section.new_today.items] == [COUNCIL_VOTE]


def test_a_topic_without_history_is_first_coverage_and_no_recent_means_no_list() -> None:
    before, _, _ = sample_days()
    new = sections(recent=recent_from(before))["DREAM Act"].new_today
    assert new.first_coverage and not new.items and not new.continuing
    assert sections()["DREAM Act"].new_today is None


def test_nothing_new_is_one_line_and_the_summary_is_continuing_coverage() -> None:
    _, today, feeds = sample_days()
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article, recent=recent_from(today),
                          recent_days=3)
    text = render_digest(digest)
    dream = text.split("## DREAM Act")[1].split("\n## ")[0]
    assert "**New today:** nothing that the previous 3 days' coverage did not already report." in dream
    assert "**Summary (continuing coverage).**" in dream and "- " not in dream.split("**Summary")[0]


def test_a_development_several_stories_carry_is_listed_once_citing_each() -> None:
    _, today, _ = sample_days()
    wnyc = next(a for a in today if a.title.startswith("Advocates Rally"))
    new = new_today([(1, wnyc), (2, wnyc)], clean_stored_article, [frozenset({"unrelated", "history", "words"})],
                    CONFIG.topics[2], 7)
    assert new.items and all(x.citations == (1, 2) for x in new.items)
    assert len({x.text for x in new.items}) == len(new.items)


def test_the_wire_copies_add_and_cut_exactly_the_changed_paragraphs() -> None:
    _, today, _ = sample_days()
    copies = {a.feed_name: a for a in today if "DHS" in a.title}
    earliest = copy_text(copies["Civic Wire"], clean_stored_article(copies["Civic Wire"]))
    ledger = compare_copies(earliest, copy_text(copies["Metro Ledger"], clean_stored_article(copies["Metro Ledger"])))
    assert ledger.added == () and ledger.headline_changed
    assert ledger.cut_paragraphs == ("Illinois, New York and Massachusetts have tried to withdraw from the program, "
                                     "but federal officials have said participation is not optional.",)
    dispatch = compare_copies(earliest, copy_text(copies["Capitol Dispatch"],
                                                  clean_stored_article(copies["Capitol Dispatch"])))
    assert dispatch.cut == ()
    assert [p[:40] for p in dispatch.added_paragraphs] == ["“Secure Communities already tells ICE ab",
                                                          "Lake County books about 1,200 people a m"]


def test_coverage_line_says_what_an_outlet_added() -> None:
    text = render_digest(build_digest(DAY, sample_days()[1], CONFIG.topics, sample_days()[2], clean_stored_article))
    line = next(ln for ln in text.splitlines() if "Capitol Dispatch added" in ln)
    assert line == "   - Capitol Dispatch added 2 paragraphs, including a quote from Sheriff Mark Curran"
    assert "Metro Ledger added" not in text  # a cut is not an addition
