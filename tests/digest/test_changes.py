"""New today and wire-copy additions on the bundled samples (a two-day 287(g) story; a wire story in three outlets)."""

import re
from datetime import date

from reader.config import TopicConfig, load_config
from reader.copies import compare_copies, copy_text
from reader.digest.build import build_digest
from reader.digest.changes import new_today, restates_by_reference
from reader.digest.model import Digest, TopicSection
from reader.digest.render import render_digest
from reader.digest.topic_summary import given_word_for_word
from reader.models import Article
from reader.text.clean import clean_stored_article
from reader.text.words import signature
from tests.conftest import REPO
from tests.digest.fixtures import article, feed_row, sample_days
from tests.digest.test_digest import recent_from

CONFIG = load_config(REPO / "feeds.toml")
DAY = date(2026, 11, 30)
COUNCIL_VOTE = ("The Frederick County Council voted 4 to 3 on Friday night to renew the sheriff’s agreement for "
                "three more years, over the objections of immigrant advocates who packed the hearing.")


def sections(**kw: object) -> dict[str, TopicSection]:
    _, today, feeds = sample_days()
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article, **kw)  # type: ignore[arg-type]
    return {s.name: s for s in digest.sections}


def test_new_today_notes_exactly_the_new_development() -> None:
    """The vote is the day's development: the summary says it, and New today points at that sentence alone."""
    before, _, _ = sample_days()
    section = sections(recent=recent_from(before))["287(g)"]
    assert section.new_today is not None and not section.new_today.items
    assert [section.summary[n - 1].text for n in section.new_today.in_summary] == [COUNCIL_VOTE]
    # Without the summary to say it, New today lists it.
    _, today, _ = sample_days()
    story = next(a for a in today if COUNCIL_VOTE in a.text)
    listed = new_today([(1, story)], clean_stored_article, recent_from(before)["287(g)"], CONFIG.topics[3], 7)
    assert [x.text for x in listed.items] == [COUNCIL_VOTE] and listed.in_summary == ()


def test_a_topic_without_history_is_first_coverage_and_no_recent_means_no_list() -> None:
    before, _, _ = sample_days()
    new = sections(recent=recent_from(before))["DREAM Act"].new_today
    assert new.first_coverage and not new.items and not new.continuing
    assert sections()["DREAM Act"].new_today is None
    # It says what the store holds, not that the world had no coverage: a new reader's first week has none stored.
    from reader.digest.render import _new_today
    assert _new_today(new) == ["**New today:** all of it: the reader stored no coverage of this topic in the previous "
                               "7 days.", ""]


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


def _sentences_of_section(markdown: str, name: str) -> list[str]:
    """The New today bullets and the summary's sentences of a rendered section, citations off."""
    part = markdown.split(f"\n## {name}\n")[1].split("\n## ")[0]
    bullets = [ln[2:] for ln in part.split("**New today")[-1].split("**Key quotes")[0].splitlines()
               if ln.startswith("- ")]
    summary = next(ln for ln in part.splitlines() if ln.startswith("**Summary"))
    return [re.sub(r"(\[\d+\])+$", "", s) for s in [*bullets, *re.split(r"(?<=\])\s+", summary.split(".** ", 1)[1])]]


UNRELATED_HISTORY = [signature("The state legislature debated a bill on driver's licenses for farm workers last week.")]


def with_unrelated_history(articles: list[Article], topic: TopicConfig) -> Digest:
    """The articles' digest for one topic whose previous days said nothing of what they say: all of it is new."""
    return build_digest(DAY, articles, [topic], [feed_row(1, articles[0].feed_name)], clean_stored_article,
                        recent={topic.name: UNRELATED_HISTORY})


def test_a_new_sentence_that_is_also_summary_worthy_is_read_once_in_its_section() -> None:
    """Today's leads are new and the best summary sentences: the summary says them (it leads with the main
    development), New today points at them and lists only the new sentences the summary does not say."""
    topic = TopicConfig("Secure Communities", ("Secure Communities",))
    board = article(1, "County Herald", "County board votes to leave Secure Communities",
                    "The county board voted 5 to 2 on Monday to leave Secure Communities, the fingerprint-sharing "
                    "program, after a year of complaints from immigrant families. Supervisor Ana Ruiz said the "
                    "sheriff would stop sending fingerprints to federal immigration agents next month. The program "
                    "has flagged 1,400 people booked into the county jail since it began here in 2010. Federal "
                    "officials have said that counties cannot opt out of Secure Communities.")
    sheriff = article(2, "Valley Times", "Sheriff says Secure Communities exit may not be allowed",
                      "Sheriff Tom Grady said Tuesday that leaving Secure Communities may not be possible, "
                      "because the FBI shares every set of fingerprints with immigration officials anyway. "
                      "Grady said his deputies would follow whatever the board decides. Lawyers for the county "
                      "are reviewing the agreement the sheriff signed with Immigration and Customs Enforcement.")
    reworded = article(3, "Metro Post", "Supervisors quit Secure Communities",
                       "County supervisors voted 5-2 Monday to leave Secure Communities after a year of complaints "
                       "from immigrant families. The vote drew a crowd of about 200 people to the county building.")
    history = UNRELATED_HISTORY
    digest = with_unrelated_history([board, sheriff, reworded], topic)
    section = digest.sections[0]
    new = section.new_today
    assert new is not None and new.items
    summary = [x.text for x in section.summary]
    # The summary is the one the section would have without New today: it leads with the vote.
    assert summary == [x.text for x in build_digest(DAY, [board, sheriff, reworded], [topic], [],
                                                    clean_stored_article).sections[0].summary]
    assert "voted 5 to 2" in summary[0] and 1 in new.in_summary
    listed = [x.text for x in new.items]
    assert set(listed).isdisjoint(summary)
    assert not any("voted 5-2" in x for x in listed)  # nor another outlet's rewording of a summary sentence
    assert all(summary[n - 1] not in history for n in new.in_summary)
    shown = _sentences_of_section(render_digest(digest), topic.name)
    assert len(shown) == len(set(shown)) == len(new.items) + len(section.summary)


def test_every_sample_section_says_each_sentence_once_and_first_coverage_keeps_its_whole_summary() -> None:
    before, today, feeds = sample_days()
    text = render_digest(build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article,
                                      recent=recent_from(before)))
    for name in ("Secure Communities", "287(g)"):
        shown = _sentences_of_section(text, name)
        section = text.split(f"\n## {name}\n")[1].split("\n## ")[0]
        assert len(shown) == len(set(shown)) and section.startswith("\n**Summary.** ")
        assert section.index("**Summary.**") < section.index("**New today") < section.index("**Key quotes**")
    # The section leads with the day's main development, and New today points at it in the summary.
    assert "\n**Summary.** The Department of Homeland Security said Friday" in text
    vote = text.split("\n## 287(g)")[1].split("\n## ")[0]
    assert COUNCIL_VOTE in vote.split("**Summary.**")[1].split("**New today")[0]
    number = vote.split("**Summary.**")[1].split("**New today")[0].split(COUNCIL_VOTE)[0].count("[1]") + 1
    assert f"**New today:** summary sentence {number}.\n" in vote
    # A topic that is all new lists nothing, so its summary is the one it would have without history.
    plain = sections()["DREAM Act"].summary
    assert sections(recent=recent_from(before))["DREAM Act"].summary == plain and plain


def test_a_listed_sentence_introduces_what_it_calls_the_changes() -> None:
    """New today's items stand alone: "Critics said the changes ..." names no changes, so it is not listed;
    the topic's own measure ("the program") reads as the topic under its heading, so that one is."""
    topic = TopicConfig("Secure Communities", ("Secure Communities",))
    story = article(1, "County Herald", "ICE revises Secure Communities",
                    "Immigration officials announced changes to Secure Communities on Friday after months of "
                    "complaints from police chiefs. Critics said the changes did not go far enough for families. "
                    "Three states have tried to withdraw from the program without success this year.")
    listed = [x.text for x in new_today([(1, story)], clean_stored_article, UNRELATED_HISTORY, topic, 7).items]
    assert "Three states have tried to withdraw from the program without success this year." in listed
    assert not any(x.startswith("Critics said the changes") for x in listed)
    assert any(x.startswith("Immigration officials announced changes") for x in listed)


def test_new_today_lists_no_point_the_summary_made_in_other_words() -> None:
    """The golden digest summarised WNYC's "caused confusion at the state and local level" and its
    recommendation on minor traffic offenses, then listed as new the Borderlands Tribune's sentence making
    both points ("had caused “confusion at the state and local level” and recommended that ICE stop pursuing
    people arrested only for minor traffic offenses"): one section said them twice. New today leaves out what
    the summary says by the summary's own test (a phrase shared, or most of the words)."""
    topic = TopicConfig("Secure Communities", ("Secure Communities",))
    wnyc = article(1, "WNYC News", "Task Force Critical of Secure Communities Program",
                   "A task force created to recommend improvements to Secure Communities presented a critical "
                   "report this week, saying the program caused confusion at the state and local level. Most "
                   "significantly, the task force recommended ICE not pursue people identified through Secure "
                   "Communities for arrests based on minor traffic offenses.")
    tribune = article(2, "Borderlands Tribune", "Task force report puts Secure Communities on the defensive",
                      "A federal advisory panel has given critics of Secure Communities their strongest "
                      "ammunition yet. The Homeland Security Advisory Council task force said the program had "
                      "caused “confusion at the state and local level” and recommended that ICE stop pursuing "
                      "people arrested only for minor traffic offenses. Five of the task force’s 20 members "
                      "resigned rather than sign the report.")
    digest = with_unrelated_history([wnyc, tribune], topic)
    [section] = digest.sections
    summary = " ".join(x.text for x in section.summary)
    assert "caused confusion at the state and local level" in summary
    assert section.new_today is not None
    listed = [x.text for x in section.new_today.items]
    assert not any("state and local level" in x or "minor traffic offenses" in x for x in listed), listed
    assert any("Five of the task force’s 20 members" in x for x in [summary, *listed])  # the rest is still said
    text = render_digest(digest)
    assert text.count("state and local level") == 1


def test_a_key_quote_whose_words_the_section_gives_is_told_by_its_words() -> None:
    """A key quote is left out of a section whose summary or New today gives its words in a row, quoted or not;
    words merely shared, or cut by other words, are another statement."""
    quote = "confusion at the state and local level"
    assert given_word_for_word(quote, ["The task force said the program caused confusion at the state and local "
                                       "level."])
    assert given_word_for_word(quote, ["It had caused “Confusion at the state and local level” there."])
    assert not given_word_for_word(quote, ["It caused confusion at the state level and at the local level."])
    assert not given_word_for_word("the state and local", ["Confusion at the statehouse and locally."])


DHS_LEDE = ("The Department of Homeland Security said Friday it will keep expanding Secure Communities, the "
            "fingerprint-sharing program run by Immigration and Customs Enforcement, despite a task force report "
            "that found it had eroded trust between immigrants and local police.")


def test_new_today_does_not_restate_the_summary_through_a_bare_the_program() -> None:
    """"The program checks the fingerprints ..." was listed under a summary saying "the fingerprint-sharing
    program": a subject that names nothing, and content the summary already gave."""
    restating = ("The program checks the fingerprints of everyone booked into a local jail against federal "
                 "immigration databases.")
    assert restates_by_reference(restating, [DHS_LEDE])
    assert not restates_by_reference(restating, [COUNCIL_VOTE])  # a summary that did not say it
    # New in its own words, or with a subject that names something: listed.
    assert not restates_by_reference("The program was suspended in Boston on Friday after a federal judge ruled "
                                     "against it.", [DHS_LEDE])
    assert not restates_by_reference("Illinois, New York and Massachusetts have tried to withdraw from the "
                                     "program, but federal officials have said participation is not optional.",
                                     [DHS_LEDE])
    before, today, feeds = sample_days()
    digest = build_digest(DAY, today, CONFIG.topics, feeds, clean_stored_article, recent=recent_from(before))
    section = next(s for s in digest.sections if s.name == "Secure Communities")
    assert section.new_today is not None and section.new_today.items
    assert restating not in [x.text for x in section.new_today.items]


def test_new_today_lists_news_in_the_reporter_s_words_not_a_sentence_that_is_mostly_a_quote() -> None:
    """A quote is comment on the news, left to the key quotes: New today lists developments, as reported."""
    quoted = ("“This program has turned every traffic stop into a possible deportation, and no memo will change "
              "that,” said Chris Newman of the National Day Laborer Organizing Network.")
    reported = ("Illinois, New York and Massachusetts have tried to withdraw from Secure Communities, but federal "
                "officials have said participation is not optional.")
    story = article(1, "Civic Wire", "Secure Communities grows", f"{reported} {quoted}")
    history = [signature("Secure Communities shares the fingerprints of everyone booked into a county jail.")]
    listed = new_today([(1, story)], clean_stored_article, [frozenset(history[0])], CONFIG.topics[0], 7)
    assert [x.text for x in listed.items] == [reported]
    before, _, _ = sample_days()
    section = sections(recent=recent_from(before))["Secure Communities"]
    assert section.new_today is not None and section.new_today.items
    assert not any(len(re.sub(r"“[^”]*”", "", x.text).split()) * 2 < len(x.text.split())
                   for x in section.new_today.items)
