"""Property tests: cleaning is idempotent, keeps every unique paragraph in order; whitespace folds as re does."""

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.clean import clean_article
from reader.text.html import html_to_search_text
from reader.text.sanitize import fold_whitespace, strip_control_characters

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
SENTENCE = st.lists(WORD, min_size=4, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@st.composite
def articles_with_repeats(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """(distinct paragraphs, the article body with exact copies and one-sentence teasers inserted)."""
    distinct = draw(st.lists(PARAGRAPH, min_size=1, max_size=8, unique=True))
    body = list(distinct)
    for _ in range(draw(st.integers(0, 4))):
        source = draw(st.sampled_from(distinct))
        copy = source if draw(st.booleans()) else source.split(". ")[0].rstrip(".") + "."
        body.insert(draw(st.integers(0, len(body))), copy)
    return distinct, body


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_with_repeats())
def test_no_unique_paragraph_lost_and_order_kept(case: tuple[list[str], list[str]]) -> None:
    distinct, body = case
    article = clean_article("\n\n".join(body), title="Title")
    shown = list(article.paragraphs)
    for paragraph in distinct:
        assert any(paragraph in p for p in shown), paragraph
    assert _is_subsequence(shown, body)
    for hidden in article.collapsed:
        assert hidden.text.rstrip(".") in shown[hidden.kept]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_with_repeats(), st.sampled_from(["text", "html"]))
def test_cleaning_is_idempotent(case: tuple[list[str], list[str]], kind: str) -> None:
    _, body = case
    raw = "\n\n".join(body) if kind == "text" else "".join(f"<p>{p}</p>" for p in body)
    once = clean_article(raw, title="Title", kind=kind)  # type: ignore[arg-type]
    twice = clean_article("\n\n".join(once.paragraphs), title="Title", kind="text")
    assert twice.paragraphs == once.paragraphs
    assert twice.collapsed == () and twice.captions == ()
    assert twice.quotes == once.quotes


def test_seed_is_idempotent() -> None:
    from tests.conftest import SEED

    once = clean_article(SEED.read_text(encoding="utf-8"))
    twice = clean_article("\n\n".join(once.paragraphs), title=once.title, kind="text")
    assert twice.paragraphs == once.paragraphs and twice.quotes == once.quotes and twice.repairs == ()


WHITESPACE_HEAVY = st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000ab.")),
                           max_size=40)


@given(WHITESPACE_HEAVY)
def test_fold_whitespace_is_re_sub_of_whitespace_runs(text: str) -> None:
    assert fold_whitespace(text) == re.sub(r"\s+", " ", text).strip()


@given(WHITESPACE_HEAVY.map(lambda t: f"<p>{t}</p>{t}<br>&amp;{t}"))
def test_search_text_folds_spaces_within_lines_only(fragment: str) -> None:
    # The implementation before lone spaces were left alone, as the reference.
    text = strip_control_characters(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    expected = "\n".join(line for line in (re.sub(r"[ \t\r\f\v]+", " ", s).strip() for s in text.splitlines()) if line)
    assert html_to_search_text(fragment) == expected
