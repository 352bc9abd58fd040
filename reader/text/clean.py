"""clean_article(): from what a feed or page gives to the text a person should read.

Steps, in order: HTML or plain text to blocks; encoding repair (once over the whole body, so
ftfy runs at most once per article); control characters out; page furniture, captions, photo
credits run into a paragraph, and bylines set apart; truncated quotations closed; repeated
paragraphs collapsed; key quotes found. What is set apart stays in the result (collapsed,
furniture, captions), so the reading view can show it and nothing the publisher sent is lost.
Cleaning is deterministic and idempotent: cleaning the output again changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from html import unescape
from typing import Any, Literal

from reader.text.collapse import CollapsedParagraph, collapse_repeated_paragraphs, count_copies
from reader.text.credits import is_caption, split_caption, split_leading_credit
from reader.text.furniture import is_furniture
from reader.text.html import decode_character_references, has_tag, html_to_blocks, looks_like_html
from reader.text.links import web_link
from reader.text.plaintext import byline_name, parse_plain_text
from reader.text.quotes import PINNED, Quote, find_key_quotes
from reader.text.repair import close_truncated_quotations, repair_encoding
from reader.text.sanitize import limit_floods, single_line, strip_control_characters, strip_markup_escapes
from reader.wording import count_of


@dataclass(frozen=True)
class CleanArticle:
    title: str | None
    byline: str | None
    source: str | None
    published: str | None
    link: str | None
    paragraphs: tuple[str, ...]
    collapsed: tuple[CollapsedParagraph, ...] = ()
    furniture: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    repairs: tuple[str, ...] = field(default=())
    # When `published` is in the future (Article.future_date): when the article was first seen, shown in its place.
    seen_instead: str | None = None
    # The hidden parts grouped (each distinct copy once, with its count), made with the article (in the
    # reader's cleaning worker, off the UI thread), so showing 9,000 copies of one paragraph costs one.
    collapsed_grouped: tuple[tuple[CollapsedParagraph, int], ...] = field(init=False, repr=False, compare=False)
    furniture_grouped: tuple[tuple[str, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "collapsed_grouped", count_copies(self.collapsed))
        object.__setattr__(self, "furniture_grouped", count_copies(self.furniture))

    @property
    def pinned_quotes(self) -> tuple[Quote, ...]:
        return self.quotes[:PINNED]

    def to_json(self) -> dict[str, Any]:
        """Exactly the keys `reader show --json` promises."""
        return {
            "title": self.title, "byline": self.byline, "source": self.source, "published": self.published,
            "link": self.link, "paragraphs": list(self.paragraphs),
            "collapsed": [asdict(c) for c in self.collapsed], "furniture": list(self.furniture),
            "captions": list(self.captions),
            "quotes": [asdict(q) for q in self.quotes], "repairs": list(self.repairs),
        }


def _label(value: str | None) -> str | None:
    if not value:
        return None
    return single_line(repair_encoding(value)[0]) or None


def clean_article(
    content: str,
    *,
    title: str | None = None,
    byline: str | None = None,
    source: str | None = None,
    published: str | None = None,
    link: str | None = None,
    kind: Literal["auto", "html", "text"] = "auto",
    topic_terms: Sequence[str] = (),
) -> CleanArticle:
    """Clean one article. Plain text without a known title reads its header lines like the seed's.

    `kind` is what the source declared: "html" is HTML with or without a tag ("The council&#8217;s
    vote" is a WordPress excerpt), "text" is never read for tags or entities, and "auto" (a file,
    an article stored before its feed's declaration was kept) is HTML when it has a tag, else text
    whose character references are decoded, as almost all feed content is HTML.
    """
    captions: list[str] = []
    if kind == "html" and not has_tag(content):
        # Escapes out before their "&#27;" is decoded and only the payload would go; blank lines still part paragraphs.
        content, kind = unescape(strip_markup_escapes(content)), "text"
    elif kind == "auto" and not looks_like_html(content):
        content, kind = decode_character_references(strip_markup_escapes(content)), "text"
    if kind != "text":
        blocks, meta = html_to_blocks(content)
        title, byline = title or meta.title, byline or meta.byline
        source, published = source or meta.source, published or meta.published
        texts = [b.text for b in blocks]
        kinds = [b.kind for b in blocks]
    else:
        plain = parse_plain_text(content, with_header=title is None)
        title, byline = title or plain.title, byline or plain.byline
        source, published = source or plain.source, published or plain.published
        texts = plain.paragraphs
        kinds = ["p"] * len(texts)

    repaired, repairs = repair_encoding("\n".join(" ".join(t.split()) for t in texts))
    texts = [limit_floods(strip_control_characters(t)).strip() for t in repaired.split("\n")] if texts else []

    body: list[str] = []
    furniture: list[str] = []
    credits = 0
    for text, block_kind in zip(texts, kinds, strict=True):
        if not text:
            continue
        if block_kind == "caption":
            captions.append(text)
            continue
        if is_furniture(text):
            furniture.append(text)
            continue
        if run_in := split_leading_credit(text):
            credit, text = run_in
            captions.append(credit)
            credits += 1
        elif opened := split_caption(text):  # "Photo: The chamber. The mayor said ...": the second is story
            caption, text = opened
            captions.append(caption)
        elif is_caption(text):
            captions.append(text)
            continue
        if byline is None and len(body) < 3 and (name := byline_name(text)):
            byline = name.split(",")[0].strip()
        elif len(body) < 3 and byline_name(text) and len(text) < 80:
            continue  # the byline repeated in the body
        elif not body and title and text.casefold() == title.casefold():
            continue  # the title repeated as the first paragraph
        elif block_kind == "li":
            body.append(text if text.startswith("• ") else f"• {text}")
        else:
            body.append(text)
    if furniture:
        repairs.append(f"removed {len(furniture)} line{'s' if len(furniture) != 1 else ''} of page furniture")
    if credits:
        repairs.append(f"moved {credits} photo credit{'s' if credits != 1 else ''} from the text to the captions")
    if captions:
        repairs.append(f"set apart {count_of(len(captions), 'caption')}")

    body, closed = close_truncated_quotations(body)
    repairs.extend(closed)
    kept, collapsed = collapse_repeated_paragraphs(body)
    if collapsed:
        repairs.append(f"collapsed {count_of(len(collapsed), 'repeated paragraph')}")

    return CleanArticle(
        title=_label(title),
        byline=_label(byline),
        source=_label(source),
        published=_label(published),  # a page's <meta name="date"> is outside text like any other
        link=web_link(link),  # http(s) only (no javascript:, file:, --option), its host in ASCII (xn--)
        paragraphs=tuple(kept),
        collapsed=tuple(collapsed),
        furniture=tuple(furniture),
        captions=tuple(captions),
        quotes=tuple(find_key_quotes(kept, topic_terms)),
        repairs=tuple(repairs),
    )


def topic_terms(topics: Sequence[Any]) -> list[str]:
    """Every match phrase of the tracked topics, for ranking quotes and highlighting."""
    return [phrase for t in topics for phrase in t.match]


def clean_stored_article(article: Any, terms: Sequence[str] = ()) -> CleanArticle:
    """Clean an Article from the store: the page's full text when there is one, else the feed's content."""
    page = article.full_content
    future = getattr(article, "future_date", None)  # no publication date yet: shown as first seen, and said
    cleaned = clean_article(
        page or article.content or article.text,
        title=article.title or None,
        byline=article.author,
        source=getattr(article, "outlet", article.feed_name),  # marked when its feed was unsubscribed
        published=article.published,
        link=article.link,
        kind="auto" if page or not article.content else article.content_type or "auto",
        topic_terms=terms,
    )
    if future:
        cleaned = replace(cleaned, seen_instead=article.first_seen)
    if article.full_text_error:
        return replace(cleaned, repairs=(*cleaned.repairs, f"{article.full_text_error}; showing the feed's summary"))
    return cleaned
