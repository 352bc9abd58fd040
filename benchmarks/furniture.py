"""Page furniture and photo credits: real article text with furniture lines and run-in credits added at random.

Prints three percentages (targets in brackets): furniture lines removed (>= 95%), run-in credits
separated with the paragraph left whole (>= 95%), publisher paragraphs kept whole (>= 99%).

The text is real: the bundled sample articles, the seed, and the prose of the shared feedparser
corpus (Russian and Thai blog posts among it). Publisher paragraphs also include sentences of our
own that mention advertising, newsletters, sharing or copyright, which must stay. The furniture
and credit templates here were written apart from the rules in reader/text/furniture.py and
credits.py (different wording, outlets, separators and capitalisation), so the figures are not a
restatement of the rules. Run: python -m benchmarks.furniture [--n 3000] [--seed 7] [--show 5]
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import feedparser

from reader.text.clean import clean_article
from reader.text.html import html_to_blocks
from reader.text.repair import repair_encoding

REPO = Path(__file__).resolve().parent.parent
CORPUS = next((p for p in (REPO.parent / "shared" / "corpus" / "feedparser", Path("/work/shared/corpus/feedparser"))
               if p.exists()), REPO / "no-corpus")
# Lines of the samples that are not story text (the samples carry a few on purpose).
NOT_STORY = ("Check back for updates", "Share this story", "(Photo:", "(Mirela Iverac/WNYC)", "By Rosa Delgado")

HEADLINES = [
    "Judge blocks sanctuary funding cuts", "What the new ICE memo means for local jails", "Senate deal collapses",
    "Inside the fight over E-Verify", "County sheriffs weigh 287(g) renewals", "5 takeaways from the hearing",
    "Why the census question matters", "Opinion: Fix the asylum backlog now", "Mayor unveils budget plan",
]
OUTLETS = ["The Guardian", "CNN", "The Hill", "Politico", "NPR", "WNYC", "Capitol Dispatch", "The Press Democrat",
           "Houston Chronicle", "Metro Ledger", "TPM", "The Atlantic"]
NAMES = ["Drew Angerer", "Chip Somodevilla", "Evan Vucci", "Jabin Botsford", "Mandel Ngan", "Saul Loeb",
         "Jonathan Ernst", "Marie D. De Jesús", "Mark Wilson", "Melina Mara", "Kent Nishimura", "Barry Brecheisen",
         "Christopher Chung", "Susan Walsh", "Andrew Harnik", "Gabrielle Lurie", "Jessica Phelps", "Ross D. Franklin"]

FURNITURE = {
    "advertisement": ["Article continues below this ad", "ADVERTISEMENT", "Advertisement", "— ADVERTISEMENT —",
                      "Story continues below", "Content continues below advertisement", "Sponsored",
                      "Advertisement - scroll to continue reading", "story continues below advertisement",
                      "Continue reading below", "AD", "Ad Feedback"],
    "cross-link": ["RELATED COVERAGE: {h}", "Related: {h}", "READ MORE: {h}", "Read more: {h}", "MORE: {h}",
                   "SEE ALSO: {h}", "READ: {h}", "Also on {o}: {h}", "More from {o}: {h}", "» {h}",
                   "[Related: {h}]", "WATCH: {h}", "Don't miss: {h}", "Related stories", "You might also like",
                   "Click here to read the full report", "Read the full story at {o}", "RELATED — {h}",
                   "Recommended: {h}", "Read more about immigration policy here"],
    "share bar": ["Share", "Share on Facebook", "Share on Twitter", "Facebook Twitter Email", "Share this article",
                  "Share via Email | Print", "SHARE: Facebook · X · LinkedIn", "Email Print Comments", "Tweet",
                  "Share this page", "Copy link", "Facebook | Twitter | WhatsApp | Email", "Share Tweet Email"],
    "prompt": ["Sign up for our free {o} newsletter", "Subscribe to our daily newsletter.",
               "Get our breaking news email, free app or daily news podcast",
               "Sign up here for {o}'s morning briefing.", "Want the latest? Sign up for our newsletter.",
               "Follow {o} on Twitter and Facebook.", "Follow us on Instagram", "Like us on Facebook",
               "Listen to this story on Apple Podcasts or wherever you get your podcasts.",
               "Subscribe to the {o} podcast on Spotify", "Download the {o} app for the latest news.",
               "Get the day's top stories delivered to your inbox.", "Follow @wnyc on Twitter",
               "Never miss a story: sign up for breaking news alerts."],
    "reprint notice": ["To order presentation-ready copies for distribution to your colleagues, clients or "
                       "customers, use the Order Reprints tool at the bottom of any article or visit "
                       "www.djreprints.com.", "Reprints & Permissions", "Reprints",
                       "For reprint and licensing requests for this article, click here.",
                       "This article was originally published by {o}.", "This story originally appeared on {o}.",
                       "Originally published on {o}.", "This article is republished from {o} under a Creative "
                       "Commons license."],
    "copyright": ["Copyright {y} The Associated Press. All rights reserved. This material may not be published, "
                  "broadcast, rewritten or redistributed.", "© {y} Reuters", "Copyright © {y} {o}",
                  "© Copyright {y} {o}. All rights reserved.", "(c) {y} Bloomberg L.P.",
                  "Copyright {y} {o}. All Rights Reserved.", "© {y} Cable News Network. All Rights Reserved."],
}
CREDITS = ["({n}/{o})", "({n}/Getty Images)", "(AP Photo/{n})", "Photo: {n} / Staff", "{n}/Getty Images",
           "(Photo by {n}/Getty Images)", "{n}/AFP/Getty Images", "(Reuters/{n})", "{n}/AP",
           "Photo: {n} / {o}", "({n} for The Washington Post)", "{n}/AFP via Getty Images", "(Photo: {n}/{o})",
           "{n}/Bloomberg via Getty Images", "(AP Photo/{n}, File)", "Photo: {n}/Staff photographer"]
# Story sentences that mention what furniture mentions; they must never be removed or split.
MENTIONS = [
    "The campaign spent $2 million on advertisements that ran on Facebook and local television.",
    "Read more than 400 pages of the report and you find the same complaint, the mayor said.",
    "Advertising revenue at the paper fell 12 percent last year, according to its annual filing.",
    "Share prices of the two prison operators rose after the announcement on Thursday.",
    "Subscribers to the county's emergency alerts received the warning minutes after the flood began.",
    "Copyright lawyers for the studio argued that the clip was not fair use.",
    "Related cases are pending in three other federal districts, lawyers for the state said.",
    "Follow-up inspections found the same problems at two of the detention centers.",
    "Sign-ups for the program rose by a third after the newsletter sent by the council reached residents.",
    "Photos taken by a bystander and shared on Twitter showed officers detaining the man.",
    "“Listen, we are not going anywhere,” she told the crowd outside the courthouse.",
    "More than 1,200 people have signed up for the classes, organizers said.",
    "The podcast, which is produced by two former prosecutors, was downloaded a million times.",
    "All rights reserved for the tribe under the 1868 treaty were affirmed by the court.",
    "Getty Images, the photo agency, said it had removed the picture from its archive.",
    "John Doe, a spokesman for AP, said the agency stood by its reporting.",
]


@dataclass
class Article:
    title: str
    paragraphs: list[str]


def _story(text: str) -> bool:
    return (len(text.split()) >= 6 and not any(marker in text for marker in NOT_STORY)
            and not any(c in text for c in "<>{}"))


def _words(text: str) -> list[str]:
    """A paragraph's words after encoding repair: "whole" tolerates repaired quotes, never a lost word."""
    return re.findall(r"\w+", repair_encoding(text)[0].casefold())


def load_articles() -> list[Article]:
    """The real articles: sample feeds, the seed, and corpus entries with prose paragraphs."""
    articles = []
    paths = sorted((REPO / "reader" / "samples").glob("*.xml"))
    if CORPUS.exists():
        paths += sorted(CORPUS.glob("**/*.xml"))
    for path in paths:
        for entry in feedparser.parse(str(path)).entries:
            content = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
            blocks, _ = html_to_blocks(content)
            paragraphs = list(dict.fromkeys(b.text for b in blocks if b.kind == "p" and _story(b.text)))
            if len(paragraphs) >= 2 or (paragraphs and path.parent.name == "samples"):
                articles.append(Article(entry.get("title") or "Untitled", paragraphs))
    seed = (REPO / "tests" / "data" / "secure-communities-wnyc.txt").read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", seed)][2:]
    articles.append(Article("Task Force Critical of Secure Communities Program", list(dict.fromkeys(
        b for b in blocks if _story(b) and "â€" not in b))))
    return articles


def _fill(template: str, rng: random.Random) -> str:
    return template.format(h=rng.choice(HEADLINES), o=rng.choice(OUTLETS), y=rng.randint(2009, 2026),
                           n=rng.choice(NAMES))


@dataclass
class Case:
    raw: str
    kind: str
    paragraphs: list[str]  # publisher paragraphs, as they must come back
    furniture: list[str]
    credits: list[tuple[str, str]]  # (credit, the paragraph it was run into)


def make_case(article: Article, rng: random.Random) -> Case:
    body = list(article.paragraphs)
    for _ in range(rng.randint(0, 2)):
        body.insert(rng.randint(1, len(body)), rng.choice(MENTIONS))
    credits = []
    for index in rng.sample(range(len(body)), k=min(len(body), rng.randint(0, 2))):
        credit = _fill(rng.choice(CREDITS), rng)
        credits.append((credit, body[index]))
        body[index] = f"{credit} {body[index]}"
    lines = list(body)
    furniture = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(sorted(FURNITURE))
        line = _fill(rng.choice(FURNITURE[kind]), rng)
        furniture.append(line)
        lines.insert(rng.randint(1, len(lines)), line)
    kind = rng.choice(["html", "text", "text"])
    if kind == "html":
        raw = "".join(f"<p>{p}</p>" for p in lines)
    else:  # half the plain-text articles put furniture lines next to a paragraph, with no blank line between
        tight = rng.random() < 0.5
        raw = lines[0] + "".join(("\n" if tight and (p in furniture or q in furniture) else "\n\n") + p
                                 for q, p in pairwise(lines))
    whole = [p for p in article.paragraphs] + [p for p in body if p in MENTIONS]
    return Case(raw, kind, whole, furniture, credits)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=5, help="print up to this many misses of each kind")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles()
    counts = {"furniture": [0, 0], "credits": [0, 0], "paragraphs": [0, 0]}
    misses: dict[str, list[str]] = {key: [] for key in counts}
    for _ in range(args.n):
        case = make_case(rng.choice(articles), rng)
        out = clean_article(case.raw, title="Title", kind=case.kind)  # type: ignore[arg-type]
        shown = {tuple(_words(p)) for p in (*out.paragraphs, *(c.text for c in out.collapsed))}
        for line in case.furniture:
            ok = line not in out.paragraphs and line in out.furniture
            counts["furniture"][0] += ok
            counts["furniture"][1] += 1
            if not ok:
                misses["furniture"].append(line)
        for credit, paragraph in case.credits:
            ok = tuple(_words(paragraph)) in shown and credit.rstrip(".") in out.captions
            counts["credits"][0] += ok
            counts["credits"][1] += 1
            if not ok:
                misses["credits"].append(f"{credit} {paragraph[:60]}")
        for paragraph in case.paragraphs:
            ok = tuple(_words(paragraph)) in shown
            counts["paragraphs"][0] += ok
            counts["paragraphs"][1] += 1
            if not ok:
                misses["paragraphs"].append(paragraph[:120])
    print(f"{args.n:,} articles from {len(articles)} real ones (seed {args.seed})")
    for key, target, label in (("furniture", 95, "furniture lines removed"),
                               ("credits", 95, "run-in credits separated, paragraph whole"),
                               ("paragraphs", 99, "publisher paragraphs kept whole")):
        good, total = counts[key]
        print(f"{100 * good / max(total, 1):6.2f}%  {label} ({good:,} of {total:,}; target >= {target}%)")
        for miss in sorted(set(misses[key]))[: args.show]:
            print(f"          missed: {miss}")


if __name__ == "__main__":
    main()
