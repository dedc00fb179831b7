"""The class store's file coming to be: what a host killed while creating a class leaves, and which of it
the next `class start` removes (never a live creator's build, never a file that is not a build)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.store.class_files import (
    LIVE_CREATOR_STALE_AFTER,
    UNKNOWN_CREATOR_STALE_AFTER,
    building_path,
    remove_stale_builds,
)
from game.store.classdb import CLASS_FILENAME, ClassConfig, ClassStore

CONFIG = ClassConfig("panjshir", 11, 4, None, "teacher", True, None, "sha")
posix_only = pytest.mark.skipif(os.name != "posix", reason="a creator's pid is asked about on POSIX only")


def dead_pid() -> int:
    """The pid of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def build(folder: Path, name: str, *, age: float = 0.0, siblings: tuple[str, ...] = ()) -> list[Path]:
    """A build's files named ``name`` (and ``name-wal`` …), last modified ``age`` seconds ago."""
    paths = [folder / name, *(folder / f"{name}{end}" for end in siblings)]
    when = time.time() - age
    for path in paths:
        path.write_bytes(b"SQLite format 3\x00")
        os.utime(path, (when, when))
    return paths


@posix_only
def test_a_build_whose_creator_is_gone_is_removed_at_once(tmp_path: Path) -> None:
    name = f".{CLASS_FILENAME}.{dead_pid()}-0123abcd.creating"
    build(tmp_path, name, siblings=("-wal", "-shm"))
    assert remove_stale_builds(tmp_path) == [name]
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_a_live_creators_build_is_left_to_it(tmp_path: Path) -> None:
    """A second host creating a class in the folder right now (here: this process, from another thread; and
    the test runner's parent, a process of this user) keeps its build, however slow it is."""
    ours = building_path(tmp_path).name
    parents = f".{CLASS_FILENAME}.{os.getppid()}-0123abcd.creating"
    build(tmp_path, ours, age=UNKNOWN_CREATOR_STALE_AFTER * 10, siblings=("-wal",))
    build(tmp_path, parents, age=UNKNOWN_CREATOR_STALE_AFTER * 10)
    assert remove_stale_builds(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 3
    # An hour on, the pid is taken to be another process's since: the build is abandoned.
    later = time.time() + LIVE_CREATOR_STALE_AFTER
    assert remove_stale_builds(tmp_path, now=later) == sorted([ours, parents])
    assert list(tmp_path.iterdir()) == []


def test_a_build_without_its_creators_pid_is_removed_after_a_minute(tmp_path: Path) -> None:
    """Names from before the pid was part of them: only age tells."""
    old = f".{CLASS_FILENAME}.0123abcd.creating"
    fresh = f".{CLASS_FILENAME}.4567cdef.creating"
    build(tmp_path, old, age=UNKNOWN_CREATOR_STALE_AFTER + 5, siblings=("-journal",))
    build(tmp_path, fresh, age=1)
    assert remove_stale_builds(tmp_path) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh]


@posix_only
def test_only_builds_are_touched(tmp_path: Path) -> None:
    """Files that merely look alike, a folder or a symlink with a build's name, and the class itself stay."""
    gone = dead_pid()
    others = [
        CLASS_FILENAME,
        f"{CLASS_FILENAME}-wal",
        f".{CLASS_FILENAME}.notes",
        f".{CLASS_FILENAME}.{gone}-0123abcd.creating.bak",
        f"{CLASS_FILENAME}.{gone}-0123abcd.creating",
    ]
    for name in others:
        (tmp_path / name).write_text("mine")
    (tmp_path / f".{CLASS_FILENAME}.{gone}-00000000.creating").mkdir()
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (tmp_path / f".{CLASS_FILENAME}.{gone}-11111111.creating").symlink_to(target)
    assert remove_stale_builds(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == len(others) + 3 and target.read_text() == "keep"


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="folders are fsynced where O_DIRECTORY exists")
def test_the_folder_is_fsynced_once_the_class_has_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite syncs the class's contents; the hard link that names it is the folder's, synced after it."""
    folder = tmp_path / "class"
    synced: list[bool] = []
    fsync = os.fsync

    def recording(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and info.st_ino == folder.stat().st_ino:
            synced.append((folder / CLASS_FILENAME).exists())
        fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    ClassStore.create(folder, CONFIG, 1.0).close()
    assert True in synced, synced
