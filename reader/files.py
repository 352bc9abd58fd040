"""Atomic file replacement (the digest, OPML exports, feeds.toml edits) and bounded reads of files a user names.

Readers never see half a written file. A file a user names is read only if it is a regular file
and only up to a limit: /dev/zero, a pipe or a FIFO given as a feed or a config would otherwise
be read until memory ran out (or forever).

A new file gets the permissions the user's umask gives any new file (a digest a web server
should serve is not private); a replaced file keeps its own mode, owner and group, because
feeds.toml may have been made private, or shared with a group, on purpose.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

USER_FILE_LIMIT = 50_000_000  # bytes: feeds.toml, OPML, a file given to `reader show`


class NotARegularFile(OSError):
    """The path is a device, pipe or socket; strerror says so, as a phrase after the path."""


class FileTooLarge(OSError):
    """The file holds more than the limit; strerror says so, as a phrase after the path."""


def read_regular_file(path: str | os.PathLike[str], limit: int = USER_FILE_LIMIT) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes (at most `limit`) and its stat; raises NotARegularFile, FileTooLarge or OSError.

    Opened without blocking and checked on the open descriptor, so a FIFO never stalls the open
    and a file swapped for a device after a check is still refused.
    """
    with open_regular_file(path) as f:
        data = f.read(limit + 1)
        st = os.fstat(f.fileno())
    if len(data) > limit:
        raise FileTooLarge(0, f"is larger than {limit:,} bytes")
    return data, st


def open_regular_file(path: str | os.PathLike[str]) -> BinaryIO:
    """`path` opened for reading if it is a regular file; raises NotARegularFile, IsADirectoryError or OSError.

    For files read as a stream (`reader summarize`), where a whole-file limit would not fit.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    f = os.fdopen(fd, "rb")
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):  # as open() says it, so callers that name folders keep doing so
        f.close()
        raise IsADirectoryError(errno.EISDIR, "Is a directory")
    if not stat.S_ISREG(st.st_mode):
        f.close()
        raise NotARegularFile(0, "is not a regular file (a device, pipe or socket)")
    return f


def path_exists(path: str | os.PathLike[str]) -> bool:
    """Whether anything is at `path`; False for a name no file can have (too long), which Path.exists raises for
    (ENAMETOOLONG): deciding whether an argument is a file or an id, or a URL, must not stop at it."""
    try:
        return Path(path).exists()
    except OSError:
        return False


def is_disk_trouble(exc: OSError) -> bool:
    """Whether a write failed for the disk's sake (full, over quota, an I/O error) rather than the path given.

    The one test behind exit status 1 versus 2 for a file that could not be written: the user can
    fix a path by giving another, but not a full disk by retyping the command.
    """
    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO)


def file_in_the_way(folder: Path) -> Path | None:
    """The file (anything but a folder) standing at `folder` or above it, where a folder must be; None if none.

    mkdir then fails with "File exists" or "Not a directory", which names neither the file nor
    what to do; callers name it instead.
    """
    for candidate in (folder, *folder.parents):
        try:
            st = os.stat(candidate)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return None  # no permission to look: mkdir will say so itself
        return None if stat.S_ISDIR(st.st_mode) else candidate
    return None


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
    """Write a temp file in the same folder, fsync, rename it over `path`; raises OSError.

    A symlink is followed and its target replaced (a feeds.toml linked from a dotfiles repository
    stays linked); a device, FIFO or socket is refused (NotARegularFile): renaming over one would
    put a plain file where /dev/null was. So is a file this user may not write (PermissionError):
    the rename needs only the folder, and would quietly replace a file made read-only to keep it.
    """
    path = replaceable_target(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # lazy: `reader fetch` reads feed files through this module and never writes one

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


def replaceable_target(path: Path) -> Path:
    """The regular file (or free name) that writing `path` replaces; raises NotARegularFile or IsADirectoryError."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(0, "is not a regular file (a device, pipe or socket)")
    return target


def _keep_owner(tmp: str, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group where we may: root may set both, others their groups."""
    mine = os.stat(tmp)
    uid = old.st_uid if old.st_uid != mine.st_uid and os.geteuid() == 0 else -1
    gid = old.st_gid if old.st_gid != mine.st_gid and (os.geteuid() == 0 or old.st_gid in os.getgroups()) else -1
    if uid != -1 or gid != -1:
        os.chown(tmp, uid, gid)
