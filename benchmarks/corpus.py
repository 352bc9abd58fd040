"""Deterministic generated news articles for the benchmarks: realistic length, some defects, wire copies."""

from __future__ import annotations

import random

WORDS = [
    "program",
    "federal",
    "immigration",
    "enforcement",
    "county",
    "police",
    "report",
    "task",
    "force",
    "officials",
    "said",
    "community",
    "local",
    "state",
    "secure",
    "communities",
    "agency",
    "department",
    "homeland",
    "security",
    "data",
    "offenders",
    "criminal",
    "convictions",
    "arrests",
    "traffic",
    "victims",
    "witnesses",
    "policy",
    "council",
    "vote",
    "budget",
    "hearing",
    "senator",
    "governor",
    "mayor",
    "court",
    "ruling",
    "judge",
    "lawmakers",
    "bill",
    "legislation",
    "agreement",
    "jail",
    "fingerprints",
    "database",
    "deportation",
    "advocates",
    "critics",
    "families",
    "schools",
    "students",
    "tuition",
    "employers",
    "workers",
    "verify",
    "system",
    "errors",
    "business",
    "owners",
    "farm",
    "visa",
    "guest",
    "labor",
]
NAMES = ["Ana Ruiz", "John Morton", "Chris Newman", "Lee Park", "Mara Chen", "Sam Ortiz", "Dana Whitfield"]
TOPICS = ["Secure Communities", "E-Verify", "DREAM Act", "287(g)", "ICE"]


def sentence(rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(12, 24))]
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(TOPICS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    if rng.random() < 0.15:
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize()
        return f"“{quote},” said {rng.choice(NAMES)}. {sentence(rng)}"
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def article_html(rng: random.Random, target_bytes: int = 1500) -> str:
    """About `target_bytes` of HTML; a third repeat a teaser, a tenth carry mojibake, some a caption."""
    paras: list[str] = []
    while sum(len(p) + 7 for p in paras) < target_bytes:
        paras.append(paragraph(rng))
    if rng.random() < 0.33 and len(paras) > 2:
        paras.insert(0, paras[1].split(". ")[0].rstrip(".") + ".")
    if rng.random() < 0.1:
        paras[-1] = paras[-1].replace("said", "saidâ€™s", 1) + " â€œquoted endâ€"
    if rng.random() < 0.2:
        paras.insert(2, f"Protesters at City Hall on Monday ({rng.choice(NAMES)}/Metro Ledger)")
    return "".join(f"<p>{p}</p>" for p in paras)
