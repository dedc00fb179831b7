"""Snapshot-test settings: no blinking cursor, so a screenshot never catches it half-way."""

from __future__ import annotations

import pytest

from game.ui.app import QuoteboundApp


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "CURSOR_BLINK", False)
