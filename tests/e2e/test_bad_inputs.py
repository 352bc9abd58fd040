"""Every subcommand against bad inputs, as a new user would try them: one clear line, never a traceback.

Missing, unreadable and directory paths, impossible dates, unknown ids, a database folder that
cannot exist, a reader of stdout that went away (`| head`) and Ctrl-C while waiting on the network:
each must exit non-zero with at most a few lines on stderr, and "Traceback" never among them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.store import Store
from tests.conftest import REPO
from tests.e2e.test_interrupt import with_default_signals
from tests.feed_server import FeedServer, Route

SAMPLE = "reader/samples/wnyc.xml"


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    closed_stdout: bool = False  # the reader of the pipe is gone, as with `| head`
    full_stdout: bool = False  # every write to stdout fails (`>/dev/full`, a full disk)
    interrupt: bool = False  # Ctrl-C once the command waits on the (hanging) server
    unreadable: str | None = None  # this file exists but its mode is 000
    says: str = ""  # part of the one-line explanation


MISSING, DIRECTORY, UNREADABLE = "missing/feeds.toml", "a-folder", "unreadable.txt"
CONFIG_FOLDER = "a-folder: is a folder, not a feeds.toml; pass --config a-folder/feeds.toml or another file"
DB_FOLDER = "a-folder: --db: is a folder, not a database file; give --db a file path such as a-folder/reader.db"
CASES = {
    # missing paths
    "tui/missing-config": Case(("--config", MISSING, "tui"), says="not found"),
    "fetch/missing-config": Case(("fetch", "--config", MISSING), says="not found"),
    "digest/missing-config": Case(("digest", "--config", MISSING), says="not found"),
    "feeds-list/missing-config": Case(("feeds", "list", "--config", MISSING), says="not found"),
    "feeds-remove/missing-config": Case(("feeds", "remove", "X", "--config", MISSING), says="not found"),
    "feeds-export/missing-config": Case(("feeds", "export", "--config", MISSING), says="not found"),
    "show/missing-file": Case(("show", "nowhere.txt"), says="no such file"),
    "feeds-add/missing-file": Case(("feeds", "add", "nowhere.xml"), says="cannot read"),
    "feeds-import/missing-file": Case(("feeds", "import", "nowhere.opml"), says="cannot read"),
    "db-check/missing-db": Case(("db", "check", "--db", "nowhere.db"), says="nowhere.db: no database yet"),
    "db-backup/missing-db": Case(("db", "backup", "copy.db", "--db", "nowhere.db"), says="nowhere.db: no database yet"),
    "summarize/missing-file": Case(("summarize", "nowhere.jsonl"), says="cannot read"),
    # unreadable files
    "fetch/unreadable-config": Case(("fetch", "--config", UNREADABLE), unreadable=UNREADABLE, says="ermission"),
    "show/unreadable-file": Case(("show", UNREADABLE), unreadable=UNREADABLE, says="ermission"),
    "feeds-add/unreadable-file": Case(("feeds", "add", UNREADABLE), unreadable=UNREADABLE, says="ermission"),
    "feeds-import/unreadable-file": Case(("feeds", "import", UNREADABLE), unreadable=UNREADABLE, says="ermission"),
    "db-check/unreadable-db": Case(("db", "check", "--db", UNREADABLE), unreadable=UNREADABLE),
    "summarize/unreadable-file": Case(("summarize", UNREADABLE), unreadable=UNREADABLE, says="ermission"),
    # directories where files belong
    "fetch/config-is-a-folder": Case(("fetch", "--config", DIRECTORY), says=CONFIG_FOLDER),
    "fetch/db-is-a-folder": Case(("fetch", "--db", DIRECTORY), says=DB_FOLDER),
    "feeds-list/db-is-empty": Case(("feeds", "list", "--db", ""), says="argument --db: is empty; give a file's path"),
    "fetch/config-is-empty": Case(("--config", " ", "fetch"), says="argument --config: is empty"),
    "feeds-list/db-is-a-folder": Case(("feeds", "list", "--db", DIRECTORY), says=DB_FOLDER),
    "show/db-is-a-folder": Case(("show", "1", "--db", DIRECTORY), says=DB_FOLDER),
    "show-copies/db-is-a-folder": Case(("show", "1", "--copies", "--db", DIRECTORY), says=DB_FOLDER),
    "show/file-is-a-folder": Case(("show", DIRECTORY), says="a-folder"),
    "digest/out-is-a-folder": Case(("digest", "--no-fetch", "--out", DIRECTORY), says="cannot write the digest"),
    "feeds-add/file-is-a-folder": Case(("feeds", "add", DIRECTORY), says="a-folder"),
    "feeds-add/config-is-a-folder": Case(("feeds", "add", SAMPLE, "--config", DIRECTORY), says=CONFIG_FOLDER),
    "feeds-remove/config-is-a-folder": Case(("feeds", "remove", "X", "--config", DIRECTORY), says=CONFIG_FOLDER),
    "feeds-import/file-is-a-folder": Case(("feeds", "import", DIRECTORY), says="a-folder"),
    "feeds-export/out-is-a-folder": Case(("feeds", "export", "--out", DIRECTORY), says="a-folder"),
    "db-check/db-is-a-folder": Case(("db", "check", "--db", DIRECTORY), says=DB_FOLDER),
    "db-backup/dest-is-a-folder": Case(("db", "backup", DIRECTORY), says="a-folder is a folder; give a new file name"),
    "summarize/file-is-a-folder": Case(("summarize", DIRECTORY), says="a-folder"),
    # a database folder that cannot be created
    "fetch/db-in-proc": Case(("fetch", "--db", "/proc/nope/x.db"), says="/proc/nope/x.db"),
    "digest/db-in-proc": Case(("digest", "--db", "/proc/nope/x.db"), says="/proc/nope/x.db"),
    "show/db-in-proc": Case(("show", "1", "--db", "/proc/nope/x.db"), says="/proc/nope/x.db"),
    # dates
    "digest/date-9999-12-31": Case(("digest", "--no-fetch", "--date", "9999-12-31"), says="9999-12-31"),
    "digest/date-0001-01-01": Case(("digest", "--no-fetch", "--date", "0001-01-01"), says="0001-01-01"),
    "digest/date-2026-02-30": Case(("digest", "--no-fetch", "--date", "2026-02-30"), says="2026-02-30"),
    "digest/date-words": Case(("digest", "--no-fetch", "--date", "last week"), says="YYYY-MM-DD"),  # yesterday is fine
    # addresses no fetch can use, and empty arguments: refused before any request
    "feeds-add/ftp": Case(("feeds", "add", "ftp://example.org/rss"), says="ftp: addresses are not supported"),
    "feeds-add/javascript": Case(("feeds", "add", "javascript:alert(1)"), says="javascript: addresses are not"),
    "feeds-add/empty-url": Case(("feeds", "add", ""), says="no URL given (the argument is empty)"),
    "feeds-add/host-without-scheme": Case(("feeds", "add", "example.org/rss"), says="with https:// in front"),
    "feeds-add/host-and-port-without-scheme": Case(("feeds", "add", "localhost:8080/rss"),
                                                   says="a host and port with no scheme; give it with http://"),
    "feeds-add/empty-name": Case(("feeds", "add", SAMPLE, "--name", " "), says="--name is empty"),
    "feeds-add/empty-tag": Case(("feeds", "add", SAMPLE, "--tag", ""), says="a --tag is empty"),
    # unknown ids and names
    "show/unknown-id": Case(("show", "99999"), says="no article with id 99999"),
    "show-copies/unknown-id": Case(("show", "99999", "--copies"), says="no article with id 99999"),
    "digest/empty-out": Case(("digest", "--no-fetch", "--out", ""), says="argument --out: is empty"),
    "digest/out-and-stdout": Case(("digest", "--no-fetch", "--stdout", "--out", "x.md"), says="not allowed with"),
    "feeds-export/empty-out": Case(("feeds", "export", "--out", ""), says="argument --out: is empty"),
    "show/id-past-64-bits": Case(("show", "9223372036854775808"), says="no article with id 9223372036854775808"),
    "show-copies/id-past-64-bits": Case(("show", "9" * 30, "--copies"), says="no article with id 999"),
    "feeds-remove/unknown-name": Case(("feeds", "remove", "No Such Feed"), says="No Such Feed"),
    # a closed stdout
    "show/closed-stdout": Case(("show", SAMPLE), closed_stdout=True),
    "digest/closed-stdout": Case(("digest", "--no-fetch", "--stdout"), closed_stdout=True),
    "feeds-list/closed-stdout": Case(("feeds", "list"), closed_stdout=True),
    "feeds-export/closed-stdout": Case(("feeds", "export"), closed_stdout=True),
    "fetch/closed-stdout": Case(("fetch",), closed_stdout=True),
    "db-check/closed-stdout": Case(("db", "check"), closed_stdout=True),
    "summarize/closed-stdout": Case(("summarize", "cluster.jsonl"), closed_stdout=True),
    "version/closed-stdout": Case(("--version",), closed_stdout=True),
    # stdout on a full disk
    "show/full-stdout": Case(("show", SAMPLE), full_stdout=True, says="cannot write the output"),
    "digest/full-stdout": Case(("digest", "--no-fetch", "--stdout"), full_stdout=True,
                               says="cannot write the output"),
    "feeds-list/full-stdout": Case(("feeds", "list"), full_stdout=True, says="cannot write the output"),
    "summarize/full-stdout": Case(("summarize", "cluster.jsonl"), full_stdout=True, says="cannot write the output"),
    "version/full-stdout": Case(("--version",), full_stdout=True, says="cannot write the output"),
    # Ctrl-C while waiting on the network
    "fetch/interrupt": Case(("fetch",), interrupt=True, says="interrupted"),
    "digest/interrupt": Case(("digest",), interrupt=True, says="interrupted"),
    "show/interrupt": Case(("show", "HANG"), interrupt=True, says="interrupted"),
    "feeds-add/interrupt": Case(("feeds", "add", "HANG"), interrupt=True, says="interrupted"),
}


def _without_root_powers() -> list[str]:
    """A prefix that makes a root process obey file modes, so a mode-000 file is unreadable to it too."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a mode-000 file stays readable")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def _setup(tmp_path: Path, server: FeedServer, hanging_feed: bool) -> None:
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    (tmp_path / DIRECTORY).mkdir()
    (tmp_path / "cluster.jsonl").write_text('{"id": "c1", "articles": [{"title": "Council votes", "text": '
                                            '"The council voted on the budget on Monday. It passed."}]}\n')
    server.routes["/hang"] = Route(hang=True)
    if hanging_feed:  # a feed that never answers, to interrupt a fetch while it waits
        with (tmp_path / "feeds.toml").open("a") as f:
            f.write(f'\n[[feeds]]\nname = "Hanging"\nurl = "{server.url("/hang")}"\n')
    Store(tmp_path / "reader.db").close()  # for db check and backup


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_gives_one_clear_line_and_a_failing_status(tmp_path: Path, feed_server: FeedServer,
                                                            case: Case) -> None:
    # A fetch waits on a subscribed hanging feed; `feeds add` would refuse it as subscribed, before any request.
    _setup(tmp_path, feed_server, case.interrupt and case.args[:2] != ("feeds", "add"))
    prefix: list[str] = []
    if case.unreadable:
        (tmp_path / case.unreadable).write_text("x")
        (tmp_path / case.unreadable).chmod(0)
        prefix = _without_root_powers()
    args = [a.replace("HANG", feed_server.url("/hang")) for a in case.args]
    env = {**os.environ, "READER_CONFIG": str(tmp_path / "feeds.toml"), "READER_DB": str(tmp_path / "reader.db")}
    command = [*prefix, sys.executable, "-m", "reader", *args]
    stdout: int = subprocess.PIPE
    if case.full_stdout:
        stdout = os.open("/dev/full", os.O_WRONLY)
    if case.closed_stdout:
        read_end, stdout = os.pipe()
        os.close(read_end)
    proc = subprocess.Popen(with_default_signals(command), cwd=tmp_path, env=env, stdout=stdout,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    if case.closed_stdout or case.full_stdout:
        os.close(stdout)
    try:
        if case.interrupt:
            deadline = time.monotonic() + 60
            while not any(path == "/hang" for path, _ in feed_server.requests) and time.monotonic() < deadline:
                time.sleep(0.05)
            os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C signals the whole job
        _, err = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode not in (0, None), err
    assert proc.returncode > 0, f"killed by signal {-proc.returncode}"
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) <= 3, err
    if not case.closed_stdout:
        assert lines and lines[-1].startswith("reader"), err
        assert case.says in err, err


def test_a_feed_that_is_not_valid_xml_is_said_in_a_readers_words(tmp_path: Path) -> None:
    """What is wrong, where in the file (line and column as an editor counts them), and what to do; never the
    XML parser's internals ("<unknown>:3:8", "invalid token", class names)."""
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>x</tit\n')
    out = subprocess.run([sys.executable, "-m", "reader", "show", str(broken)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr == (f"reader: show: {broken}: not a readable RSS or Atom feed (not well-formed XML: a tag left "
                          "unclosed, at line 3, column 9); check that the address is the feed's own, or ask its "
                          "publisher to fix the feed\n")
    undeclared = tmp_path / "entity.rss"  # no XML declaration: the parser's added one must not shift the line
    undeclared.write_text('<rss version="2.0"><channel><title>x</title>\n<item><title>a &nbsp; b</title></item>\n'
                          '</channel></rss>\n')
    (tmp_path / "feeds.toml").write_text('[[feeds]]\nname = "Entity"\nurl = "entity.rss"\n')
    fetched = subprocess.run([sys.executable, "-m", "reader", "--config", "feeds.toml", "--db", "r.db", "fetch"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert fetched.returncode == 0 and "1 new" in fetched.stdout
    assert fetched.stderr == ("  warning: Entity: not well-formed XML: an HTML entity such as &nbsp; (XML has only "
                              "&amp; &lt; &gt; &quot; &apos;), at line 2, column 16; what could be read was kept (its "
                              "publisher should fix the feed)\n")
    for said in (out.stderr, fetched.stderr):
        assert "<unknown>" not in said and "invalid token" not in said and "Exception" not in said
