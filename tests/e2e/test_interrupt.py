"""Interrupted `reader fetch`: Ctrl-C exits 130 keeping what was stored; a killed run leaves no helper running."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, rss

# Started with nohup or `&`, the test run itself ignores SIGHUP or SIGINT, and an ignored signal
# stays ignored through exec: the reader would never see the Ctrl-C or hangup a test sends it.
# This prefix sets both back to their defaults and then becomes the command (same process id).
_DEFAULT_SIGNALS = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                    "signal.signal(signal.SIGHUP, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])")


def with_default_signals(command: list[str]) -> list[str]:
    """`command` run with SIGINT and SIGHUP at their defaults, however the test run was launched."""
    return [sys.executable, "-S", "-c", _DEFAULT_SIGNALS, *command]


def quick_feeds_and_one_hanging(tmp_path: Path, server: FeedServer, quick: int) -> Path:
    """feeds.toml with `quick` feeds of two articles each and one feed whose server never answers."""
    lines = []
    for i in range(quick):
        server.routes[f"/ok{i}"] = Route(body=rss((f"a{i}", f"A{i}"), (f"b{i}", f"B{i}")))
        lines.append(f'[[feeds]]\nname = "ok{i}"\nurl = "{server.url(f"/ok{i}")}"\n')
    server.routes["/hang"] = Route(hang=True)
    lines.append(f'[[feeds]]\nname = "hang"\nurl = "{server.url("/hang")}"\n[fetch]\ntimeout = 60\n')
    return write_config(tmp_path, "\n".join(lines))


def test_interrupt_keeps_what_was_stored(tmp_path: Path, feed_server: FeedServer) -> None:
    config = quick_feeds_and_one_hanging(tmp_path, feed_server, 6)
    db = tmp_path / "r.db"
    # Its own process group, signalled as a whole, as Ctrl-C in a terminal signals every process of the job.
    command = [sys.executable, "-m", "reader", "--config", str(config), "--db", str(db), "fetch"]
    proc = subprocess.Popen(with_default_signals(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline:
            try:
                with sqlite3.connect(db) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored == 12:
                break
            time.sleep(0.1)
        assert stored == 12, "the six quick feeds were not stored while the seventh hangs"
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    # One line, not a KeyboardInterrupt traceback from each parse worker.
    assert err.strip() == "reader: interrupted; everything stored before the interrupt is kept"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
        done = conn.execute("SELECT count(*) FROM feeds WHERE last_status = '200'").fetchone()[0]
    assert done == 6  # the interrupted feed recorded nothing, so the next run fetches it again


def _descendants(root: int) -> set[int]:
    """Every process below `root` in the process tree now (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP], ids=["kill-9", "hangup"])
def test_no_process_outlives_a_killed_fetch(tmp_path: Path, feed_server: FeedServer, sig: signal.Signals) -> None:
    config = quick_feeds_and_one_hanging(tmp_path, feed_server, 4)
    db = tmp_path / "r.db"
    command = [sys.executable, "-m", "reader", "--config", str(config), "--db", str(db), "fetch"]
    proc = subprocess.Popen(with_default_signals(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    helpers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            helpers = _descendants(proc.pid)
            try:
                with sqlite3.connect(db) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored == 8 and helpers:  # parsed: the workers are up
                break
            time.sleep(0.1)
        assert helpers, f"the run's helper processes never started: {helpers}"
        helpers = _descendants(proc.pid)
        proc.send_signal(sig)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_running(p) for p in helpers):
            time.sleep(0.05)
        left = sorted(p for p in helpers if _running(p))
        assert not left, f"still running {sig.name} + 5 s: {left}"
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in helpers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
