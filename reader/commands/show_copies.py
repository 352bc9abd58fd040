"""`reader show ID --copies`: how each outlet's copy of a stored story differs from the earliest copy."""

from __future__ import annotations

import argparse
import textwrap

from reader.commands.say import EXIT_FAILURE, json_text
from reader.commands.show import ShowError, config_if_usable, existing_store, stored_id
from reader.copies import CopyChanges, CopyText
from reader.what_changed import story_copies


class CopiesError(ShowError):
    """A target that has no copies to compare; the message is the whole one-line explanation."""


def load_copies(target: str, args: argparse.Namespace) -> tuple[CopyText, list[CopyChanges]]:
    """The earliest copy of the stored article's story and every other copy compared with it."""
    number = stored_id(target)
    if number is None:
        raise CopiesError(f"{target}: --copies needs the id of a stored article (as the reader lists them)")
    target = target.strip()
    with existing_store(args, config_if_usable(args)) as (store, db):
        article = store.article(number)
        if article is None:
            raise CopiesError(f"no article with id {target} in {db}; list ids with the reader or search")
        if article.story_id is None and store.stories_pending():  # else it would read as a story no one else ran
            raise CopiesError(f"article {target} is not folded into a story yet: {db} was being upgraded (its articles "
                              "folded into stories) when that was stopped; `reader fetch` or opening the reader "
                              "finishes it, then ask again", status=EXIT_FAILURE)
        return story_copies(store, article)


def render_copies(earliest: CopyText, changes: list[CopyChanges], width: int) -> str:
    """Each copy with its headline if rewritten, its added paragraphs (+) and the earliest's it cut (−)."""
    out = [f"Earliest copy: {earliest.source} — {earliest.headline}"]
    out += [earliest.link] if earliest.link else []
    if not changes:
        return "\n".join([*out, "", "No other outlet in the store ran this story."])
    for c in changes:
        out += ["", f"{c.copy.source}" + (f" — headline: {c.copy.headline}" if c.headline_changed else "")]
        out += [c.copy.link] if c.copy.link else []
        if not c.added and not c.cut:
            out.append("  the same paragraphs as the earliest copy")
        for mark, paragraphs in (("+", c.added_paragraphs), ("−", c.cut_paragraphs)):
            for p in paragraphs:
                out += textwrap.wrap(p, width=width, initial_indent=f"  {mark} ", subsequent_indent="    ")
    return "\n".join(out)


def copies_json(earliest: CopyText, changes: list[CopyChanges]) -> str:
    """{"copies": [...]}: the earliest copy first (nothing added or cut), then each other outlet's."""
    first: dict[str, object] = {"source": earliest.source, "link": earliest.link, "headline": earliest.headline,
                                "added": [], "cut": []}
    return json_text({"copies": [first, *(c.to_json() for c in changes)]}, indent=2)
