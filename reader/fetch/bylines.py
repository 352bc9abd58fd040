"""An entry's byline from every author it names, not only the last.

feedparser's `author` is the last `<author>` of an Atom entry (or the last `dc:creator`), so a story
by "Ann Lee" and "Bo Kim" was stored as by Bo Kim alone, the lead author dropped. Its `authors`
list has them all; their names are joined as a byline reads ("Ann Lee and Bo Kim").
"""

from __future__ import annotations

from typing import Any


def joined_names(names: list[str]) -> str:
    """Names as a byline lists them: "Ann Lee", "Ann Lee and Bo Kim", "Ann Lee, Bo Kim and Cy Diaz"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def entry_author(entry: Any) -> str | None:
    """The entry's byline: every named author of two or more, in the feed's order and each once; else feedparser's
    `author` as it gave it (a lone author's email beside the name is kept for display_byline to read)."""
    author = entry.get("author")
    names: list[str] = []
    for each in entry.get("authors") or []:
        name = " ".join(str(each.get("name") or "").split()) if isinstance(each, dict) else ""
        if name and name not in names:
            names.append(name)
    if len(names) < 2:
        return str(author) if author else None
    return joined_names(names)
