"""Odd environments a command meets: a terminal a few columns wide (or COLUMNS set so), and more below."""

from __future__ import annotations

import pytest

from reader.cli import main
from tests.conftest import REPO

SAMPLE = str(REPO / "reader" / "samples" / "wnyc.xml")


@pytest.mark.parametrize("columns", ["1", "2", "5", "-3", "0", "abc"])
def test_show_wraps_to_a_readable_width_however_narrow_the_terminal_says_it_is(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)  # textwrap refused the width a quote's indent left: a traceback
    assert main(["show", SAMPLE]) == 0
    out = capsys.readouterr().out
    assert "Key quotes:" in out and "  ▌ “To the extent" in out
    assert max(len(line) for line in out.splitlines() if not line.startswith(("http", "Repairs:"))) <= 98
