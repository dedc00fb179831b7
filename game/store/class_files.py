"""The class store's file coming to be: built under a hidden name, linked into place, and what a creator
killed half-way left behind swept away by the next ``class start``.

A class is built whole as ``DIR/.class.sqlite3.<pid>-<random>.creating`` (with SQLite's ``-wal``/``-shm``
beside it while it is open), then hard-linked to ``class.sqlite3`` (see
:meth:`game.store.classdb.ClassStore.create`). A host killed meanwhile leaves those hidden files; nothing
ever reads them, so they only take room and puzzle a teacher who lists the folder with hidden files shown.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from game.store import CLASS_FILENAME
from game.store.atomic import fsync_folder
from game.store.records import StoreError

CREATING = ".creating"
"""The ending of the name a class is built under."""
SIBLINGS = ("-wal", "-shm", "-journal")
"""SQLite's files beside a database, named after it."""
UNKNOWN_CREATOR_STALE_AFTER = 60.0
"""Seconds after which a build whose creator cannot be asked about (a name from before the pid was in it,
or a system without ``os.kill(pid, 0)``) is taken to be abandoned: a build takes milliseconds."""
LIVE_CREATOR_STALE_AFTER = 3600.0
"""Seconds after which a build is abandoned even though a process with its creator's pid runs: that pid
has been given to another process since (no class takes an hour to create)."""

_BUILD = re.compile(
    rf"\.{re.escape(CLASS_FILENAME)}\.(?:(?P<pid>\d+)-)?[0-9a-f]+{re.escape(CREATING)}"
    rf"(?P<sibling>{'|'.join(map(re.escape, SIBLINGS))})?"
)


def building_path(folder: Path) -> Path:
    """A fresh hidden name to build a class under in ``folder``: the creator's pid, then random hex."""
    return folder / f".{CLASS_FILENAME}.{os.getpid()}-{os.urandom(4).hex()}{CREATING}"


def remove_build(building: Path) -> None:
    """Remove a build and SQLite's files beside it, those that exist."""
    for path in (building, *(Path(f"{building}{end}") for end in SIBLINGS)):
        path.unlink(missing_ok=True)


def put_in_place(building: Path, target: Path, folder: Path) -> None:
    """Give the finished class its name; a class already there (two hosts at once) is kept, not replaced.

    The folder is fsynced after: SQLite syncs the file's contents, not the name it is given here, and a
    power cut could otherwise lose the class its students have started answering in.
    """
    try:
        os.link(building, target)  # fails when the name is taken, where a rename would replace it
    except FileExistsError:
        raise StoreError(f"{folder} already holds a class") from None
    except OSError as exc:
        if target.exists():
            raise StoreError(f"{folder} already holds a class") from None
        try:  # a file system without hard links: a rename, checked just before
            os.rename(building, target)
        except OSError as again:
            raise StoreError(f"cannot create {target}: {again.strerror or again}") from exc
    fsync_folder(folder)


def remove_stale_builds(folder: Path, *, now: float | None = None) -> list[str]:
    """Remove the builds in ``folder`` that no creator will finish; return their names.

    A build is removed with its ``-wal``/``-shm``/``-journal`` files when its creator (the pid in its name) is
    gone, or has been untouched for :data:`LIVE_CREATOR_STALE_AFTER` (that pid is someone else's now); a build
    whose creator cannot be asked, when untouched for :data:`UNKNOWN_CREATOR_STALE_AFTER`. A build of a live
    creator (a second host starting on the folder at this moment) is left to it. Only regular files with a
    build's name are touched; an error on one (gone already, not ours to delete) skips it.
    """
    now = time.time() if now is None else now
    groups: dict[str, list[os.DirEntry[str]]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _BUILD.fullmatch(entry.name)
        if match is not None:
            base = entry.name[: len(entry.name) - len(match["sibling"] or "")]
            groups.setdefault(base, []).append(entry)
    removed = []
    for base, files in sorted(groups.items()):
        try:
            if not all(entry.is_file(follow_symlinks=False) for entry in files):
                continue
            touched = max(entry.stat(follow_symlinks=False).st_mtime for entry in files)
        except OSError:
            continue
        match = _BUILD.fullmatch(base)
        assert match is not None
        pid = int(match["pid"]) if match["pid"] else None
        if not _abandoned(pid, now - touched):
            continue
        for entry in files:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
        removed.append(base)
    return removed


def _abandoned(pid: int | None, age: float) -> bool:
    alive = _creator_alive(pid)
    if alive is None:
        return age > UNKNOWN_CREATOR_STALE_AFTER
    return not alive or age > LIVE_CREATOR_STALE_AFTER


def _creator_alive(pid: int | None) -> bool | None:
    """Whether a process ``pid`` runs; None when that cannot be told here."""
    # Only on POSIX: os.kill(pid, 0) asks without signalling, where on Windows it would end the process.
    if pid is None or os.name != "posix":
        return None
    if pid == os.getpid():
        return True  # another thread of this process (the tests build classes in threads)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OSError, OverflowError):
        return None
    return True
