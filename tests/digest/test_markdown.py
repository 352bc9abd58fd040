"""The digest's Markdown, rendered by a real CommonMark renderer: the text read is the text meant, and the only
links and emphasis are the ones the digest made. Escaping is as light as each place allows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.render import escape_cell, escape_heading, escape_markdown, render_digest
from reader.text.clean import clean_stored_article
from reader.text.sanitize import fold_whitespace
from tests.digest.fixtures import article, feed_row

DAY = date(2026, 11, 30)
RENDERER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
HOSTILE = [
    "A *bold* [link](http://x) | cell <script>alert(1)</script> # heading &amp; `code`",
    "snake_case and _under_ and __strong__ ~~struck~~ and $x + y$ but $5-$10 stays",
    "a ![pic](http://x/p.png) and <http://auto.example> and \\*escaped\\* and C:\\path\\ end\\",
    "287(g) agreements (the county's) cost $4 million & more! #hashtag [sic] 1. 2) > quote",
]
FORBIDDEN = {"image", "html_inline", "html_block", "code_inline", "s_open", "em_open", "strong_open", "link_open"}


def inline_text(token: Token) -> str:
    return "".join(c.content if c.type in ("text", "code_inline") else " " if c.type == "softbreak" else ""
                   for c in token.children or [])


def inline_types(token: Token) -> set[str]:
    return {c.type for c in token.children or []}


def rendered(markdown: str) -> list[Token]:
    return [t for t in RENDERER.parse(markdown) if t.type == "inline"]


def test_every_escape_renders_back_to_the_intended_text() -> None:
    for text in HOSTILE:
        for escape, wrap in ((escape_markdown, "- {}"), (escape_heading, "## {}"),
                             (escape_cell, "| {} | x |\n| --- | --- |")):
            [first, *_] = rendered(wrap.format(escape(text)))
            assert inline_text(first) == fold_whitespace(text), (escape.__name__, text)
            assert not inline_types(first) & FORBIDDEN, (escape.__name__, text)


def test_brackets_and_parentheses_stay_readable_in_the_raw_file() -> None:
    assert escape_markdown("287(g) agreements") == "287(g) agreements"
    assert escape_heading("287(g)") == "287(g)" and escape_cell("287(g)") == "287(g)"
    assert escape_markdown("AT&T and Q&A, 3 < 4, costs $5") == "AT&T and Q&A, 3 < 4, costs $5"
    assert escape_markdown("snake_case") == "snake_case"
    assert escape_markdown("a | b") == "a | b"  # only a table cell needs "|" escaped


def test_hostile_feed_text_in_a_whole_digest_makes_no_markup() -> None:
    topic = TopicConfig("Policy #1 | 287(g)", ("Secure Communities",))
    articles = [
        replace(article(i, f"Outlet {i} | *x*", title, f"Secure Communities story {i}: {title}. "
                        "The Secure Communities program was debated by the county board for three hours today.",
                        link=f"https://news.example/{i}"), author=f"news@x.example ({title[:12]})")
        for i, title in enumerate(HOSTILE, 1)
    ]
    digest = build_digest(DAY, articles, [topic], [feed_row(1, "Outlet 1 | *x*")], clean_stored_article)
    markdown = render_digest(digest)
    inlines = rendered(markdown)
    our_links = {f"https://news.example/{i}" for i in range(1, len(HOSTILE) + 1)}
    for token in inlines:
        for child in token.children or []:
            assert child.type not in {"image", "html_inline", "code_inline", "s_open"}, (child.type, token.content)
            if child.type == "link_open":
                assert child.attrs["href"] in our_links
    texts = [inline_text(t) for t in inlines]
    assert "Policy #1 | 287(g)" in texts  # the heading
    table_cells = [inline_text(t) for t in inlines if t.content.startswith("Policy")]
    assert "Policy #1 | 287(g)" in table_cells
    coverage = [t for t in texts if t.startswith(fold_whitespace(HOSTILE[0]))]
    assert coverage and coverage[0].startswith(f"{fold_whitespace(HOSTILE[0])} — Outlet")
    summary = next(t for t in inlines if t.content.startswith("**Summary.**"))
    assert {c.type for c in summary.children or []} <= {"text", "strong_open", "strong_close", "softbreak"}
    for sentence in digest.sections[0].summary:
        assert sentence.text in inline_text(summary)


# Feed text that would start a block where it opens a list item ("1. ", "- "): a heading, a quote, a list, a rule.
BLOCK_STARTS = ["# Breaking news here", "### Three", "> quoted words", "1. numbered words", "12) numbered words",
                "- dashed words", "+ plus words", "---", "- - -", "#"]


def _blocks_in_items(markdown: str) -> list[str]:
    """The block tokens inside list items besides paragraphs and the digest's own nested additions list."""
    depth, found = 0, []
    for token in RENDERER.parse(markdown):
        depth += token.type == "list_item_open"
        depth -= token.type == "list_item_close"
        if depth and token.type.endswith("_open") and token.type not in (
                "paragraph_open", "list_item_open", "bullet_list_open"):
            found.append(token.type)
    return found


def test_feed_text_opening_a_list_item_starts_no_block() -> None:
    from reader.digest.model import CoverageLine, Digest, NewToday, SummarySentence, TopicSection

    for text in BLOCK_STARTS:
        line = CoverageLine(1, text, None, text, None, ("Other",), additions=(f"{text} added 2 paragraphs",))
        new = NewToday((SummarySentence(text, (1,), copy_of=text),), False)
        section = TopicSection("Topic", (), (), (line,), (), new_today=new)
        digest = Digest(DAY, 1, 1, 1, (), (section,), (line,), None, (), ())
        markdown = render_digest(digest)
        assert _blocks_in_items(markdown) == [], (text, markdown)
        items = [inline_text(t) for t in rendered(markdown.split("## Topic")[1])]
        assert any(t.startswith(f"{text} — {text}") for t in items), (text, items)  # read as written
        assert f"{text} added 2 paragraphs" in items and any(t.startswith(f"{text} (in") for t in items)
    assert "1\\. numbered words" in render_digest(Digest(DAY, 1, 1, 1, (), (), (
        CoverageLine(1, "1. numbered words", None, "X", None),), None, (), ()))
