"""README command 1 for real: `reader` in a pseudo-terminal, first run on the samples, then `q`.

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


def test_first_run_in_a_terminal_refreshes_and_quits(workdir: Path) -> None:  # noqa: F811
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    db = workdir / "r.db"
    env = {**os.environ, "TERM": "xterm-256color", "READER_DB": str(db), "READER_CONFIG": str(workdir / "feeds.toml")}
    proc = subprocess.Popen([sys.executable, "-m", "reader"], stdin=slave, stdout=slave, stderr=slave, cwd=workdir,
                            env=env, close_fds=True)
    os.close(slave)
    screen = bytearray()

    def drain() -> None:  # a terminal that is not read from blocks the app
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader_thread = threading.Thread(target=drain, daemon=True)
    reader_thread.start()
    try:
        started = time.monotonic()
        while _count(db) < 13 and time.monotonic() - started < DEADLINE_S and proc.poll() is None:
            time.sleep(0.2)
        assert _count(db) == 13, screen[-3000:].decode("utf-8", "replace")
        os.write(master, b"q")
        assert proc.wait(timeout=20) == 0
        assert "Traceback" not in screen.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
