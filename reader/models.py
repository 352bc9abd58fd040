"""Plain data classes passed between pipeline stages (fetch -> store -> clean -> digest).

They carry no behaviour beyond small derived properties so that every stage can be tested
with hand-made values and so parse results pickle cheaply across the process pool.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from operator import attrgetter
from typing import Any, Literal, TypeVar

_Pickled = TypeVar("_Pickled")

# What a feed declared an item's content to be: "html" (RSS description, Atom type="html" or "xhtml"),
# "text" (Atom type="text": a "<p>" in it is literal), or None when unknown (then cleaning sniffs for tags).
ContentType = Literal["html", "text"] | None


def pickled_as_fields(cls: type[_Pickled]) -> type[_Pickled]:
    """Pickle the data class as its constructor and a tuple of its fields.

    A frozen slots class otherwise pickles a state dict and unpickles it through
    object.__setattr__ once a field: a cold refresh sends 10,000 entries from the parse
    workers, and that took twice as long at each end.
    """
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]  # cls is a dataclass

    def __reduce__(self: _Pickled) -> tuple[type[_Pickled], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One feed entry as parsed, before storage; `key` is its identity within the feed."""

    key: str
    guid: str | None
    link: str | None
    title: str
    author: str | None
    published: str | None
    content: str
    text: str
    content_hash: str
    # The LSH band keys the store folds the entry by (reader/stories.py), computed where it is parsed
    # so the work runs in the parse processes; None when not computed (the store then computes them).
    story_bands: tuple[int, ...] | None = None
    # Its shingle set, packed (stories.pack_shingles), for the same reason: the store compares an entry
    # whose band keys meet another's by shingles, and need not compute them again. None when not computed.
    story_shingles: bytes | None = None
    # article_links.link_title_key(link, title), for the same reason; None when not computed or without a link.
    link_title_key: str | None = None
    # What the feed declared `content` to be (ContentType): "html" is decoded as HTML even without a tag.
    content_type: ContentType = None
    # reissued_items.reissue_key of its title and text; None when not computed, too short, or when another
    # item of its document has the same (then it is no re-issue of a stored article).
    reissue_key: str | None = None


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed document; `entries` may hold only what changed since it was last stored."""

    title: str | None
    link: str | None
    entries: tuple[ParsedEntry, ...]
    warning: str | None = None
    item_hashes: bytes = b""  # fingerprints of the body's items (reader/fetch/items.py), stored with it


@dataclass(frozen=True, slots=True)
class FetchedFeed:
    """A fetch that brought entries to store, and its outcome, which is saved with them (never without them)."""

    feed_id: int
    entries: Sequence[ParsedEntry]
    status: str
    etag: str | None = None
    last_modified: str | None = None
    effective_url: str | None = None
    next_due: str | None = None
    title: str | None = None
    body_hash: str | None = None
    item_hashes: bytes | None = None
    warning: str | None = None  # what the parser could not read of this body (None: it read it all)


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A feed as the store knows it: configuration plus fetch state."""

    id: int
    name: str
    url: str
    effective_url: str | None
    tags: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    last_status: str | None
    last_error: str | None
    error_since: str | None
    last_fetched: str | None
    next_due: str | None
    disabled: bool
    title: str | None
    full_text: bool = False
    body_hash: str | None = None  # of the last body whose entries were all stored
    item_hashes: bytes = b""  # fingerprints of that body's items
    last_warning: str | None = None  # the parser's complaint about the last parsed body, if it read only part


    @property
    def fetch_url(self) -> str:
        return self.effective_url or self.url


# A page whose fetch failed in a way that may pass (a timeout, a 5xx) is tried at this many
# refreshes in all; one that failed for good (a 404, no main text) is never tried again.
FULL_TEXT_TRIES = 3


# How far past first seen a feed's date may be (a clock a little fast, a post scheduled minutes ahead) and still
# be taken as its publication date (Article.future_date).
FUTURE_SKEW = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    feed_id: int
    feed_name: str
    guid: str | None
    link: str | None
    title: str
    author: str | None
    published: str | None
    first_seen: str
    content: str
    text: str
    is_read: bool
    is_starred: bool
    full_content: str | None = None  # the page's main text, for feeds with full_text = true
    full_text_error: str | None = None  # why the page's text could not be had; the summary is shown
    story_id: int | None = None  # the story the store folded it into (copies share it); None when not stored
    content_type: ContentType = None  # what the feed declared `content` to be; None: stored before it was kept
    updated: str | None = None  # when its stored text last changed (first_seen when it never did); None: not stored
    subscribed: bool = True  # False once its feed left feeds.toml: the article is kept, and still found

    @property
    def future_date(self) -> str | None:
        """The feed's date when it is later than the store first saw the article (FUTURE_SKEW aside), else None.

        A wrong clock, a scheduled post or a spammer's 2030: such a date is no publication date yet,
        so the article is shown, sorted and put in a day's digest as first seen (`dated`), with this said.
        """
        if not self.published or self.published <= self.first_seen:
            return None
        try:
            ahead = datetime.fromisoformat(self.published) - datetime.fromisoformat(self.first_seen)
        except (ValueError, TypeError):  # a date from outside the store (reader summarize): compared as written
            return None
        return self.published if ahead > FUTURE_SKEW else None

    @property
    def dated(self) -> str:
        """When the article is placed in time: its published date, unless none or in the future, else first seen."""
        return self.first_seen if not self.published or self.future_date else self.published

    @property
    def outlet(self) -> str:
        """The feed's name as shown with the article: marked when the feed is no longer subscribed to."""
        return self.feed_name if self.subscribed else f"{self.feed_name} (unsubscribed)"


@dataclass(frozen=True, slots=True)
class Pin:
    id: int
    article_id: int
    text: str
    speaker: str | None
    created: str


@dataclass(frozen=True)
class UnchangedFetch:
    """A fetch that brought nothing to store: its status and any new validators or redirect target."""

    feed_id: int
    status: str
    etag: str | None = None
    last_modified: str | None = None
    effective_url: str | None = None
