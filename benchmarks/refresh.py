"""Refresh speed in four workloads: policy-reader against newsboat and the `reader` library from PyPI.

N generated feeds of 50 items (~100 KB each) are served from 127.0.0.1. Each program, from an
empty store, runs four refreshes in a row:
  cold        -- the first fetch of everything;
  warm        -- every feed answers 304 (newsboat 2.21 keeps no Last-Modified from its first
                 fetch, so it gets one unmeasured reload before this);
  same body   -- the server ignores validators and sends the same bodies again;
  2 new items -- every feed gained two items (and dropped its two oldest), with new validators.
Rounds alternate the programs' order, and figures are medians with min-max. For each run the
script also measures the whole process tree's CPU and peak memory (summed RSS, polled from
/proc) and the CPU that *other* processes used meanwhile (/proc/stat minus this run's tree and
this script, which serves the feeds): a run where others used more than NOISY_CORES is flagged.

newsboat is installed with apt when missing and this runs as root. The PyPI `reader` library
gets its own venv (its import name is ours too, so it can never share our venv), cached in
~/.cache/policy-reader-bench; its driver script is written to the run's temp folder. Bytecode
is cached for both Python programs (PYTHONPYCACHEPREFIX) and each does one unmeasured run first.
Run: python -m benchmarks.refresh [--feeds 200] [--rounds 5] [--no-pypi-reader] [--up-to warm]
(--up-to stops each round after that workload: `--up-to warm` times only cold and warm.)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.feedgen import FeedHost, make_feeds

WORKLOADS = ("cold", "warm", "same body", "2 new items")
NOISY_CORES = 0.25  # other processes' average CPU during a run above this marks the run as noisy
POLL_S = 0.04
CACHE = Path.home() / ".cache" / "policy-reader-bench"
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")
PEER_DRIVER = '''\
import sys
from reader import make_reader

db, urls = sys.argv[1], sys.argv[2]
reader = make_reader(db)
for url in open(urls).read().split():
    reader.add_feed(url, exist_ok=True)
reader.update_feeds(workers=16, scheduled=False)  # every feed, as `reader fetch` does; not only those due
reader.close()
'''


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # seconds of CPU used by the program's whole process tree
    others: float  # average cores used by other processes meanwhile
    peak_mb: float  # highest summed RSS of the tree (pages shared between its processes count in each)
    peak_pss_mb: float  # highest summed PSS of the tree (shared pages split between their processes)

    @property
    def noisy(self) -> bool:
        return self.others > NOISY_CORES


def busy_ticks() -> int:
    """CPU ticks spent busy on all cores since boot (user, nice, system, irq, softirq, steal)."""
    with open("/proc/stat", "rb") as f:
        fields = f.readline().split()[1:]
    return sum(int(fields[i]) for i in (0, 1, 2, 5, 6, 7))


def process_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (parent pid, CPU ticks, resident pages) for every process."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        table[int(name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21]))
    return table


def run_measured(cmd: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Run `cmd` to the end, polling its process tree; exits the script if it fails."""
    busy0, self0, children0 = busy_ticks(), time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cpu_seen: dict[int, int] = {}
    peak = peak_pss = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            table = process_table()
            tree, frontier = set(), [proc.pid]
            while frontier:
                pid = frontier.pop()
                if pid in table and pid not in tree:
                    tree.add(pid)
                    frontier += [p for p, row in table.items() if row[0] == pid]
            for pid in tree:
                cpu_seen[pid] = max(cpu_seen.get(pid, 0), table[pid][1])
            peak = max(peak, sum(table[pid][2] for pid in tree))
            peak_pss = max(peak_pss, sum(pss_kb(pid) for pid in tree))
            done.wait(POLL_S)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    poller.join()
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    tree_cpu = max(sum(cpu_seen.values()) / TICKS, reaped)  # polling misses a process's last moments
    own_cpu = time.process_time() - self0  # this script: the feed server and the polling
    others = (busy_ticks() - busy0) / TICKS - tree_cpu - own_cpu
    return Run(wall, tree_cpu, max(others, 0.0) / wall, peak * PAGE / 2**20, peak_pss / 1024)


def pss_kb(pid: int) -> int:
    """The process's proportional set size: its private pages plus its share of pages it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # the process ended between the scan and this read; its memory is gone too
    return 0


def python_env(**extra: str) -> dict[str, str]:
    """The environment for a Python program: bytecode cached, nothing of this checkout on its path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return {**env, **extra}


class Program:
    """One refresher under test: how to start it from an empty store and run one refresh."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], store: Path,
                 before_warm: bool = False) -> None:
        self.name, self.command, self.env, self.store, self.before_warm = name, command, env, store, before_warm

    def empty_store(self) -> None:
        for leftover in self.store.parent.glob(self.store.name + "*"):
            leftover.unlink()

    def run(self, work: Path) -> Run:
        return run_measured(self.command, self.env, work)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one run of `cmd`; exits the script if it fails (benchmarks.startup uses it too)."""
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


def ensure_pypi_reader() -> Path | None:
    """The python of a venv with the PyPI `reader` library (made on first use), or None when it cannot be had."""
    venv = CACHE / "reader-pypi"
    python = venv / "bin" / "python"
    # Its vendored feedparser imports `sgmllib`, which on Python 3 comes from sgmllib3k.
    check = [str(python), "-c", "import sgmllib, reader, sys; sys.exit(not hasattr(reader, 'make_reader'))"]
    if python.exists() and subprocess.run(check, capture_output=True, cwd=CACHE).returncode == 0:
        return python
    print("installing the PyPI `reader` library into its own venv (once)...", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    made = subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], capture_output=True)
    if made.returncode == 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "reader", "sgmllib3k"], capture_output=True)
    if python.exists() and subprocess.run(check, capture_output=True, cwd=CACHE).returncode == 0:
        return python
    print("the PyPI `reader` library could not be installed; it is left out", file=sys.stderr)
    return None


def newsboat_for(host: FeedHost, work: Path) -> tuple[list[str], dict[str, str]] | None:
    """The newsboat command (without -x) and environment for the host's feeds, or None without newsboat.

    reload-threads matches policy-reader's concurrency of 16, so both fetch in parallel alike.
    """
    newsboat = ensure_newsboat()
    if newsboat is None:
        return None
    (work / "urls").write_text("\n".join(host.url(p) for p in host.paths) + "\n")
    (work / "nb.conf").write_text("reload-threads 16\n")
    command = [newsboat, "-u", str(work / "urls"), "-c", str(work / "nb.db"), "-C", str(work / "nb.conf")]
    return command, {**os.environ, "HOME": str(work)}


def programs(host: FeedHost, work: Path, pypi_reader: bool, baseline: Path | None = None) -> list[Program]:
    (work / "urls").write_text("\n".join(host.url(p) for p in host.paths) + "\n")
    config = host.write_config(work)
    found = []
    for name, python in (("policy-reader", sys.executable), ("baseline", baseline)):
        if python is not None:
            db = work / f"{name}.db"
            command = [str(python), "-m", "reader", "--config", str(config), "--db", str(db), "fetch"]
            found.append(Program(name, command, python_env(), db))
    newsboat = newsboat_for(host, work)
    if newsboat is not None:
        command, env = newsboat
        found.append(Program("newsboat", [*command, "-x", "reload"], env, work / "nb.db", before_warm=True))
    else:
        print("newsboat: not available here; no newsboat ratios", file=sys.stderr)
    python = ensure_pypi_reader() if pypi_reader else None
    if python is not None:
        driver = work / "peer" / "update_with_pypi_reader.py"
        driver.parent.mkdir()
        driver.write_text(PEER_DRIVER)
        command = [str(python), str(driver), str(work / "peer.db"), str(work / "urls")]
        found.append(Program("reader (PyPI)", command, python_env(), work / "peer.db"))
    return found


def gained_two_items(feeds: dict[str, bytes], seed: int = 99) -> dict[str, bytes]:
    """Each feed with two new items on top and its two oldest gone, as a live feed moves on."""
    extra = make_feeds(len(feeds), 2, seed=seed)
    changed = {}
    for path, doc in feeds.items():
        items = re.findall(rb"<item>.*?</item>", doc, re.S)
        new = [re.sub(rb"<guid>(f\d+)-i(\d+)</guid>", rb"<guid>\1-new\2</guid>", item)
               for item in re.findall(rb"<item>.*?</item>", extra[path], re.S)]
        head, tail = doc[:doc.index(b"<item>")], doc[doc.rindex(b"</item>") + len(b"</item>"):]
        changed[path] = head + b"".join(new + items[:-2]) + tail
    return changed


def one_round(program: Program, host: FeedHost, feeds: dict[str, bytes], work: Path,
              chosen: tuple[str, ...] = WORKLOADS) -> dict[str, Run]:
    """The chosen workloads in order, from an empty store (cold always runs: the others start from it)."""
    host.set_feeds(feeds)
    host.ignore_validators = False
    program.empty_store()
    runs = {"cold": program.run(work)}
    if "warm" in chosen:
        if program.before_warm:
            program.run(work)
        runs["warm"] = program.run(work)
    if "same body" in chosen:
        host.ignore_validators = True
        runs["same body"] = program.run(work)
        host.ignore_validators = False
    if "2 new items" in chosen:
        host.set_feeds(gained_two_items(feeds))
        runs["2 new items"] = program.run(work)
    return runs


def summarize(name: str, runs: list[Run]) -> str:
    walls = [r.wall for r in runs]
    noisy = sum(r.noisy for r in runs)
    return (f"  {name:<14} {statistics.median(walls):6.2f} s ({min(walls):.2f}-{max(walls):.2f})  "
            f"cpu {statistics.median(r.cpu for r in runs):5.2f} s  peak rss {max(r.peak_mb for r in runs):4.0f} MB "
            f"pss {max(r.peak_pss_mb for r in runs):4.0f} MB  "
            f"others {statistics.median(r.others for r in runs):.2f} cores"
            + (f"  NOISY {noisy}/{len(runs)}" if noisy else ""))


def verdicts(med: Callable[[str, str], float | None], peak_cold: float, peak_cold_pss: float, noisy: int,
             total: int) -> None:
    ours = "policy-reader"
    checks: list[tuple[str, float | None, float, str]] = []
    for workload, peer, target in (("cold", "newsboat", 0.8), ("warm", "newsboat", 0.25),
                                   ("warm", "reader (PyPI)", 0.7), ("2 new items", "newsboat", 0.3)):
        a, b = med(ours, workload), med(peer, workload)
        checks.append((f"{workload} vs {peer}", a / b if a and b else None, target, "x"))
    same, warm = med(ours, "same body"), med(ours, "warm")
    checks.append(("same body vs our warm", same / warm if same and warm else None, 1.3, "x"))
    checks.append(("peak tree memory, cold", peak_cold, 100.0, " MB"))
    # Summed RSS counts pages the processes share (the interpreter, shared libraries) once per process;
    # summed PSS splits them, so it is the tree's own footprint (on a machine running no other Python).
    checks.append(("  the same as summed PSS", peak_cold_pss, 100.0, " MB"))
    print("\ntargets:")
    for label, value, target, unit in checks:
        if value is None:
            print(f"  {label:<28} n/a (not run, or peer missing)")
            continue
        shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.0f}{unit}"
        print(f"  {label:<28} {shown:>8}  target <= {target:g}{unit.strip()}  {'met' if value <= target else 'MISSED'}")
    quiet = "quiet" if noisy == 0 else f"NOISY: {noisy} of {total} runs had other processes above {NOISY_CORES} cores"
    print(f"machine: {quiet}" + ("" if noisy == 0 else "; rerun on a quiet machine before trusting the verdicts"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-pypi-reader", action="store_true", help="leave the PyPI reader peer out")
    parser.add_argument("--up-to", choices=WORKLOADS, default=WORKLOADS[-1], help="the last workload of each round")
    parser.add_argument("--workloads", nargs="+", choices=WORKLOADS, default=list(WORKLOADS),
                        help="measure only these (cold always runs: every round starts from an empty store)")
    parser.add_argument("--baseline", type=Path, metavar="PYTHON",
                        help="also time `PYTHON -m reader` (another checkout's venv), alternating with this one")
    args = parser.parse_args()
    chosen = tuple(w for w in WORKLOADS[:WORKLOADS.index(args.up_to) + 1] if w == "cold" or w in args.workloads)
    feeds = make_feeds(args.feeds, args.items)
    host = FeedHost(feeds)
    work = Path(tempfile.mkdtemp(prefix="bench-refresh-"))
    try:
        found = programs(host, work, not args.no_pypi_reader, args.baseline)
        for program in found:  # unmeasured: writes bytecode caches, warms the page cache
            if program.name != "newsboat":
                program.empty_store()
                program.run(work)
        results: dict[str, dict[str, list[Run]]] = {p.name: {w: [] for w in chosen} for p in found}
        for r in range(args.rounds):
            for program in found[r % len(found):] + found[:r % len(found)]:
                for workload, run in one_round(program, host, feeds, work, chosen).items():
                    results[program.name][workload].append(run)
            print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
        print(f"{args.feeds} feeds x {args.items} items from 127.0.0.1; {args.rounds} alternating rounds; "
              f"{os.cpu_count()} cores; median (min-max) wall time")
        for workload in chosen:
            print(f"{workload}:")
            for program in found:
                print(summarize(program.name, results[program.name][workload]))

        def med(name: str, workload: str) -> float | None:
            runs = results.get(name, {}).get(workload)
            return statistics.median(r.wall for r in runs) if runs else None

        all_runs = [run for by in results.values() for runs in by.values() for run in runs]
        cold = results["policy-reader"]["cold"]
        verdicts(med, max(r.peak_mb for r in cold), max(r.peak_pss_mb for r in cold), sum(r.noisy for r in all_runs),
                 len(all_runs))
    finally:
        host.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
