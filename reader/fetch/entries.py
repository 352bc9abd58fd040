"""Feed items as stored: feedparser's entries read into ParsedEntry data classes (in the parse workers).

An item is read in two steps: its identity and fingerprint first (Item, cheap), so the parser can
tell which items are new or changed, and only those get the costly search text and story shingles
(entry_of). Dates no calendar has are no dates; labels are sanitised single lines.
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import html
import re
from datetime import UTC, datetime
from typing import Any

from reader.article_links import link_title_key, own_key
from reader.fetch.bylines import entry_author
from reader.models import ContentType, ParsedEntry
from reader.reissued_items import reissue_key
from reader.stories import WordHashes, pack_shingles, shingles, story_bands, story_text
from reader.text.html import TAG, html_to_search_text, plain_search_text
from reader.text.links import MAX_LINK_CHARS, STORED_LINK_CHARS
from reader.text.repair import repair_encoding
from reader.text.sanitize import single_line, strip_markup_escapes

TITLE_LIMIT = 500


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, TypeError):
        return None


# Years a news item can be from; feedparser reads "99999999999999999999" as December 9999.
_YEARS = range(1900, 2200)
_ISO_PARTS = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def entry_date(e: Any) -> str | None:
    """The item's published (else updated) date as stored, or None for one no calendar has.

    feedparser rolls an impossible ISO date over ("2026-02-30T25:61:61Z" is 3 March) and reads
    a run of digits as year 9999: shown as real, such a date would mislead, so it is no date.
    """
    # dict.get: FeedParserDict's own maps a missing updated_parsed to published_parsed, with a warning.
    key = "published" if dict.get(e, "published_parsed") else "updated"
    parsed = dict.get(e, f"{key}_parsed")
    if not parsed or parsed.tm_year not in _YEARS:
        return None
    written = _ISO_PARTS.match(str(dict.get(e, key) or ""))
    if written is not None:
        year, month, day, hour, minute, second = (int(part or 0) for part in written.groups())
        try:
            datetime(year, month, day)
        except ValueError:
            return None
        if hour > 24 or minute > 59 or second > 60:
            return None
    return _iso(parsed)


def clean_label(value: Any, limit: int = TITLE_LIMIT) -> str:
    text = html.unescape(TAG.sub("", strip_markup_escapes(str(value or ""))))
    return single_line(repair_encoding(text)[0], limit)


@dataclasses.dataclass(slots=True)  # not frozen: a frozen data class is five times as slow to make
class Item:
    """What an item's identity and completeness need, read before the costly text and shingles."""

    key: str
    guid: str | None
    link: str | None
    link_title_key: str | None
    title: str
    author: str | None
    published: str | None
    content: str
    content_type: ContentType
    content_hash: str
    link_dropped: bool = False  # its link was longer than any kept (see item_of)


def content_type(declared: Any) -> ContentType:
    """What feedparser says an item's content is, as stored: a plain-text type is "text", any other "html".

    feedparser gives RSS descriptions "text/html" (RSS says they are HTML, tags or not) and Atom
    content its declared type; "text" content may hold a literal "<p>", and "html" content
    "&#8217;" with no tag at all, so cleaning must not guess either from the text (try11 F11).
    """
    if not declared:
        return None
    return "text" if str(declared).lower().startswith("text/plain") else "html"


def item_of(e: Any) -> Item | None:
    """The item's fields as stored, or None when it holds nothing at all."""
    if not e:  # an empty item, or what a document cut off inside an item's first element leaves: no ghost row
        return None
    contents = [(str(c["value"]), c.get("type")) for c in e.get("content", []) if c.get("value")]
    if contents:
        content, declared = max(contents, key=lambda c: len(c[0]))
    else:
        content, declared = str(e.get("summary", "") or ""), (e.get("summary_detail") or {}).get("type")
    title = clean_label(e.get("title"))
    guid = single_line(str(e["id"]), 2000) if e.get("id") else None
    # A link is kept whole or not at all: one cut short is another address, and one longer than
    # MAX_LINK_CHARS is none a browser or server takes reliably. The key (with no guid) is as it always was.
    written = single_line(str(e["link"]), STORED_LINK_CHARS) if e.get("link") else None
    link = written if written is None or len(written) <= MAX_LINK_CHARS else None
    digest = hashlib.sha1(f"{title}\0{content}".encode("utf-8", "surrogatepass")).hexdigest()
    return Item(key=f"g:{guid}" if guid else f"l:{written}" if written else f"h:{digest}", guid=guid, link=link,
                 link_dropped=written is not None and link is None, link_title_key=link_title_key(link, title),
                 title=title,
                 author=clean_label(entry_author(e), 200) or None,
                 published=entry_date(e), content=content, content_type=content_type(declared),
                 content_hash=digest)


def keys_of_their_own(items: list[Item]) -> list[Item]:
    """The items, each whose key (its guid, else its link) others share under another title keyed by link and title.

    A CMS bug gives every item one guid (the site's home page), or no guid and one link; those
    items are different articles, and keyed by that guid they were stored as one, each fetch
    overwriting it. A guid repeated under the same title is still one article (its link moved).
    """
    keys = [item.key for item in items]
    if len(set(keys)) == len(keys):
        return items  # the usual document
    titles: dict[str, set[str]] = {}
    for item in items:
        titles.setdefault(item.key, set()).add(" ".join(item.title.casefold().split()))
    for item in items:
        if len(titles[item.key]) > 1:
            item.key = own_key(item.link_title_key, item.content_hash)
    return items


def item_identity(item: Item) -> tuple[str, str | None]:
    return item.key, item.link_title_key


def search_text(item: Item) -> str:
    """The item's text as stored and searched: HTML read as HTML unless the feed declared it plain text."""
    return html_to_search_text(item.content) if item.content_type != "text" else plain_search_text(item.content)


def entry_of(item: Item, words: WordHashes) -> ParsedEntry:
    """The entry as stored: the item with its search text and story shingles."""
    text = search_text(item)
    shingled = shingles(story_text(item.title, text), words)
    return ParsedEntry(
        key=item.key,
        guid=item.guid,
        link=item.link,
        title=item.title,
        author=item.author,
        published=item.published,
        content=item.content,  # raw: the cleaning pipeline repairs encoding before it strips controls
        text=text,
        content_hash=item.content_hash,
        story_bands=tuple(story_bands(shingled)),
        story_shingles=pack_shingles(shingled),
        link_title_key=item.link_title_key,
        content_type=item.content_type,
        reissue_key=reissue_key(item.title, text),
    )
