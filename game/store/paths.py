"""Where quotebound keeps player data: `--data-dir`, else `$QUOTEBOUND_DATA`, else the platform folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "quotebound"
ENV_VAR = "QUOTEBOUND_DATA"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder, creating it if missing.

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
    elif os.environ.get(ENV_VAR):
        raw = os.environ[ENV_VAR]
    else:
        # appauthor=False: on Windows this gives ...\quotebound, not ...\quotebound\quotebound.
        raw = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    # Resolve now so a later chdir cannot move the folder under a running game.
    path = Path(raw).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
