"""Imported only in multiprocessing's forkserver (as a preload): parse workers are born ignoring Ctrl-C.

Ctrl-C signals every process of the terminal's job. The parent alone should handle it (it
stops the run and shuts the pool down); a worker that also raised KeyboardInterrupt printed
its own traceback, and one hit while still starting up broke the pool. The forkserver records
its signal handlers after importing its preloads and gives them to every process it forks,
so ignoring SIGINT here, at import, covers a worker from its first instruction, which an
executor initializer (run after start-up) cannot. Never import this module anywhere else.
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
