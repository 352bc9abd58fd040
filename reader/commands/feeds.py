"""`reader feeds list|add|remove|import|export`: manage subscriptions in feeds.toml."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from reader.commands.folders import FolderError, cannot_write, make_folders_for, refuse_file_in_the_way, unfetchable
from reader.commands.say import EXIT_FAILURE, EXIT_USAGE, error, note, result
from reader.config import (
    Config,
    FeedConfig,
    FetchConfig,
    find_config_path,
    load_config,
    load_found_config,
    no_feeds_hint,
    resolve_db_path,
    web_feed_url,
)
from reader.config.paths import config_source
from reader.feeds.edit import (
    MAX_TITLE_NAME,
    FeedEditError,
    add_feeds,
    import_feeds,
    name_from_title,
    refuse_taken,
    remove_feed,
)
from reader.files import is_disk_trouble, path_exists, read_regular_file
from reader.models import FeedRow
from reader.name_order import natural_key
from reader.text.links import MAX_LINK_CHARS, shown_url
from reader.text.sanitize import single_line
from reader.wording import count_of


def _stored(db: Path) -> tuple[list[FeedRow], dict[int, int], dict[int, int]] | None:
    """The stored feeds, article and unread counts; None when there is no database yet (nothing is created)."""
    from reader.store import Store
    from reader.store.read_only import NoDatabaseError

    try:
        store = Store(db, reading_only=True)
    except NoDatabaseError:
        return None
    try:
        return store.feeds(active_only=False), store.article_counts(), store.unread_counts()
    finally:
        store.close()


def _list(args: argparse.Namespace) -> int:
    config = load_found_config(args.config)
    db = resolve_db_path(args.db, config)
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    # Listing only reads: syncing here, with another feeds.toml on the same database, left its other feeds
    # inactive, and the next digest and `show --copies` silently without them; nor is a missing (or empty)
    # database created: feeds.toml's feeds are then listed as never fetched.
    found = _stored(db)
    stored, totals, unread = found if found is not None else ([], {}, {})
    feeds = _as_configured(config, stored)
    rows = [("NAME", "URL", "TAGS", "STATUS", "ARTICLES", "UNREAD")]
    for f in feeds:
        # Every cell but the counts came from feeds.toml, an OPML file or a server. Tags break after
        # their commas on a terminal; piped, a row keeps no space the columns do not need.
        tags = (", " if width else ",").join(f.tags)
        name, tags, status = (single_line(c) for c in (f.name, tags, _status(f)))
        url = shown_url(f.url, 500)  # a homoglyph host shows as xn--, not as the ASCII name it imitates
        rows.append((name, url, tags, status, str(totals.get(f.id, 0)), str(unread.get(f.id, 0))))
    for line in fit_table(rows, width):
        print(line)
    if found is None and config.feeds:
        note(f"no database yet at {db}, so no feed has been fetched; `reader fetch` fetches them")
    if not config.feeds:
        note(no_feeds_hint(config))
    return 0


def _as_configured(config: Config, stored: list[FeedRow]) -> list[FeedRow]:
    """feeds.toml's feeds with what the store knows of each, matched as the next fetch's sync will match them
    (reader.store.feed_sync: the same URL, else the same name). A feed the store does not have shows as never
    fetched with no articles; one whose URL changed keeps its articles but was never fetched from the new URL."""
    from reader.store.feed_sync import StoredFeed, match_feeds, url_identity

    listed = [(feed.name, config.resolve_feed_location(feed)) for feed in config.feeds]
    matched = match_feeds(listed, [StoredFeed(f.id, f.name, f.url, active=True) for f in stored])
    by_id = {f.id: f for f in stored}
    shown = []
    for feed, (name, url) in zip(config.feeds, listed, strict=True):
        row = by_id.get(matched[name] or -1)
        if row is None:
            row = FeedRow(id=-1, name=name, url=url, effective_url=None, tags=(), etag=None, last_modified=None,
                          last_status=None, last_error=None, error_since=None, last_fetched=None, next_due=None,
                          disabled=False, title=None)
        elif url_identity(row.url) != url_identity(url):
            row = replace(row, url=url, last_status=None, last_error=None, error_since=None, last_fetched=None)
        shown.append(replace(row, name=name, url=url, tags=feed.tags, disabled=row.disabled or not feed.enabled))
    return sorted(shown, key=lambda f: natural_key(f.name))  # as the reader's sidebar lists them


def _status(f: FeedRow) -> str:
    if f.disabled:
        return "disabled" + (f" ({f.last_error})" if f.last_error else "")
    if f.last_status is None:
        return "never fetched"
    if f.last_error:
        return f"{f.last_error} (since {f.error_since})"
    part = f"; read in part: {f.last_warning}" if f.last_warning else ""
    if not f.url.startswith(("http://", "https://")):  # a file has no HTTP status to show
        return f"ok ({'unchanged' if f.last_status == '304' else 'read'}, {f.last_fetched}){part}"
    return f"ok ({f.last_status}, {f.last_fetched}){part}"


# On a narrow terminal the URL gets a line of its own under its row, whole (so it can be copied; the
# terminal wraps it if need be); then name, tags and status narrow, each first down to a width that
# still reads, and wrap within their column. The counts never narrow: they are short.
URL_COLUMN = 1
SHRINKABLE = {0: 14, 2: 10, 3: 26}  # 26: a status's timestamp stays on one line


def fit_table(rows: Sequence[Sequence[str]], width: int | None) -> list[str]:
    """Rows as aligned columns; with a terminal `width`, fitted to it by wrapping, never by cutting a value.

    Without a width (output to a file or a pipe) every row is one line, so scripts get whole URLs.
    """
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    if width is None or sum(widths) + 2 * (len(widths) - 1) <= width:
        return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    columns = [i for i in range(len(widths)) if i != URL_COLUMN]
    excess = sum(widths[i] for i in columns) + 2 * (len(columns) - 1) - width
    for floor in (SHRINKABLE, dict.fromkeys(SHRINKABLE, 4)):  # readable widths first, then whatever fits
        while excess > 0:
            i = max(SHRINKABLE, key=lambda c: widths[c] - floor[c])
            if widths[i] <= floor[i]:
                break
            widths[i] -= 1
            excess -= 1
    lines: list[str] = []
    for row in rows:
        cells = [textwrap.wrap(row[i], widths[i], break_on_hyphens=False) or [""] for i in columns]
        for n in range(max(len(c) for c in cells)):
            lines.append("  ".join((c[n] if n < len(c) else "").ljust(widths[i])
                                   for c, i in zip(cells, columns, strict=True)).rstrip())
        lines.append(f"  {row[URL_COLUMN]}")
    return lines


def _open_config(given: str | None) -> tuple[Path, Config | None]:
    """feeds.toml's path and config; None when it does not exist yet (adding a feed creates it)."""
    path = _config_to_create(given)
    return path, load_config(path) if path.exists() else None


def _config_to_create(given: str | None) -> Path:
    """feeds.toml's path for `feeds add` and `feeds import`, which create it: FolderError if a file is in the way."""
    path = find_config_path(given)
    refuse_file_in_the_way(path, config_source(given), "feeds.toml")
    _refuse_read_only(path, given)
    return path


def _refuse_read_only(path: Path, given: str | None) -> None:
    """FolderError for a feeds.toml this user may not write: an edit replaces the file, which needs only its folder,
    so one made read-only to keep it as it is would otherwise be replaced all the same."""
    if path.is_file() and not os.access(path, os.W_OK):
        raise FolderError(f"{config_source(given)} {path}: feeds.toml is read-only for you, so nothing was changed; "
                          f"make it writable (chmod u+w {path}), or pass --config with a feeds.toml you can write")


def _written(path: Path, existed: bool) -> str:
    return f"{path}" if existed else f"{path} (created)"


def _add(args: argparse.Namespace) -> int:
    from reader.feeds.discover import DiscoveryError, discover_feed

    path, config = _open_config(args.config)
    url = _checked_target(args.url)
    _refuse_long(url)
    given_name = _checked_name(args.name, args.tag or ())
    # Refused before any request: a second subscription, or a name taken, needs no answer from a server.
    if config is not None:
        refuse_taken(config, path, given_name, url if url.startswith(("http://", "https://")) else None)
    if url.startswith(("http://", "https://")):
        refusal = unfetchable(url)
        if refusal is not None:
            raise FeedEditError(refusal)
        try:
            url, title = discover_feed(url, config.fetch if config else FetchConfig())
        except DiscoveryError as exc:
            error(f"feeds add: {exc}")  # quotes the page
            # The page or the server's answer is at fault, unless the URL given is one no request may go to.
            return EXIT_USAGE if exc.given_is_unusable else EXIT_FAILURE
    else:
        url, title = _local_feed(url, path.parent)
    # The name, and the URL a page pointed to, are outside text on their way to feeds.toml and the terminal.
    _refuse_long(url)
    # A --name is the user's, kept whole as feeds.toml keeps it; a feed's own title is shortened (name_from_title).
    name, cut = (given_name, False) if given_name else \
        name_from_title(title or urlsplit(url).hostname or Path(url).stem)
    url = single_line(url, None)
    add_feeds(path, [FeedConfig(name, url, tuple(args.tag or ()))])
    result(f"added {name!r} ({shown_url(url)}) to {_written(path, config is not None)}")
    if cut:
        note(f"the feed's title is longer than {MAX_TITLE_NAME} characters, so its name is cut; rename it in "
             "feeds.toml, or remove it and add it again with --name NAME")
    return 0


def _checked_target(given: str) -> str:
    """The URL or path `feeds add` was given, refused with what to give instead when no fetch could use it."""
    target = given.strip()
    if not target:
        raise FeedEditError("no URL given (the argument is empty); give a feed's http(s) URL or a feed file's path, "
                            "e.g. `reader feeds add https://example.org/rss`")
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", target)
    if scheme and re.match(r"[\w.-]+:\d+(?:/|$)", target) and not path_exists(target):  # "localhost:8080/rss"
        raise FeedEditError(f"{target}: a host and port with no scheme; give it with http:// or https:// in front")
    if scheme and not path_exists(target):
        name = scheme.group(1).lower()
        if name in ("http", "https"):
            return name + target[len(name):]  # "HTTP://" is a web address too, and is written as one
        if name == "file" and urlsplit(target).netloc in ("", "localhost"):
            return url2pathname(urlsplit(target).path)  # a file:// URL, as `feeds export` writes local feeds
        raise FeedEditError(f"{target}: {name}: addresses are not supported; give an http(s) URL of a feed "
                            "(or of a page that links one), or a feed file's path")
    if not path_exists(target) and re.match(r"[\w-]+(\.[\w-]+)+/", target):
        raise FeedEditError(f"{target}: no such file; if it is a web address, give it with https:// in front")
    return target


def _refuse_long(url: str) -> None:
    """FeedEditError for an address too long to keep: written cut into feeds.toml, it would be another address."""
    if len(url) > MAX_LINK_CHARS:
        raise FeedEditError(f"{shown_url(url, 120)}: the address is {len(url):,} characters long, more than the "
                            f"{MAX_LINK_CHARS:,} a feed's address may have; give the feed's own, shorter address")


def _checked_name(name: str | None, tags: Sequence[str]) -> str | None:
    """--name as given (None: the feed's own title); an empty one, or an empty --tag, is refused, not ignored."""
    if name is not None and not single_line(name):
        raise FeedEditError("--name is empty; give the feed a name, or leave --name out to use the feed's own title")
    if any(not single_line(t) for t in tags):
        raise FeedEditError("a --tag is empty; give each --tag a word, or leave it out")
    return None if name is None else single_line(name, None)


def _local_feed(given: str, config_dir: Path) -> tuple[str, str | None]:
    """A feed file's location as feeds.toml reads it and its title.

    The path is taken from the current folder, as a shell user means it; feeds.toml resolves
    local paths against its own folder, so the path is rewritten for it. The file must parse as a
    feed, so a typo or a page saved by mistake is refused now rather than failing at every fetch.
    """
    from reader.fetch.parse import FeedParseError, UnsupportedFeedFormat, parse_feed_bytes

    path = Path(given).expanduser().resolve()
    try:
        data, _ = read_regular_file(path)
    except OSError as exc:
        raise FeedEditError(f"cannot read {given}: {exc.strerror or exc}; give an http(s) URL or a feed file's "
                            "path") from None
    if not data.strip():  # as a fetch of it says (http.read_local): no server sent "an empty response"
        raise FeedEditError(f"feed file {given} is empty; save the feed into it, or fix its path")
    try:
        feed = parse_feed_bytes(data, None, str(path))
    except FeedParseError as exc:
        raise FeedEditError(f"{given} is {exc}" if isinstance(exc, UnsupportedFeedFormat)
                            else f"{given} is not a feed: {exc}") from None
    return location_in_config(path, config_dir), feed.title


def location_in_config(path: Path, config_dir: Path) -> str:
    """A local feed's url in feeds.toml: relative to its folder when inside it, else absolute."""
    try:
        return str(path.relative_to(config_dir.resolve()))
    except ValueError:
        return str(path)


def _is_local_file_url(url: str) -> bool:
    """A file:// URL of this computer, as `feeds export` writes local feeds."""
    parts = urlsplit(url)
    return parts.scheme.lower() == "file" and parts.netloc in ("", "localhost") and bool(parts.path)


def _from_file_url(url: str, config_dir: Path) -> str:
    """An exported local feed (a file:// URL) back as the path feeds.toml uses; other URLs unchanged."""
    if not _is_local_file_url(url):
        return url
    return location_in_config(Path(url2pathname(urlsplit(url).path)), config_dir)


def _remove(args: argparse.Namespace) -> int:
    path = find_config_path(args.config)
    _refuse_read_only(path, args.config)
    load_found_config(args.config)  # a missing or broken feeds.toml is a configuration error, as for other commands
    _, removed = remove_feed(path, args.feed)
    result(f"removed {removed.name!r} ({shown_url(removed.url)}) from {path}; its stored articles are kept: "
           "All, Starred and search still list them, marked (unsubscribed)")
    return 0


def _import(args: argparse.Namespace) -> int:
    from reader.commands.progress import progress_bar
    from reader.feeds.opml import OpmlError, parse_opml

    path = _config_to_create(args.config)
    existed = path.exists()  # read (once) and checked under the edit lock
    without_url: list[str] = []
    try:
        data, _ = read_regular_file(args.file)
        found = parse_opml(data, args.file, without_url)
    except OSError as exc:
        error(f"feeds import: cannot read {args.file}: {exc.strerror or exc}; give the path of an OPML file")
        return EXIT_USAGE
    except OpmlError as exc:
        error(f"feeds import: {exc}; feeds.toml was not changed")
        return EXIT_USAGE
    # An outline's address is outside text: only what a fetch can use (a whole http(s) URL, judged as
    # feeds.toml's loader judges it, or an exported local file); never a path ("http:/../etc/passwd" is none).
    too_long = [f.url for f in found if len(f.url) > MAX_LINK_CHARS]  # kept whole, a cut address would be wrong
    _say_skipped(too_long, f"whose xmlUrl is longer than {MAX_LINK_CHARS:,} characters")
    refused = [f.url for f in found if len(f.url) <= MAX_LINK_CHARS and web_feed_url(f.url) is None
               and not _is_local_file_url(f.url)]
    _say_skipped(refused, "whose xmlUrl is not a whole http(s) address or a file:// URL")
    refused += too_long
    # A list from elsewhere must not make every later fetch read this computer's files into the store
    # and the digest (file:///etc/passwd, another program's XML): local files only when asked for.
    local = [] if args.local_files else [f.url for f in found if _is_local_file_url(f.url)]
    _say_skipped(local, "whose xmlUrl is a file on this computer",
                 "; a list from elsewhere should not read your files: if you exported it yourself, "
                 "import it again with --local-files")
    refused += local
    _say_skipped(without_url, "with no xmlUrl and no feeds inside",
                 "; if one is a feed, add it with `reader feeds add URL`")
    names = {f.url: name_from_title(f.name) for f in found}
    new = [FeedConfig(names[f.url][0], web_feed_url(f.url) or _from_file_url(f.url, path.parent), tuple(f.tags),
                      f.enabled, f.full_text) for f in found if f.url not in refused]
    cut = [names[f.url][0] for f in found if f.url not in refused and names[f.url][1]]
    if cut:
        note(f"feeds import: {count_of(len(cut), 'name')} longer than {MAX_TITLE_NAME} characters cut to fit, "
             f"such as {cut[0]!r}; rename them in feeds.toml if you like")
    with progress_bar(sys.stderr.isatty() and len(new) > 1000, "importing") as progress:
        imported = import_feeds(path, new, None if progress is None else lambda done, total: progress(done, total, ""))
    result(f"imported {count_of(imported.added, 'feed')} from {args.file} into {_written(path, existed)}"
           + (f"; {imported.skipped} already subscribed" if imported.skipped else ""))
    return 0


def _say_skipped(outlines: list[str], why: str, then: str = "") -> None:
    """Name on stderr (the first three of) the outlines an import could not use, why, and what to do."""
    if outlines:
        named = ", ".join(shown_url(o, 200) for o in outlines[:3]) + (" …" if len(outlines) > 3 else "")
        error(f"feeds import: skipped {count_of(len(outlines), 'outline')} {why}: {named}{then}")


def _export(args: argparse.Namespace) -> int:
    from reader.feeds.opml import render_opml
    from reader.files import write_text_atomically

    config = load_found_config(args.config)
    # Local feeds leave as absolute file:// URLs: a path relative to this feeds.toml means nothing elsewhere.
    feeds = [replace(f, url=Path(config.resolve_feed_location(f)).as_uri()) if f.is_local else f
             for f in config.feeds]
    text = render_opml(feeds)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    make_folders_for(Path(args.out), "--out", "the export")
    try:
        write_text_atomically(Path(args.out), text)
    except OSError as exc:
        why = cannot_write(Path(args.out), exc, "--out", "feeds.opml")
        error(f"feeds export: {why}")
        return EXIT_FAILURE if is_disk_trouble(exc) else EXIT_USAGE
    result(f"exported {count_of(len(config.feeds), 'feed')} to {args.out}")
    return 0


def run(args: argparse.Namespace) -> int:
    action = {"list": _list, "add": _add, "remove": _remove, "import": _import, "export": _export}[args.action]
    try:
        return action(args)
    except FeedEditError as exc:
        error(f"feeds {args.action}: {exc}")
        return exc.status
