"""A working folder with feeds.toml, the sample feeds and an empty store; a file X and a folder no one can write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_paths_in_the_way import workdir

# workdir: feeds.toml, the samples, r.db and a file X
__all__ = ["Unwritable", "read_only_folder", "run_reader", "unwritable", "workdir"]


def run_reader(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "READER_CONFIG": "feeds.toml", "READER_DB": "r.db",
                                            **(env or {})})


@pytest.fixture
def read_only_folder(workdir: Path) -> Iterator[Path]:
    """workdir/ro, a folder this process cannot create files in: mode 555, or for root (whom modes do not stop)
    an immutable folder (chattr +i); skipped where neither holds."""
    folder = workdir / "ro"
    folder.mkdir()
    chattr = shutil.which("chattr")
    immutable = False
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif chattr is not None:
        immutable = subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0
    try:
        try:
            (folder / "probe").touch()
        except PermissionError:
            yield folder
        else:
            (folder / "probe").unlink()
            pytest.skip("running as root on a file system that cannot make a folder immutable")
    finally:
        if immutable and chattr is not None:
            subprocess.run([chattr, "-i", str(folder)], check=True)
        folder.chmod(0o755)


class Unwritable:
    """Makes files and folders unwritable for this process, even for root (chattr +i); undone afterwards."""

    def __init__(self) -> None:
        self.made: list[Path] = []

    def __call__(self, path: Path) -> Path:
        if os.geteuid() != 0:
            path.chmod(0o555 if path.is_dir() else 0o444)
        elif shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)],
                                                              capture_output=True).returncode != 0:
            pytest.skip("running as root where chattr +i does not work: nothing is unwritable for root")
        self.made.append(path)
        return path

    def undo(self) -> None:
        for path in self.made:
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def unwritable() -> Iterator[Unwritable]:
    made = Unwritable()
    try:
        yield made
    finally:
        made.undo()
