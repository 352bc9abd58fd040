"""`kill` (SIGTERM) or a closed terminal (SIGHUP) ends the reader as q does: the terminal is given back as it was.

Python's default for either signal ended the process at once, leaving the terminal in the
alternate screen with the cursor hidden and mouse reporting on.
"""

from __future__ import annotations

import signal
import termios
import time
from pathlib import Path

import pytest

from tests.e2e.test_cli import workdir  # noqa: F401  (fixture)
from tests.e2e.test_terminal import DEADLINE_S, Terminal, _count


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_stop_gives_the_terminal_back(workdir: Path, stop: signal.Signals) -> None:  # noqa: F811
    term = Terminal(["-m", "reader"], workdir)
    try:
        deadline = time.monotonic() + DEADLINE_S
        # The first run's refresh of the samples has stored them: the app is mounted, its handlers installed.
        while _count(term.db) < 13 and time.monotonic() < deadline and term.proc.poll() is None:
            time.sleep(0.1)
        term.proc.send_signal(stop)
        assert term.proc.wait(timeout=20) == 128 + stop
        time.sleep(0.2)  # the last bytes may still be on their way through the pty
        out = term.text()
        assert "Traceback" not in out
        assert out.rfind("\x1b[?1049l") > out.rfind("\x1b[?1049h") >= 0  # left the alternate screen
        assert out.rfind("\x1b[?25h") > out.rfind("\x1b[?25l")  # cursor shown again
        assert out.rfind("\x1b[?1000l") > out.rfind("\x1b[?1000h")  # mouse reporting off
        assert termios.tcgetattr(term.slave) == term.modes  # echo and line editing are back
    finally:
        term.close()
