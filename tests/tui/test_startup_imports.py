"""The TUI starts without the cleaning modules: their few hundred patterns compile after the first paint."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import sys
import reader.tui.app, reader.core
print(",".join(sorted(m for m in sys.modules if m in ("reader.text.clean", "reader.text.quotes", "reader.copies"))))
"""


def test_starting_the_app_loads_no_cleaning_module() -> None:
    """Session 10: they were a third of a second of the 1k-article first paint (0.84 s became 1.15 s)."""
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr
