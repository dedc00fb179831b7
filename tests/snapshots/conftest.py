"""Snapshot-test settings: no blinking cursor, so a screenshot never catches it half-way; no player prompt."""

from __future__ import annotations

import pytest

from game.ui.app import QuoteboundApp


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "CURSOR_BLINK", False)


@pytest.fixture(autouse=True)
def _no_player_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start on the title screen, as a guest (the progress snapshots name a player themselves)."""
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False)
