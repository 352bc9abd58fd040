"""Property tests: cleaning is idempotent, never loses a unique paragraph, and keeps order."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.clean import clean_article

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
