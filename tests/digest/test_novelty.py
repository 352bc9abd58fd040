from reader.digest.novelty import (
    decode_signatures,
    encode_signatures,
    new_sentences,
    sentences_of,
)
from reader.text.words import signature, stem

TUESDAY = [
    "LAKE COUNTY, Ill. (Civic Wire) — The county board voted 5-2 on Monday to end its 287(g) agreement "
    "with federal immigration authorities.",
    "The agreement let sheriff's deputies question inmates about their immigration status.",
    "Sheriff Mark Curran said the jail would keep sharing fingerprints through Secure Communities.",
]
# Wednesday repeats Tuesday's facts in other words, then reports one new development.
WEDNESDAY = [
    "On Monday, county supervisors ended the 287(g) agreement with federal immigration authorities by a 5-2 vote.",
    "Under the agreement, deputies could question inmates about immigration status.",
    "Curran said fingerprints taken at the jail will still be shared through Secure Communities.",
    "Others disagree.",
    "On Tuesday night the Illinois attorney general opened an inquiry into how the jail held detainees "
    "for federal agents without warrants.",
]


def history(*sentences: str) -> list[frozenset[str]]:
    return [signature(s) for s in sentences]


def test_a_reworded_repeat_is_not_new_and_the_development_is() -> None:
    found = new_sentences(WEDNESDAY, history(*sentences_of(TUESDAY)))
    assert [WEDNESDAY[i] for i in found] == [WEDNESDAY[4]]


def test_without_history_every_substantial_sentence_is_new() -> None:
    assert new_sentences(WEDNESDAY, []) == [0, 1, 2, 4]  # "Others disagree." says too little


def test_ignored_topic_words_do_not_make_a_sentence_old() -> None:
    old = history("Secure Communities funding was cut in Texas.")
    today = ["Secure Communities funding in Texas doubled after the vote."]
    assert new_sentences(today, old) == []  # most of its few stems are the topic's own words
    ignore = signature("Secure Communities")
    assert new_sentences(today, old, ignore=ignore) == [0]


def test_distinct_lists_one_development_once() -> None:
    today = [WEDNESDAY[4], "The Illinois attorney general opened an inquiry on Tuesday into the jail holding "
             "detainees for federal agents without warrants."]
    assert new_sentences(today, []) == [0, 1]
    assert new_sentences(today, [], distinct=True) == [0]


def test_prefix_filtering_agrees_with_comparing_every_pair() -> None:
    import random

    rng = random.Random(4)
    words = [f"w{i}" for i in range(30)]
    for _ in range(200):
        today = [" ".join(rng.sample(words, rng.randint(3, 9))) for _ in range(6)]
        old = [frozenset(stem(w) for w in rng.sample(words, rng.randint(2, 12))) for _ in range(8)]
        slow = [i for i, s in enumerate(today) if len(signature(s)) >= 4
                and not any(len(signature(s) & h) >= -(-6 * len(signature(s)) // 10) for h in old)]
        assert new_sentences(today, old) == slow


def test_signatures_round_trip_through_stored_text() -> None:
    sigs = history(*TUESDAY, TUESDAY[0], "Too short here.")
    text = encode_signatures(sigs)
    assert text.count("\n") == 2  # the repeat and the short sentence are not stored
    assert set(decode_signatures(text)) == set(sigs[:3])
    assert decode_signatures("") == []


def test_dateline_is_not_content() -> None:
    assert sentences_of(["WASHINGTON (Civic Wire) — DHS said so. Then more."]) == ["DHS said so.", "Then more."]


# A follow-up: day one previews the vote and reports the sheriffs' view; day two reports the vote and
# rewords the sheriffs' view. New today had it backwards: the result old, the rewording new.
PREVIEW = [
    "The Ohio Senate will vote Tuesday on a bill that would bar county jails from holding people for Secure "
    "Communities without a judicial warrant.",
    "Sheriffs across the state oppose the bill, saying it would let dangerous people walk free.",
]
FOLLOW_UP = [
    "The Ohio Senate voted 20 to 13 on Tuesday to bar county jails from holding people for Secure Communities "
    "without a judicial warrant.",
    "Sheriffs throughout Ohio have opposed the measure, arguing that it would allow dangerous people to go free.",
]


def test_a_follow_up_s_vote_count_is_new_and_its_reworded_background_is_not() -> None:
    assert new_sentences(FOLLOW_UP, [signature(s) for s in PREVIEW]) == [0]


def test_a_count_the_earlier_sentence_already_gave_is_not_news_again() -> None:
    assert new_sentences(["In Ohio the Senate voted 20 to 13 on Tuesday to bar county jails from holding people "
                          "for Secure Communities without a judicial warrant."],
                         [signature(FOLLOW_UP[0])]) == []
    # A year is when, not what: "in 2011" added to a repeat does not make it news.
    assert new_sentences([f"In 2011, {PREVIEW[1][0].lower()}{PREVIEW[1][1:]}"], [signature(PREVIEW[1])]) == []
