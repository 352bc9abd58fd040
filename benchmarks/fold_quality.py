"""Story folding's recall and precision on generated wire stories, their outlets' copies and same-topic stories.

Every story is on one topic (immigration enforcement): its paragraphs mix the topic's stock
phrases ("Immigration and Customs Enforcement", "said in a statement") with words of a real
article (shared/seed), so unrelated stories share many word runs, as a policy beat's do. Each
story is run by other outlets as: its first 1, 2 or 3 paragraphs (wire copy trimmed from the
end), the whole story lightly edited (dateline dropped, a word changed a paragraph, a new
headline), or with a paragraph of the outlet's own added at the top. Half the stories end with one
of the beat's three stock background paragraphs, and briefs of stock phrases alone are run
beside them, to tempt folding into false pairs. Printed: for each kind of
copy, the share folded with its original (recall), and pairs of different stories folded
together (false positives). Run: python -m benchmarks.fold_quality [--stories 400]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

from reader.stories import StoryText, fold_copies, story_text

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "secure-communities-wnyc.txt"
PHRASES = ["Immigration and Customs Enforcement", "the Department of Homeland Security", "said in a statement",
           "according to the report", "local law enforcement agencies", "the Secure Communities program",
           "federal immigration authorities", "undocumented immigrants", "on Tuesday", "the county sheriff said",
           "advocates for immigrants", "in a phone interview", "the Obama administration", "a spokesman for the agency",
           "criminal convictions", "deportation proceedings", "the state legislature", "the task force recommended",
           "community policing", "civil rights groups", "last year", "the federal government"]
KINDS = ("1 paragraph", "2 paragraphs", "3 paragraphs", "edited whole", "paragraph added on top")


def vocabulary() -> list[str]:
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else " ".join(PHRASES)
    return re.findall(r"[A-Za-z']+", text)


def sentence(rng: random.Random, words: list[str]) -> str:
    parts = [rng.choice(PHRASES) if rng.random() < 0.3 else " ".join(rng.choices(words, k=rng.randint(2, 5)))
             for _ in range(rng.randint(4, 7))]
    return " ".join(parts).capitalize() + "."


def paragraph(rng: random.Random, words: list[str]) -> str:
    return " ".join(sentence(rng, words) for _ in range(rng.randint(1, 2)))


def copy_of(rng: random.Random, words: list[str], title: str, paras: list[str], kind: str) -> tuple[str, str]:
    if kind.endswith("paragraph") or kind.endswith("paragraphs"):
        return title, "\n\n".join(paras[:int(kind[0])])
    if kind == "edited whole":
        edited = []
        for p in paras:
            tokens = p.split()
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
            edited.append(" ".join(tokens))
        edited[0] = edited[0].split(" ", 3)[-1]  # the dateline dropped
        return f"{rng.choice(words)} {title}", "\n\n".join(edited)
    return title, "\n\n".join([paragraph(rng, words), *paras])


def measure(stories: int, seed: int = 1) -> tuple[dict[str, tuple[int, int]], int, int]:
    """Per kind (folded, copies), false pairs (articles of different stories folded together), and all pairs."""
    rng = random.Random(seed)
    words = vocabulary()
    backgrounds = [paragraph(rng, words) for _ in range(3)]
    texts: list[StoryText] = []
    truth: list[tuple[int, str]] = []  # each text's story and kind ("original" for the story itself)
    for n in range(stories):
        paras = [paragraph(rng, words) for _ in range(rng.randint(4, 10))]
        if rng.random() < 0.5:  # the beat's stock background paragraph, as many stories end
            paras.append(rng.choice(backgrounds))
        title = " ".join(rng.choices(words, k=rng.randint(5, 10))).capitalize()
        texts.append(StoryText(len(texts), "wire", story_text(title, "\n\n".join(paras))))
        truth.append((n, "original"))
        for kind in rng.sample(KINDS, 2):
            texts.append(StoryText(len(texts), "outlet", story_text(*copy_of(rng, words, title, paras, kind))))
            truth.append((n, kind))
    for n in range(stories, stories + stories // 2):  # briefs: a headline and a paragraph of stock phrases
        brief = " ".join(rng.choice(PHRASES) for _ in range(rng.randint(6, 12))) + "."
        texts.append(StoryText(len(texts), "brief", story_text(" ".join(rng.choices(PHRASES, k=2)), brief)))
        truth.append((n, "brief"))
    group_of = {key: g for g, keys in enumerate(fold_copies(texts)) for key in keys}
    originals = {story: key for key, (story, kind) in enumerate(truth) if kind == "original"}
    recall: dict[str, list[int]] = {kind: [0, 0] for kind in KINDS}
    for key, (story, kind) in enumerate(truth):
        if kind not in ("original", "brief"):
            recall[kind][1] += 1
            recall[kind][0] += group_of[key] == group_of[originals[story]]
    by_group = Counter((group_of[key], story) for key, (story, _) in enumerate(truth))
    false_pairs = 0
    per_group: dict[int, list[int]] = {}
    for (group, _), count in by_group.items():
        per_group.setdefault(group, []).append(count)
    for counts in per_group.values():
        total = sum(counts)
        false_pairs += (total * total - sum(c * c for c in counts)) // 2
    return {k: (v[0], v[1]) for k, v in recall.items()}, false_pairs, len(texts) * (len(texts) - 1) // 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=400)
    args = parser.parse_args()
    recall, false_pairs, pairs = measure(args.stories)
    for kind, (folded, copies) in recall.items():
        print(f"{kind:>24}: {folded}/{copies} folded with their original ({folded / max(copies, 1):.1%})")
    print(f"pairs of different stories folded together: {false_pairs} of {pairs:,}")


if __name__ == "__main__":
    main()
