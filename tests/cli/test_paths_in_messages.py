"""A path or argument a command quotes passes the sanitiser: `--out $'x\\e[31m.md'` colours nothing, adds no line.

Each command that names what it was given, in an error or in what it reports having written, is run
with ESC sequences and a newline in that argument; its output must be terminal safe, one line, and
still show the visible part of what was given. A file, address or id with control characters is
refused before anything runs, with the characters written as escapes: the sanitiser would drop
them from every message, and a file written under such a name could not be found by what was said.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import run_reader
from tests.hostile import assert_terminal_safe

HOSTILE = "odd\x1b[31m\nname\x1b]0;title\x07\x9b2J"
SHOWN = "odd name"  # what is left once the sanitiser has been: each escape sequence goes whole, the lines join
VISIBLE = "odd\\x1b[31m\\x0aname\\x1b]0;title\\x07\\x9b2J"  # HOSTILE as a refusal spells it out

REFUSED_UP_FRONT = {"show", "show --copies", "summarize", "feeds import", "feeds add", "feeds add --name",
                    "feeds remove", "--config",
                    "--db under a file", "digest --out", "feeds export --out", "db backup"}
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


@pytest.mark.parametrize("case", ERRORS.keys())
def test_errors_quote_what_was_given_safely_on_one_line(workdir: Path, case: str) -> None:
    out = run_reader(workdir, *ERRORS[case])
    assert out.returncode == 2, out.stderr
    lines = out.stderr.splitlines()
    _safe_and_unbroken(out.stdout)
    _safe_and_unbroken(out.stderr)
    if case in REFUSED_UP_FRONT:
        assert lines[-1].endswith(VISIBLE + '"); give it without them') and "has control characters" in lines[-1], \
            out.stderr
        assert lines[-1].startswith("reader") and ": error: argument " in lines[-1], out.stderr
        return
    assert len([line for line in lines if line.startswith("reader: ")]) == 1, out.stderr
    assert lines and all(line.startswith(("reader: ", "usage: ")) for line in lines), out.stderr
    assert lines[-1].count("reader") >= 1 and ("odd" in out.stderr or "WNYC News" in out.stderr), out.stderr


def test_a_path_with_control_characters_is_refused_and_nothing_is_written(workdir: Path) -> None:
    before = sorted(p.name for p in workdir.iterdir())
    for args in (("digest", "--no-fetch", "--date", "2026-11-30", "--out", f"{HOSTILE}.md"),
                 ("feeds", "export", "--out", f"{HOSTILE}.opml"), ("db", "backup", f"{HOSTILE}.db"),
                 ("digest", "--no-fetch", "--date", "2026-11-30", "--out", f"new{HOSTILE}/d.md")):
        out = run_reader(workdir, *args)
        assert out.returncode == 2 and "has control characters" in out.stderr, out.stderr
        _safe_and_unbroken(out.stdout)
        _safe_and_unbroken(out.stderr)
    assert sorted(p.name for p in workdir.iterdir()) == before


def test_what_was_written_is_reported_as_given(workdir: Path) -> None:
    digest = run_reader(workdir, "digest", "--no-fetch", "--date", "2026-11-30", "--out", "odd name.md")
    assert digest.returncode == 0, digest.stderr
    assert (workdir / "odd name.md").is_file() and digest.stdout == "odd name.md\n"
