"""A story run as saved: the steps it records, and restoring a saved state against its scenario.

:class:`game.engine.story.run.StoryRun` writes its state with ``to_json`` after every choice; resuming
checks every name in it against the scenario as it is now (a scene, choice or variable may have
changed since), so a run that no longer fits is refused rather than played wrong.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from game.engine.story.conditions import Value
from game.engine.story.model import Scenario

RestoredState = tuple[str, dict[str, Value], dict[str, int], list["Step"], int]
"""Scene, variables, visits, path and score."""


class Step(Struct, frozen=True):
    """One choice made, as saved: enough to show its outcome again, and to say what it cost."""

    scene: str
    choice: int
    target: str
    points: int
    changes: tuple[tuple[str, Value, Value], ...] = ()
    best: int | None = None
    """The most points any choice open at that moment would have earned (None in runs saved before
    it was recorded); ``best - points`` is what this choice cost."""



def restore_state(scenario: Scenario, state: dict[str, Any]) -> RestoredState:
    """The scene, variables, visits, path and score saved in ``state``, each checked against ``scenario``.

    Raises:
        ValueError: when a name in it no longer fits the scenario; KeyError, TypeError or IndexError
            when the state is damaged (the caller turns those into a ValueError too).
    """
    changed = "the scenario has changed since this run was saved"
    scene = state["scene"]
    if scene not in scenario.scenes and scene not in scenario.endings:
        raise ValueError(f"{changed}: it has no scene {scene!r}")
    variables = state["variables"]
    if set(variables) != set(scenario.variables):
        raise ValueError(f"{changed}: its variables differ")
    for name, value in variables.items():
        if (scenario.variables[name].type == "bool") != isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{changed}: variable {name!r} has the wrong type")
    visits = state["visits"]
    for name, count in visits.items():
        if name not in scenario.scenes or not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"{changed}: it has no scene {name!r}")
    path = []
    for entry in state["path"]:
        step = Step(
            entry["scene"],
            entry["choice"],
            entry["target"],
            int(entry["points"]),
            tuple((str(n), b, a) for n, b, a in entry["changes"]),
            _best(entry.get("best")),
        )
        choices = scenario.scenes[step.scene].choices if step.scene in scenario.scenes else []
        if not isinstance(step.choice, int) or not 0 <= step.choice < len(choices):
            raise ValueError(f"{changed}: scene {step.scene!r} has no choice {step.choice!r}")
        if choices[step.choice].target != step.target:
            raise ValueError(f"{changed}: a choice of scene {step.scene!r} leads elsewhere now")
        path.append(step)
    score = state["score"]
    if not isinstance(score, int) or isinstance(score, bool):
        raise ValueError("the saved score is not a number")
    return scene, {name: variables[name] for name in scenario.variables}, dict(visits), path, score


def _best(value: object) -> int | None:
    """A saved ``best`` (absent from runs saved before it was recorded)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("the saved run is damaged: a choice's best points is not a number")
    return value
