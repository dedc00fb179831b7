"""Fixtures for the Pilot tests (helpers live in ``pilot_helpers.py``)."""

from __future__ import annotations

import pytest
from pilot_helpers import UI_PACK

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.ui.app import QuoteboundApp


@pytest.fixture(autouse=True)
def _no_player_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start on the title screen as a guest; the players and resume tests (test_progress_*) ask again."""
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False)


@pytest.fixture(scope="session")
def ui_pack() -> Pack:
    """The snapshot tests' pack: one question of each type, with its own short article."""
    return load_pack(UI_PACK)
