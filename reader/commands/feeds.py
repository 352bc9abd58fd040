"""`reader feeds list|add|remove|import|export`: manage subscriptions in feeds.toml."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from reader.commands.folders import make_db_folders, make_folders_for
from reader.config import Config, FetchConfig, find_config_path, load_config
from reader.feeds.edit import FeedEditError, NewFeed, add_feeds, import_feeds, remove_feed
from reader.models import FeedRow
from reader.text.sanitize import single_line

EXIT_FAILURE, EXIT_USAGE = 1, 2


def _list(args: argparse.Namespace) -> int:
    from reader.core import make_reader
    from reader.fetch.refresh import sync_config

    make_db_folders(args)
    reader = make_reader(args.config, args.db)
    try:
        sync_config(reader.store, reader.config)
        totals, unread = reader.store.article_counts(), reader.store.unread_counts()
        rows = [("NAME", "URL", "TAGS", "STATUS", "ARTICLES", "UNREAD")]
        for f in reader.store.feeds():
            # Every cell but the counts came from feeds.toml, an OPML file or a server.
            name, url, tags, status = (single_line(c) for c in (f.name, f.url, ",".join(f.tags), _status(f)))
            rows.append((name, url, tags, status, str(totals.get(f.id, 0)), str(unread.get(f.id, 0))))
    finally:
        reader.close()
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for line in fit_table(rows, width):
        print(line)
    return 0


def _status(f: FeedRow) -> str:
    if f.disabled:
        return "disabled" + (f" ({f.last_error})" if f.last_error else "")
    if f.last_status is None:
        return "never fetched"
    if f.last_error:
        return f"{f.last_error} (since {f.error_since})"
    if not f.url.startswith(("http://", "https://")):  # a file has no HTTP status to show
        return f"ok ({'unchanged' if f.last_status == '304' else 'read'}, {f.last_fetched})"
    return f"ok ({f.last_status}, {f.last_fetched})"


# Name, URL, tags and status shrink to fit, each first down to a width that still reads; the counts never do.
SHRINKABLE = {0: 12, 1: 20, 2: 6, 3: 14}


def fit_table(rows: Sequence[Sequence[str]], width: int | None) -> list[str]:
    """Rows as aligned columns; with a terminal `width`, the widest text columns shrink, cut with "…".

    Without a width (output to a file or a pipe) nothing is cut, so scripts get whole URLs.
    """
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    if width is not None:
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        for floor in (SHRINKABLE, dict.fromkeys(SHRINKABLE, 3)):  # readable widths first, then whatever fits
            while excess > 0:
                i = max(SHRINKABLE, key=lambda c: widths[c] - floor[c])
                if widths[i] <= floor[i]:
                    break
                widths[i] -= 1
                excess -= 1

    def cell(text: str, w: int) -> str:
        return (text[:w - 1] + "…" if len(text) > w else text).ljust(w)

    return ["  ".join(cell(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def _open_config(given: str | None) -> tuple[Path, Config | None]:
    """feeds.toml's path and config; None when it does not exist yet (adding a feed creates it)."""
    path = find_config_path(given)
    return path, load_config(path) if path.exists() else None


def _written(path: Path, existed: bool) -> str:
    return f"{path}" if existed else f"{path} (created)"


def _add(args: argparse.Namespace) -> int:
    from reader.feeds.discover import DiscoveryError, discover_feed

    path, config = _open_config(args.config)
    url = args.url
    if url.startswith(("http://", "https://")):
        try:
            url, title = discover_feed(url, config.fetch if config else FetchConfig())
        except DiscoveryError as exc:
            print(f"reader: feeds add: {single_line(str(exc), None)}", file=sys.stderr)  # quotes the page
            return EXIT_FAILURE
    else:
        url, title = _local_feed(url, path.parent)
    # The name, and the URL a page pointed to, are outside text on their way to feeds.toml and the terminal.
    name, url = single_line(args.name or title or urlsplit(url).hostname or Path(url).stem), single_line(url, 2000)
    add_feeds(path, [NewFeed(name, url, tuple(args.tag or ()))])
    print(f"added {name!r} ({url}) to {_written(path, config is not None)}")
    return 0


def _local_feed(given: str, config_dir: Path) -> tuple[str, str | None]:
    """A feed file's location as feeds.toml reads it and its title.

    The path is taken from the current folder, as a shell user means it; feeds.toml resolves
    local paths against its own folder, so the path is rewritten for it. The file must parse as a
    feed, so a typo or a page saved by mistake is refused now rather than failing at every fetch.
    """
    from reader.fetch.parse import FeedParseError, parse_feed_bytes

    path = Path(given).expanduser().resolve()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedEditError(f"cannot read {given}: {exc.strerror or exc}; give an http(s) URL or a feed file") from None
    try:
        feed = parse_feed_bytes(data, None, str(path))
    except FeedParseError as exc:
        raise FeedEditError(f"{given} is not a feed: {exc}") from None
    return location_in_config(path, config_dir), feed.title


def location_in_config(path: Path, config_dir: Path) -> str:
    """A local feed's url in feeds.toml: relative to its folder when inside it, else absolute."""
    try:
        return str(path.relative_to(config_dir.resolve()))
    except ValueError:
        return str(path)


_IMPORTED_SCHEMES = ("http", "https", "file")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _from_file_url(url: str, config_dir: Path) -> str:
    """An exported local feed (a file:// URL) back as the path feeds.toml uses; other URLs unchanged."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return url
    return location_in_config(Path(url2pathname(parts.path)), config_dir)


def _remove(args: argparse.Namespace) -> int:
    path = find_config_path(args.config)
    load_config(path)  # a missing or broken feeds.toml is a configuration error, as for other commands
    _, removed = remove_feed(path, args.feed)
    print(f"removed {removed.name!r} ({removed.url}) from {path}; its stored articles are kept")
    return 0


def _import(args: argparse.Namespace) -> int:
    from reader.commands.progress import progress_bar
    from reader.feeds.opml import OpmlError, parse_opml

    path = find_config_path(args.config)
    existed = path.exists()  # read (once) and checked under the edit lock
    try:
        data = Path(args.file).read_bytes()
        found = parse_opml(data, args.file)
    except OSError as exc:
        print(f"reader: feeds import: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OpmlError as exc:
        print(f"reader: feeds import: {single_line(str(exc), None)}; feeds.toml was not changed", file=sys.stderr)
        return EXIT_FAILURE
    # An outline's address is outside text: only what a fetch can use (http(s), or an exported local file).
    refused = [f.url for f in found if urlsplit(f.url).scheme.lower() not in _IMPORTED_SCHEMES]
    if refused:
        print(f"reader: feeds import: skipped {_count(len(refused), 'outline')} whose xmlUrl is not an http(s) or "
              f"file address: {', '.join(refused[:3])}{' …' if len(refused) > 3 else ''}", file=sys.stderr)
    new = [NewFeed(f.name, _from_file_url(f.url, path.parent), tuple(f.tags), f.enabled, f.full_text)
           for f in found if f.url not in refused]
    with progress_bar(sys.stderr.isatty() and len(new) > 1000, "importing") as progress:
        result = import_feeds(path, new, None if progress is None else lambda done, total: progress(done, total, ""))
    print(f"imported {_count(result.added, 'feed')} from {args.file} into {_written(path, existed)}"
          + (f"; {result.skipped} already subscribed" if result.skipped else ""))
    return 0


def _export(args: argparse.Namespace) -> int:
    from reader.feeds.opml import render_opml
    from reader.files import write_text_atomically

    config = load_config(find_config_path(args.config))
    # Local feeds leave as absolute file:// URLs: a path relative to this feeds.toml means nothing elsewhere.
    feeds = [replace(f, url=Path(config.resolve_feed_location(f)).as_uri()) if f.is_local else f
             for f in config.feeds]
    text = render_opml(feeds)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    make_folders_for(Path(args.out), "--out")
    try:
        write_text_atomically(Path(args.out), text)
    except OSError as exc:
        print(f"reader: feeds export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"exported {len(config.feeds)} feeds to {args.out}")
    return 0


def run(args: argparse.Namespace) -> int:
    action = {"list": _list, "add": _add, "remove": _remove, "import": _import, "export": _export}[args.action]
    try:
        return action(args)
    except FeedEditError as exc:
        print(f"reader: feeds {args.action}: {single_line(str(exc), None)}", file=sys.stderr)
        return EXIT_FAILURE
