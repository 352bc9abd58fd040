"""Command-line entry point: parses arguments and lazily imports only the command that runs.

`reader fetch` and `reader digest` must never import Textual, and start-up should stay fast,
so no command module is imported until its subcommand is chosen.
"""

from __future__ import annotations

import argparse
import codecs
import errno
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from reader.commands.say import EXIT_FAILURE, EXIT_OK, EXIT_USAGE  # noqa: F401 (what each means is said there)

EXIT_BROKEN_PIPE, EXIT_INTERRUPTED = 141, 130  # as a shell reports SIGPIPE and SIGINT


class _Parser(argparse.ArgumentParser):
    """argparse, with its error line made safe: it quotes unrecognised arguments as typed, escapes and all."""

    def error(self, message: str) -> NoReturn:
        from reader.text.sanitize import single_line

        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {single_line(message, None)}\n")


def _given_path(text: str) -> str:
    """A path option's value; an empty one (`--db "$DB"` with $DB unset) is refused, not read as "the default"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; give a file's path, or leave the option out to use the default")
    return _given_text(text)


def _given_out(instead: str) -> Callable[[str], str]:
    """An --out path; "-" is refused, with `instead`: it wrote a file named "-" and said "exported 1 feed to -",
    which reads as standard output, where other tools put "-"."""
    def given(text: str) -> str:
        if text == "-":
            raise argparse.ArgumentTypeError(f"is -, which would be a file named '-'; {instead}")
        return _given_path(text)
    return given


def _given_file(text: str, what: str = "a file's path") -> str:
    """A file named as an argument; an empty one ("$FILE" unset) is refused, not read as the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"is empty; give {what}")
    return _given_text(text)


def _given_target(text: str) -> str:
    """What `reader show` is given: a file, a stored article's id or an address; refused as _given_file refuses."""
    return _given_file(text, "a file's path, a stored article's id or an http(s) URL")


def _given_feed(text: str) -> str:
    """The feed `feeds remove` is given; an empty one ("$NAME" unset) is refused, not looked for."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; give a feed's name or URL, as `reader feeds list` shows them")
    return _given_name(text)


def _given_name(text: str) -> str:
    """A feed's name or tag as given: control characters are refused, as in any argument; an invisible one is
    not, since names are judged as they display ("Civic\u200b Wire" is Civic Wire, in feeds.toml too)."""
    from reader.config.paths import escaped_if_unprintable, unprintable

    if unprintable(text) == "control characters":
        raise argparse.ArgumentTypeError(f"has control characters ({escaped_if_unprintable(text)}); give it "
                                         "without them")
    return text


def _given_text(text: str) -> str:
    """A file, address or id as given; one with control characters is refused.

    Every message quotes paths through the sanitiser, which drops them: `--out $'a\\eb.md'` would write
    a file whose name no message shows ("ab.md"), and an argument of escapes alone would be named "".
    """
    from reader.config.paths import escaped_if_unprintable, unprintable

    escaped = escaped_if_unprintable(text)  # $READER_DB and $READER_CONFIG are refused alike (path_from_environment)
    if escaped is not None:
        raise argparse.ArgumentTypeError(f"has {unprintable(text)} ({escaped}); give it without them")
    return text


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config", metavar="PATH", default=default, type=_given_path,
                        help="feeds.toml to use (default: ./feeds.toml, then the user config directory)")
    parser.add_argument("--db", metavar="PATH", default=default, type=_given_path,
                        help="database file (default: [storage].path, else the user data directory)")


class _VersionAction(argparse.Action):
    """Looks the version up only when asked: the installed package's metadata, as pip reports it."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version

        print(f"reader {version('policy-reader')}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="A terminal news reader and daily digest for following how policies are covered. "
        "With no command, opens the reader.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="print the version and exit")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, module: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _global_options(p, suppress=True)
        p.set_defaults(module=module)
        return p

    def action(actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
               help: str) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help, description=help)
        _global_options(a, suppress=True)  # `reader feeds list --config X` as well as `reader --config X feeds list`
        return a

    command("tui", "reader.commands.tui", "open the terminal reader (the default)")
    p = command("fetch", "reader.commands.fetch", "refresh all enabled feeds into the store")
    p.add_argument("--force", action="store_true", help="also fetch feeds that asked us to wait (Retry-After)")
    p.add_argument("--wait", action="store_true", help="if another refresh is running, wait for it instead of exiting")
    p = command("show", "reader.commands.show", "print the cleaned reading view of a file, stored article or URL")
    p.add_argument("target", type=_given_target,
                   help="a .txt/.html/feed file, an article id from the store, or an http(s) URL")
    p.add_argument("--json", action="store_true", help="print JSON instead of the terminal rendering")
    p.add_argument("--copies", action="store_true", help="compare a stored article's copies in other outlets")
    p = command("digest", "reader.commands.digest", "write the daily Markdown digest of tracked policies")
    p.add_argument("--date", help="the day to digest, YYYY-MM-DD, today or yesterday (default: today, local time)")
    p.add_argument("--no-fetch", action="store_true", help="do not refresh feeds first")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="PATH", type=_given_out("to print the digest, use --stdout"),
                       help="write here instead of <digest dir>/<date>.md")
    where.add_argument("--stdout", action="store_true", help="print the digest instead of writing a file")
    p = command("summarize", "reader.commands.summarize",
                "summarise clusters of articles from a JSON-lines file the way the digest does")
    p.add_argument("file", metavar="FILE", type=_given_file,
                   help="JSON lines, one cluster per line (see README); - for standard input")
    p.add_argument("--sentences", type=int, metavar="N", help="at most N sentences per summary (default: 5)")
    p.add_argument("--words", type=int, metavar="N", help="at most N words per summary (default: no limit)")
    p = command("feeds", "reader.commands.feeds", "list, add, remove, import or export subscriptions")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    action(actions, "list", "each feed with its status and article counts")
    a = action(actions, "add", "subscribe to a feed (or the feed a web page links to)")
    a.add_argument("url", type=_given_text,
                   help="an http(s) URL of a feed or a page that links one, or a local file path")
    a.add_argument("--name", type=_given_name, help="the feed's name (default: the feed's own title)")
    a.add_argument("--tag", action="append", type=_given_name, help="a tag; repeat for several")
    a = action(actions, "remove", "unsubscribe (stored articles are kept)")
    a.add_argument("feed", metavar="NAME|URL", type=_given_feed)
    a = action(actions, "import", "add the feeds of an OPML file (newsboat, Miniflux, Feedly, NetNewsWire)")
    a.add_argument("file", metavar="FILE.opml", type=_given_file)
    a.add_argument("--local-files", action="store_true",
                   help="also add outlines that name files on this computer (file:// addresses, as export writes "
                        "local feeds); only for a list you exported yourself")
    a = action(actions, "export", "write the subscriptions as OPML 2.0")
    a.add_argument("--out", metavar="FILE", type=_given_out("to print the list, leave --out out"),
                   help="write here instead of standard output")
    p = command("db", "reader.commands.db", "check the database, or copy it while the reader runs")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    action(actions, "check", "SQLite's integrity check and the search index against the articles")
    a = action(actions, "backup", "copy the database to PATH with SQLite's online backup")
    a.add_argument("path", metavar="PATH", type=_given_file, help="the new file (must not exist)")
    parser.set_defaults(module="reader.commands.tui")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from reader.config import ConfigError
    from reader.config.paths import GivenPathError
    from reader.store import StoreError
    from reader.store.errors import StoreReadOnlyError
    from reader.store.lock import RefreshBusyError
    from reader.store.read_only import NoDatabaseError
    from reader.text.sanitize import single_line

    try:
        args = build_parser().parse_args(argv)
        module = importlib.import_module(args.module)
        status = int(module.run(args))
        sys.stdout.flush()  # a closed pipe shows up here, while we can still handle it
        return status
    except ConfigError as exc:
        print(f"reader: configuration error: {single_line(str(exc), None)}", file=sys.stderr)
        return EXIT_USAGE
    except NoDatabaseError as exc:  # a command that only reads, before any `reader fetch`: not a failure of the store
        print(f"reader: {single_line(str(exc), None)}", file=sys.stderr)
        return EXIT_FAILURE
    except StoreReadOnlyError as exc:  # a database the command cannot use as given: say which, and what to do
        print(f"reader: {single_line(str(exc), None)}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"reader: store error: {single_line(str(exc), None)}", file=sys.stderr)  # quotes paths and SQLite
        return EXIT_FAILURE
    except GivenPathError as exc:  # a path given (an option, an environment variable) that cannot be used
        print(f"reader: {single_line(str(exc), None)}", file=sys.stderr)
        return EXIT_USAGE
    except RefreshBusyError as exc:
        print(f"reader: {single_line(str(exc), None)}; wait for it, or run `reader fetch --wait`", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG and exc.filename:  # a path given that no file can have: bad input
            print(f"reader: {single_line(str(exc.filename), 120)}: the name is too long for a file here (at most "
                  "255 bytes a name, 4,096 a path); give a shorter path", file=sys.stderr)
            return EXIT_USAGE
        # Commands report the files they read and write themselves; what is left is the output
        # (stdout on a full disk, `>/dev/full`), which a traceback would only obscure.
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        print(f"reader: {single_line(f'{where}{exc.strerror or exc}', None)}", file=sys.stderr)
        _discard_stdout()
        return EXIT_FAILURE
    except UnicodeEncodeError as exc:  # stdout in ASCII or Latin-1 (PYTHONIOENCODING, a non-UTF-8 locale)
        if codecs.lookup(exc.encoding).name != codecs.lookup(sys.stdout.encoding or "utf-8").name:
            raise  # not the output's: a bug to see whole
        print(f"reader: cannot write the output: its encoding ({exc.encoding}) has no {exc.object[exc.start]!a}; "
              "set a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8", file=sys.stderr)
        _discard_stdout()
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("reader: interrupted; everything stored before the interrupt is kept", file=sys.stderr)
        return EXIT_INTERRUPTED


def _discard_stdout() -> None:
    """The reader of our output went away (`reader show X | head`): exit quietly, as `git log | head` does.

    Python flushes stdout again at exit, which would raise once more; pointing it at /dev/null stops that.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
