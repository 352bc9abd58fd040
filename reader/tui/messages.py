"""Messages posted by thread workers; handlers on the app own all widget and state changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.config import Config
from reader.models import Article, FeedRow, Pin
from reader.tui.topic_tally import TopicTally

if TYPE_CHECKING:  # the refresh module (and the HTTP client) load only when a refresh runs
    from reader.copies import CopyChanges, CopyText
    from reader.fetch.refresh import RefreshSummary
    from reader.text.clean import CleanArticle  # with its patterns, loaded after the first paint (warm_cleaning)
    from reader.what_changed import NewsFinder


@dataclass
class SidebarLoaded(Message):
    feeds: list[FeedRow]
    unread: dict[int, int]
    total_unread: int
    starred: int
    total: int


@dataclass
class TopicCountsLoaded(Message):
    counts: dict[str, int]
    tally: TopicTally  # what the counts were made from: the next count starts from it (see count_topic_unread)


@dataclass
class ArticlesLoaded(Message):
    articles: list[Article]
    badges: dict[int, list[str]]
    outlets: dict[int, int]
    more: bool
    reset: bool
    generation: int
    keep_place: bool = False  # the same view listed again (see ArticleList.show)
    offset: int = 0  # the page's position in the view (see ArticleList.show)


@dataclass
class ArticleOpened(Message):
    article: Article
    cleaned: CleanArticle
    pins: list[Pin]


@dataclass
class ArticleChanged(Message):
    """The article's read or starred state changed; `unread_change` (+1, -1 or 0) and the tracked topics it is
    about let the topics' unread counts follow without reading every article again."""

    article: Article
    unread_change: int = 0
    topics: tuple[str, ...] = ()


@dataclass
class TopicFilterReady(Message):
    topic: str
    ids: tuple[int, ...]
    asked: int = 0  # the app's views_asked when the topic was chosen: a later choice drops this answer


@dataclass
class RefreshProgress(Message):
    """Only the latest progress matters, so queued updates replace each other (see can_replace)."""

    done: int
    total: int
    name: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgress)


@dataclass
class RefreshBusy(Message):
    """Another program (a cron `reader fetch`, another reader) is refreshing the database: nothing failed."""


@dataclass
class RefreshFinished(Message):
    summary: RefreshSummary
    config: Config  # feeds.toml as read for this refresh; the handler adopts it
    config_error: str | None = None


@dataclass
class UnreadFound(Message):
    """The answer to n / N: the unread article to open and its position in the list, or None (and then
    whether the view has unread articles the other way)."""

    found: tuple[int, int] | None
    forward: bool
    any_unread: bool = True


@dataclass
class StoreWaiting(Message):
    """Another program holds the store's write lock (`what` is waiting for it), or None once it is free."""

    what: str | None


@dataclass
class BrowserMissing(Message):
    url: str


@dataclass
class ViewCounted(Message):
    """(articles, unread) in the view of this generation: after each new list, and after a read changed."""

    counts: tuple[int, int]
    generation: int


@dataclass
class NewsFound(Message):
    """The articles of a loaded page that say something their topics' recent coverage did not (✦)."""

    ids: frozenset[int]
    generation: int


@dataclass
class NewSentencesFound(Message):
    """The opened article's sentences that its topics' recent coverage did not carry, to highlight."""

    article_id: int
    sentences: tuple[str, ...]


@dataclass
class CopiesLoaded(Message):
    earliest: CopyText
    changes: list[CopyChanges]
    outlets: int  # the feeds that ran the story, as the store counts them for the list's "+N outlets"
    article_id: int = 0  # the article `c` was pressed on: the answer is dropped once another one is the target


@dataclass
class PinsChanged(Message):
    """The article's pins after `p`: only its key quotes change, not its text (which stays as shown)."""

    article_id: int
    pins: list[Pin]


@dataclass
class StoreWriteFailed(Message):
    """A write (`what`) was given up: the database stayed locked through every retry, or it is read-only (why)."""

    what: str
    read_only: str | None = None


@dataclass
class StoreChangedElsewhere(Message):
    """Another program (a `reader fetch` from cron, another reader) committed to the database since the last look;
    `article` is the open article as stored now (its read or starred state may have changed), if one is open."""

    article: Article | None


@dataclass
class StorePolled(Message):
    """The store's data_version as poll number `poll` found it, the version the app had kept when it asked (`seen`),
    and the open article as stored now when the version had moved since `seen` (None otherwise). The handler keeps
    the version and says StoreChangedElsewhere when it moved; an answer older than one handled is dropped."""

    poll: int
    version: int
    seen: int | None
    article: Article | None


@dataclass
class NewsFinderBuilt(Message):
    """The NewsFinder for `key`, built (or the kept one still right) for the refresh count `epoch` (see
    StoreWorkers.with_news_finder): the handler keeps it and hands it to all that asked."""

    key: object
    finder: NewsFinder
    epoch: int
