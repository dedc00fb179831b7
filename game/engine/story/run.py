"""The story runtime: a choose-your-path scenario played one choice at a time, with no UI.

A :class:`StoryRun` is driven the same way by the TUI, the playtest walk and the tests (the ink model:
read the scene and :meth:`StoryRun.choices`, call :meth:`StoryRun.choose`, show the returned
:class:`StoryOutcome`). Closed choices come with the reason they are closed. The state serialises to
JSON after every choice and is restored exactly by :meth:`StoryRun.from_json`.
"""

from __future__ import annotations

import random
import zlib
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from game.engine.story.conditions import Value, explain
from game.engine.story.model import Choice, Ending, Scenario, Scene, Variable
from game.engine.story.saved import Step, restore_state

if TYPE_CHECKING:
    from game.engine.content.pack import Pack, QuoteRef

STATE_VERSION = 1


def scenarios(pack: Pack) -> list[Scenario]:
    """The pack's scenarios, in load order."""
    return list(pack.scenarios)


def find_scenario(pack: Pack, scenario_id: str) -> Scenario:
    """The scenario with this id (KeyError if none)."""
    # Pack.scenarios is list[Any]: content cannot name the story's types (the import contracts).
    scenarios: list[Scenario] = pack.scenarios
    for scenario in scenarios:
        if scenario.id == scenario_id:
            return scenario
    raise KeyError(scenario_id)


def shown_order(scenario_id: str, scene: Scene) -> list[int]:
    """The file positions of ``scene``'s choices in the order players see them.

    Authors tend to write the careful choice first (it was first in 17 of the Panjshir stories' 21
    scenes), so the game shuffles, as it does a question's options. The order is seeded by the
    scenario's and scene's ids, not by the run: every player and every visit sees the same order, a
    saved run needs nothing more to resume, and a class can talk about "choice 2" together.
    """
    order = list(range(len(scene.choices)))
    if scene.shuffle and len(order) > 1:
        random.Random(zlib.crc32(f"{scenario_id}/{scene.id}".encode())).shuffle(order)
    return order


# Frozen Structs rather than dataclasses (the same fields, equality and hashing): the game imports this
# module at start, and creating dataclasses cost it time and memory.
class ChoiceView(Struct, frozen=True):
    """A choice as the player sees it now."""

    index: int
    """0-based position as shown; pass it to :meth:`StoryRun.choose` (keys show ``index + 1``)."""
    authored: int
    """0-based position in the scenario file (what saved paths, coverage and the graph use)."""
    label: str
    open: bool
    reason: str | None
    """Why a closed choice is closed (``needs supplies ≥ 2 (supplies is 1)``); None when open."""
    taken: bool
    """Whether this run has taken this choice before (it may loop back here)."""


class Change(Struct, frozen=True):
    """One variable changed by a choice."""

    name: str
    label: str
    before: Value
    after: Value


class Slip(Struct, frozen=True):
    """A choice the player made that earned fewer points than another open at the time: the debrief
    lists each with the quotes that explain it, so an ending speaks of the choices actually made."""

    scene_title: str
    """The scene's title (empty when it has none)."""
    label: str
    """The choice, as the player saw it."""
    points: int
    best: int
    quotes: list[QuoteRef]
    """The quotes of the choice's feedback."""

    @property
    def cost(self) -> int:
        return self.best - self.points

    @property
    def quoted(self) -> str:
        """The choice in quotation marks, unless its label already is a quotation."""
        return self.label if self.label[:1] in "\"“'‘" else f"“{self.label}”"


class StoryOutcome(Struct, frozen=True):
    """What making one choice produced."""

    scene_id: str
    """The scene the choice was made in."""
    choice_index: int
    """The choice's position in the scenario file (not as shown)."""
    label: str
    feedback: str | None
    quotes: list[QuoteRef]
    context: str | None
    points: int
    changes: list[Change]
    target: str
    ending: Ending | None
    """The ending reached by this choice, if it ended the story."""


class VarStatus(Struct, frozen=True):
    """A variable for the status line."""

    name: str
    label: str
    value: Value
    text: str
    """The value as shown: ``3``, ``yes``, ``no``."""


class StoryRun:
    """One playthrough of a scenario."""

    def __init__(self, pack: Pack, scenario: Scenario | str) -> None:
        """Start at the scenario's first scene.

        Args:
            pack: the loaded pack (for its quotes).
            scenario: a scenario of the pack, or its id.
        """
        self.pack = pack
        self.scenario = scenario if isinstance(scenario, Scenario) else find_scenario(pack, scenario)
        self.scene_id: str = self.scenario.start
        """The current scene; the ending's id once the story is over."""
        self.variables: dict[str, Value] = self.scenario.start_variables()
        self.visits: dict[str, int] = {self.scenario.start: 1}
        """Times each scene was entered; the start counts from the beginning."""
        self.path: list[Step] = []
        self.score = 0

    # --- state -----------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.scene_id in self.scenario.endings

    @property
    def scene(self) -> Scene | None:
        """The current scene, or None once the story has ended."""
        return self.scenario.scenes.get(self.scene_id)

    @property
    def ending(self) -> Ending | None:
        """The ending reached, or None while the story goes on."""
        return self.scenario.endings.get(self.scene_id)

    @property
    def text(self) -> str:
        """The scene's text, or the ending's debrief."""
        scene = self.scene
        if scene is not None:
            return scene.text
        ending = self.ending
        assert ending is not None
        return ending.debrief

    def quotes(self) -> list[QuoteRef]:
        """The quotes of the current scene, or of the ending."""
        item = self.scene or self.ending
        return self.pack.quotes_of(item.quotes) if item is not None else []

    def visited(self, scene_id: str) -> bool:
        return self.visits.get(scene_id, 0) > 0

    def status(self) -> list[VarStatus]:
        """The variables the status line shows, in declaration order."""
        rows = []
        for name, var in self.scenario.variables.items():
            if var.show:
                value = self.variables[name]
                text = ("yes" if value else "no") if isinstance(value, bool) else str(value)
                rows.append(VarStatus(name, var.display, value, text))
        return rows

    def choices(self) -> list[ChoiceView]:
        """Every choice of the current scene, open or closed; empty once the story has ended."""
        scene = self.scene
        if scene is None:
            return []
        taken = {(step.scene, step.choice) for step in self.path}
        views = []
        for position, index in enumerate(shown_order(self.scenario.id, scene)):
            choice = scene.choices[index]
            reason = self._closed_reason(scene.id, index, choice)
            views.append(
                ChoiceView(position, index, choice.label, reason is None, reason, (scene.id, index) in taken)
            )
        return views

    def open_choices(self) -> list[ChoiceView]:
        return [view for view in self.choices() if view.open]

    def _closed_reason(self, scene_id: str, index: int, choice: Choice) -> str | None:
        condition = self.scenario.conditions.get((scene_id, index))
        if condition is None or condition(self.variables, self.visits):
            return None
        return choice.closed or explain(condition, self.variables, self.visits, self.scenario.labels)

    # --- choosing --------------------------------------------------------------------------

    def choose(self, position: int) -> StoryOutcome:
        """Take the choice shown at ``position`` (0-based) in :meth:`choices`.

        Raises:
            RuntimeError: when the story has already ended.
            ValueError: when there is no such choice, or it is closed (the message says why).
        """
        scene = self.scene
        if scene is None:
            raise RuntimeError("the story has ended")
        count = len(scene.choices)
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < count:
            raise ValueError(f"a choice is a number from 1 to {len(scene.choices)}")
        index = shown_order(self.scenario.id, scene)[position]
        choice = scene.choices[index]
        reason = self._closed_reason(scene.id, index, choice)
        if reason is not None:
            raise ValueError(f"that choice is closed: {reason}")
        # What the best open choice was worth, read before the state moves on: the debrief's measure.
        best = max(
            self._worth(other)
            for i, other in enumerate(scene.choices)
            if self.scenario.is_open(scene.id, i, self.variables, self.visits)
        )
        after = self.scenario.apply(choice, self.variables)
        changes = tuple(
            (name, self.variables[name], after[name]) for name in after if after[name] != self.variables[name]
        )
        self.variables = after
        points = choice.points
        ending = self.scenario.endings.get(choice.target)
        if ending is not None:
            points += ending.points
        else:
            self.visits[choice.target] = self.visits.get(choice.target, 0) + 1
        self.scene_id = choice.target
        self.score += points
        step = Step(scene.id, index, choice.target, points, changes, best)
        self.path.append(step)
        return self.outcome_of(step)

    def _worth(self, choice: Choice) -> int:
        """The points ``choice`` earns: its own, plus its ending's when it ends the story."""
        ending = self.scenario.endings.get(choice.target)
        return choice.points + (ending.points if ending is not None else 0)

    def slips(self) -> list[Slip]:
        """The choices of this run that cost points, in the order they were made (the debrief's list)."""
        found = []
        for step in self.path:
            if step.best is None or step.best <= step.points:
                continue
            scene = self.scenario.scenes[step.scene]
            choice = scene.choices[step.choice]
            found.append(
                Slip(
                    scene.title or "",
                    choice.label,
                    step.points,
                    step.best,
                    self.pack.quotes_of(choice.quotes),
                )
            )
        return found

    def outcome_of(self, step: Step) -> StoryOutcome:
        """The outcome of a choice already made (to show the last feedback again after a resume)."""
        choice = self.scenario.scenes[step.scene].choices[step.choice]
        variables = self.scenario.variables
        changes = [
            Change(name, _label(variables, name), before, after) for name, before, after in step.changes
        ]
        return StoryOutcome(
            scene_id=step.scene,
            choice_index=step.choice,
            label=choice.label,
            feedback=choice.feedback,
            quotes=self.pack.quotes_of(choice.quotes),
            context=choice.context,
            points=step.points,
            changes=changes,
            target=step.target,
            ending=self.scenario.endings.get(step.target),
        )

    # --- save and resume -------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Everything needed to continue this run exactly."""
        return {
            "version": STATE_VERSION,
            "kind": "story",
            "pack": self.pack.id,
            "scenario": self.scenario.id,
            "scene": self.scene_id,
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "score": self.score,
            "path": [
                {
                    "scene": s.scene,
                    "choice": s.choice,
                    "target": s.target,
                    "points": s.points,
                    "changes": [list(c) for c in s.changes],
                    **({"best": s.best} if s.best is not None else {}),
                }
                for s in self.path
            ],
        }

    @classmethod
    def from_json(cls, pack: Pack, state: dict[str, Any]) -> StoryRun:
        """Restore a run saved with :meth:`to_json`.

        Raises:
            ValueError: when the state is from another pack, scenario or version, or no longer fits the
                scenario (a scene, choice or variable it names has changed).
        """
        if (
            not isinstance(state, dict)
            or state.get("version") != STATE_VERSION
            or state.get("kind") != "story"
        ):
            raise ValueError("this is not a saved story run of this version")
        if state.get("pack") != pack.id:
            raise ValueError(f"this saved run belongs to pack {state.get('pack')!r}, not {pack.id!r}")
        try:
            scenario = find_scenario(pack, state["scenario"])
        except KeyError:
            raise ValueError(f"the pack no longer has scenario {state['scenario']!r}") from None
        try:
            run = cls(pack, scenario)
            run.scene_id, run.variables, run.visits, run.path, run.score = restore_state(scenario, state)
            return run
        except (KeyError, TypeError, IndexError) as exc:
            raise ValueError(f"the saved run is damaged ({exc.__class__.__name__}: {exc})") from None


def _label(variables: dict[str, Variable], name: str) -> str:
    var = variables.get(name)
    return var.display if var is not None else name
