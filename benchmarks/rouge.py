"""ROUGE-1/2 F1 of `reader summarize` against reference summaries, beside a lead baseline and a greedy oracle.

Not the issue's held-out benchmark (that is kept outside the project): a small self-made check.
benchmarks/data/rouge-clusters.jsonl holds clusters in the `reader summarize` format plus a
"reference" written for this check: four from the bundled sample feeds and the seed article,
two shaped like the faults seen in real feeds (captions run into sentences, list items, site
junk, CNN-style datelines, an off-topic State of the Union story, skipped questions). Every
summary is cut to the same number of words: the summariser with --words N, the lead baseline
(the first article's cleaned text) and the oracle (the sentences that best match the reference,
chosen greedily) by truncation. ROUGE here is our own: lower-cased alphanumeric tokens, no
stemming, clipped n-gram overlap, F1 averaged over clusters.

Run: python -m benchmarks.rouge [--words N] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

CLUSTERS = Path(__file__).parent / "data" / "rouge-clusters.jsonl"
_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def ngrams(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i: i + n]) for i in range(len(words) - n + 1))


def rouge_f1(candidate: str, reference: str, n: int) -> float:
    """ROUGE-N F1: clipped n-gram matches over the candidate's (precision) and the reference's (recall) n-grams."""
    cand, ref = ngrams(tokens(candidate), n), ngrams(tokens(reference), n)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def cleaned_sentences(article: dict[str, str | None]) -> list[str]:
    """The article's sentences as the reader's cleaner gives them (no filtering): the baselines' material."""
    from reader.text.clean import clean_article
    from reader.text.sentences import split_sentences

    content = article.get("html") or article.get("text") or ""
    cleaned = clean_article(content, title=article.get("title") or None)
    return [s for p in cleaned.paragraphs for s in split_sentences(p)]


def oracle(articles: Sequence[dict[str, str | None]], reference: str, words: int) -> str:
    """Greedily add the sentence that most raises ROUGE-1 + ROUGE-2 F1, until the budget is spent."""
    pool = [s for a in articles for s in cleaned_sentences(a)]
    chosen: list[str] = []
    best = 0.0
    while len(" ".join(chosen).split()) < words:
        scored = [(rouge_f1(cut(" ".join([*chosen, s]), words), reference, 1)
                   + rouge_f1(cut(" ".join([*chosen, s]), words), reference, 2), s) for s in pool if s not in chosen]
        if not scored:
            break
        score, sentence = max(scored, key=lambda x: x[0])
        if score <= best:
            break
        best = score
        chosen.append(sentence)
    return cut(" ".join(chosen), words)


def summarize(path: Path, words: int) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "reader", "summarize", str(path), "--words", str(words)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"reader summarize failed: {out.stderr}")
    return {r["id"]: " ".join(s["text"] for s in r["sentences"]) for r in map(json.loads, out.stdout.splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100, help="summary length in words (default 100)")
    parser.add_argument("--file", type=Path, default=CLUSTERS, help="clusters with a 'reference' each")
    args = parser.parse_args()
    clusters = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = summarize(args.file, args.words)
    totals: dict[str, list[float]] = {"reader summarize": [0.0, 0.0], "lead": [0.0, 0.0], "oracle": [0.0, 0.0]}
    print(f"{'cluster':<32} {'summarize R1/R2':>16} {'lead R1/R2':>12} {'oracle R1/R2':>13}")
    for c in clusters:
        ref = c["reference"]
        systems = {"reader summarize": ours[c["id"]],
                   "lead": cut(" ".join(cleaned_sentences(c["articles"][0])), args.words),
                   "oracle": oracle(c["articles"], ref, args.words)}
        row = []
        for name, text in systems.items():
            r1, r2 = 100 * rouge_f1(text, ref, 1), 100 * rouge_f1(text, ref, 2)
            totals[name][0] += r1
            totals[name][1] += r2
            row.append(f"{r1:5.1f}/{r2:5.1f}")
        print(f"{c['id']:<32} {row[0]:>16} {row[1]:>12} {row[2]:>13}")
    n = len(clusters)
    print(f"mean over {n} clusters at {args.words} words: "
          + ", ".join(f"{name} {r1 / n:.1f}/{r2 / n:.1f}" for name, (r1, r2) in totals.items()))


if __name__ == "__main__":
    main()
