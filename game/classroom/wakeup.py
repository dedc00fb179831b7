"""Waking the students' games the moment the class moves on, instead of waiting for their next look.

The class store stays the only truth: a wake-up says nothing but "look at the store now". Each student game
binds a Unix datagram socket (:class:`Listener`) in a folder of the class's own (:func:`wake_folder`, under
the temporary folder, named from a hash of the class store's path and the user id); the host, after it has
committed a change of the class state, sends one byte to every socket there (:func:`wake_all`) and removes
those that refuse it (a game that was killed left its socket file behind). A game still looks at the store
now and then (a lost wake-up only delays a release), and one that cannot listen (no ``AF_UNIX``, the folder
not ours, a path too long) keeps looking as often as before.

Only games of the same user as the host are woken (the folder is private to that user); a student joining
from a terminal as another user keeps polling. Issue 16: with thirty browsers on two cores, thirty games
polling every 50 ms cost a tenth of the machine and added ~25 ms on average to each release.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import select
import socket
import stat
import tempfile
from pathlib import Path

WOKEN_POLL_SECONDS = 0.5
"""How often a student's game the host has woken once still looks at the class store by itself (the full-
screen game and the plain one alike): only a lost wake-up waits for it, and the heartbeat (every
:data:`~game.classroom.rules.HEARTBEAT_SECONDS`) stays on time; thirty idle games cost a tenth of the CPU
they did polling every 50 ms."""
MAX_PATH = 100
"""The longest socket path used (bytes): ``sun_path`` holds 108 on Linux, 104 on macOS, with its NUL."""
_SUFFIX = ".s"
_PING = b"!"
_NAME = re.compile(r"[0-9]+-[0-9a-f]{8}\.s")
"""A socket's name: the game's pid and 8 random hex digits."""


def available() -> bool:
    """Whether this platform has Unix datagram sockets (Windows has none)."""
    return hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def wake_folder(store_path: Path, *, roots: tuple[str, ...] | None = None) -> Path | None:
    """The folder of ``store_path``'s class sockets: the first root where a socket's path fits.

    Every process of the class computes the same folder from the same store (its real path, so two spellings
    of one folder agree). None when no root gives a short enough path.
    """
    if not available():
        return None
    real = os.path.realpath(store_path)
    digest = hashlib.sha256(f"{os.getuid()}\0{real}".encode()).hexdigest()[:16]
    for root in roots if roots is not None else (tempfile.gettempdir(), "/tmp"):
        folder = Path(root) / f"qb-{digest}"
        # A socket's longest name: the pid, 8 random hex digits and the suffix.
        longest = len(os.fsencode(folder / f"{2**22}-{'0' * 8}{_SUFFIX}"))
        if longest <= MAX_PATH:
            return folder
    return None


def _own_folder(folder: Path) -> bool:
    """Make ``folder`` (private) or accept it when it is already ours: a folder, ours, private, no link."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    # Another user may have made the name first, or a link to elsewhere: then this class polls.
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


class Listener:
    """A student game's socket: readable when the host says the class has moved on."""

    def __init__(self, sock: socket.socket, path: Path) -> None:
        self.sock = sock
        self.path = path
        self.closed = False

    @classmethod
    def open(cls, store_path: Path, *, roots: tuple[str, ...] | None = None) -> Listener | None:
        """Bind a socket for the class of ``store_path``; None where it cannot be done (the game polls)."""
        folder = wake_folder(store_path, roots=roots)
        if folder is None:
            return None
        for _attempt in range(3):  # the last game leaving removes the folder: make it again
            if not _own_folder(folder):
                return None
            path = folder / f"{os.getpid()}-{os.urandom(4).hex()}{_SUFFIX}"
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            try:
                sock.bind(os.fspath(path))
            except FileNotFoundError:
                sock.close()
                continue
            except OSError:
                sock.close()
                return None
            sock.setblocking(False)
            return cls(sock, path)
        return None

    def fileno(self) -> int:
        return self.sock.fileno()

    def drain(self) -> int:
        """Read every wake-up waiting, without waiting (a burst means one look); how many there were."""
        count = 0
        while True:
            try:
                data = self.sock.recv(64)
            except OSError:  # BlockingIOError: none left; others: closed meanwhile
                return count
            if not data:
                return count
            count += 1

    def wait(self, timeout: float) -> bool:
        """Block (a thread) until a wake-up is waiting, for at most ``timeout`` seconds: whether one is."""
        try:
            ready, _, _ = select.select([self.sock], [], [], timeout)
        except (OSError, ValueError):  # closed meanwhile
            return False
        return bool(ready) and not self.closed

    def close(self) -> None:
        """Remove the socket (and the folder, once no game is left in it)."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(OSError):
            self.path.unlink()
        self.sock.close()
        with contextlib.suppress(OSError):
            self.path.parent.rmdir()  # refused while another game's socket is there


def wake_all(store_path: Path, *, roots: tuple[str, ...] | None = None) -> int:
    """Tell every game listening on ``store_path``'s class to look at the store; how many were told.

    A socket nobody reads (its game was killed) is removed; a game whose queue is full is not counted (it
    has wake-ups waiting already).
    """
    folder = wake_folder(store_path, roots=roots)
    if folder is None:
        return 0
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if _NAME.fullmatch(entry.name))
    except OSError:
        return 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
        sender.setblocking(False)
        woken = sum(_send(sender, folder, name) for name in names)
    if not names or not woken:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only dead games were there: leave nothing behind (refused if one just came)
    return woken


def _send(sender: socket.socket, folder: Path, name: str) -> bool:
    """Wake socket ``name``; whether the wake-up went. A socket nobody reads is removed."""
    path = os.path.join(folder, name)
    try:
        sender.sendto(_PING, path)
        return True
    except (BlockingIOError, InterruptedError):
        return False  # its queue is full: it has wake-ups waiting
    except OSError as exc:
        if exc.errno in (errno.ECONNREFUSED, errno.ENOTSOCK):
            with contextlib.suppress(OSError):
                os.unlink(path)
        return False
