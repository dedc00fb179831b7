"""Where the bundled packs live, and which scenes folder a run uses.

In a wheel the top-level ``scenes/`` and ``seeds/`` are shipped as ``game/content/``; in a source
checkout they sit beside the ``game`` package. ``--scenes`` or ``QUOTEBOUND_SCENES`` points elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_scenes() -> Path:
    """The packs that ship with the game."""
    installed = _PACKAGE / "content" / "scenes"
    return installed if installed.is_dir() else _PACKAGE.parent / "scenes"


def scenes_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The scenes folder: ``--scenes``, else ``QUOTEBOUND_SCENES``, else the bundled packs."""
    chosen = override or os.environ.get("QUOTEBOUND_SCENES")
    return Path(chosen).expanduser() if chosen else bundled_scenes()
