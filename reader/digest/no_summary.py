"""Why a topic's stories gave no summary sentence, said in the reader's terms.

A section with stories but no summary says why, so its reader knows whether to open the stories
(they have text the digest could not use) or not (they have none beyond their titles); without it an
empty section looks like a fault, or another section seems to summarise what it does not.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.digest.candidates import MIN_WORDS
from reader.digest.summarise import StoryForSummary, TopicLens
from reader.text.sentences import split_sentences


def why_no_summary(stories: Sequence[StoryForSummary], lens: TopicLens, topic: str | None) -> str:
    """The reason no sentence of the stories could be a summary sentence, for "No sentence could be summarised: ..."."""
    if not any(p.strip() for s in stories for p in s.paragraphs):
        return "the articles have no text beyond their titles"
    if not any(s.candidates for s in stories):
        sentences = [x for s in stories for p in s.paragraphs for x in split_sentences(p)]
        if all(len(x.split()) < MIN_WORDS for x in sentences):
            return f"the articles have no full sentences beyond their titles (each is under {MIN_WORDS} words)"
        return "the articles' text is captions, lists, headlines or questions, not sentences of their own prose"
    about = topic if topic is not None else "what the stories share"
    if not any(s.mainly_about or lens.is_about(c.text) for s in stories for c in s.candidates):
        return f"none of the articles' sentences is about {about}"
    about_it = [c for s in stories for c in s.candidates if s.mainly_about or lens.is_about(c.text)]
    why = []  # only what is true of some sentence: the reader is told what kept them out
    if any(not (c.needs_previous or c.needs_context or c.refers_to) for c in about_it):
        why.append("repeats one shown above or a key quote")
    if any(c.needs_previous or c.needs_context for c in about_it):
        why.append("leans on a sentence before it that could not be shown")
    heads = list(dict.fromkeys(h for c in about_it if not (c.needs_previous or c.needs_context) for h in c.refers_to))
    if heads:
        named = " or ".join(f"“the {h}”" for h in heads[:3])
        why.append(f"speaks of {named} with no sentence shown that says which")
    return f"each of their sentences about {about} " + ", or ".join(why)
