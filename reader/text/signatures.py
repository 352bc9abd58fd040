"""Sentence signatures as the store keeps them: every sentence of a text, dateline off, as its content stems.

New today (reader/digest/novelty.py) compares a day's sentences with these; reader/topic_days.py
stores each past day's, one sentence a line. They sit below the digest because the topic days
made of them are an input to it, not a part of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.text.datelines import strip_dateline
from reader.text.sentences import split_sentences

MIN_STEMS = 4  # a sentence with fewer content stems ("Others disagree.") says too little to be news


def sentences_of(paragraphs: Sequence[str]) -> list[str]:
    """Every sentence in order, the dateline off the first ("WASHINGTON (Civic Wire) — ")."""
    out: list[str] = []
    for p_index, paragraph in enumerate(paragraphs):
        for s_index, sentence in enumerate(split_sentences(paragraph)):
            out.append(strip_dateline(sentence) if p_index == 0 and s_index == 0 else sentence)
    return out


def encode_signatures(signatures: Iterable[frozenset[str]]) -> str:
    """Signatures as stored text: one sentence a line, stems sorted and space-separated, no line twice."""
    lines = {" ".join(sorted(s)) for s in signatures if len(s) >= MIN_STEMS}
    return "\n".join(sorted(lines))


def decode_signatures(text: str) -> list[frozenset[str]]:
    return [frozenset(line.split(" ")) for line in text.split("\n") if line]
