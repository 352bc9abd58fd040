"""A parse worker: a plain child process that runs the tasks its parent writes to its stdin.

Run as `python -m reader.fetch.worker MODULE...` by pool.py. It imports only the modules named
(the parser) and whatever a task's function needs, never the parent's HTTP stack or store. Each
task is a length-prefixed pickle of (function, args) on stdin; the answer, (True, value) or
(False, exception), goes back the same way, after an empty message that says the worker is
ready. stdin doubles as the lifeline: its only writing end is in the parent, so end of file
means the parent closed the pool or is gone, however it ended (kill -9, SIGHUP, the OOM
killer), and the worker exits.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import sys
from typing import Any, BinaryIO

FRAME = struct.Struct("!Q")


def read_frame(stream: BinaryIO) -> bytes | None:
    """The next length-prefixed message, or None at end of file (a cut-off message counts as the end)."""
    head = stream.read(FRAME.size)
    if len(head) < FRAME.size:
        return None
    (size,) = FRAME.unpack(head)
    body = stream.read(size)
    return body if len(body) == size else None


def write_frame(stream: BinaryIO, body: bytes) -> None:
    stream.write(FRAME.pack(len(body)) + body)
    stream.flush()


def _answer(task: bytes) -> bytes:
    """The pickled outcome of one task: (True, its value) or (False, what it raised)."""
    try:
        function, args = pickle.loads(task)
        outcome: tuple[bool, Any] = (True, function(*args))
    except Exception as exc:
        outcome = (False, exc)
    try:
        return pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception (or value) that cannot be pickled still reaches the parent, as text
        return pickle.dumps((False, RuntimeError(f"{outcome[1].__class__.__name__}: {outcome[1]} "
                                                 f"(not sendable to the parent: {exc})")))


# A worker only ever turns bytes the parent downloaded into data; it never opens a connection.
# Without TLS and OpenSSL's hashes (hashlib then uses its built-in SHA-1) it never loads
# libcrypto: ~4.5 MB less in each worker. Anything that tries TLS here fails at its import.
NOT_IN_WORKERS = ("ssl", "_ssl", "_hashlib")


def serve(preload: list[str]) -> None:
    """Import `preload`, then answer tasks until stdin ends."""
    for name in NOT_IN_WORKERS:
        sys.modules[name] = None  # type: ignore[assignment]  # None makes `import name` raise ImportError
    # The parent starts this process with SIGINT blocked. Ignored before it is unblocked, Ctrl-C
    # (which signals every process of the terminal's job) is the parent's alone to handle: it
    # stops the run and closes the pool, and no worker prints a traceback, even mid-start-up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    tasks = sys.stdin.buffer
    # Answers get their own descriptor; anything a library prints goes to stderr, not into the protocol.
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    for name in preload:
        module = importlib.import_module(name)
        if hasattr(module, "preload"):
            module.preload()
    try:
        write_frame(answers, b"")  # ready: the parent counts how long a worker takes to start
        while (task := read_frame(tasks)) is not None:
            write_frame(answers, _answer(task))
    except BrokenPipeError:  # the parent is gone
        return


if __name__ == "__main__":
    serve(sys.argv[1:])
