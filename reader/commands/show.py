"""`reader show TARGET [--json]`: the cleaned reading view of a file, a stored article or a URL."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.folders import unfetchable
from reader.commands.say import EXIT_FAILURE, EXIT_USAGE, error, json_text, note
from reader.config import Config, ConfigError, FetchConfig, find_config_path, load_config, resolve_db_path
from reader.files import path_exists, read_regular_file
from reader.text.clean import CleanArticle, clean_article, clean_stored_article, topic_terms
from reader.text.display import display_credit, display_dated
from reader.text.links import shown_url
from reader.text.quotes import Quote
from reader.text.sanitize import single_line, strip_control_characters
from reader.wording import count_of

if TYPE_CHECKING:
    from reader.store import Store

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".feed"}


class ShowError(Exception):
    """A target that cannot be shown; the message is the whole one-line explanation.

    `status` is the exit status: 2 (the default) for a file, id or option given that cannot be shown,
    1 for a URL whose server did not give something to show.
    """

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def _blame(where: str) -> int:
    """The exit status for what `where` held: a server's answer is its fault (1), a file's the file given (2)."""
    return EXIT_FAILURE if where.startswith(("http://", "https://")) else EXIT_USAGE


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ShowError(f"{where} is a binary file, not text; give a .txt, .html or feed file", _blame(where))
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Not UTF-8: Windows-1252 decodes every byte a Western newsroom is likely to have sent.
    return data.decode("cp1252", errors="replace")


def _is_feed(path: Path, data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return path.suffix.lower() in FEED_SUFFIXES or (head.startswith(b"<?xml") and (
        b"<rss" in head or b"<feed" in head or b"<rdf" in head))


def articles_from_feed(data: bytes, where: str, terms: list[str]) -> list[CleanArticle]:
    from reader.fetch.parse import FeedParseError, parse_feed_bytes

    try:
        feed = parse_feed_bytes(data, None, where)
    except FeedParseError as exc:
        raise ShowError(f"{where}: {exc}", _blame(where)) from None
    return [
        clean_article(e.content, title=e.title or None, byline=e.author, source=feed.title, published=e.published,
                      link=e.link, kind=e.content_type or "auto", topic_terms=terms)
        for e in feed.entries
    ]


def article_from_page(page: bytes, url: str, terms: list[str]) -> CleanArticle:
    """A web page's main text, extracted as full-text feeds are; the page's own markup if that fails."""
    from dataclasses import replace

    from reader.fetch.extract import ExtractionError, extract_main_text
    from reader.text.html import html_to_blocks

    text = _decode(page, url)
    _, meta = html_to_blocks(text)
    try:
        main = extract_main_text(page, url)
    except ExtractionError as exc:
        cleaned = clean_article(text, link=url, kind="html", topic_terms=terms)
        return replace(cleaned, repairs=(*cleaned.repairs, f"main-text extraction failed ({exc}); showing the page"))
    return clean_article(main, title=meta.title, byline=meta.byline, source=meta.source, published=meta.published,
                         link=url, kind="html", topic_terms=terms)


def fetch_page(url: str, cfg: FetchConfig) -> tuple[bytes, str | None]:
    """A web page's bytes and content type, with the same limits as feed fetching."""
    import asyncio

    from reader.fetch.http import GIVEN_URL, fetch_http, make_client

    async def get() -> tuple[bytes, str | None]:
        async with make_client(cfg) as client:
            result = await fetch_http(client, url, cfg)
        if result.error or result.body is None:
            # The address given is one no request may go to (169.254.169.254): what was given, not the server.
            raise ShowError(f"{shown_url(url)}: {result.problem(GIVEN_URL) or 'no content'}",
                            EXIT_USAGE if result.asked_refused else EXIT_FAILURE)
        return result.body, result.content_type

    return asyncio.run(get())


def _as_address(target: str) -> str:
    """TARGET with an http(s) scheme in lower case when it starts like a URL (feeds.toml's and `feeds add`'s test:
    "HTTPS://" is the web), else as given; ShowError for another scheme, which was read as a missing file."""
    from reader.config.parse import looks_like_a_url, web_feed_url

    if not looks_like_a_url(target) or path_exists(target):
        return target
    scheme = target.split(":", 1)[0].lower()
    if scheme in ("http", "https"):
        web = web_feed_url(target)
        if web is not None:
            return web
        raise ShowError(unfetchable(target) or f"{target}: an address has no spaces; write each as %20")
    raise ShowError(f"{target}: {scheme}: addresses are not shown; give an http(s) URL, a .txt, .html or feed file, "
                    "or a stored article's id")


def load_target(target: str, args: argparse.Namespace) -> tuple[list[CleanArticle], bool]:
    """The cleaned articles for TARGET and whether it is a list (a feed gives several)."""
    config = config_if_usable(args)
    terms = topic_terms(config.topics) if config is not None else []
    target = _as_address(target)
    if target.startswith(("http://", "https://")):
        refusal = unfetchable(target)
        if refusal is not None:
            raise ShowError(refusal, EXIT_USAGE)
        body, content_type = fetch_page(target, config.fetch if config is not None else FetchConfig())
        if "xml" in (content_type or "") or _is_feed(Path(""), body):
            return articles_from_feed(body, target, terms), True
        _refuse_json_feed(body, target)
        return [article_from_page(body, target, terms)], False
    number = stored_id(target)
    if number is not None and not path_exists(target):
        with existing_store(args, config) as (store, db):
            article = store.article(number)
        if article is None:
            raise ShowError(f"no article with id {target.strip()} in {db}; list ids with the reader or search")
        return [clean_stored_article(article, terms)], False
    path = Path(target)
    try:
        data, _ = read_regular_file(path)
    except FileNotFoundError:
        raise ShowError(f"no such file: {target}; give a .txt, .html or feed file, a stored article's id or an "
                        "http(s) URL") from None
    except OSError as exc:
        raise ShowError(f"cannot read {target}: {exc.strerror or exc}; give a file you can read") from None
    if _is_feed(path, data):
        return articles_from_feed(data, target, terms), True
    _refuse_json_feed(data, target)
    text = _decode(data, target)
    is_html = path.suffix.lower() in (".html", ".htm")
    return [clean_article(text, kind="html" if is_html else "auto", topic_terms=terms)], False


def _refuse_json_feed(data: bytes, target: str) -> None:
    """ShowError for a JSON Feed, which was shown as a page of its own JSON text."""
    from reader.fetch.parse import JSON_FEED_UNSUPPORTED, is_json_feed

    if is_json_feed(data):
        raise ShowError(f"{single_line(target, 200)} is {JSON_FEED_UNSUPPORTED}", EXIT_USAGE)


def stored_id(target: str) -> int | None:
    """The stored article's id `target` names (decimal digits, spaces around them allowed), or None: not an id.

    str.isdigit calls "³" a digit, which int() refuses (a traceback), and an id pasted as " 12" was looked
    for as a file named " 12". Past 20 digits it is past SQLite's range, where store.article finds nothing
    (int() refuses a number of over 4,300 digits, which a user can still type).
    """
    text = target.strip()
    if not text.isdecimal():
        return None
    return int(text) if len(text) <= 20 else 1 << 63


@contextmanager
def existing_store(args: argparse.Namespace, config: Config | None) -> Iterator[tuple[Store, Path]]:
    """The store an article id refers to, and its path: --db (or $READER_DB) needs no feeds.toml, and showing
    only reads, so a missing or empty file is an error (NoDatabaseError) left as it is, never a new empty store."""
    from reader.store import Store

    db = resolve_db_path(args.db, config)
    store = Store(db, reading_only=True)
    try:
        yield store, db
    finally:
        store.close()


def config_if_usable(args: argparse.Namespace) -> Config | None:
    """feeds.toml for topic terms and fetch limits; showing a file works without one (or with a broken one)."""
    path = find_config_path(args.config)
    if not path.exists():
        return None
    try:
        return load_config(path)
    except ConfigError as exc:
        note(f"feeds.toml not used (tracked topics, fetch limits): {exc}")
        return None


MIN_WIDTH = 20


def reading_width() -> int:
    """The width lines are wrapped to: the terminal's (or $COLUMNS) less a margin, at most 98 and at least MIN_WIDTH,
    since textwrap refuses a width a quote's indent leaves nothing of (`COLUMNS=1 reader show X` was a traceback)."""
    return max(min(shutil.get_terminal_size((88, 24)).columns, 100) - 2, MIN_WIDTH)


def _credit_line(quote: Quote, source: str | None) -> str:
    """Who said a pinned quote, marked as the digest marks it: a name, "unattributed", or for a described speaker
    what the outlet quoted ("Outlet, quoting a spokeswoman for ICE"), which shown alone would read as a name."""
    if not quote.speaker:
        return "unattributed"
    if not quote.described:
        return quote.speaker
    return f"{source}, quoting {quote.speaker}" if source else f"quoting {quote.speaker}"


def render_text(article: CleanArticle, width: int) -> str:
    """The terminal rendering: header, pinned quotes, body, then what was hidden or repaired."""
    wrap = textwrap.TextWrapper(width=width)
    out: list[str] = []
    if article.title:
        title = wrap.wrap(article.title)
        out += [*title, "=" * max(map(len, title), default=0)]
    # The byline and date as the reading view and the digest give them (text.display): "Pat Quinn", not
    # "news@x.example (Pat Quinn)"; "30 Nov 2026, 09:30 UTC", not an ISO stamp. --json keeps the stored values.
    credit = display_credit(article.byline, article.source)
    when = display_dated(article.published, article.seen_instead)  # a date in the future: first seen, and the claim
    meta = " · ".join(x for x in (article.source, credit, when) if x)
    out += wrap.wrap(meta)
    out += [article.link] if article.link else []
    if article.pinned_quotes:
        out += ["", "Key quotes:"]
        for q in article.pinned_quotes:
            quote = f"“{q.text}” — {_credit_line(q, article.source)}"
            out += textwrap.wrap(quote, width=width, initial_indent="  ▌ ", subsequent_indent="  ▌ ")
    for paragraph in article.paragraphs:
        out += ["", *wrap.wrap(paragraph)]
    if not article.paragraphs:  # a stored item with only a link or a title: its feed gave no text
        out += ["", *wrap.wrap("(no text: its feed gave none; the link above, if any, leads to the article)")]
    if article.collapsed:
        out += ["", *textwrap.wrap(f"[{count_of(len(article.collapsed), 'repeated paragraph')} hidden: --json shows "
                                   "them]", width=width)]
    if article.furniture:
        out += ["", *textwrap.wrap(f"[{count_of(len(article.furniture), 'line')} of page furniture hidden: --json "
                                   "shows them]", width=width)]
    for caption in article.captions:
        out += ["", *textwrap.wrap(f"Caption: {caption}", width=width)]
    if article.repairs:
        out += ["", *textwrap.wrap("Repairs: " + "; ".join(article.repairs), width=width, subsequent_indent="  ")]
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "copies", False):
        return _run_copies(args)
    status = _blame(args.target)
    try:
        articles, many = load_target(args.target, args)
        if not articles:
            raise ShowError(f"{args.target}: the feed has no entries", status)
        empty = [a for a in articles if not a.paragraphs and not a.title]
        if not many and empty and stored_id(args.target) is None:  # a stored article is shown for what it has
            raise ShowError(f"{args.target}: no readable text found (empty page or document)", status)
    except ShowError as exc:  # may quote a parser's or server's words
        error(f"show: {single_line(str(exc), 2000)}")
        return exc.status
    # CleanArticle's fields are sanitised already; the output passes the sanitiser once more, so no field added
    # later can reach the terminal raw (json_text escapes C1 and bidi controls, which JSON leaves as they are).
    if args.json:
        payload = [a.to_json() for a in articles] if many else articles[0].to_json()
        print(json_text(payload, indent=2))
        return 0
    width = reading_width()
    print(strip_control_characters(("\n\n" + "─" * width + "\n\n").join(render_text(a, width) for a in articles)))
    return 0


def _run_copies(args: argparse.Namespace) -> int:
    from reader.commands.show_copies import copies_json, load_copies, render_copies

    try:
        earliest, changes = load_copies(args.target, args)
    except ShowError as exc:  # quotes the target as typed
        error(f"show: {single_line(str(exc), 2000)}")
        return exc.status
    # The copies' labels and paragraphs come from cleaning (sanitised); the output passes the sanitiser once more.
    width = reading_width()
    print(copies_json(earliest, changes) if args.json else strip_control_characters(render_copies(earliest, changes,
                                                                                                 width)))
    return 0
