"""A file a command would replace, which this user may not write, is left as it is (exit 2, saying what to do).

Replacing by rename needs only the folder's permission, so feeds.toml, an export or a digest made
read-only to keep it as it is was replaced all the same. Run in process; for root, whom file modes
do not stop, the file is made immutable (chattr +i).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store
from tests.cli.conftest import Unwritable
from tests.conftest import REPO
from tests.e2e.test_bad_inputs import _without_root_powers

SAMPLE = REPO / "reader" / "samples"
OPML = REPO / "tests" / "feeds" / "opml" / "feedly.opml"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "feeds.toml").write_text(f'[[feeds]]\nname = "WNYC News"\nurl = "{SAMPLE / "wnyc.xml"}"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("READER_CONFIG", "feeds.toml")
    monkeypatch.setenv("READER_DB", str(tmp_path / "r.db"))
    Store(tmp_path / "r.db").close()
    return tmp_path


EDITS = {"add": ["feeds", "add", str(SAMPLE / "civic-wire.xml")], "remove": ["feeds", "remove", "WNYC News"],
         "import": ["feeds", "import", str(OPML)]}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_read_only_feeds_toml_is_not_edited(workdir: Path, capsys: pytest.CaptureFixture[str],
                                             unwritable: Unwritable, edit: list[str]) -> None:
    before = unwritable(workdir / "feeds.toml").read_bytes()
    assert main(edit) == 2
    assert capsys.readouterr().err == (
        "reader: $READER_CONFIG feeds.toml: feeds.toml is read-only for you, so nothing was changed; make it writable "
        "(chmod u+w feeds.toml), or pass --config with a feeds.toml you can write\n")
    assert (workdir / "feeds.toml").read_bytes() == before
    assert sorted(p.name for p in workdir.iterdir()) == ["feeds.toml", "r.db"]  # no temporary file left


OUTPUTS = {"feeds export --out": (["feeds", "export", "--out", "old.txt"], "feeds export: "),
           "digest --out": (["digest", "--no-fetch", "--out", "old.txt"], "digest: cannot write the digest: ")}


@pytest.mark.parametrize("case", OUTPUTS.values(), ids=OUTPUTS.keys())
def test_a_read_only_output_file_is_not_replaced(workdir: Path, capsys: pytest.CaptureFixture[str],
                                                 unwritable: Unwritable, case: tuple[list[str], str]) -> None:
    command, says = case
    (workdir / "old.txt").write_text("kept\n")
    unwritable(workdir / "old.txt")
    assert main(command) == 2
    assert capsys.readouterr().err == (f"reader: {says}old.txt is read-only for you, so it was left as it is; make "
                                       "it writable (chmod u+w old.txt), or give --out another path\n")
    assert (workdir / "old.txt").read_text() == "kept\n"


def test_a_database_this_user_cannot_read_is_refused_by_every_command_as_bad_input(workdir: Path) -> None:
    (workdir / "r.db").chmod(0)
    for command in (["feeds", "list"], ["fetch"]):  # one that only reads, one that writes
        out = subprocess.run([*_without_root_powers(), sys.executable, "-m", "reader", *command], cwd=workdir,
                             capture_output=True, text=True, timeout=120, env={**os.environ, "READER_DB": "r.db"})
        assert out.returncode == 2 and out.stderr == (
            "reader: configuration error: r.db: $READER_DB: cannot be read by you; make it readable (chmod u+r r.db), "
            "or give $READER_DB another path\n"), out.stderr
