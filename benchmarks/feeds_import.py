"""`reader feeds import` of 5,000, 20,000 and 100,000 outlines into an empty feeds.toml: time and ratio.

It was quadratic (5,000 took 1.2 s, 100,000 took 497 s); linear means 100k costs about 20x 5k.
Each size runs in alternating rounds, median reported. Run: python -m benchmarks.feeds_import
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.refresh import python_env

SIZES = (5_000, 20_000, 100_000)
ROUNDS = 3


def write_opml(path: Path, n: int) -> None:
    outlines = "".join(f'<outline text="Outlet {i % 500}" xmlUrl="https://o{i}.example/rss" category="t{i % 9}"/>\n'
                       for i in range(n))
    path.write_text(f'<?xml version="1.0"?>\n<opml version="2.0"><body>\n{outlines}</body></opml>\n')


def import_once(folder: Path, opml: Path) -> float:
    config = folder / "feeds.toml"
    config.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reader", "--config", str(config), "feeds", "import", str(opml)],
                   check=True, capture_output=True, env=python_env(PYTHONPYCACHEPREFIX=str(folder / "pyc")))
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {n: folder / f"{n}.opml" for n in SIZES}
        for n, path in files.items():
            write_opml(path, n)
        times: dict[int, list[float]] = {n: [] for n in SIZES}
        for _ in range(ROUNDS):
            for n in SIZES:  # alternating, so a busy moment of the machine spreads over every size
                times[n].append(import_once(folder, files[n]))
    base = statistics.median(times[SIZES[0]])
    for n in SIZES:
        median = statistics.median(times[n])
        print(f"{n:>7} outlines: {median:6.2f} s median of {ROUNDS}  ({median / base:5.1f}x {SIZES[0]:,}; "
              f"{n / SIZES[0]:.0f}x the outlines)")


if __name__ == "__main__":
    main()
