"""Where quotebound's files live: the packs it plays and the player's data folder.

* Packs: in a wheel the top-level ``scenes/`` and ``seeds/`` are shipped as ``game/content/``; in a source
  checkout they sit beside the ``game`` package. ``--scenes`` or ``QUOTEBOUND_SCENES`` points elsewhere.
* Player data (the progress database, unsent class results): ``--data-dir``, else ``$QUOTEBOUND_DATA``,
  else the platform's user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

APP_NAME = "quotebound"
DATA_ENV_VAR = "QUOTEBOUND_DATA"
CACHE_ENV_VAR = "QUOTEBOUND_CACHE"


def bundled_scenes() -> Path:
    """The packs that ship with the game."""
    installed = _PACKAGE / "content" / "scenes"
    return installed if installed.is_dir() else _PACKAGE.parent / "scenes"


def scenes_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The scenes folder: ``--scenes``, else ``QUOTEBOUND_SCENES``, else the bundled packs."""
    chosen = override or os.environ.get("QUOTEBOUND_SCENES")
    return Path(chosen).expanduser() if chosen else bundled_scenes()


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the player's data folder, creating it if missing.

    Args:
        override: The `--data-dir` command-line value; wins over the environment.

    Returns:
        An absolute path: `override`, else `$QUOTEBOUND_DATA`, else
        `platformdirs.user_data_dir("quotebound")`. Empty strings count as unset, so `QUOTEBOUND_DATA=`
        does not write into the current folder.
    """
    raw: str | os.PathLike[str]
    if override is not None and os.fspath(override) != "":
        raw = override
    elif os.environ.get(DATA_ENV_VAR):
        raw = os.environ[DATA_ENV_VAR]
    else:
        # Imported here: commands that only read packs (validate, export) never need it.
        import platformdirs

        # appauthor=False: on Windows this gives ...\quotebound, not ...\quotebound\quotebound.
        raw = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    # Resolve now so a later chdir cannot move the folder under a running game.
    path = Path(raw).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path | None:
    """Where validated packs are cached (:mod:`game.engine.pack_cache`): ``$QUOTEBOUND_CACHE``, else the
    platform's user cache folder; None when ``QUOTEBOUND_CACHE`` is set but empty (no cache)."""
    raw = os.environ.get(CACHE_ENV_VAR)
    if raw is not None:
        return Path(raw).expanduser() if raw else None
    import sys

    if sys.platform.startswith("linux"):
        # What platformdirs.user_cache_dir gives on Linux, without importing it (validate's fast path).
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / APP_NAME
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
