"""Property tests over real text: a paragraph with a credit run in comes back whole; story sentences stay."""

from functools import cache
from pathlib import Path

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.clean import clean_article
from reader.text.credits import is_caption
from reader.text.html import html_to_blocks
from tests.conftest import REPO


@cache
def real_paragraphs() -> list[str]:
    """Story paragraphs of the bundled sample articles (real text nobody shaped for these rules)."""
    found = []
    for path in sorted(Path(REPO / "reader" / "samples").glob("*.xml")):
        for entry in feedparser.parse(str(path)).entries:
            blocks, _ = html_to_blocks(entry.content[0].value)
            found += [b.text for b in blocks if len(b.text.split()) >= 8 and "â" not in b.text
                      and not is_caption(b.text) and "Check back" not in b.text]
    return found


NAME = st.sampled_from(["Jane Doe", "Ruben Ortiz", "Mei-Ling Chan", "J. Scott Applewhite", "Ana de la Cruz"])
OUTLET = st.sampled_from(["Getty Images", "AFP/Getty Images", "AP", "Reuters", "Bloomberg via Getty Images"])
PAPER = st.sampled_from(["The Press Democrat", "WNYC", "Houston Chronicle", "Metro Ledger", "Staff"])


@st.composite
def credits(draw: st.DrawFn) -> str:
    name, outlet, paper = draw(NAME), draw(OUTLET), draw(PAPER)
    shape = draw(st.sampled_from(["({n}/{p})", "{n}/{o}", "(AP Photo/{n})", "Photo: {n} / {p}", "({n}/{o})"]))
    return shape.format(n=name, o=outlet, p=paper)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), credits(), st.sampled_from(["html", "text"]))
def test_a_real_paragraph_with_a_credit_run_in_comes_back_whole(data: st.DataObject, credit: str, kind: str) -> None:
    paragraphs = real_paragraphs()
    target = data.draw(st.sampled_from(paragraphs))
    lead = "The county board met on Tuesday night to take up the agreement."
    parts = [lead, f"{credit} {target}"]
    raw = "".join(f"<p>{p}</p>" for p in parts) if kind == "html" else "\n\n".join(parts)
    article = clean_article(raw, title="T", kind=kind)  # type: ignore[arg-type]
    assert target in article.paragraphs
    assert article.captions == (credit,)


MENTION = st.sampled_from([
    "an advertisement", "the advertising campaign", "the newsletter", "a podcast", "its copyright",
    "the share price", "a reprint of the memo", "Facebook and Twitter", "the related case", "the app",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), MENTION, st.sampled_from(["Read", "Share", "Follow", "Subscribe", "Sign", "Copyright",
                                            "Advertisement", "Related", "More", "Watch"]))
def test_a_story_sentence_mentioning_furniture_stays(data: st.DataObject, mention: str, opener: str) -> None:
    base = data.draw(st.sampled_from(real_paragraphs()))
    # A story sentence may even start with a furniture word, as long as it goes on as a sentence.
    sentence = f"{opener}ers of {mention} said on Monday that {base[0].lower()}{base[1:]}"
    for text in (f"The report mentioned {mention}. {base}", sentence):
        article = clean_article(f"<p>The council voted.</p><p>{text}</p>", title="T")
        assert text in article.paragraphs and article.furniture == ()
