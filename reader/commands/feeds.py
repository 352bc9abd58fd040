"""`reader feeds list|add|remove|import|export`: manage subscriptions in feeds.toml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from reader.config import find_config_path, load_config
from reader.feeds.edit import FeedEditError, NewFeed, add_feeds, remove_feed
from reader.text.sanitize import single_line

EXIT_FAILURE, EXIT_USAGE = 1, 2


def _list(args: argparse.Namespace) -> int:
    from reader.core import make_reader
    from reader.fetch.refresh import sync_config

    reader = make_reader(args.config, args.db)
    try:
        sync_config(reader.store, reader.config)
        totals, unread = reader.store.article_counts(), reader.store.unread_counts()
        rows = [("NAME", "URL", "TAGS", "STATUS", "ARTICLES", "UNREAD")]
        for f in reader.store.feeds():
            if f.disabled:
                status = "disabled" + (f" ({f.last_error})" if f.last_error else "")
            elif f.last_status is None:
                status = "never fetched"
            elif f.last_error:
                status = f"{f.last_error} (since {f.error_since})"
            else:
                status = f"ok ({f.last_status}, {f.last_fetched})"
            # Every cell but the counts came from feeds.toml, an OPML file or a server.
            name, url, tags, status = (single_line(c) for c in (f.name, f.url, ",".join(f.tags), status))
            rows.append((name, url, tags, status, str(totals.get(f.id, 0)), str(unread.get(f.id, 0))))
    finally:
        reader.close()
    widths = [min(max(len(r[i]) for r in rows), 48) for i in range(5)]
    for r in rows:
        print("  ".join(c[:w].ljust(w) for c, w in zip(r[:5], widths, strict=True)) + "  " + r[5])
    return 0


def _add(args: argparse.Namespace) -> int:
    from reader.feeds.discover import DiscoveryError, discover_feed

    config = load_config(find_config_path(args.config))
    url = args.url
    if url.startswith(("http://", "https://")):
        try:
            url, title = discover_feed(url, config.fetch)
        except DiscoveryError as exc:
            print(f"reader: feeds add: {single_line(str(exc), None)}", file=sys.stderr)  # quotes the page
            return EXIT_FAILURE
    else:
        url, title = _local_feed(url, config.path.parent)
    # The name, and the URL a page pointed to, are outside text on their way to feeds.toml and the terminal.
    name, url = single_line(args.name or title or urlsplit(url).hostname or Path(url).stem), single_line(url, 2000)
    add_feeds(config, [NewFeed(name, url, tuple(args.tag or ()))])
    print(f"added {name!r} ({url}) to {config.path}")
    return 0


def _local_feed(given: str, config_dir: Path) -> tuple[str, str | None]:
    """A feed file's location as feeds.toml reads it (relative to its folder, when inside it) and its title.

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
    try:
        return str(path.relative_to(config_dir.resolve())), feed.title
    except ValueError:  # outside feeds.toml's folder
        return str(path), feed.title


def _remove(args: argparse.Namespace) -> int:
    config = load_config(find_config_path(args.config))
    _, removed = remove_feed(config, args.feed)
    print(f"removed {removed.name!r} ({removed.url}) from {config.path}; its stored articles are kept")
    return 0


def _import(args: argparse.Namespace) -> int:
    from reader.feeds.opml import OpmlError, parse_opml

    config = load_config(find_config_path(args.config))
    try:
        data = Path(args.file).read_bytes()
        found = parse_opml(data, args.file)
    except OSError as exc:
        print(f"reader: feeds import: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OpmlError as exc:
        print(f"reader: feeds import: {single_line(str(exc), None)}; feeds.toml was not changed", file=sys.stderr)
        return EXIT_FAILURE
    known_urls = {f.url.rstrip("/") for f in config.feeds}
    names = {f.name for f in config.feeds}
    new: list[NewFeed] = []
    skipped = 0
    for f in found:
        if f.url.rstrip("/") in known_urls:
            skipped += 1
            continue
        name, n = f.name, 2
        while name in names:  # two sources may share a title; keep both, distinguishably
            name, n = f"{f.name} ({n})", n + 1
        names.add(name)
        known_urls.add(f.url.rstrip("/"))
        new.append(NewFeed(name, f.url, tuple(f.tags), f.enabled, f.full_text))
    if new:
        add_feeds(config, new)
    print(f"imported {len(new)} feeds from {args.file}" + (f"; {skipped} already subscribed" if skipped else ""))
    return 0


def _export(args: argparse.Namespace) -> int:
    from reader.feeds.opml import render_opml
    from reader.files import write_text_atomically

    config = load_config(find_config_path(args.config))
    text = render_opml(config.feeds)
    if args.out is None:
        sys.stdout.write(text)
        return 0
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
