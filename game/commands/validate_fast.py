"""``quotebound validate`` when nothing changed since the last run: print the verdict it gave then.

The last verdict of each ``validate`` command line (its exact arguments, the working folder, the game's
version and ``QUOTEBOUND_SCENES``) is kept in the cache folder with the size and ``mtime_ns`` of every
file and folder it read: the folders looked in (a pack added or removed changes a folder's mtime), each
pack's ``pack.yaml``, content files and article. :func:`replay` runs before the command line is parsed
and imports nothing but ``os``, ``sys`` and ``zlib``: no argparse, msgspec, hashlib or YAML. Any doubt
(no record, another version, a changed size or mtime, a missing file, a damaged record) returns None and
the full validation runs, which then records its verdict (:func:`record`). A CRC-32 of the record
catches a truncated or damaged one.

A file changed within the same timestamp tick as the run that checked it could keep its mtime, so a
verdict is not recorded while any file it read is younger than :data:`SETTLE_NS` (as git does with its
"racily clean" entries).
"""

from __future__ import annotations

import os
import sys
import zlib

MAGIC = "quotebound-validate-1"
SETTLE_NS = 2_000_000_000
"""A verdict is recorded only when every file it read is older than this (2 s: FAT's mtime tick)."""
_SEP = "\0"  # never in a path; outputs holding it are not recorded


def cache_dir() -> str | None:
    """:func:`game.paths.cache_dir` without importing pathlib (tests check they agree); None: no cache
    (``QUOTEBOUND_CACHE`` set but empty), or a platform where only platformdirs knows the folder."""
    raw = os.environ.get("QUOTEBOUND_CACHE")
    if raw is not None:
        return os.path.expanduser(raw) if raw else None
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return os.path.join(base, "quotebound")


def _key(argv: list[str]) -> list[str]:
    from game import code_stamp

    return [MAGIC, code_stamp(), os.getcwd(), os.environ.get("QUOTEBOUND_SCENES", ""), str(len(argv)), *argv]


def _record_path(folder: str, key: list[str]) -> str:
    name = zlib.crc32(_SEP.join(key).encode("utf-8", "surrogateescape"))
    return os.path.join(folder, f"validate-{name:08x}.rec")


def replay(argv: list[str]) -> int | None:
    """Print the recorded verdict of ``quotebound validate ARGV`` and return its status, or None when
    there is none that still holds (then nothing was printed)."""
    folder = cache_dir()
    if folder is None:
        return None
    key = _key(argv)
    try:
        with open(_record_path(folder, key), "rb") as handle:
            raw = handle.read()
        body, _, check = raw.rpartition(_SEP.encode())
        if check != b"%08x" % zlib.crc32(body):  # a truncated or damaged record
            return None
        tokens = body.decode("utf-8", "surrogateescape").split(_SEP)
        if tokens[: len(key)] != key:
            return None
        at = len(key)
        status, count = int(tokens[at]), int(tokens[at + 1])
        at += 2
        for i in range(at, at + 3 * count, 3):
            info = os.stat(tokens[i])
            if str(info.st_size) != tokens[i + 1] or str(info.st_mtime_ns) != tokens[i + 2]:
                return None
        out, err = tokens[at + 3 * count :]
    except (OSError, ValueError, IndexError):
        return None
    sys.stdout.write(out)
    sys.stdout.flush()
    sys.stderr.write(err)
    return status


def record(argv: list[str], files: list[str], status: int, out: str, err: str) -> None:
    """Keep the verdict of a full ``validate`` run that read ``files`` (folders included)."""
    folder = cache_dir()
    if folder is None or _SEP in out or _SEP in err:
        return
    import time

    settled = time.time_ns() - SETTLE_NS
    stats: list[str] = []
    try:
        for name in files:
            info = os.stat(name)
            if info.st_mtime_ns > settled:
                return
            stats += [name, str(info.st_size), str(info.st_mtime_ns)]
        key = _key(argv)
        text = _SEP.join([*key, str(status), str(len(files)), *stats, out, err])
        body = text.encode("utf-8", "surrogateescape")
        target = _record_path(folder, key)
        os.makedirs(folder, exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(body + b"%s%08x" % (_SEP.encode(), zlib.crc32(body)))
        os.replace(tmp, target)  # atomic: a reader sees the old record or the new
    except OSError:
        return
