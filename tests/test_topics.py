from hypothesis import given
from hypothesis import strategies as st

from reader.config import TopicConfig
from reader.models import Article
from reader.text.html import html_to_search_text
from reader.topics import TopicMatcher, compile_topics, folded_for_matching, topic_text, topics_in

ICE = TopicMatcher.from_config(TopicConfig("ICE", ("ICE", "Immigration and Customs Enforcement"), ("ICE storm",)))
SC = TopicMatcher.from_config(TopicConfig("SC", ("Secure Communities",)))


def test_capital_phrases_match_only_capitals() -> None:
    assert ICE.matches("ICE said on Monday")
    assert not ICE.matches("black ice on the roads, and Ice cream")
    assert ICE.matches("immigration and customs enforcement agents")


def test_word_boundaries() -> None:
    assert not ICE.matches("NOTICE: SERVICE changes")
    assert not SC.matches("Secure Communitiesville")
    assert SC.matches("the secure\ncommunities program")
    assert SC.matches("(Secure Communities)")
    g = TopicMatcher.from_config(TopicConfig("287(g)", ("287(g)",)))
    assert g.matches("under 287(g) agreements") and not g.matches("1287(g)")


def test_exclude_removes_only_matches_inside_it() -> None:
    assert not ICE.matches("An ICE STORM warning")
    assert ICE.matches("An ICE storm warning, and ICE raids")
    assert ICE.count("An ICE storm warning, and ICE raids") == 1


def test_topics_in_keeps_configuration_order() -> None:
    matchers = compile_topics([TopicConfig("SC", ("Secure Communities",)), TopicConfig("ICE", ("ICE",))])
    assert topics_in("ICE runs Secure Communities", matchers) == ["SC", "ICE"]


PIECES = ["secure", "SECURE", "Secure", "communities", "COMMUNITIES", "ICE", "ice", "Ice", "notice", "e-verify",
          "E-Verify", "ſecure", "Straße", "x", "(", ")", " ", "  ", "\n", "\t", "\xa0", "\u2003", ".", "_"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_pre_check_never_rejects_a_text_the_patterns_match(text: str) -> None:
    for matcher in (ICE, SC, TopicMatcher.from_config(TopicConfig("EV", ("E-Verify", "Strasse")))):
        if any(p.search(text) for p in matcher.patterns):
            assert matcher.might_match(text, folded_for_matching(text)), text



def test_invisible_word_breaks_do_not_hide_a_topic_or_a_search() -> None:
    """A soft hyphen inside a word, or a zero-width space for the space between two, is invisible to a reader."""
    matchers = compile_topics([TopicConfig("Secure Communities", ("Secure Communities",))])
    for body in ("<p>Secure Com&shy;munities grew.</p>", "<p>Secure&#8203;Communities grew.</p>",
                 "<p>Secure\u2060 Communi\ufeffties grew.</p>"):
        text = html_to_search_text(body)
        assert text == "Secure Communities grew.", repr(text)
        assert topics_in(text, matchers) == ["Secure Communities"]
    # An article stored before search text dropped them still matches.
    stored = Article(id=1, feed_id=1, feed_name="F", guid=None, link=None, title="T", author=None, published=None,
                     first_seen="2026-12-01T00:00:00+00:00", content="", text="Secure Com\u00admunities grew.",
                     is_read=False, is_starred=False)
    assert topics_in(topic_text(stored), matchers) == ["Secure Communities"]
    assert html_to_search_text("Persian \u200c and emoji \U0001F469\u200d\U0001F4BB stay") == (
        "Persian \u200c and emoji \U0001F469\u200d\U0001F4BB stay")
