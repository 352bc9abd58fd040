"""README command 1 for real: `reader` in a pseudo-terminal, first run on the samples, then `q`;
a crash (exit non-zero, terminal restored, one line naming the log); and no terminal at all.

Headless pilot tests never replace stderr the way a real terminal session does, which is how
a real-terminal-only failure (multiprocessing helpers started under Textual) once slipped by.
"""

from __future__ import annotations

import fcntl
import os
import pty
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from tests.e2e.test_cli import workdir  # noqa: F401  (fixture)

DEADLINE_S = 60


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


class Terminal:
    """`python -m reader` (or a script) on a pseudo-terminal, its output drained so it never blocks."""

    def __init__(self, args: list[str], cwd: Path, **env: str) -> None:
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.modes = termios.tcgetattr(self.slave)
        self.db = cwd / "r.db"
        full_env = {**os.environ, "TERM": "xterm-256color", "READER_DB": str(self.db),
                    "READER_CONFIG": str(cwd / "feeds.toml"), "XDG_STATE_HOME": str(cwd / "state"), **env}
        self.proc = subprocess.Popen([sys.executable, *args], stdin=self.slave, stdout=self.slave, stderr=self.slave,
                                     cwd=cwd, env=full_env, close_fds=True)
        self.screen = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:  # a terminal that is not read from blocks the app
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen.extend(chunk)

    def text(self) -> str:
        return self.screen.decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        os.close(self.slave)
        os.close(self.master)


def test_first_run_in_a_terminal_refreshes_and_quits(workdir: Path) -> None:  # noqa: F811
    term = Terminal(["-m", "reader"], workdir)
    try:
        started = time.monotonic()
        while _count(term.db) < 13 and time.monotonic() - started < DEADLINE_S and term.proc.poll() is None:
            time.sleep(0.2)
        assert _count(term.db) == 13, term.text()[-3000:]
        os.write(term.master, b"q")
        assert term.proc.wait(timeout=20) == 0
        assert "Traceback" not in term.text()
    finally:
        term.close()


CRASHING_READER = """
import sys
from reader.tui.app import ReaderApp

def crash(self, message):
    raise RuntimeError("a bug on purpose, to test the crash path")

ReaderApp.on_articles_loaded = crash
from reader.cli import main
sys.exit(main([]))
"""


def test_a_crash_exits_non_zero_restores_the_terminal_and_names_the_log(workdir: Path) -> None:  # noqa: F811
    term = Terminal(["-c", CRASHING_READER], workdir)
    try:
        assert term.proc.wait(timeout=DEADLINE_S) == 1
        deadline = time.monotonic() + 10
        while "reader: stopped" not in term.text() and time.monotonic() < deadline:
            time.sleep(0.05)  # the last bytes may still be on their way through the pty
        out = term.text()
        log = workdir / "state" / "policy-reader" / "crash.log"
        assert f"reader: stopped by an unexpected error; the details are in {log}" in out
        assert "Traceback" not in out and "a bug on purpose" not in out  # the traceback went to the log
        assert "RuntimeError: a bug on purpose, to test the crash path" in log.read_text()
        assert out.rfind("\x1b[?1049l") > out.rfind("\x1b[?1049h") >= 0  # left the alternate screen
        assert out.rfind("\x1b[?25h") > out.rfind("\x1b[?25l")  # cursor shown again
        assert termios.tcgetattr(term.slave) == term.modes  # echo and line editing are back
    finally:
        term.close()


def test_no_terminal_is_refused_in_one_line(workdir: Path, tmp_path: Path) -> None:  # noqa: F811
    env = {**os.environ, "READER_CONFIG": str(workdir / "feeds.toml"), "READER_DB": str(workdir / "r.db")}
    with (tmp_path / "out.txt").open("w") as out:
        done = subprocess.run([sys.executable, "-m", "reader"], stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=workdir, timeout=30)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr and "reader fetch" in done.stderr
    assert (tmp_path / "out.txt").read_text() == "" and not (workdir / "r.db").exists()


def test_a_dumb_terminal_is_refused_in_one_line(workdir: Path) -> None:  # noqa: F811
    term = Terminal(["-m", "reader"], workdir, TERM="dumb")
    try:
        assert term.proc.wait(timeout=30) == 2
        deadline = time.monotonic() + 10
        while "TERM=dumb" not in term.text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert term.text().strip().startswith("reader: the reader needs a full-screen terminal, but TERM=dumb")
        assert term.text().count("\n") == 1 and not term.db.exists()
    finally:
        term.close()
