"""Feed names sort naturally, in one key the sidebar and `reader feeds list` share."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.cli import main
from reader.name_order import natural_key
from tests.conftest import write_config

ORDERED = ["2 Cities", "10 Downing", "apple", "Arg", "Ärger", "Feed", "Feed 1", "Feed 01 b", "Feed 02", "Feed 2",
           "feed 2", "Feed 2a", "Feed 10", "Feed 100", "Outlet 9", "Outlet 20", "Outlet 199", "Zebra"]


def test_numbers_by_value_text_without_case_or_accents_the_same_order_from_any_start() -> None:
    for seed in range(20):
        names = ORDERED[:]
        random.Random(seed).shuffle(names)
        assert sorted(names, key=natural_key) == ORDERED


def test_any_scripts_digits_and_a_number_too_long_for_int() -> None:
    assert sorted(["Feed ١٢", "Feed ٣"], key=natural_key) == ["Feed ٣", "Feed ١٢"]  # Arabic-Indic 12 and 3
    huge = "Feed " + "9" * 5000  # int() refuses more than 4,300 digits
    assert sorted([huge, "Feed 10"], key=natural_key) == ["Feed 10", huge]


def test_feeds_list_orders_feeds_as_the_sidebar_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["Outlet 10", "outlet 2", "Outlet 9"]
    write_config(tmp_path, "".join(f'[[feeds]]\nname = "{n}"\nurl = "https://f{i}.example/"\n'
                                   for i, n in enumerate(names)))
    assert main(["--config", str(tmp_path / "feeds.toml"), "--db", str(tmp_path / "r.db"), "feeds", "list"]) == 0
    out = capsys.readouterr().out
    assert [out.index(n) for n in ("outlet 2", "Outlet 9", "Outlet 10")] == sorted(out.index(n) for n in names)
