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


@pytest.mark.parametrize("command", [["show"], ["feeds", "add"]])
@pytest.mark.parametrize(("address", "why"), [("http://", "it has no host"), ("http://[::1", "Invalid IPv6 URL"),
                                              ("https://user@/feed", "it has no host")])
def test_an_address_no_request_could_be_made_to_is_what_was_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str],
        address: str, why: str) -> None:
    """Status 2 with what to give, not 1 as if a server or the network had failed."""
    monkeypatch.chdir(tmp_path)
    assert main([*command, address]) == 2
    assert capsys.readouterr().err == (f"reader: {' '.join(command)}: {address}: not an address that can be fetched "
                                       f"({why}); give a whole http(s) URL, such as https://example.org/news\n")
    assert list(tmp_path.iterdir()) == []  # feeds add created no feeds.toml


@pytest.mark.parametrize(("command", "says"), [(["show", ""], "give a file's path, a stored article's id or an "
                                                              "http(s) URL"),
                                               (["summarize", " "], "give a file's path"),
                                               (["feeds", "import", ""], "give a file's path"),
                                               (["db", "backup", ""], "give a file's path")])
def test_an_empty_file_argument_is_refused_not_read_as_the_current_folder(
        capsys: pytest.CaptureFixture[str], command: list[str], says: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(command)
    assert exit_.value.code == 2 and capsys.readouterr().err.endswith(f": is empty; {says}\n")
