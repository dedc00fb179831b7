"""Settings for the hardening tests: a crash is reported fast.

``hardening_packs.py`` beside this file is imported by plain name (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import pytest
from textual.app import App


@pytest.fixture(autouse=True)
def _quick_crash_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip Textual's crash report: it renders every frame's locals (whole packs), seconds per crash.

    The crash itself is unchanged: the return code and the exception are set before this runs.
    """
    monkeypatch.setattr(App, "_fatal_error", lambda self: self._close_messages_no_wait())
