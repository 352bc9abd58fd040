"""The order a summary's chosen sentences are read in: the main development first, background never in between.

A summary is read top to bottom, so its order is part of what it says. The main development
leads (its story's own opening, when chosen: as its reporter told it), the other stories' ledes
follow, then the rest of today's sentences in story order. Background ("rolled out in October
2008") must not interrupt that news: it comes last, or, when a news sentence needs it (it
introduced "the program" a later sentence calls so), first, as the context the news is read in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.digest.references import outside_quotes

if TYPE_CHECKING:
    from reader.digest.summarise import _Scored


def mostly_quoted(text: str) -> bool:
    """Whether most of a sentence's words are someone's quoted words, not the reporter's."""
    return len(outside_quotes(text).split()) * 2 < len(text.split())


def _leans_on(s: _Scored, chosen: Sequence[_Scored]) -> _Scored | None:
    """The chosen sentence s must be read right after, or None: a sentence leaning on its predecessor, or
    ranking its story's points ("Most significantly, ..."), follows the nearest chosen earlier sentence of
    its own story (the predecessor itself, for the first), never another outlet's. One ranking points follows
    the nearest of them that is news, when there is one: background ("rolled out in October 2008") is no point
    to rank, and read before "Most significantly, ..." it would sit between news sentences."""
    c = s.candidate
    if not (c.needs_previous or c.needs_context):
        return None
    earlier = [o for o in chosen if o.story is s.story and o.candidate.index < c.index]
    if not c.needs_previous:
        earlier = [o for o in earlier if not o.background] or earlier
    return max(earlier, key=lambda o: o.candidate.index) if earlier else None


def order_chosen(chosen: list[_Scored], after: dict[int, tuple[_Scored, ...]]) -> list[_Scored]:
    """The main development first (after its story's lede, when chosen), then the other stories' ledes, the
    rest of today's sentences in story order; a sentence that leans on an earlier one of its story comes
    right after it (the two read as one run), and a sentence needing an earlier one (what it calls "the
    department") after the run holding that one. Background leads when news needs it, else comes last."""
    if not chosen:
        return []
    parent = {id(s): p for s in chosen if (p := _leans_on(s, chosen)) is not None}
    runs: dict[int, list[_Scored]] = {}  # id of a run's first sentence -> the run, in story order
    run_of: dict[int, int] = {}
    for s in sorted(chosen, key=lambda s: (s.story.number, s.candidate.index)):
        first = run_of[id(parent[id(s)])] if id(s) in parent else id(s)
        runs.setdefault(first, []).append(s)
        run_of[id(s)] = first
    heads = [s for s in chosen if id(s) in runs]

    def needs(first: int) -> set[int]:
        """The other runs that a sentence of this run must follow."""
        return {run_of[id(a)] for s in runs[first] for a in after.get(id(s), ()) if run_of[id(a)] != first}

    news = [s for s in heads if not s.background] or heads
    # The best sentence of the best-ranked story, in the reporter's words rather than a quote's when it can be.
    best = min(news, key=lambda s: (s.rank, mostly_quoted(s.candidate.text), -s.score))
    # That story's own opening, when chosen, comes first: "The Senate began its immigration debate on Monday"
    # before "Senators said a bipartisan bill had the best chance", as its reporter told it.
    lead = next((s for s in news if s.story is best.story and s.candidate.index == s.story.candidates[0].index),
                best)

    def place(s: _Scored) -> tuple[bool, bool, int, int]:
        is_lede = s.candidate.index == s.story.candidates[0].index
        return s.background, not is_lede, s.story.number, s.candidate.index
    # A lead that needs another sentence ("..., the department said" needs the one naming the department)
    # is read right after what it needs, which then opens the summary: the main development still leads.
    first_runs = [id(lead)]
    while wanted := sorted(set().union(*(needs(f) for f in first_runs)) - set(first_runs),
                           key=lambda f: place(runs[f][0])):
        first_runs = [*wanted, *first_runs]
    order = [*first_runs, *(id(s) for s in sorted((s for s in heads if id(s) not in first_runs), key=place))]

    for _ in range(len(order)):  # a run whose sentence needs one in a later run moves after that run
        moved = False
        for first in list(order):
            latest = max(needs(first), key=order.index, default=None)
            if latest is not None and order.index(latest) > order.index(first):
                order.remove(first)
                order.insert(order.index(latest) + 1, first)
                moved = True
        if not moved:
            break
    return [s for first in _background_aside(order, runs, needs) for s in runs[first]]


def _background_aside(order: list[int], runs: dict[int, list[_Scored]], needs: Callable[[int], set[int]]) -> list[int]:
    """The runs with background moved out of the news. A background run that news needs (a news sentence in it,
    or in a run that must follow it) leads, with the background it needs; one that cannot (it needs a news
    run itself) is left out, with the news needing it. The rest of the background comes last."""
    def is_background(first: int) -> bool:
        return runs[first][0].background

    background = [f for f in order if is_background(f)]
    if not background or all(is_background(f) for f in order[order.index(background[0]):]):
        return order  # background already comes after all the news
    needed = {f for f in background if any(not s.background for s in runs[f])}
    needed |= {n for f in order if not is_background(f) for n in needs(f) if is_background(n)}
    leading: set[int] = set()
    left_out: set[int] = set()
    while needed:
        f = needed.pop()
        if any(not is_background(n) for n in needs(f)):
            left_out.add(f)
        elif f not in leading:
            leading.add(f)
            needed |= needs(f) - leading
    for _ in range(len(order)):  # and the runs that need what is left out, in turn
        more = {f for f in order if f not in left_out and needs(f) & left_out}
        if not more:
            break
        left_out |= more
    kept = [f for f in order if f not in left_out]
    return [*(f for f in kept if f in leading), *(f for f in kept if not is_background(f)),
            *(f for f in kept if is_background(f) and f not in leading)]
