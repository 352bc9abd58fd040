"""Every key quote's credit over the real text at hand, one line each, to compare before and after a change.

Reads the feeds of ../shared/corpus (feedparser's test feeds), the bundled samples, the seed article and the
ROUGE clusters' articles; prints "source | speaker | described | quote" sorted, then the counts. Diff two runs
and inspect each changed line: a wrong credit is worse than none.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from reader.fetch.parse import FeedParseError, parse_feed_bytes
from reader.text.clean import clean_article

ROOT = Path(__file__).resolve().parent.parent


def _articles() -> Iterator[tuple[str, str, str]]:
    """(source, title, content) of every article the real text holds."""
    feeds = [*sorted((ROOT.parent / "shared" / "corpus").rglob("*.xml")),
             *sorted((ROOT / "reader" / "samples").glob("*.xml"))]
    for path in feeds:
        try:
            parsed = parse_feed_bytes(path.read_bytes(), None, f"http://127.0.0.1/{path.name}")
        except FeedParseError:  # nothing usable in it (most are one entity or one header each): no quotes to count
            continue
        for entry in parsed.entries:
            yield path.name, entry.title, entry.content or entry.text
    yield "seed", "", (ROOT / "tests" / "data" / "secure-communities-wnyc.txt").read_text(encoding="utf-8")
    for line in (ROOT / "benchmarks" / "data" / "rouge-clusters.jsonl").read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        for article in cluster["articles"]:
            yield f"rouge:{cluster['id']}", article.get("title", ""), article.get("html") or article["text"]


def main() -> None:
    lines = []
    for source, title, content in _articles():
        for quote in clean_article(content, title=title or None).quotes:
            lines.append(f"{source} | {quote.speaker} | {'described' if quote.described else '-'} | {quote.text[:70]}")
    for line in sorted(lines):
        print(line)
    credited = sum(1 for line in lines if " | None | " not in line)
    print(f"# {len(lines)} quotes, {credited} credited", file=sys.stderr)


if __name__ == "__main__":
    main()
