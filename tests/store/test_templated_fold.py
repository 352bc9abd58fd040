"""Folding stays linear when many articles share band keys (a template's listings), and copies still fold among them.

Court listings, alerts and results differ in a word or two: every one shares band keys with every
other, none is a copy, and comparing each with all the earlier ones made 6,000 of them take 34 s
of CPU (try11 F44). Counted comparisons stand in for time: no timed test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import reader.store.story_fold as story_fold
from reader.store import Store
from reader.stories import Runs
from tests.store.test_story_ids import WIRE, add_feeds, wire_entry


def story_ids(store: Store) -> dict[str, int | None]:
    """Each article's guid -> its story id, however many there are."""
    return {str(a.guid): a.story_id for a in store.list_articles(limit=10_000)}


def listing(n: int) -> str:
    return f"Case {n} was listed for hearing in the county court on Monday, the clerk said."


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of containment comparisons the store's folding makes, counted as they happen."""
    count = [0]
    compare = story_fold.runs_containment

    def counted(a: Runs, b: Runs) -> float:
        count[0] += 1
        return compare(a, b)

    monkeypatch.setattr(story_fold, "runs_containment", counted)
    yield count


def test_templated_listings_cost_a_bounded_number_of_comparisons_each(store: Store, comparisons: list[int]) -> None:
    one, two = add_feeds(store, "Court", "Court again")
    store.upsert_entries(one, [wire_entry(f"a{n}", listing(n), title="Court listing") for n in range(1500)])
    store.upsert_entries(two, [wire_entry(f"b{n}", listing(n + 5000), title="Court listing") for n in range(1500)])
    assert comparisons[0] <= 3000 * story_fold.MOST_COMPARED  # was about n²/2 (4.5 million here)
    assert len(set(story_ids(store).values())) == 3000  # none of them is a copy of another


def test_copies_still_fold_among_many_templated_neighbours(store: Store) -> None:
    court, wire, copies = add_feeds(store, "Court", "Wire", "Copies")
    store.upsert_entries(wire, [wire_entry("wire", WIRE)])
    store.upsert_entries(court, [wire_entry(f"a{n}", listing(n), title="Court listing") for n in range(2000)])
    # Copies of the first listing (a copy outlet runs it after 1,999 others sharing its keys) and of the wire story.
    store.upsert_entries(copies, [wire_entry("copy-a0", listing(0), title="Court listing"),
                                  wire_entry("copy-wire", "(AP) " + WIRE)])
    ids = story_ids(store)
    assert ids["copy-a0"] == ids["a0"] and ids["copy-wire"] == ids["wire"]
    assert ids["a1"] != ids["a0"]
