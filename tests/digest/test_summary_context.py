"""Summary faults a tester still found reading the samples' digest, one test per fault class, each built
from the fault's shape: sentences that point back to what was not chosen, repeats, order, quotes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.config import TopicConfig
from reader.digest.candidates import leans_on_previous
from reader.digest.points import phrases
from reader.digest.references import definite_references
from reader.digest.summarise import (
    DEFAULT_BUDGET,
    StoryForSummary,
    SummaryBudget,
    summarise,
    topic_lens,
)
from reader.topics import TopicMatcher
from tests.conftest import REPO

SC = TopicMatcher.from_config(TopicConfig("Secure Communities", ("Secure Communities",)))
ICE = TopicMatcher.from_config(TopicConfig("ICE enforcement", ("ICE",)))


def run(stories: list[StoryForSummary], matcher: TopicMatcher = SC, budget: SummaryBudget = DEFAULT_BUDGET,
        already: tuple[str, ...] = ()) -> list[str]:
    lens = topic_lens(stories, matcher.matches)
    return [s.text for s in summarise(stories, lens, budget, already)]


def story(number: int, *paragraphs: str, year: int | None = 2011) -> StoryForSummary:
    return StoryForSummary(number, paragraphs, year, mainly_about=True)


# A police chief's story: its second sentence names the topic (and so scores higher), but "the
# department" is the chief's, introduced only by the first sentence.
CHIEF = story(
    1,
    "Suffolk County's police commissioner says fear of deportation is keeping crime victims from coming forward.",
    "Since ICE began checking the fingerprints of everyone booked at county jails, calls to the department's "
    "Arabic-language hotline have fallen by half.",
    "The commissioner asked the county legislature on Tuesday for money to hire four more interpreters.",
)


def test_a_definite_description_never_opens_the_summary_before_what_it_refers_to() -> None:
    chosen = run([CHIEF], ICE)
    hotline = CHIEF.paragraphs[1]
    assert hotline in chosen and not chosen[0].startswith("Since ICE")
    assert chosen.index(CHIEF.paragraphs[0]) + 1 == chosen.index(hotline)
    # When the sentence that introduces the chief cannot be chosen (another topic shows it), neither can this.
    assert hotline not in run([CHIEF], ICE, already=(CHIEF.paragraphs[0],))
    assert definite_references(hotline) == ("department",)
    # What a sentence introduces or names itself needs nothing before it.
    for standalone in (
        "The Department of Homeland Security said it will keep expanding Secure Communities, the "
        "fingerprint-sharing program run by ICE.",
        "A task force created to review a federal program said the program had eroded trust in the police.",
        "Apple is recalling batteries in older laptops because they can overheat, the company said Thursday.",
        "The department of motor vehicles will close two offices in March.",
        "The immigration agency said it would review every recommendation by March.",
    ):
        assert definite_references(standalone) == (), standalone


def test_a_pronoun_whose_antecedent_was_not_chosen_is_left_out() -> None:
    assert leans_on_previous("County Executive Edward Mangano said he would review its findings.")
    assert leans_on_previous("Officials in two counties said they would stop honoring its detainer requests.")
    assert leans_on_previous("The mayor said she would ask them to testify next week.")
    for fine in (  # the pronoun has something to stand for in the sentence itself
        "Five of the task force's 20 members resigned rather than sign the report, saying its recommendations "
        "did not go far enough.",
        "Sheriffs disagree about whether their agreements with ICE are still needed.",
        "Apple said it would replace the batteries free of charge.",
        "ICE says it has removed more than 100,000 people convicted of crimes since 2008.",
        "Small businesses say the system wrongly flagged legal workers, who then had eight days to correct "
        "their records.",
        "Officials said it was unclear whether the program would continue next year.",
        "The company said it had received 26 reports of batteries overheating.",
    ):
        assert not leans_on_previous(fine), fine
    county = story(
        1,
        "Secure Communities has kept immigrant witnesses away from the police, the county's top officer says.",
        "A task force appointed by the department recommended this week that Secure Communities stop pursuing "
        "people arrested for minor traffic offenses.",
        "County Executive Edward Mangano said he would review its findings on Secure Communities.",
    )
    findings = county.paragraphs[2]
    # Its findings are the task force's: without that sentence the pronoun points at nothing.
    assert findings not in run([county], already=(county.paragraphs[1],))
    with_task_force = run([county])
    if findings in with_task_force:
        assert with_task_force.index(findings) == with_task_force.index(county.paragraphs[1]) + 1


def test_a_sentence_that_is_mostly_a_key_quote_is_left_to_the_quotes() -> None:
    """Decided: the quote stays under Key quotes (it names the speaker); the summary tells what happened."""
    quote = "E-Verify is quick, free and easy, and it will open up jobs for unemployed Americans"
    s = story(
        1,
        "A House committee on Wednesday approved a bill requiring every employer to check new hires through "
        "E-Verify.",
        f"“{quote},” said Rep. Lamar Smith, the Texas Republican who wrote the bill.",
        "Farm groups said the E-Verify mandate would leave crops rotting in the fields without more visas.",
    )
    e_verify = TopicMatcher.from_config(TopicConfig("E-Verify", ("E-Verify",)))
    lens = topic_lens([s], e_verify.matches)
    with_quote = [x.text for x in summarise([s], lens)]
    without_quote = [x.text for x in summarise([s], lens, quotes_shown=[quote])]
    assert s.paragraphs[1] in with_quote and s.paragraphs[1] not in without_quote
    assert s.paragraphs[0] in without_quote and s.paragraphs[2] in without_quote
    # A sentence that quotes a few words of a key quote in a report of its own is still news.
    short = "adverse impact"
    report = story(1, f"The task force said Secure Communities had an “{short}” on community policing and "
                      "recommended ending arrests for minor traffic offenses.")
    assert run([report]) == [x.text for x in summarise([report], topic_lens([report], SC.matches),
                                                       quotes_shown=[short])]


def test_no_summary_sentence_repeats_a_key_quote_of_its_section() -> None:
    from tests.digest.test_digest import sample_digest

    for section in sample_digest().split("\n## ")[1:]:
        if "**Key quotes**" not in section:
            continue
        summary = next(line for line in section.splitlines() if line.startswith("**Summary.**"))
        quotes = [line[3:].split("” —")[0] for line in section.split("**Key quotes**")[1].split("**Coverage**")[0]
                  .splitlines() if line.startswith("- “")]
        assert quotes and not any(q in summary for q in quotes), section.splitlines()[0]


def test_a_story_s_relevant_sentences_without_the_topic_s_name_still_count() -> None:
    """An Arizona story under E-Verify: its second sentence speaks of "the system" and legal workers, the
    words the other story uses beside the topic's name, so it is about the topic."""
    e_verify = TopicMatcher.from_config(TopicConfig("E-Verify", ("E-Verify",)))
    house = story(
        1,
        "A House committee approved a bill that would require every employer to check new hires through "
        "E-Verify, the federal online system that confirms whether a worker may legally hold a job.",
        "Farm groups warned that a mandate without a guest-worker program would leave crops rotting.",
    )
    arizona = story(
        2,
        "Arizona, the first state to require E-Verify of every employer, offers a preview of a national mandate.",
        "Small businesses in Phoenix say the system wrongly flagged legal workers, who then had eight days to "
        "correct their records.",
    )
    chosen = run([house, arizona], e_verify)
    flagged = arizona.paragraphs[1]
    assert flagged in chosen and chosen.index(arizona.paragraphs[0]) < chosen.index(flagged)
    # Without "the system": the words the two stories share (workers) make it about the topic.
    reworded = story(2, arizona.paragraphs[0], "Small businesses in Phoenix say legal workers were wrongly "
                                               "flagged and had eight days to correct their records.")
    assert reworded.paragraphs[1] in run([house, reworded], e_verify)


def test_a_phrase_two_outlets_share_is_said_once() -> None:
    """Reworded around it, the same quoted finding ("confusion at the state and local level") is one point."""
    wnyc = story(
        1,
        "A task force created to recommend improvements to a federal immigration program presented a critical "
        "report this week, saying the program, Secure Communities, has had an adverse impact on community "
        "policing and caused confusion at the state and local level.",
    )
    tribune = story(
        2,
        "The Homeland Security Advisory Council task force said Secure Communities had caused “confusion at the "
        "state and local level” and urged that ICE stop pursuing people arrested only for minor traffic offenses.",
        "Five of the task force's 20 members resigned rather than sign the report on Secure Communities.",
    )
    chosen = run([wnyc, tribune])
    assert sum("state and local level" in s for s in chosen) == 1
    assert tribune.paragraphs[1] in chosen
    assert phrases("caused confusion at the state and local level") & phrases(
        "had caused “confusion at the state and local level”")
    # Names are who, not what is said about them: two sentences naming the same agency are not one point.
    assert not phrases("Immigration and Customs Enforcement said it would respond within weeks.") & phrases(
        "Immigration and Customs Enforcement rolled out the program in October 2008.")


def test_words_scattered_over_other_sections_do_not_make_a_repeat() -> None:
    """The task force's traffic recommendation is news under ICE enforcement even when the sections above
    used its words in other points ("task force", "arrested", "traffic offenses")."""
    recommendation = ("The task force appointed by ICE recommended this week that people arrested for minor "
                      "traffic offenses not be pursued through the program.")
    above = (
        "A task force created to recommend improvements to the program presented a critical report this week.",
        "Half of those identified under the program had been arrested for misdemeanors or traffic offenses.",
    )
    nassau = story(1, "Nassau County's top police officer says fear of ICE is keeping witnesses away.", recommendation)
    assert recommendation in run([nassau], ICE, already=above)
    # One sentence above that said most of it is still a repeat.
    assert recommendation not in run([nassau], ICE, already=(recommendation.replace("this week", "on Friday"),))


def test_a_pronoun_after_a_speech_verb_that_may_mean_the_previous_sentence_s_subject_leans_on_it() -> None:
    """ "The program checks ... ICE says it has led to ...": read alone, "it" would be ICE; it is the program."""
    program = "The program checks the fingerprints of everyone booked into a local jail against federal databases."
    claim = "ICE says it has led to the removal of more than 100,000 people convicted of crimes."
    assert leans_on_previous(claim, program)
    assert leans_on_previous("Officials said they had flagged 1,400 people booked since March.",
                             "The sheriff's deputies check every booking against the databases.")
    # The speaker is what the story was about, or there is nothing before: "it" is the speaker.
    assert not leans_on_previous("Apple said it would replace the batteries free of charge.",
                                 "Apple is recalling batteries in older laptops because they can overheat.")
    assert not leans_on_previous(claim)
    assert not leans_on_previous("The company said it had received 26 reports of batteries overheating.",
                                 "Only if its serial number matches the list on Apple's recall page.")
    wire = story(1, "The Department of Homeland Security said it will keep expanding Secure Communities, the "
                    "fingerprint-sharing program run by ICE.", program, claim,
                 "Illinois, New York and Massachusetts have tried to withdraw from Secure Communities.")
    chosen = run([wire])
    assert claim not in run([wire], already=(program,))
    if claim in chosen:
        assert chosen.index(claim) == chosen.index(program) + 1


def test_a_longer_sentence_saying_a_chosen_short_one_and_more_replaces_it() -> None:
    """The short ICE sentence was chosen first and made the task force's fuller recommendation a repeat: now
    the sentence saying more takes its place, and the point is still said once."""
    short = ("The task force appointed by ICE recommended this week that people arrested for minor traffic "
             "offenses not be pursued through Secure Communities.")
    longer = ("The Homeland Security Advisory Council task force said Secure Communities had eroded trust in the "
              "police and recommended that ICE stop pursuing people arrested only for minor traffic offenses.")
    ledger = story(1, short, "Nassau County's police commissioner asked the county for four more interpreters.")
    tribune = story(2, "Five of the task force's 20 members resigned rather than sign the report on "
                       "Secure Communities.", longer)
    chosen = run([ledger, tribune])
    assert longer in chosen and short not in chosen
    # Saying no more than the chosen sentence, a rewording is still a repeat.
    reworded = story(2, "The task force appointed by ICE recommended that people arrested for minor traffic "
                        "offenses not be pursued through Secure Communities, officials said.")
    assert sum("traffic" in s for s in run([ledger, reworded])) == 1


def test_the_seed_article_alone_gets_a_full_summary_through_reader_summarize(tmp_path: Path) -> None:
    """`reader summarize` on the seed article as a one-article cluster gave 2 sentences: its report quotes are
    (rightly) key quotes now, and "It aimed at removing serious criminal offenders ..." was judged off the
    topic, which dropped it and "But data showed ... caught up in the program" leaning on it. A sentence
    leaning on one about the topic goes on about the topic."""
    seed = (REPO / "tests" / "data" / "secure-communities-wnyc.txt").read_text(encoding="utf-8")
    for topic in (None, {"name": "Secure Communities", "match": ["Secure Communities"]}):
        source = tmp_path / "seed.jsonl"
        source.write_text(json.dumps({"id": "seed", "topic": topic, "articles": [{"text": seed}]}) + "\n",
                          encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "reader", "summarize", str(source)], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        result = json.loads(out.stdout)
        texts = [s["text"] for s in result["sentences"]]
        assert len(texts) >= 4, texts
        assert all(t in seed and s["cites"] == [0] for t, s in zip(texts, result["sentences"], strict=True))
        rolled_out, aimed, data = (next(i for i, t in enumerate(texts) if t.startswith(start))
                                   for start in ("Immigration and Customs Enforcement, the investigative arm",
                                                 "It aimed at removing", "But data showed"))
        assert (rolled_out + 1, rolled_out + 2) == (aimed, data)  # read in the story's order, in one run
        assert texts[0].startswith("A task force created to recommend improvements")
        # The task force's recommendation: "Most significantly, ..." ranks the story's points, so it stands right
        # after a chosen sentence of its story before it (the cleaner keeps the body's copy, after the lede, not
        # the teaser's): here the one the article puts right before it.
        significantly = next(i for i, t in enumerate(texts) if t.startswith("Most significantly, the Task Force"))
        assert significantly == data + 1
        assert result["quotes"] and not any(q["text"] in t for q in result["quotes"] for t in texts)


def test_what_introduces_the_department_does_not_itself_say_the_department() -> None:
    """Another story's "the department's hotline" introduces no department: read after it, "The department"
    still points at nothing the summary said."""
    later = story(2, "The department has since hired Arabic-speaking staff to answer ICE questions on weekends.")
    assert definite_references(later.paragraphs[0]) == ("department",)
    assert CHIEF.paragraphs[1] in run([CHIEF], ICE)  # "the department's hotline", after the chief it is his
    assert later.paragraphs[0] not in run([CHIEF, later], ICE)
    # A sentence that does introduce one ("a police department") is a fine antecedent.
    introduced = story(1, "Suffolk County's police department says ICE checks are keeping crime victims away.")
    assert later.paragraphs[0] in run([introduced, later], ICE)


def test_the_company_stands_after_its_story_s_chosen_sentence_never_first_or_alone() -> None:
    """What a sentence calls "the company" may have been introduced by its story in a sentence not chosen
    ("A company spokeswoman said ..."); then the sentence stands only after a chosen one of its story, so
    the reader has met the story, and never when none of its story is chosen."""
    apple = TopicMatcher.from_config(TopicConfig("Apple recall", ("recall",)))
    recall = story(
        1,
        "Apple announced a voluntary recall of batteries in some MacBook Pro laptops on Thursday.",
        "A company spokeswoman said the recalled batteries can overheat and pose a fire risk.",
        "The company said the recall covers 432,000 laptops and that repairs can take two weeks.",
    )
    lede, spokeswoman, covers = recall.paragraphs
    chosen = run([recall], apple, SummaryBudget(sentences=2))
    assert chosen == [lede, covers]  # the spokeswoman's sentence is not chosen, yet introduced the company
    assert run([recall], apple, already=(lede, spokeswoman)) == []


def test_a_sentence_ranking_its_story_s_points_needs_a_chosen_sentence_of_its_story_not_its_predecessor() -> None:
    """"Most significantly, the task force recommended ..." was left out unless the sentence before it was chosen,
    and that one ("But data showed ...") leaned on the one before it in turn: the recommendation was lost. It
    ranks what its story says, so any chosen sentence of its story before it will do; "More importantly"
    compares with the sentence before, and still needs it. Needing context, it replaces no plain sentence."""
    lede = "A task force presented a critical report on Secure Communities this week, saying it hurt policing."
    chain = ("Immigration and Customs Enforcement rolled out the Secure Communities program in October 2008.",
             "It aimed at removing serious criminal offenders from the country.",
             "But data showed that low level offenders were getting caught up in the program.")
    recommendation = ("Most significantly, the Task Force on Secure Communities recommended ICE not pursue people "
                      "arrested for minor traffic offenses, and that victims who come to the agency’s attention "
                      "are protected.")
    wnyc = story(1, lede, " ".join(chain), recommendation)
    [candidate] = [c for c in wnyc.candidates if c.text == recommendation]
    assert candidate.needs_context and not candidate.needs_previous and candidate.refers_to == ()
    chosen = run([wnyc], SC, SummaryBudget(sentences=2))
    assert chosen == [lede, recommendation]
    assert recommendation not in run([wnyc], SC, already=(lede, *chain))  # none of its story chosen: it dangles
    assert leans_on_previous("More importantly, the task force recommended that ICE stop pursuing drivers.")
    more = story(1, lede, "More importantly, the Task Force on Secure Communities recommended ICE stop pursuing "
                          "people arrested for minor traffic offenses.")
    assert more.candidates[1].needs_previous and not more.candidates[1].needs_context
    # Said plainly by another story, the point is not said again in the longer sentence that needs context.
    plain = ("The task force appointed by ICE recommended that people arrested for minor traffic offenses not be "
             "pursued through Secure Communities.")
    both = run([story(1, plain), story(2, lede, recommendation)])
    assert plain in both and recommendation not in both
    # "the agency" after "ICE" in the same sentence is ICE; "the department" after it may be another one.
    assert definite_references(recommendation) == ()
    assert definite_references(CHIEF.paragraphs[1]) == ("department",)
