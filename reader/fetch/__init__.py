"""Getting feeds: HTTP with limits and conditional GET, parsing in a process pool, and the refresh run."""

import sys
import types

# httpx imports its command-line client (click, rich, pygments: ~0.1 s) whenever click is
# installed, and reader never runs it. An empty stand-in makes that import fail, and httpx
# falls back to its own placeholder, as it does wherever click is absent.
sys.modules.setdefault("httpx._main", types.ModuleType("httpx._main"))
