"""A full disk is trouble elsewhere (exit status 1), not a bad path (2), for every command that writes a file.

The disk is made full in-process (the atomic write raises ENOSPC): no test can fill a real disk.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import reader.files
from reader.cli import main
from tests.cli.conftest import workdir

__all__ = ["workdir"]


def _disk_full(path: Path, text: str) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.mark.parametrize("args", [
    ("digest", "--no-fetch", "--date", "2026-11-30", "--out", "d.md"),
    ("feeds", "export", "--out", "feeds.opml"),
    ("feeds", "add", "other.xml", "--name", "Another"),
], ids=["digest --out", "feeds export --out", "feeds add"])
def test_a_full_disk_exits_1_and_says_to_free_space(workdir: Path, args: tuple[str, ...],
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(workdir)
    (workdir / "other.xml").write_bytes((workdir / "reader" / "samples" / "wnyc.xml").read_bytes())
    monkeypatch.setattr(reader.files, "write_text_atomically", _disk_full)
    for module in ("reader.commands.digest", "reader.feeds.edit"):  # imported by name at their tops
        monkeypatch.setattr(f"{module}.write_text_atomically", _disk_full)
    status = main(["--config", "feeds.toml", "--db", "r.db", *args])
    said = capsys.readouterr().err
    assert status == 1, said
    assert "No space left on device" in said and ("free some space" in said), said
