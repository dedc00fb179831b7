"""Atomic file writes: a reader sees the old file or the whole new one, never a torn one.

A plain overwrite killed mid-write leaves a corrupt file (HAZARDS.md saw it 21 times in 25), and a class's
results folder is often a network share several games write to at once. So every write goes to a temporary
file in the same folder (``os.replace`` is only atomic within one file system), is flushed and fsynced, then
renamed over the target; the folder is fsynced too, so the rename itself survives a power cut.

Temporary files are named ``.quotebound-<random>-<target>.tmp``. A crash can leave one behind;
:func:`remove_stale_temps` clears those at start, but only once they are old enough that no other game
(on another machine sharing the folder) can still be writing them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

TEMP_PREFIX = ".quotebound-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER = 15 * 60.0
"""Seconds after which a temporary file is taken to be left over from a crash."""


def fsync_folder(folder: Path) -> None:
    """Make a name just given in ``folder`` (a rename, a hard link) survive a power cut, where the system can.

    POSIX only: a folder is opened with ``O_DIRECTORY``; where that is missing (Windows cannot open a folder
    for fsync) the new name is all we get.
    """
    directory = getattr(os, "O_DIRECTORY", None)
    if directory is None:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | directory)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_path_for(target: Path) -> Path:
    """A fresh temporary name beside ``target``, recognisable by :func:`remove_stale_temps`."""
    return target.with_name(f"{TEMP_PREFIX}{os.urandom(4).hex()}-{target.name}{TEMP_SUFFIX}")


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically, replacing any file already there.

    Args:
        target: the file to write; its folder must exist.
        data: the whole new content.

    Returns:
        The target path.

    Raises:
        OSError: when the folder is not writable or the disk is full; the target is then unchanged and
            no temporary file is left behind.
    """
    path = Path(target)
    temp = temp_path_for(path)
    try:
        # O_EXCL: never write through a file (or symlink) someone else put at our temporary name.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        # Any failure (KeyboardInterrupt too) leaves the target as it was and no temporary file.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)
    return path


class OutputError(OSError):
    """The named output exists but cannot be written as asked (a folder, a symlink to nothing)."""


def _write_through(path: Path, data: bytes) -> None:
    # A device, FIFO or the like is written into, never replaced. O_NONBLOCK so a FIFO nobody reads
    # fails at once (ENXIO) instead of hanging; then blocking again, so a slow reader gets every byte.
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_output(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to a file the user named, without ever replacing something that is not a file.

    A missing target or a regular file is written atomically (:func:`write_bytes`). A symlink is never
    replaced: the file it leads to is written atomically in its own folder, or written through when it
    is a device or FIFO (``/dev/stdout``). Any other existing non-file (``/dev/null``, a FIFO) is written
    through. A folder, or a symlink leading nowhere, is refused.

    Raises:
        OSError: :class:`OutputError` for a target refused, else the system's error.
    """
    path = Path(target)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return write_bytes(path, data)
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError as exc:
            message = f"it is a symlink to something that cannot be opened ({exc.strerror or exc})"
            raise OutputError(errno.EINVAL, message, str(path)) from None
        if stat.S_ISREG(info.st_mode):
            write_bytes(os.path.realpath(path), data)
            return path
    if stat.S_ISREG(info.st_mode):
        return write_bytes(path, data)
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(errno.EISDIR, "it is a folder", str(path))
    _write_through(path, data)
    return path


def write_text(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``target`` atomically (newlines are written as ``\\n`` everywhere)."""
    return write_bytes(target, text.encode("utf-8"))


def remove_stale_temps(folder: str | os.PathLike[str], *, older_than: float = STALE_AFTER) -> int:
    """Delete this program's temporary files left in ``folder`` by a crash.

    Args:
        folder: the folder to tidy; a missing folder is fine.
        older_than: only files last modified at least this many seconds ago are removed, so a write in
            progress elsewhere (another student's game on a shared folder) is never broken.

    Returns:
        How many files were removed.
    """
    removed = 0
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime <= cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # gone already, or not ours to delete
    return removed
