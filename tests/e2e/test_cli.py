"""Whole commands as a user runs them: subprocesses, exit codes, files written, imports kept lean."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def reader(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A copy of the default setup: feeds.toml next to the bundled samples, as in the repository."""
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    return tmp_path


def test_help_lists_subcommands(workdir: Path) -> None:
    out = reader("--help", cwd=workdir)
    assert out.returncode == 0
    for command in ("fetch", "show", "digest", "tui"):
        assert command in out.stdout


def test_fetch_is_offline_and_idempotent(workdir: Path) -> None:
    db = str(workdir / "r.db")
    first = reader("--config", "feeds.toml", "--db", db, "fetch", cwd=workdir)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "5 feeds: 5 ok, 0 failed · 13 new, 0 updated articles"
    second = reader("fetch", "--config", "feeds.toml", "--db", db, cwd=workdir)  # options after the command too
    assert second.stdout.strip() == "5 feeds: 5 ok, 0 failed · nothing new"


def test_config_errors_exit_2_and_write_nothing(workdir: Path) -> None:
    (workdir / "feeds.toml").write_text('[[feeds]]\nname = "A"\nurl = "gopher://x"\n')
    out = reader("--config", "feeds.toml", "--db", str(workdir / "r.db"), "fetch", cwd=workdir)
    assert out.returncode == 2
    assert "feeds.toml:3: feeds[0].url: expected an http(s) URL" in out.stderr and "Traceback" not in out.stderr
    assert not (workdir / "r.db").exists()


def test_digest_writes_atomically_and_is_byte_identical(workdir: Path) -> None:
    db = str(workdir / "r.db")
    out = reader("--config", "feeds.toml", "--db", db, "digest", "--date", "2026-11-30", cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "digests/2026-11-30.md"
    path = workdir / "digests" / "2026-11-30.md"
    first = path.read_bytes()
    again = reader("--config", "feeds.toml", "--db", db, "digest", "--date", "2026-11-30", "--no-fetch",
                   cwd=workdir)
    assert again.returncode == 0 and path.read_bytes() == first
    assert [p.name for p in path.parent.iterdir()] == ["2026-11-30.md"]  # no temporary files left


def test_articles_belong_to_the_local_day_they_were_first_seen(workdir: Path) -> None:
    db = str(workdir / "r.db")
    assert reader("--config", "feeds.toml", "--db", db, "fetch", cwd=workdir).returncode == 0
    from datetime import date

    today = date.today().isoformat()
    out = reader("--config", "feeds.toml", "--db", db, "digest", "--no-fetch", "--stdout", cwd=workdir)
    assert f"date: {today}" in out.stdout and "new_articles: 13" in out.stdout
    other = reader("--config", "feeds.toml", "--db", db, "digest", "--no-fetch", "--stdout", "--date", "2011-09-17",
                   cwd=workdir)
    assert "new_articles: 0" in other.stdout and "No new articles" in other.stdout


def test_a_past_days_digest_dates_the_feed_state_it_shows(workdir: Path) -> None:
    """Feed failures are stored as each feed's latest fetch only: a digest for an earlier day says the state is
    from that fetch, when it was, and that it is not the day's; today's digest shows its own day's state."""
    with (workdir / "feeds.toml").open("a", encoding="utf-8") as config:
        config.write('\n[[feeds]]\nname = "Gone Feed"\nurl = "reader/samples/gone.xml"\n')
    db = str(workdir / "r.db")
    assert reader("--config", "feeds.toml", "--db", db, "fetch", cwd=workdir).returncode == 0
    past = reader("--config", "feeds.toml", "--db", db, "digest", "--no-fetch", "--stdout", "--date", "2026-11-20",
                  cwd=workdir).stdout
    assert "feed_status_as_of: " in past and "at the latest fetch (" in past
    assert " UTC): 5 of 6 feeds read, 1 failed" in past
    assert "## Feeds that failed at the latest fetch" in past and "not Friday 20 November 2026" in past
    failed = past.split("## Feeds that failed")[1]
    assert "**Gone Feed**" in failed and " UTC)" in failed and "T" not in failed.split("(since ")[1][:12]
    today = reader("--config", "feeds.toml", "--db", db, "digest", "--no-fetch", "--stdout", cwd=workdir).stdout
    assert "5 of 6 feeds read, 1 failed · 13 new articles" in today and "latest fetch" not in today


def test_unwritable_output_exits_2(workdir: Path) -> None:
    blocker = workdir / "file"
    blocker.write_text("x")
    out = reader("--config", "feeds.toml", "--db", str(workdir / "r.db"), "digest", "--no-fetch",
                 "--out", "file/d.md", cwd=workdir)
    assert out.returncode == 2 and out.stderr == (
        "reader: --out file/d.md: file is a file, not a folder, so the digest file/d.md cannot be under it; "
        "give --out a path in a folder, or move file away\n")
    assert not (workdir / "r.db").exists()  # refused before anything was opened


def test_show_a_stored_article_by_id(workdir: Path) -> None:
    db = str(workdir / "r.db")
    reader("--config", "feeds.toml", "--db", db, "fetch", cwd=workdir)
    from reader.store import ArticleFilter, Store

    with Store(db) as store:
        [seed] = store.list_articles(ArticleFilter(search="Task Force Critical"))
    out = reader("--config", "feeds.toml", "--db", db, "show", str(seed.id), "--json", cwd=workdir)
    data = json.loads(out.stdout)
    assert data["source"] == "WNYC News" and data["quotes"][0]["speaker"] == "the task force’s report"
    missing = reader("--config", "feeds.toml", "--db", db, "show", "99999", cwd=workdir)
    assert missing.returncode == 2 and "no article with id 99999" in missing.stderr


LEAN = """
import sys
from reader.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('reader.tui'))
print('LOADED:' + ','.join(sorted(m for m in sys.modules if m.startswith('reader.commands.'))))
print('HEAVY:' + ','.join(heavy))
"""


@pytest.mark.parametrize("command", [["fetch"], ["digest", "--no-fetch", "--stdout"], ["show", "feeds.toml"],
                                     ["feeds", "list"], ["feeds", "export"]])
def test_core_commands_never_import_textual(workdir: Path, command: list[str]) -> None:
    if command[0] == "show":
        command = ["show", str(REPO / "tests" / "data" / "secure-communities-wnyc.txt")]
    out = subprocess.run([sys.executable, "-c", LEAN, "--config", "feeds.toml", "--db", str(workdir / "r.db"),
                          *command], cwd=workdir, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    *_, loaded_line, heavy = out.stdout.strip().splitlines()
    assert heavy == "HEAVY:"  # neither Textual nor reader.tui
    loaded = loaded_line.removeprefix("LOADED:").split(",")
    assert "reader.commands.say" in loaded, loaded  # the modules the commands share were loaded, Textual-free
    if command[0] != "show":
        assert "reader.commands.folders" in loaded, loaded


def test_version(workdir: Path) -> None:
    out = reader("--version", cwd=workdir)
    assert out.returncode == 0 and out.stdout.startswith("reader 0.") and not out.stderr


def test_fetch_lists_failed_feeds_below_its_summary_and_still_succeeds(workdir: Path) -> None:
    with (workdir / "feeds.toml").open("a") as f:
        f.write('\n[[feeds]]\nname = "Gone Local"\nurl = "reader/samples/deleted.xml"\n')
    out = reader("--config", "feeds.toml", "--db", str(workdir / "r.db"), "fetch", cwd=workdir)
    assert out.returncode == 0
    summary, failure = out.stdout.splitlines()
    assert summary.startswith("6 feeds: 5 ok, 1 failed")
    assert failure.startswith("  Gone Local: cannot read feed file ") and failure.endswith("No such file or directory")


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_digests_and_exports_follow_the_umask(workdir: Path, umask: int) -> None:
    old = os.umask(umask)  # inherited by the command
    try:
        reader("--config", "feeds.toml", "--db", str(workdir / "r.db"), "digest", "--date", "2026-11-30", cwd=workdir)
        reader("--config", "feeds.toml", "feeds", "export", "--out", "subs.opml", cwd=workdir)
    finally:
        os.umask(old)
    for written in (workdir / "digests" / "2026-11-30.md", workdir / "subs.opml"):
        assert written.stat().st_mode & 0o777 == 0o666 & ~umask, written


def test_a_second_fetch_says_a_refresh_is_running_or_waits_for_it(workdir: Path) -> None:
    from reader.store.lock import refresh_lock

    db = str(workdir / "r.db")
    with refresh_lock(db):  # as a running `reader fetch` (or the reader's refresh) holds it
        busy = reader("--config", "feeds.toml", "--db", db, "fetch", cwd=workdir)
        assert busy.returncode == 1 and not busy.stdout
        assert busy.stderr.strip() == (f"reader: a refresh of this database is already running (pid {os.getpid()}); "
                                       "wait for it, or run `reader fetch --wait`")
        waiting = subprocess.Popen([sys.executable, "-m", "reader", "--config", "feeds.toml", "--db", db, "fetch",
                                    "--wait"], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert waiting.stderr is not None
        said = waiting.stderr.readline()
        assert said == f"reader: note: a refresh is already running (pid {os.getpid()}); waiting for it to finish\n"
        assert waiting.poll() is None  # still waiting while the lock is held
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and out.startswith("5 feeds: 5 ok"), err


def test_missing_folders_for_db_and_out_are_created_and_said_on_stderr(workdir: Path) -> None:
    fetched = reader("--config", "feeds.toml", "--db", "data/2026/r.db", "fetch", cwd=workdir)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stderr == "reader: note: created the folders data and data/2026 for --db data/2026/r.db\n"
    assert (workdir / "data" / "2026" / "r.db").is_file()
    digest = reader("--config", "feeds.toml", "--db", "data/2026/r.db", "digest", "--no-fetch", "--date",
                    "2026-11-30", "--out", "out/d.md", cwd=workdir)
    assert digest.returncode == 0 and digest.stdout == "out/d.md\n"
    assert digest.stderr == "reader: note: created the folder out for --out out/d.md\n"
    exported = reader("--config", "feeds.toml", "feeds", "export", "--out", "a/b/c/feeds.opml", cwd=workdir)
    assert exported.returncode == 0 and (workdir / "a" / "b" / "c" / "feeds.opml").is_file()
    assert exported.stderr == "reader: note: created the folders a … a/b/c for --out a/b/c/feeds.opml\n"
    again = reader("--config", "feeds.toml", "--db", "data/2026/r.db", "digest", "--no-fetch", "--date",
                   "2026-11-30", "--out", "out/d.md", cwd=workdir)
    assert again.returncode == 0 and again.stderr == ""  # nothing created, nothing said
    # A file where a folder should be:
    blocked = reader("--config", "feeds.toml", "--db", "out/d.md/r.db", "fetch", cwd=workdir)
    assert blocked.returncode == 2 and "Traceback" not in blocked.stderr
    assert "out/d.md" in blocked.stderr


def test_show_an_id_reads_an_existing_database_without_feeds_toml(workdir: Path, tmp_path: Path) -> None:
    db = workdir / "r.db"
    assert reader("--config", "feeds.toml", "--db", str(db), "fetch", cwd=workdir).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    no_config = {"XDG_CONFIG_HOME": str(tmp_path / "no-config"), "READER_CONFIG": ""}
    shown = reader("show", "1", "--json", "--db", str(db), cwd=elsewhere, env=no_config)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] and shown.stderr == ""
    copies = reader("show", "1", "--copies", "--db", str(db), cwd=elsewhere, env=no_config)
    assert copies.returncode == 0 and copies.stdout.startswith("Earliest copy: "), copies.stderr
    for extra in ((), ("--copies",)):
        missing = reader("show", "1", *extra, "--db", "typo.db", cwd=elsewhere, env=no_config)
        assert missing.returncode == 1 and missing.stderr.startswith("reader: typo.db: no database yet (no such file); "
                                                                     "`reader fetch` creates and fills it")
    assert list(elsewhere.iterdir()) == []  # showing never creates a database


def test_the_reader_parses_feeds_toml_once_at_start(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.commands.tui as tui
    import reader.config.parse as config_parse
    from reader.cli import build_parser
    from reader.tui.app import ReaderApp

    parsed: list[Path] = []
    parse = config_parse.parse_config_text
    monkeypatch.setattr(config_parse, "parse_config_text",
                        lambda text, path: (parsed.append(path), parse(text, path))[1])
    monkeypatch.setattr(tui, "terminal_refusal", lambda *_: None)
    monkeypatch.setattr(ReaderApp, "run", lambda self, *_, **__: None)  # the app is built as `reader` builds it
    args = build_parser().parse_args(["--config", str(workdir / "feeds.toml"), "--db", str(workdir / "r.db")])
    assert tui.run(args) == 0
    assert parsed == [workdir / "feeds.toml"]
