"""Where in feeds.toml's text a key or a construct is: tomllib gives lines only for syntax errors.

Every ConfigError names a line, so a user can go straight to the mistake in an editor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class KeyLocator:
    """Finds the line of a key (or a section) in the TOML source."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()

    def line_of_top_key(self, key: str) -> int | None:
        """The line of `key = ...` above the first section header, where keys belong to no section."""
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n, text in enumerate(self.lines):
            if re.match(r"^\s*\[", text):
                return None
            if key_re.match(text):
                return n + 1
        return None

    def line_of(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        """The line of `key` in section `table` (the index-th [[table]] for an array), else the section's header."""
        name = re.escape(table)
        header = re.compile(rf"^\s*\[\[\s*{name}\s*\]\]" if index is not None else rf"^\s*\[\s*{name}\s*\]")
        seen = -1
        start = None
        for n, text in enumerate(self.lines):
            if header.match(text):
                seen += 1
                if index is None or seen == index:
                    start = n
                    break
        if start is None:
            return None
        if key is None:
            return start + 1
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start + 1, len(self.lines)):
            if re.match(r"^\s*\[", self.lines[n]):
                break
            if key_re.match(self.lines[n]):
                return n + 1
        return start + 1


def last_line(source: str) -> int:
    """The last line with anything on it: where "at end of document" points a reader."""
    lines = source.splitlines()
    return next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), 1)


def unclosed_line(source: str) -> int | None:
    """The line where the array, inline table or string still open at the end of `source` began, if any.

    tomllib reports such errors "at end of document", or where it noticed them; the line that
    opened the construct is where the mistake is.
    """
    openers: list[int] = []  # lines of the brackets and braces still open
    for c, line in _brackets(source):
        if c == "'":  # a string left open
            return line
        if c in "[{":
            openers.append(line)
        elif openers:
            openers.pop()
    return openers[0] if openers else None


def too_deep_line(source: str, depth: int) -> int | None:
    """The line where arrays and inline tables first nest more than `depth` deep, if they do.

    tomllib reads nesting by recursion, so thousands of "[" end in a RecursionError; this names the line.
    """
    level = 0
    for c, line in _brackets(source):
        if c in "[{":
            level += 1
            if level > depth:
                return line
        elif c in "]}":
            level = max(level - 1, 0)
    return None


def _brackets(source: str) -> Iterator[tuple[str, int]]:
    """Each bracket or brace outside strings and comments, with its line; then "'" and its line for an open string."""
    quote, quote_line, line, i = "", 0, 1, 0
    while i < len(source):
        c = source[i]
        if quote:
            if c == "\\" and quote in ('"', '"""'):
                i += 2 if source[i + 1:i + 2] != "\n" else 1
                continue
            if source.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif c == "#":
            while i < len(source) and source[i] != "\n":
                i += 1
            continue
        elif c in "\"'":
            quote = c * 3 if source.startswith(c * 3, i) else c
            quote_line = line
            i += len(quote)
            continue
        elif c in "[]{}":
            yield c, line
        if c == "\n":
            line += 1
        i += 1
    if quote:
        yield "'", quote_line
