"""`reader summarize`: the digest's summariser on clusters of articles from elsewhere, JSON lines in and out.

Each input line is one cluster; it goes through exactly the digest's path (cleaning, folding
copies, ranking stories, choosing sentences and quotes), so scores measured with this command
are the digest's. A malformed line gets an error naming its line and the rest go on; input whose first
line is no JSON object at all (a plain article) is refused once, saying what summarize reads. The exit
status is 2 when no line is a cluster (bad input, as for other commands), 1 when some lines were skipped.
"""

from __future__ import annotations

import argparse
import html as html_lib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TextIO

from reader.commands.say import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, error, json_text, note
from reader.config import TopicConfig
from reader.digest.summarise import MAX_SENTENCES, SummaryBudget
from reader.digest.topic_summary import fold_stories, rank_stories, summarise_topic, topic_fits
from reader.files import open_regular_file
from reader.models import Article
from reader.text.clean import clean_stored_article
from reader.text.html import html_to_search_text
from reader.topics import TopicMatcher

EXIT_SOME_FAILED = EXIT_FAILURE
HEADLINE_WORDS = 20
_ARTICLE_STRINGS = ("title", "text", "html", "source", "author", "published", "link")


class ClusterError(Exception):
    """A line that is not a cluster; the message says what is wrong with it."""


class NotJsonLinesError(Exception):
    """The input's first line is no JSON object at all: a plain article, say, not clusters; said once, not a line."""


@dataclass(frozen=True)
class Cluster:
    id: str | int  # given back exactly as sent (json_text escapes its controls), so the caller can match results
    topic: TopicConfig | None
    articles: tuple[Article, ...]


def _published(value: str | None) -> str | None:
    """ISO 8601 UTC for ISO or RFC 822 dates, so stories sort by time; None for anything else."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _opens_with_headline(text: str) -> bool:
    """Whether plain text starts with a title line (short, no full stop), which the cleaner reads as its header."""
    first = text.strip().split("\n", 1)[0].strip()
    return 0 < len(first.split()) <= HEADLINE_WORDS and not first.endswith((".", "!", "?", "”", '"'))


def _paragraphs_as_html(text: str) -> str:
    """Plain text with no title line, as paragraphs, so that its first paragraph is not taken for a title.

    Paragraphs are separated by blank lines, or by line breaks when the text has no blank line.
    """
    blocks = (b.strip() for b in re.split(r"\n\s*\n" if re.search(r"\n\s*\n", text) else r"\n", text))
    return "".join(f"<p>{html_lib.escape(b)}</p>" for b in blocks if b)


def _article(index: int, raw: Any) -> Article:
    where = f"articles[{index}]"
    if not isinstance(raw, dict):
        raise ClusterError(f"{where} is not an object")
    for key in _ARTICLE_STRINGS:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise ClusterError(f"{where}.{key} must be a string or null, not {_json_kind(raw[key])}")
    html: str = raw.get("html") or ""
    text: str = raw.get("text") or ""
    if not (html or text).strip():
        given = " and ".join(f'"{key}"' for key in ("text", "html") if key in raw)
        said = f"an empty {given}" if given else 'neither "text" nor "html"'
        raise ClusterError(f"{where} has {said}; " + 'give the article\'s words in "text", or its HTML in "html"')
    source = raw.get("source") or f"article {index}"
    published = _published(raw.get("published"))
    title = raw.get("title") or ""
    content = html or (text if title or _opens_with_headline(text) else _paragraphs_as_html(text))
    plain = html_to_search_text(html) if html else text
    return Article(index, index, source, None, raw.get("link"), title, raw.get("author"),
                   published, published or "", content, plain, False, False)


def _json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words: "a list", not Python's "list"."""
    kinds = ((bool, "true or false"), (int | float, "a number"), (str, "a string"), (list, "a list"),
             (dict, "an object"))
    return "null" if value is None else next(word for kind, word in kinds if isinstance(value, kind))


def parse_cluster(line: str) -> Cluster:
    """One input line as a Cluster; ClusterError says what is wrong."""
    try:
        data = json.loads(line)
    except RecursionError:  # "[[[[...": the input's shape, not a failure of ours to report
        raise ClusterError("not a cluster: its JSON is nested thousands of levels deep") from None
    except json.JSONDecodeError as exc:  # pos, not colno: the line's own newline would put the end at "column 1"
        where = "at the end of the line" if not line[exc.pos:].strip() else f"at column {exc.pos + 1}"
        raise ClusterError(f"not valid JSON ({exc.msg.removesuffix(' at')} {where})") from None
    if not isinstance(data, dict):
        raise ClusterError(f"expected a cluster, a JSON object with \"id\" and \"articles\", not {_json_kind(data)}")
    if "id" not in data and "articles" not in data and data.keys() & set(_ARTICLE_STRINGS):
        raise ClusterError('this line is one article, not a cluster; put it in one: {"id": "c1", "articles": '
                           '[{"text": "..."}]}')
    cluster_id = data.get("id")
    if cluster_id is None:
        raise ClusterError('the cluster has no "id"; give each line an "id" string, such as "c1"')
    if not isinstance(cluster_id, str | int) or isinstance(cluster_id, bool):
        kind = "a number with a fraction" if isinstance(cluster_id, float) else _json_kind(cluster_id)
        raise ClusterError(f'"id" must be a string, such as "c1", or a whole number, not {kind}')
    articles = data.get("articles")
    if not isinstance(articles, list) or not articles:
        raise ClusterError("\"articles\" must be a non-empty list")
    return Cluster(cluster_id, _topic(data.get("topic")), tuple(_article(i, a) for i, a in enumerate(articles)))


def _topic(topic: Any) -> TopicConfig | None:
    """The cluster's topic judged as feeds.toml judges a [[topics]] table: a phrase of escapes or invisible
    characters alone is refused (it matched nothing, silently), and each phrase is matched as it displays."""
    from reader.config.values import a_name, displayed, names_list, phrase

    if topic is None:
        return None
    if not isinstance(topic, dict) or not isinstance(topic.get("name"), str) or not topic["name"].strip():
        raise ClusterError("\"topic\" must be null or an object with a \"name\" string")
    match = topic.get("match") or [topic["name"]]
    if not isinstance(match, list) or not all(isinstance(m, str) and m.strip() for m in match):
        raise ClusterError("\"topic\".\"match\" must be a list of non-empty strings")
    for key, problem in (("name", a_name("topic")(topic["name"])), ("match", names_list("phrase")(match))):
        if problem is not None:
            raise ClusterError(f'"topic"."{key}": {problem}')
    return TopicConfig(displayed(topic["name"]), tuple(phrase(m) for m in match))


def summarize_cluster(cluster: Cluster, budget: SummaryBudget) -> dict[str, Any]:
    """The digest's summary and key quotes of one cluster, citing articles by their index in the input."""
    matcher = TopicMatcher.from_config(cluster.topic) if cluster.topic else None
    terms = cluster.topic.match if cluster.topic else ()
    folded = fold_stories(cluster.articles)
    fits = topic_fits(folded, matcher)
    stories = rank_stories(folded, fits)
    result = summarise_topic(stories, lambda a: clean_stored_article(a, terms), matcher, fits, budget)
    return {
        "id": cluster.id,
        "sentences": [{"text": s.text, "cites": [stories[n - 1].lead.id for n in s.citations]}
                      for s in result.summary],
        "quotes": [{"text": q.text, "speaker": q.speaker, "article": stories[i].lead.id}
                   for q, i in zip(result.quotes, result.quote_stories, strict=True)],
    }


@dataclass
class LineCounts:
    """How the input's lines went: summarised and written, malformed (the input's fault), or failed on our side."""

    written: int = 0
    malformed: int = 0
    crashed: int = 0

    @property
    def failed(self) -> int:
        return self.malformed + self.crashed


def summarize_lines(lines: Iterable[str], budget: SummaryBudget, out: TextIO, errors: TextIO,
                    name: str) -> LineCounts:
    """Write one JSON line per cluster; each line that fails is reported on `errors` and counted."""
    counts = LineCounts()
    for number, line in _numbered(lines):
        try:
            result = summarize_cluster(parse_cluster(line), budget)
        except ClusterError as exc:
            if number == 1 and not line.lstrip().startswith("{") and str(exc).startswith("not valid JSON"):
                raise NotJsonLinesError(
                    f"{name} is not JSON lines (its first line is not a JSON object); summarize reads one cluster "
                    'a line, such as {"id": "c1", "articles": [{"text": "..."}]} (see the README); '
                    "to read one article, use `reader show FILE`") from None
            counts.malformed += 1
            error(f"summarize: {name}:{number}: {exc}; this line is skipped", errors)
            continue
        except Exception as exc:  # a bug on one cluster must not lose the rest of a long run; it is reported
            counts.crashed += 1
            error(f"summarize: {name}:{number}: could not summarise this cluster ({type(exc).__name__}: {exc}); "
                  "this line is skipped, please report it", errors)
            continue
        out.write(json_text(result) + "\n")
        out.flush()
        counts.written += 1
    return counts


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """The lines that are not blank, numbered; the first without a byte-order mark (Notepad writes one, and
    JSON has none: the file was refused as "not JSON lines")."""
    for number, line in enumerate(lines, 1):
        if number == 1:
            line = line.removeprefix("\ufeff")
        if line.strip():
            yield number, line


def run(args: argparse.Namespace) -> int:
    if (args.sentences is not None and args.sentences < 1) or (args.words is not None and args.words < 1):
        print("reader: summarize: --sentences and --words must be positive whole numbers", file=sys.stderr)
        return EXIT_USAGE
    budget = SummaryBudget(args.sentences or MAX_SENTENCES, args.words)
    name = "<stdin>" if args.file == "-" else args.file
    try:
        if args.file == "-":
            counts = summarize_lines(sys.stdin, budget, sys.stdout, sys.stderr, name)
        else:
            try:
                # closed below; a failed write of the output is not a read error: cli.main reports it
                handle = io.TextIOWrapper(open_regular_file(args.file), encoding="utf-8")
            except OSError as exc:
                error(f"summarize: cannot read {args.file}: {exc.strerror or exc}; give a JSON-lines file you can "
                      "read, or - for standard input")
                return EXIT_USAGE
            try:
                with handle:
                    counts = summarize_lines(handle, budget, sys.stdout, sys.stderr, name)
            except UnicodeDecodeError as exc:
                error(f"summarize: {args.file} is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                      "convert it to UTF-8")
                return EXIT_USAGE
    except NotJsonLinesError as exc:
        error(f"summarize: {exc}")
        return EXIT_USAGE
    return _exit_status(counts, name)


def _exit_status(counts: LineCounts, name: str) -> int:
    """2 when no line was a cluster (the input cannot be used, as for a file that is not JSON lines); 1 when
    some clusters were written and other lines skipped (or one failed on our side); 0 when every line was summarised.
    """
    if counts.malformed and not counts.written and not counts.crashed:
        error(f"summarize: no line of {name} is a cluster summarize can read (each is named above); give one "
              'cluster a line, such as {"id": "c1", "articles": [{"text": "..."}]} (see the README)')
        return EXIT_USAGE
    if counts.failed:
        return EXIT_SOME_FAILED
    if not counts.written:
        note(f"{name} has no clusters (every line is blank); nothing was summarised")
    return EXIT_OK
