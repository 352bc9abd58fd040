"""Counted nouns for command output: "1 feed", "2 feeds", so no summary line reads "1 feeds"."""

from __future__ import annotations


def count_of(n: int, noun: str) -> str:
    """`n` and the noun agreeing with it: count_of(1, "feed") is "1 feed", count_of(0, "feed") is "0 feeds".

    Thousands are separated ("1,000 feeds"), as every other count the reader prints.
    """
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"
