"""Reader start-up: time to the app's first paint (headless) and peak memory at 1k, 10k and 100k articles.

The 10,000-article store is fetched from generated feeds on 127.0.0.1; newsboat reloads the
same feeds and `newsboat -x print-unread` is timed over them, in the same run. The other
sizes are written straight into the store. Targets: 100k costs at most 1.2x 1k in time and
1.3x in peak memory; 10k costs at most 0.5x newsboat. Run: python -m benchmarks.startup
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import article_html, sentence
from benchmarks.feedgen import FeedHost, make_feeds
from benchmarks.refresh import newsboat_for, python_env, timed
from reader.config import FeedConfig
from reader.models import ParsedEntry
from reader.store import Store
from reader.text.html import html_to_search_text

RUNS = 3
PROBE = r"""
import json, resource, sys, time
start = time.perf_counter()
from reader.core import make_reader
from reader.tui.app import ReaderApp

class FirstPaint(ReaderApp):
    painted = None
    def on_articles_loaded(self, message):
        super().on_articles_loaded(message)
        if self.painted is None:
            self.call_after_refresh(self.first_paint)
    def first_paint(self):
        self.painted = time.perf_counter() - start
        self.rss_at_paint = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.exit()

app = FirstPaint(make_reader(sys.argv[1], sys.argv[2]))
app.run(headless=True, size=(120, 40))
print(json.dumps({"first_paint_s": app.painted, "peak_kib_at_paint": app.rss_at_paint,
                  "peak_kib_at_exit": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def fill_store(db: Path, n: int, feeds: int = 200) -> None:
    rng = random.Random(n)
    with Store(db) as store:
        names = [f"Outlet {i}" for i in range(feeds)]
        store.sync_feeds([FeedConfig(name, f"/{i}.xml") for i, name in enumerate(names)],
                         {name: f"/{i}.xml" for i, name in enumerate(names)})
        ids = [f.id for f in store.feeds()]
        per_feed = n // feeds
        for fid in ids:
            batch = []
            for i in range(per_feed):
                body = article_html(rng)
                title = sentence(rng, 7)[:-1]
                digest = hashlib.sha1(f"{title}{body}".encode()).hexdigest()
                when = f"2026-11-{1 + (i % 28):02d}T{i % 24:02d}:00:00+00:00"
                batch.append(ParsedEntry(f"g:{fid}-{i}", f"{fid}-{i}", None, title, None, when, body,
                                         html_to_search_text(body), digest))
            store.upsert_entries(fid, batch)


def probe(config: Path, db: Path) -> dict[str, float]:
    results = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", PROBE, str(config), str(db)], capture_output=True, text=True,
                             env=python_env(TEXTUAL=""), timeout=300)
        if out.returncode != 0:
            sys.exit(out.stderr[-3000:])
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(results, key=lambda r: r["first_paint_s"])
    return {**best, "peak_kib_at_paint": max(r["peak_kib_at_paint"] for r in results)}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    host = FeedHost(make_feeds(200, 50, seed=3))
    try:
        config = host.write_config(work)
        figures = {}
        for n in (1_000, 100_000):
            db = work / f"{n}.db"
            started = time.perf_counter()
            fill_store(db, n)
            print(f"built a store of {n:,} articles in {time.perf_counter() - started:.0f} s")
            figures[n] = probe(config, db)
        db10 = work / "10000.db"
        timed([sys.executable, "-m", "reader", "--config", str(config), "--db", str(db10), "fetch"])
        figures[10_000] = probe(config, db10)
        for n in sorted(figures):
            f = figures[n]
            print(f"{n:>7,} articles: first paint {f['first_paint_s']:.3f} s (best of {RUNS}), peak RSS "
                  f"{f['peak_kib_at_paint'] / 1024:.0f} MiB at first paint, {f['peak_kib_at_exit'] / 1024:.0f} MiB "
                  "after exit")
        small, big = figures[1_000], figures[100_000]
        print(f"start-up 100k / 1k : {big['first_paint_s'] / small['first_paint_s']:.2f}x  (target <= 1.2x)")
        print(f"peak memory 100k / 1k: {big['peak_kib_at_paint'] / small['peak_kib_at_paint']:.2f}x  (target <= 1.3x)")
        found = newsboat_for(host, work)
        if found is None:
            print("newsboat: not available here; no ratio")
            return
        nb, env = found
        timed([*nb, "-x", "reload"], env)
        nb_times = [timed([*nb, "-x", "print-unread"], env) for _ in range(RUNS)]
        print(f"newsboat -x print-unread over the same 10,000 articles: {min(nb_times):.3f} s (best of {RUNS})")
        print(f"start-up 10k / newsboat: {figures[10_000]['first_paint_s'] / min(nb_times):.2f}x  (target <= 0.5x)")
    finally:
        host.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
