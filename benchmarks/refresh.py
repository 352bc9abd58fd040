"""Refresh speed: a cold and a warm (all 304) `reader fetch` against newsboat on the same local feeds.

Generates N feeds of 50 items (~1.5 KB of HTML each), serves them on 127.0.0.1 and times, in one
run: reader cold, reader warm, newsboat's first, second and third reload (newsboat 2.21 keeps no
Last-Modified from its first fetch, so its third run is its all-304 run). Each round starts both
from empty stores, and the rounds alternate the two programs; the ratios are of the medians,
because single runs on a shared machine vary by ±10% or more. Installs newsboat with apt when it
is missing and this runs as root. Run: python -m benchmarks.refresh [--feeds 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.feedgen import FeedHost, make_feeds


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {out.stderr[-2000:]}")
    return elapsed


def ensure_newsboat() -> str | None:
    found = shutil.which("newsboat")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "newsboat"], capture_output=True)
        found = shutil.which("newsboat")
    return found


def newsboat_for(host: FeedHost, work: Path) -> tuple[list[str], dict[str, str]] | None:
    """The newsboat command (without -x) and environment for the host's feeds, or None without newsboat.

    reload-threads matches reader's concurrency of 16, so both fetch in parallel alike.
    """
    newsboat = ensure_newsboat()
    if newsboat is None:
        return None
    (work / "urls").write_text("\n".join(host.url(p) for p in host.paths) + "\n")
    (work / "nb.conf").write_text("reload-threads 16\n")
    command = [newsboat, "-u", str(work / "urls"), "-c", str(work / "nb.db"), "-C", str(work / "nb.conf")]
    return command, {**os.environ, "HOME": str(work)}


def fresh(*paths: Path) -> None:
    for path in paths:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()


def show(label: str, runs: list[float]) -> float:
    middle = statistics.median(runs)
    print(f"{label:<44}: median {middle:6.2f} s  (runs: {', '.join(f'{r:.2f}' for r in runs)})")
    return middle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    host = FeedHost(make_feeds(args.feeds, args.items))
    work = Path(tempfile.mkdtemp(prefix="bench-refresh-"))
    try:
        config = host.write_config(work)
        db = work / "r.db"
        reader = [sys.executable, "-m", "reader", "--config", str(config), "--db", str(db), "fetch"]
        found = newsboat_for(host, work)
        times: dict[str, list[float]] = {k: [] for k in ("cold", "warm", "nb1", "nb2", "nb3")}
        for _ in range(args.rounds):
            fresh(db)
            times["cold"].append(timed(reader))
            times["warm"].append(timed(reader))
            if found is not None:
                command, env = found
                fresh(work / "nb.db")
                for key in ("nb1", "nb2", "nb3"):
                    times[key].append(timed([*command, "-x", "reload"], env))
        print(f"feeds: {args.feeds} x {args.items} items, served from 127.0.0.1; {args.rounds} rounds")
        cold = show("reader fetch, cold", times["cold"])
        warm = show("reader fetch, warm (every feed answers 304)", times["warm"])
        if found is None:
            print("newsboat: not available here; no ratios")
            return
        nb_cold = show("newsboat -x reload (reload-threads 16), 1st", times["nb1"])
        show("newsboat 2nd", times["nb2"])
        nb_warm = show("newsboat 3rd (all 304)", times["nb3"])
        print(f"cold ratio reader/newsboat : {cold / nb_cold:.2f}x  (target <= 0.8x)")
        print(f"warm ratio reader/newsboat : {warm / nb_warm:.2f}x  (target <= 0.5x)")
    finally:
        host.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
