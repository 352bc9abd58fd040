"""Atomic file replacement, for the digest, OPML exports and feeds.toml edits: readers never see half a file.

A new file gets the permissions the user's umask gives any new file (a digest a web server
should serve is not private); a replaced file keeps its own mode, owner and group, because
feeds.toml may have been made private, or shared with a group, on purpose.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    """The process umask, read from /proc where Linux offers it; setting it to read it races other threads."""
    proc = _umask_from_proc()
    if proc is not None:
        return proc
    mask = os.umask(0o022)  # no /proc (macOS, BSD): reading means setting; set it straight back
    os.umask(mask)
    return mask


def _umask_from_proc() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        return None
    return None


def write_text_atomically(path: Path, text: str) -> None:
    """Write a temp file in the same folder, fsync, rename it over `path`; raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            old = path.stat()
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_umask())
        else:
            _keep_owner(tmp, old)
            os.chmod(tmp, old.st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_owner(tmp: str, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group where we may: root may set both, others their groups."""
    mine = os.stat(tmp)
    uid = old.st_uid if old.st_uid != mine.st_uid and os.geteuid() == 0 else -1
    gid = old.st_gid if old.st_gid != mine.st_gid and (os.geteuid() == 0 or old.st_gid in os.getgroups()) else -1
    if uid != -1 or gid != -1:
        os.chown(tmp, uid, gid)
