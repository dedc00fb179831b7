"""Fixtures for the Pilot tests (helpers live in ``pilot_helpers.py``)."""

from __future__ import annotations

import pytest
from pilot_helpers import UI_PACK

from game.engine.loader import Pack, load_pack


@pytest.fixture(scope="session")
def ui_pack() -> Pack:
    """The snapshot tests' pack: one question of each type, with its own short article."""
    return load_pack(UI_PACK)
