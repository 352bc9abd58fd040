"""Ctrl-C during `reader fetch`: exit 130, the store stays consistent, and what was stored is kept."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, rss


def test_interrupt_keeps_what_was_stored(tmp_path: Path, feed_server: FeedServer) -> None:
    lines = []
    for i in range(6):
        feed_server.routes[f"/ok{i}"] = Route(body=rss((f"a{i}", f"A{i}"), (f"b{i}", f"B{i}")))
        lines.append(f'[[feeds]]\nname = "ok{i}"\nurl = "{feed_server.url(f"/ok{i}")}"\n')
    feed_server.routes["/hang"] = Route(hang=True)
    lines.append(f'[[feeds]]\nname = "hang"\nurl = "{feed_server.url("/hang")}"\n[fetch]\ntimeout = 60\n')
    config = write_config(tmp_path, "\n".join(lines))
    db = tmp_path / "r.db"
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--config", str(config), "--db", str(db), "fetch"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "interrupted; everything stored before the interrupt is kept" in err and "Traceback" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
        done = conn.execute("SELECT count(*) FROM feeds WHERE last_status = '200'").fetchone()[0]
    assert done == 6  # the interrupted feed recorded nothing, so the next run fetches it again
