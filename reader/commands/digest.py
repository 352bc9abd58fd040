"""`reader digest`: refresh (unless --no-fetch), build the day's digest, write it atomically, print the path."""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from reader.commands.folders import cannot_write, check_db_before_work, make_folders_for, refuse_file_in_the_way
from reader.commands.say import EXIT_FAILURE, EXIT_USAGE, error, result
from reader.config import check_digest_dir, load_found_config, resolve_db_path
from reader.core import Reader, make_reader
from reader.digest.build import TREND_DAYS, build_digest
from reader.digest.model import Digest
from reader.digest.render import MONTHS, render_digest
from reader.files import is_disk_trouble, write_text_atomically
from reader.models import Article, Pin
from reader.store import Store
from reader.store.read_only import check_database_file
from reader.text.clean import clean_stored_article, topic_terms
from reader.topic_days import local_day_bounds, past_topic_days, recent_signatures
from reader.what_changed import earliest_stored_copy


class DigestError(Exception):
    """A bad --date or an unwritable output; exits with `status` (2: what was given; 1: a full or failing disk)."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


# The digest reads a week of history before the day and the midnight after it; these keep
# both inside what datetime and the platform's local-time conversion can represent.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)


def parse_day(text: str | None) -> date:
    """The --date given (today when none; "today" and "yesterday" too), or DigestError saying what is wrong with
    it in the calendar's words:
    "February 2026 has 28 days", not Python's "day is out of range for month"."""
    if text is None:
        return date.today()
    named = {"today": 0, "yesterday": 1}.get(text.strip().casefold())
    if named is not None:  # cron's `--date yesterday`: the whole of the day that just ended
        return date.today() - timedelta(days=named)
    given = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)  # ASCII digits: \d takes any script's
    if given is None:
        raise DigestError(f"invalid --date {text!r}: expected YYYY-MM-DD, for example 2026-11-30")
    year, month, day = (int(part) for part in given.groups())
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise DigestError(f"invalid --date {text!r}: give a day from {FIRST_DAY} to {LAST_DAY}")
    if not 1 <= month <= 12:
        raise DigestError(f"invalid --date {text!r}: there is no month {month} (months are 01 to 12)")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DigestError(f"invalid --date {text!r}: {MONTHS[month - 1]} {year} has {days} days")
    return date(year, month, day)


def collect_and_build(reader: Reader, day: date) -> Digest:
    """Read the day, its pins and the trend history from the store, then build the digest (pure)."""
    store, config = reader.store, reader.config
    start, end = local_day_bounds(day)
    articles = store.articles_of_day(start, end)
    # The trend and New today read past days from what the store keeps per topic and day.
    past = past_topic_days(store, config.topics, day, max(TREND_DAYS - 1, config.history_days))
    history = {d: {name: (row.articles, row.outlets) for name, row in rows.items()} for d, rows in past.items()}
    by_id = {a.id: a for a in articles}
    pins: list[tuple[Pin, Article]] = []
    for pin in store.pins():
        if pin.article_id in by_id or start <= pin.created < end:
            article = by_id.get(pin.article_id) or store.article(pin.article_id)
            if article is not None:
                pins.append((pin, article))
    terms = topic_terms(config.topics)
    current = {f.name for f in config.feeds}  # the store keeps feeds removed from feeds.toml until a refresh
    feeds = [f for f in store.feeds(active_only=False) if f.name in current]
    recent = {t.name: recent_signatures(past, t.name, config.history_days) for t in config.topics}
    digest = build_digest(day, articles, config.topics, feeds, lambda a: clean_stored_article(a, terms), history,
                          pins, config.digest_max_stories, recent, config.history_days,
                          lambda story_id: earliest_stored_copy(store, story_id))
    today = date.today()
    digest = replace(digest, day_not_over=day == today)
    if articles:
        return digest
    return replace(digest, nearest_days=nearest_days_with_articles(store, day), today=today if day > today else None)


def nearest_days_with_articles(store: Store, day: date) -> tuple[date | None, date | None]:
    """The latest day before `day` and the earliest after it on which articles were first seen (None: no such day).

    Found by halving the span with counts (about 16 indexed counts each way), so a digest for an empty day
    can name the --date that has news however long ago the store's articles came.
    """
    def any_between(first: date, last: date) -> bool:
        return store.count_first_seen_between(local_day_bounds(first)[0], local_day_bounds(last)[1]) > 0

    def nearest(low: date, high: date, latest: bool) -> date | None:
        if low > high or not any_between(low, high):
            return None
        while low < high:  # the span [low, high] has articles; keep the half nearest `day` that has some
            middle = low + (high - low) // 2
            if latest:
                low, high = (middle + timedelta(days=1), high) if any_between(middle + timedelta(days=1), high) \
                    else (low, middle)
            else:
                low, high = (low, middle) if any_between(low, middle) else (middle + timedelta(days=1), high)
        return low

    return (nearest(FIRST_DAY, day - timedelta(days=1), True) if day > FIRST_DAY else None,
            nearest(day + timedelta(days=1), LAST_DAY, False) if day < LAST_DAY else None)


def write_atomically(path: Path, text: str, option: str = "--out", example: str = "digest.md") -> None:
    """Write the digest via a temporary file and rename; DigestError says why it could not be written."""
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        status = EXIT_FAILURE if is_disk_trouble(exc) else EXIT_USAGE
        raise DigestError(f"cannot write the digest: {cannot_write(path, exc, option, example)}", status) from None


def open_reader(args: argparse.Namespace) -> Reader:
    """feeds.toml and the store, with every path checked before any work: a digest that cannot be written
    should not first spend a refresh. With --no-fetch the digest only reads the store, so a missing, empty or
    non-SQLite database is refused as it is (NoDatabaseError) rather than created."""
    config = load_found_config(args.config)
    db = resolve_db_path(args.db, config)  # a folder, or a file where one of its folders must be: refused first
    if args.out:
        refuse_file_in_the_way(Path(args.out), "--out", "the digest")
    elif not args.stdout:
        check_digest_dir(config)
    if args.no_fetch:
        check_database_file(db)
    else:
        check_db_before_work(args, config, writes=True, instead=", pass --no-fetch to digest what is stored")
    return make_reader(config, db)


def run(args: argparse.Namespace) -> int:
    try:
        day = parse_day(args.date)
    except DigestError as exc:
        error(f"digest: {exc}")
        return EXIT_USAGE
    reader = open_reader(args)
    try:
        if not args.no_fetch:
            from reader.commands.fetch import print_summary, say_waiting
            from reader.fetch.refresh import refresh

            # A digest from cron waits for a refresh the reader started rather than failing the day.
            summary = refresh(reader.store, reader.config, wait=True, on_wait=say_waiting)
            print_summary(summary, out=sys.stderr)  # stdout is the path
        text = render_digest(collect_and_build(reader, day))
        if args.stdout:
            sys.stdout.write(text)
            return 0
        path = Path(args.out) if args.out else reader.config.digest_dir / f"{day.isoformat()}.md"
        if args.out:
            make_folders_for(path, "--out", "the digest")
        elif path.is_dir():
            raise DigestError(f"{path} is a folder, where the day's digest goes; move it away, or pass --out PATH")
        write_atomically(path, text, "--out" if args.out else "[digest] directory in feeds.toml", f"{day}.md")
        result(str(path))
        return 0
    except DigestError as exc:
        error(f"digest: {exc}")
        return exc.status
    finally:
        reader.close()
