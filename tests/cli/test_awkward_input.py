"""The command line under awkward input: over-long addresses, a name in the wrong case, no feeds.toml anywhere,
and files, numbers and characters no command should take, each refused in one line with what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LONG = "http://127.0.0.1:9/" + "b" * 2100  # a closed port: nothing may be asked of it


def reader(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`reader ARGS` in `cwd`, with no $READER_CONFIG or $READER_DB from the test run and the user folders in cwd."""
    clean = {k: v for k, v in os.environ.items() if k not in ("READER_CONFIG", "READER_DB")}
    folders = {"XDG_CONFIG_HOME": str(cwd / "cfg"), "XDG_DATA_HOME": str(cwd / "data"),
               "XDG_STATE_HOME": str(cwd / "state")}
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**clean, **folders, **(env or {})})


def test_an_address_too_long_to_keep_is_refused_whole_never_written_cut(tmp_path: Path) -> None:
    """feeds.toml kept the first 2,000 characters of a longer address, with "…": another address, fetched forever."""
    added = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", LONG)
    assert added.returncode == 2 and not (tmp_path / "feeds.toml").exists()
    assert "the address is 2,119 characters long, more than the 2,000 a feed's address may have" in added.stderr
    (tmp_path / "long.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        f'<outline text="Long" xmlUrl="{LONG}"/><outline text="Fine" xmlUrl="http://127.0.0.1:9/ok"/></body></opml>')
    imported = reader(tmp_path, "--config", "feeds.toml", "feeds", "import", "long.opml")
    assert imported.returncode == 0 and "imported 1 feed" in imported.stdout
    assert "skipped 1 outline whose xmlUrl is longer than 2,000 characters: http://127.0.0.1:9/bbb" in imported.stderr
    assert imported.stderr.rstrip().endswith("…")  # named cut, and seen to be
    assert "bbb" not in (tmp_path / "feeds.toml").read_text()


def test_with_no_feeds_toml_anywhere_every_command_says_where_it_looked_and_how_to_start(tmp_path: Path) -> None:
    user_config = tmp_path / "cfg" / "policy-reader" / "feeds.toml"
    for command in (("feeds", "list"), ("fetch",), ("digest", "--no-fetch"), ("feeds", "remove", "x"),
                    ("feeds", "export"), ("tui",)):
        out = reader(tmp_path, *command)
        assert out.returncode == 2, command
        assert out.stderr == (
            f"reader: configuration error: {user_config}: not found, nor is there a feeds.toml in this folder "
            f"({tmp_path}), where the reader looks first; `reader feeds add URL` creates it with its first feed, "
            "or create one by hand (the README lists its keys), or pass --config PATH\n"), command
    given = reader(tmp_path, "--config", "my feeds.toml", "feeds", "list")
    assert given.stderr == ("reader: configuration error: my feeds.toml: not found (given with --config); check the "
                            "path, or `reader feeds add URL --config 'my feeds.toml'` creates it with its first feed\n")
    environment = reader(tmp_path, "fetch", env={"READER_CONFIG": "env.toml"})
    assert "env.toml: not found (from $READER_CONFIG); check the path or unset $READER_CONFIG" in environment.stderr
    sample = Path(__file__).parents[2] / "reader" / "samples" / "wnyc.xml"
    added = reader(tmp_path, "feeds", "add", str(sample))  # as the message says: it creates the user's feeds.toml
    assert added.returncode == 0 and added.stdout.endswith(f"to {user_config} (created)\n")
    assert reader(tmp_path, "feeds", "list").returncode == 0


def test_remove_suggests_a_name_in_another_case_or_close_and_takes_neither(tmp_path: Path) -> None:
    """Names are told apart by case ("WNYC" and "wnyc" may be two feeds): a near miss is suggested, not removed."""
    feeds = {"A": "a", "Metro Ledger": "metro", "WNYC News": "wnyc"}
    body = "".join(f'[[feeds]]\nname = "{n}"\nurl = "http://127.0.0.1:9/{u}"\n' for n, u in feeds.items())
    (tmp_path / "feeds.toml").write_text(body)
    for given, meant in (("a", "'A'"), ("metro ledgr", "'Metro Ledger'"), ("wnyc news", "'WNYC News'"),
                         ("http://127.0.0.1:9/Metro", "'Metro Ledger'")):
        out = reader(tmp_path, "--config", "feeds.toml", "feeds", "remove", given)
        assert out.returncode == 2
        assert out.stderr == (f"reader: feeds remove: no feed named or at {given!r} in feeds.toml; did you mean "
                              f"{meant}? (names are told apart by case)\n")
    unknown = reader(tmp_path, "--config", "feeds.toml", "feeds", "remove", "zzz")
    assert unknown.stderr.endswith("in feeds.toml; its feeds: 'A', 'Metro Ledger', 'WNYC News'\n")
    assert (tmp_path / "feeds.toml").read_text() == body
    many = "".join(f'[[feeds]]\nname = "Feed {i}"\nurl = "http://127.0.0.1:9/{i}"\n' for i in range(40))
    (tmp_path / "feeds.toml").write_text(many)
    listed = reader(tmp_path, "--config", "feeds.toml", "feeds", "remove", "qqqq")
    assert listed.stderr.endswith("in feeds.toml; `reader feeds list` lists its 40 feeds\n")


def test_an_id_is_decimal_digits_and_a_name_too_long_for_a_file_is_bad_input(tmp_path: Path) -> None:
    """`show ³` was a traceback (str.isdigit calls "³" a digit, int() refuses it); a path no file can have
    (ENAMETOOLONG) was 'File name too long' with exit status 1, as if the disk had failed."""
    (tmp_path / "feeds.toml").write_text("")
    for args in (("show", "³"), ("show", "³", "--copies")):
        out = reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", *args)
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert "no such file: ³" in reader(tmp_path, "--config", "feeds.toml", "show", "³").stderr
    huge = "9" * 5000  # past int()'s 4,300 digits, and past any file name
    for args in (("show", huge), ("show", huge, "--copies"), ("show", " 12 ")):
        out = reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", *args)
        assert out.returncode == 1 and "no database yet" in out.stderr, out.stderr  # read as an id: the store is asked
    name = "n" * 300
    for args in (("--db", name, "feeds", "list"),
                 ("db", "backup", name), ("feeds", "export", "--out", name), ("summarize", name), ("show", name),
                 ("feeds", "import", name), ("feeds", "add", name)):
        out = reader(tmp_path, "--config", "feeds.toml", *args)
        assert out.returncode == 2 and out.stderr.count("\n") == 1, (args, out.stderr)
        assert "too long" in out.stderr or "File name too long" in out.stderr, out.stderr


def test_an_empty_feed_file_and_a_date_in_other_digits_are_named_as_what_they_are(tmp_path: Path) -> None:
    (tmp_path / "empty.xml").write_text("")
    added = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", "empty.xml")
    assert (added.returncode, added.stderr) == (2, "reader: feeds add: feed file empty.xml is empty; save the feed "
                                                   "into it, or fix its path\n")  # not "the server sent no feed"
    (tmp_path / "feeds.toml").write_text("")
    for day, said in (("２０２６-01-01", "expected YYYY-MM-DD, for example 2026-11-30"),
                      ("2026-02-30", "February 2026 has 28 days")):
        out = reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", "digest", "--no-fetch", "--date", day)
        assert out.returncode == 2 and out.stderr.startswith(f"reader: digest: invalid --date {day!r}: {said}")


def test_input_nested_past_python_s_stack_is_refused_as_input(tmp_path: Path) -> None:
    """A JSON line of 100,000 brackets was 'could not summarise ... please report it'; OPML folders 5,000 deep
    were a RecursionError traceback."""
    (tmp_path / "deep.jsonl").write_text('{"id": "a", "articles": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    out = reader(tmp_path, "summarize", "deep.jsonl")
    assert out.returncode == 2 and "deep.jsonl:1: not a cluster: its JSON is nested thousands of levels deep" in \
        out.stderr and "report" not in out.stderr
    (tmp_path / "deep.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>\n' + '<outline text="a">\n' * 5000
        + '<outline text="x" xmlUrl="http://127.0.0.1:9/x"/>' + "</outline>" * 5000 + "</body></opml>")
    imported = reader(tmp_path, "--config", "feeds.toml", "feeds", "import", "deep.opml")
    assert imported.returncode == 2 and imported.stderr.startswith(  # the 51st folder, on line 52
        "reader: feeds import: deep.opml: folders nested more than 50 deep at line 52 (under a / a / a / …)")
    assert not (tmp_path / "feeds.toml").exists()


def test_a_name_or_tag_given_with_control_characters_is_refused_and_an_empty_feed_too(tmp_path: Path) -> None:
    """Like a path or an address: dropped silently, `--name $'X\\e[31mY'` subscribed 'XY'."""
    (tmp_path / "feeds.toml").write_text('[[feeds]]\nname = "W"\nurl = "http://127.0.0.1:9/w"\n')
    for args in (("--name", "X\x1b[31mY"), ("--tag", "a\u202eb")):
        out = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", "http://127.0.0.1:9/x", *args)
        assert out.returncode == 2 and f"argument {args[0]}: has control characters" in out.stderr
    for blank in ("", "  "):
        out = reader(tmp_path, "--config", "feeds.toml", "feeds", "remove", blank)
        assert out.returncode == 2 and "argument NAME|URL: is empty; give a feed's name or URL" in out.stderr


def test_show_judges_an_address_as_feeds_add_does(tmp_path: Path) -> None:
    """`show HTTP://…` was 'no such file' though feeds.toml and `feeds add` take a scheme in capitals; `show
    javascript:…` was 'no such file' too; `show "https://a b"` asked a name server for the host "a b"."""
    said = {"HTTP://127.0.0.1:9/": (1, "reader: show: http://127.0.0.1:9/: network error: the server refused"),
            "javascript:alert(1)": (2, "reader: show: javascript:alert(1): javascript: addresses are not shown;"),
            "https://a b": (2, "reader: show: https://a b: not an address that can be fetched (its host 'a b' has "
                               "characters no host name has)"),
            "http:/x": (2, "reader: show: http:/x: not an address that can be fetched (it has no host)"),
            "https://127.0.0.1:9/a b": (2, "reader: show: https://127.0.0.1:9/a b: an address has no spaces")}
    for target, (status, start) in said.items():
        out = reader(tmp_path, "--config", "none.toml", "show", target)
        assert out.returncode == status and out.stderr.startswith(start), (target, out.stderr)
    added = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", "https://a b")
    assert added.returncode == 2 and "its host 'a b' has characters no host name has" in added.stderr


def test_out_dash_is_refused_with_how_to_print(tmp_path: Path) -> None:
    """`--out -` wrote a file named "-" and said "exported 1 feed to -", which reads as standard output."""
    (tmp_path / "feeds.toml").write_text("")
    for args, instead in ((("digest", "--no-fetch", "--out", "-"), "to print the digest, use --stdout"),
                          (("feeds", "export", "--out", "-"), "to print the list, leave --out out")):
        out = reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", *args)
        assert out.returncode == 2 and out.stderr.endswith(
            f"error: argument --out: is -, which would be a file named '-'; {instead}\n"), out.stderr
    assert not (tmp_path / "-").exists()


def test_a_long_name_given_is_kept_whole(tmp_path: Path) -> None:
    """--name of 600 letters went into feeds.toml as 499 and "…": the user's name, changed unasked."""
    sample = Path(__file__).parents[2] / "reader" / "samples" / "wnyc.xml"
    out = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", str(sample), "--name", "N" * 600)
    assert out.returncode == 0, out.stderr
    assert f'name = "{"N" * 600}"' in (tmp_path / "feeds.toml").read_text()


def test_an_argument_no_message_could_show_whole_is_refused(tmp_path: Path) -> None:
    """"a\\u200bb.txt" was said to be "no such file: ab.txt", which may be another file; an emoji's joiner shows."""
    refused = reader(tmp_path, "--config", "none.toml", "show", "a\u200bb.txt")
    assert refused.returncode == 2 and refused.stderr.endswith(
        'argument target: has invisible characters ("a\\u200bb.txt"); give it without them\n')
    environment = reader(tmp_path, "db", "check", env={"READER_DB": "x\u2060.db"})
    assert environment.returncode == 2 and "$READER_DB has invisible characters" in environment.stderr
    shown = reader(tmp_path, "--config", "none.toml", "show", "👩\u200d💻.txt")
    assert shown.returncode == 2 and "no such file: 👩\u200d💻.txt;" in shown.stderr
