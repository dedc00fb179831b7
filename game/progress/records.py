"""The plain values progress hands to front ends: notices, runs to resume, where class results went.

Also re-exports the store's :data:`Mode`, so the UI and the plain mode name a run's mode without importing
the store.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

from game.store.records import Mode, RunInfo

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryRun

__all__ = ["Mode", "Notice", "Resumable", "SavedResults", "Severity"]

Severity = Literal["information", "warning", "error"]


# msgspec Structs, not dataclasses: defining a dataclass compiles its methods, ~3M instructions each at
# start (see benchmarks/RESULTS.md); a Struct's are built in C.
class Notice(Struct, frozen=True):
    """Something the player should be told (the TUI notifies it, the plain mode prints it)."""

    message: str
    severity: Severity = "warning"


class Resumable(Struct, frozen=True):
    """An unfinished run, checked against the pack and restored, ready to continue."""

    info: RunInfo
    run: QuizRun | StoryRun
    label: str
    """``Resume round (3/7 answered)``."""
    started: datetime

    @property
    def mode(self) -> Mode:
        return self.info.mode


class SavedResults(Struct):
    """Where a class results file went, and what the player should hear about it."""

    path: Path | None
    notices: list[Notice] = field(default_factory=list)
