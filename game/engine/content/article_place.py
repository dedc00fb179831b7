"""Where a pack's article may live, and resolving ``article:`` to that place.

A pack names its article with a path relative to ``pack.yaml``. Left unchecked that path could point at
any file the game can read (``/etc/passwd``, ``/proc/self/environ``, a symlink out of the pack), whose
predictable text would pass the quote check and then be shown in the article reader, to every browser
under ``serve``. So, after every symlink is followed, the article must lie inside the pack's own folder or
inside ``<pack folder>/../../seeds/``: the layout ``quotebound new`` writes and the wheel ships. The
place decides, not the file type: ``/proc/self/environ`` is a regular file, and it is refused because of
where it is.
"""

from __future__ import annotations

import os
from pathlib import Path

SEEDS = Path("..") / ".." / "seeds"
"""The shared articles folder, relative to a pack folder."""


class ArticlePlaceError(Exception):
    """The article path cannot be resolved, or resolves outside the places an article may live."""


def _real(path: Path) -> Path:
    # Path.resolve() raises RuntimeError("Symlink loop …") on Python 3.11, OSError elsewhere; strict=False
    # so a missing file is reported when it is opened, with the system's own words.
    try:
        return path.resolve()
    except RuntimeError:
        raise ArticlePlaceError("it is a symlink loop") from None
    except OSError as exc:
        raise ArticlePlaceError(f"cannot resolve it: {exc.strerror or exc}") from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def resolve_article(folder: Path, article: str) -> Path:
    """The real path of a pack's article, once checked to lie where an article may.

    Args:
        folder: the pack folder (the one holding ``pack.yaml``).
        article: the ``article:`` value, relative to ``folder``.

    Raises:
        ArticlePlaceError: with a message that completes "the article 'x' …".
    """
    path = _real(folder / article)
    pack_folder = _real(folder)
    seeds = _real(folder / SEEDS)
    if not (_inside(path, pack_folder) or _inside(path, seeds)):
        raise ArticlePlaceError(
            f"is outside the pack: it resolves to {os.fspath(path)!r}; an article must be inside the pack "
            f"folder or in {SEEDS.as_posix()}/ (relative to pack.yaml)"
        )
    return path


__all__ = ["SEEDS", "ArticlePlaceError", "resolve_article"]
