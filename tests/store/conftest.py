"""Fixtures for the store tests: a private data folder per test, a fixed clock, an open store.

The autouse fixture repeats the top-level isolation on purpose, so these tests stay off the real user folder
even when run alone (`--confcutdir tests/store`) while the rest of the suite is broken or mid-rewrite.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.store.db import ProgressStore

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
"""A Monday noon, UTC: the tests' clock starts here."""


@pytest.fixture(autouse=True)
def _private_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "env-data"
    monkeypatch.setenv("QUOTEBOUND_DATA", str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The folder the `store` fixture uses (created by the store)."""
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Iterator[ProgressStore]:
    """A fresh store; a short busy timeout keeps the lock tests fast."""
    with ProgressStore(data, busy_timeout_ms=100, now=T0) as opened:
        yield opened
