"""The live class's wake-up channel (game.classroom.wakeup): the host's one byte reaches every listening game,
dead sockets are removed, a path too long for a Unix socket is never used, and where there is no channel the
games are left to poll."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from game.classroom import wakeup
from game.classroom.wakeup import Listener, wake_all, wake_folder

pytestmark = pytest.mark.skipif(not wakeup.available(), reason="no Unix datagram sockets here")


@pytest.fixture
def root(tmp_path: Path) -> tuple[str, ...]:
    """A short private root for the sockets (pytest's tmp_path may be too long for one)."""
    return (str(tmp_path),) if len(str(tmp_path)) < 60 else ("/tmp",)


def test_a_wake_up_reaches_every_listener_once(tmp_path: Path, root: tuple[str, ...]) -> None:
    store = tmp_path / "class" / "class.sqlite3"
    games = [Listener.open(store, roots=root) for _ in range(3)]
    try:
        assert all(games)
        assert [g.drain() for g in games if g] == [0, 0, 0]
        assert wake_all(store, roots=root) == 3
        assert [g.wait(5.0) for g in games if g] == [True, True, True]
        assert [g.drain() for g in games if g] == [1, 1, 1]
        assert [g.drain() for g in games if g] == [0, 0, 0]
    finally:
        for game in games:
            if game is not None:
                game.close()


def test_another_class_is_not_woken(tmp_path: Path, root: tuple[str, ...]) -> None:
    mine = Listener.open(tmp_path / "a" / "class.sqlite3", roots=root)
    assert mine is not None
    try:
        assert wake_all(tmp_path / "b" / "class.sqlite3", roots=root) == 0
        assert mine.drain() == 0
    finally:
        mine.close()


def test_one_folder_whatever_the_spelling_of_the_store_path(tmp_path: Path, root: tuple[str, ...]) -> None:
    (tmp_path / "class").mkdir()
    plain = tmp_path / "class" / "class.sqlite3"
    roundabout = tmp_path / "class" / ".." / "class" / "class.sqlite3"
    assert wake_folder(plain, roots=root) == wake_folder(roundabout, roots=root)


def test_a_clean_exit_leaves_no_file(tmp_path: Path, root: tuple[str, ...]) -> None:
    store = tmp_path / "class.sqlite3"
    folder = wake_folder(store, roots=root)
    assert folder is not None
    first, second = Listener.open(store, roots=root), Listener.open(store, roots=root)
    assert first is not None and second is not None
    assert folder.stat().st_mode & 0o777 == 0o700
    first.close()
    assert sorted(folder.iterdir()) == [second.path]
    second.close()
    second.close()  # twice is harmless
    assert not folder.exists()


def test_a_killed_games_socket_is_removed_by_the_next_send(tmp_path: Path, root: tuple[str, ...]) -> None:
    """A game killed leaves its socket file, bound by nobody: the host's next wake-up removes it."""
    store = tmp_path / "class.sqlite3"
    alive, killed = Listener.open(store, roots=root), Listener.open(store, roots=root)
    assert alive is not None and killed is not None
    try:
        killed.sock.close()  # as a SIGKILL would: the file stays
        assert killed.path.exists()
        assert wake_all(store, roots=root) == 1
        assert not killed.path.exists()
        assert alive.drain() == 1
    finally:
        alive.close()
    # Only dead games left: the send removes them, and the folder with them.
    dead = Listener.open(store, roots=root)
    assert dead is not None
    dead.sock.close()
    assert wake_all(store, roots=root) == 0
    assert not dead.path.parent.exists()


def test_a_long_temporary_folder_is_passed_over(tmp_path: Path, root: tuple[str, ...]) -> None:
    """sun_path holds 108 bytes: a root too long for a socket's path is skipped for the next, and with no
    root short enough there is no channel (the games poll), never an error."""
    store = tmp_path / "class.sqlite3"
    long_root = str(tmp_path / ("x" * 120))
    folder = wake_folder(store, roots=(long_root, *root))
    assert folder is not None and str(folder).startswith(root[0])
    assert wake_folder(store, roots=(long_root,)) is None
    assert Listener.open(store, roots=(long_root,)) is None
    assert wake_all(store, roots=(long_root,)) == 0
    listener = Listener.open(store, roots=(long_root, *root))
    assert listener is not None
    try:
        assert len(os.fsencode(listener.path)) <= wakeup.MAX_PATH
        assert wake_all(store, roots=(long_root, *root)) == 1
    finally:
        listener.close()


def test_a_folder_that_is_not_private_is_not_used(tmp_path: Path, root: tuple[str, ...]) -> None:
    """Someone else's folder (here: one open to all) under the class's name: no channel, the games poll."""
    store = tmp_path / "class.sqlite3"
    folder = wake_folder(store, roots=root)
    assert folder is not None
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    try:
        assert Listener.open(store, roots=root) is None
    finally:
        folder.rmdir()


def test_no_unix_sockets_means_no_channel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where AF_UNIX is missing (Windows), nothing listens and nothing is sent: the games poll as before."""
    monkeypatch.delattr(socket, "AF_UNIX")
    assert not wakeup.available()
    assert Listener.open(tmp_path / "class.sqlite3") is None
    assert wake_all(tmp_path / "class.sqlite3") == 0

