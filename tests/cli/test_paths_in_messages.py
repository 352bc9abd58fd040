"""A path or argument a command quotes passes the sanitiser: `--out $'x\\e[31m.md'` colours nothing, adds no line.

Each command that names what it was given, in an error or in what it reports having written, is run
with ESC sequences and a newline in that argument; its output must be terminal safe, one line, and
still show the visible part of what was given.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import run_reader
from tests.hostile import assert_terminal_safe

HOSTILE = "odd\x1b[31m\nname\x1b]0;title\x07\x9b2J"
SHOWN = "odd name"  # what is left once the sanitiser has been: each escape sequence goes whole, the lines join

ERRORS = {
    "show": ("show", HOSTILE),
    "show --copies": ("show", HOSTILE, "--copies"),
    "summarize": ("summarize", HOSTILE),
    "feeds import": ("feeds", "import", HOSTILE),
    "feeds add": ("feeds", "add", HOSTILE),
    "feeds add --name": ("feeds", "add", "reader/samples/wnyc.xml", "--name", f"WNYC News{HOSTILE}"),
    "feeds remove": ("feeds", "remove", HOSTILE),
    "--config": ("fetch", "--config", HOSTILE),
    "--db under a file": ("fetch", "--db", f"X/{HOSTILE}"),
    "digest --out": ("digest", "--no-fetch", "--out", f"X/{HOSTILE}"),
    "digest --date": ("digest", "--no-fetch", "--date", HOSTILE),
    "feeds export --out": ("feeds", "export", "--out", f"X/{HOSTILE}"),
    "db backup": ("db", "backup", f"X/{HOSTILE}"),
    "an unknown argument": ("fetch", HOSTILE),
}


def _safe_and_unbroken(text: str) -> None:
    """Terminal safe, and the newline inside the argument started no line of its own."""
    assert_terminal_safe(text)
    assert not any(line.startswith("name") for line in text.splitlines()), text


@pytest.mark.parametrize("args", ERRORS.values(), ids=ERRORS.keys())
def test_errors_quote_what_was_given_safely_on_one_line(workdir: Path, args: tuple[str, ...]) -> None:
    out = run_reader(workdir, *args)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.splitlines()
    _safe_and_unbroken(out.stdout)
    _safe_and_unbroken(out.stderr)
    assert len([line for line in lines if line.startswith("reader: ")]) == 1, out.stderr
    assert lines and all(line.startswith(("reader: ", "usage: ")) for line in lines), out.stderr
    assert lines[-1].count("reader") >= 1 and ("odd" in out.stderr or "WNYC News" in out.stderr), out.stderr


def test_what_was_written_is_reported_safely(workdir: Path) -> None:
    digest = run_reader(workdir, "digest", "--no-fetch", "--date", "2026-11-30", "--out", f"{HOSTILE}.md")
    assert digest.returncode == 0, digest.stderr
    assert (workdir / f"{HOSTILE}.md").is_file()  # the file has the name given; only the message is cleaned
    assert digest.stdout == f"{SHOWN}.md\n"
    for args in (("feeds", "export", "--out", f"{HOSTILE}.opml"), ("db", "backup", f"{HOSTILE}.db"),
                 ("digest", "--no-fetch", "--date", "2026-11-30", "--out", f"new{HOSTILE}/d.md")):
        out = run_reader(workdir, *args)
        assert out.returncode == 0, out.stderr
        _safe_and_unbroken(out.stdout)
        _safe_and_unbroken(out.stderr)
        assert SHOWN in out.stdout + out.stderr, out.stdout + out.stderr
