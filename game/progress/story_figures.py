"""What a finished story run and a scenario's endings read as in stats: ending titles, never ids.

A story run is not a quiz: its history line gives the ending reached, the ending's kind and how many
choices led there (its answers are choices, not right or wrong answers). The ending is read from the
run's saved state (the scene it stopped on is the ending's id) and named from the loaded pack.
"""

from __future__ import annotations

import json
from typing import Any

from msgspec import Struct

from game.engine.content.pack import Pack
from game.store.records import HistoryRow


class StoryResult(Struct, frozen=True):
    """How a finished story run ended; ``title`` and ``kind`` are empty when the ending is not known."""

    title: str
    kind: str
    choices: int


def story_result(row: HistoryRow, pack: Pack | None) -> StoryResult:
    """The ending ``row`` (a finished story run) reached, by its title, and the choices made."""
    ending = _ending(row.state_json, pack)
    title = str(getattr(ending, "title", "")) if ending is not None else ""
    kind = str(getattr(ending, "kind", "")) if ending is not None else ""
    return StoryResult(title, kind, row.n_answered)


def result_text(row: HistoryRow, result: StoryResult | None) -> str:
    """A history line's result: ``9/10 right`` for a round; ``Doubted (bad), 9 choices`` for a story."""
    if result is None:
        return f"{row.n_right}/{row.n_answered} right"
    choices = f"{result.choices} choice{'s' if result.choices != 1 else ''}"
    if not result.title:
        return choices
    return f"{result.title} ({result.kind}), {choices}"


def ending_titles(scenario: Any, found: tuple[str, ...]) -> tuple[str, ...]:
    """The titles of the endings ``found`` (ids) of ``scenario``, in the order given."""
    endings = scenario.endings
    return tuple(endings[e].title for e in found if e in endings)


def _ending(state_json: str, pack: Pack | None) -> Any:
    if pack is None or not state_json:
        return None
    try:
        state = json.loads(state_json)
    except ValueError:  # a damaged state: the run is still listed, without its ending
        return None
    if not isinstance(state, dict):
        return None
    for scenario in pack.scenarios:
        if scenario.id == state.get("scenario"):
            return scenario.endings.get(state.get("scene"))
    return None
