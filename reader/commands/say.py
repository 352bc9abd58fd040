"""The one way a command's own lines reach the terminal: through the sanitiser, one line each.

Messages name paths and arguments as the user typed them, and `--out $'x\\e[31m.md'` or a path
with a newline in it is outside text like any feed title: an escape sequence would act on the
terminal, and a newline would make one error look like two. The exit statuses live here too,
so every command means the same by them.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from reader.text.sanitize import escape_control_characters, single_line

# 0: done. 1: the command ran into trouble that is not in what it was given (the network, a server, the
# store: damaged, full, read-only, busy or not there yet; a check that found damage). 2: what it was given
# cannot be used (an option, a path, a file named, feeds.toml), and the message says what to give instead.
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def error(message: str, stream: TextIO | None = None) -> None:
    """`reader: message` on stderr (or `stream`), made safe and kept to one line: what could not be done."""
    print(f"reader: {single_line(message, None)}", file=stream or sys.stderr)


def note(message: str) -> None:
    """`reader: note: message` on stderr, made safe and kept to one line: what the command did or found on its
    way (a folder created, a refresh waited for, nothing to list), which is no error and not its result.

    On stderr, so stdout stays the result a script reads (`reader digest` prints the path it wrote); with
    its own label, so it does not read as a failure beside the lines error() writes.
    """
    print(f"reader: note: {single_line(message, None)}", file=sys.stderr)


def result(message: str) -> None:
    """A line of a command's result on stdout (what was written where), made safe and kept to one line."""
    print(single_line(message, None))


def shown(value: object) -> str:
    """A path or argument as a message quotes it: made safe, whole, on one line."""
    return single_line(str(value), None)


def json_text(value: Any, indent: int | None = None) -> str:
    """`value` as the JSON a command prints (`show --json`, `summarize`): letters as themselves, and every control
    or bidi character escaped, not dropped, so a program gets back exactly what it sent and a terminal acts on none.
    """
    return escape_control_characters(json.dumps(value, ensure_ascii=False, indent=indent))
