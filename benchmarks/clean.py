"""Cleaning throughput: clean_article over generated ~1.5 KB articles, against ftfy.fix_text alone.

Prints articles per second for both and the ratio (target: cleaning costs at most 1.5x ftfy alone).
Run: python -m benchmarks.clean [--n 10000]
"""

from __future__ import annotations

import argparse
import random
import time

import ftfy

from benchmarks.corpus import article_html
from reader.text.clean import clean_article


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(42)
    articles = [article_html(rng) for _ in range(args.n)]
    size = sum(len(a) for a in articles) / len(articles)
    ftfy.fix_text("warm up")
    clean_article(articles[0])

    start = time.perf_counter()
    for a in articles:
        ftfy.fix_text(a, uncurl_quotes=False)
    ftfy_s = time.perf_counter() - start

    start = time.perf_counter()
    for a in articles:
        clean_article(a)
    clean_s = time.perf_counter() - start

    print(f"articles: {len(articles):,} of {size:,.0f} bytes on average (one core)")
    print(f"ftfy.fix_text alone : {ftfy_s:7.2f} s  {len(articles) / ftfy_s:8,.0f} articles/s")
    print(f"clean_article       : {clean_s:7.2f} s  {len(articles) / clean_s:8,.0f} articles/s")
    print(f"ratio clean/ftfy    : {clean_s / ftfy_s:.2f}x   (target <= 1.5x)")


if __name__ == "__main__":
    main()
