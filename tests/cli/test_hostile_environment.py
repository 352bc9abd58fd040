"""Odd environments a command meets: a terminal a few columns wide (or COLUMNS set so), and more below."""

from __future__ import annotations

import sys
from pathlib import Path

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


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_the_terminal_cannot_encode_is_one_line_saying_what_to_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    """PYTHONIOENCODING=ascii, or a Latin-1 locale: `show` and `digest --stdout` were a UnicodeEncodeError traceback."""
    with (tmp_path / "out").open("w", encoding=encoding) as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["show", SAMPLE]) == 1
    missing = "\\xb7" if encoding == "ascii" else "\\u258c"  # the first character it has not: · or ▌ (a quote)
    assert capsys.readouterr().err == (f"reader: cannot write the output: its encoding ({encoding}) has no "
                                       f"'{missing}'; set a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8\n")
