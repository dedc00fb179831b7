"""The story format: typed ``kind: scenario`` files, and the compiled :class:`Scenario` the runtime walks.

The msgspec Structs here check a scenario file's shape at load with strict types and no unknown keys,
exactly like the quiz model; :mod:`game.engine.story.file` adds the checks a schema cannot express and
builds a :class:`Scenario`, which holds the compiled conditions and the rules for applying effects that
:class:`~game.engine.story.run.StoryRun`, the playtest walk and the lint all share.
"""

# No `from __future__ import annotations` here: msgspec reads these annotations, and as strings
# each of them had to be compiled and evaluated on the first load (~100 compile() calls, 6-9 ms).
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct, field

from game.engine.content.model import Id, Quote, Text
from game.engine.content.yamldoc import YamlDoc
from game.engine.story.conditions import Condition, Value, merge_caps

ENDING_KINDS = ("good", "mixed", "bad")
VAR_NAME = r"^[a-z_][a-z0-9_]*$"
"""Variable names: lowercase letters, digits and ``_``, not starting with a digit."""
MAX_ABS = 1_000_000
"""Bound on variable values and effect amounts: counters in a story are small."""

Points = Annotated[int, Meta(ge=0, le=100)]
Number = Annotated[int, Meta(ge=-MAX_ABS, le=MAX_ABS)]


class VariableSpec(Struct, forbid_unknown_fields=True, kw_only=True):
    """A variable: ``{start: 0, min: 0, max: 5, label: Trust}``, ``{start: false, label: Asked twice}``.

    Every variable has a ``label``: players see it in the status line, in what a choice changed and in
    the reasons of closed choices, never the variable's name. A true/false variable's label reads as a
    statement (``Date clash flagged: no``). ``type`` may be left out: the start value tells it.
    """

    start: Number | bool
    label: Text
    """What players read instead of the variable's name (``Sections written``, ``Asked about weapons``)."""
    type: Literal["int", "bool"] | None = None
    """``int`` or ``bool``; when left out, the type of ``start``."""
    min: Number | None = None
    """Effects never take an int below this (they stop at it)."""
    max: Number | None = None
    """Effects never take an int above this."""
    show: bool = True
    """Whether the status line shows it; hidden variables still steer conditions."""


class Effects(Struct, forbid_unknown_fields=True):
    """What a choice changes: ``set`` gives variables values, then ``add`` adds to int variables."""

    assign: dict[str, Number | bool] = msgspec.field(default_factory=dict, name="set")
    add: dict[str, Number | bool] = {}
    """Amounts to add (negative to take away); bools are refused by the loader with a clear message."""


class Choice(Struct, forbid_unknown_fields=True, kw_only=True):
    """One way out of a scene."""

    label: Text
    target: Id
    """The scene or ending this choice leads to."""
    cond: str | None = msgspec.field(default=None, name="if")
    """A condition (see game.engine.story.conditions); the choice is closed while it is false."""
    closed: Text | None = None
    """Shown instead of the generated reason while the choice is closed."""
    effects: Effects | None = None
    points: Points = 0
    feedback: Text | None = None
    """Explains the real fact behind the outcome; shown after the choice."""
    quotes: list[Quote] = []
    """Verbatim quotes from the article that ground the feedback."""
    context: Text | None = None
    """Background that is not in the article, labelled as such."""


class Scene(Struct, forbid_unknown_fields=True, kw_only=True):
    """A place in the story: text, optional quotes, and choices."""

    id: Id
    text: Text
    title: Text | None = None
    """A short heading; also names the scene in the reasons of closed choices."""
    quotes: list[Quote] = []
    context: Text | None = None
    choices: list[Choice] = []
    shuffle: bool = True
    """Show the choices in an order of the game's own, the same for every player and every visit, so
    a player cannot learn that the careful choice comes first. ``false`` keeps the file's order, for
    choices whose order means something (a sequence of times, "go back" last)."""


class Ending(Struct, forbid_unknown_fields=True, kw_only=True):
    """Where a story stops, with a debrief that teaches what the path showed.

    The debrief is shown to every player who reaches the ending, whatever path led there: it speaks of
    what the ending's condition guarantees, never of choices some paths to it did not make (the run
    lists the player's own costly choices, with their quotes, below it).
    """

    id: Id
    title: Text
    """The ending's player-facing name; its id never reaches a screen."""
    kind: Literal["good", "mixed", "bad"]
    debrief: Text
    quotes: Annotated[list[Quote], Meta(min_length=1)]
    context: Text | None = None
    points: Points = 0


class ScenarioHead(Struct, forbid_unknown_fields=True, kw_only=True):
    """The top of a scenario file, read apart from its variables, scenes and endings."""

    kind: Literal["scenario"]
    id: Id
    title: Text
    role: Text
    """Who the player is, in a sentence."""
    intro: Text
    start: Id
    """The first scene."""
    description: Text | None = None
    """One line for the scenario picker."""
    context: Text | None = None


class ScenarioFile(ScenarioHead, kw_only=True):
    """A whole ``kind: scenario`` file (for the JSON Schema; the loader reads it in parts)."""

    variables: dict[str, VariableSpec] = {}
    scenes: Annotated[list[Scene], Meta(min_length=1)]
    endings: Annotated[list[Ending], Meta(min_length=1)]


STORY_STRUCTS: tuple[type[Struct], ...] = (VariableSpec, Effects, Choice, Scene, Ending, ScenarioFile)


class Variable(Struct, frozen=True):
    """A declared variable, both forms read into one."""

    name: str
    type: Literal["int", "bool"]
    start: Value
    min: int | None = None
    max: int | None = None
    label: str | None = None
    show: bool = True

    @property
    def display(self) -> str:
        return self.label or self.name

    def clamp(self, value: int) -> int:
        """``value`` kept within ``min`` and ``max``."""
        if self.min is not None and value < self.min:
            return self.min
        if self.max is not None and value > self.max:
            return self.max
        return value


class Scenario(Struct):
    """A loaded, checked scenario, ready to play."""

    head: ScenarioHead
    variables: dict[str, Variable]
    scenes: dict[str, Scene]
    """In file order."""
    endings: dict[str, Ending]
    conditions: dict[tuple[str, int], Condition] = field(default_factory=dict)
    """Compiled ``if:`` of each conditional choice, by (scene id, choice index)."""
    file: str = ""
    """The file as users named it, for messages."""
    path: Path | None = None
    positions: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)
    """(line, col) of each scene ``(id,)``, ending ``(id,)`` and choice ``(scene id, index)``."""
    order: dict[str, int] = field(default_factory=dict)
    """Index of each scene and ending in its list in the file."""
    doc: YamlDoc | None = None
    """The parsed file, kept for the positions of lint messages (the game lints a scenario on open)."""

    @property
    def id(self) -> str:
        return self.head.id

    @property
    def title(self) -> str:
        return self.head.title

    @property
    def start(self) -> str:
        return self.head.start

    @property
    def role(self) -> str:
        return self.head.role

    @property
    def intro(self) -> str:
        return self.head.intro

    @property
    def description(self) -> str | None:
        return self.head.description

    @property
    def context(self) -> str | None:
        return self.head.context

    def where(self, *key: str | int) -> str:
        """``file:line:col`` of a scene, an ending or a choice, for tool output."""
        line, col = self.positions.get(tuple(key), (1, 1))
        return f"{self.file}:{line}:{col}"

    def start_variables(self) -> dict[str, Value]:
        return {name: var.start for name, var in self.variables.items()}

    @property
    def labels(self) -> dict[str, str]:
        """Display names of variables and scenes, for explaining closed choices."""
        names = {scene.id: scene.title for scene in self.scenes.values() if scene.title}
        names.update({var.name: var.label for var in self.variables.values() if var.label})
        return names

    def tracked_visits(self) -> dict[str, int | None]:
        """Scenes whose visits some condition reads → the cap on counts that matter (None: no cap).

        See :attr:`game.engine.story.conditions.Condition.visits`; here the caps of all conditions merge.
        """
        tracked: dict[str, int | None] = {}
        for condition in self.conditions.values():
            for scene, cap in condition.visits.items():
                tracked[scene] = merge_caps(tracked[scene], cap) if scene in tracked else cap
        return tracked

    def counter_caps(self) -> dict[str, int]:
        """Int variables that only ever grow and are only compared with numbers → where to saturate them.

        Such a counter (``facts found``, ``calls made``) behaves like a visit count: once above every
        number it is compared with, its exact value changes nothing, so the playtest walk may cap it.
        """
        caps: dict[str, int | None] = {}
        for condition in self.conditions.values():
            for name, cap in condition.numbers.items():
                caps[name] = merge_caps(caps[name], cap) if name in caps else cap
        for scene in self.scenes.values():
            for choice in scene.choices:
                if choice.effects is None:
                    continue
                for name in choice.effects.assign:
                    caps[name] = None  # a set can lower it
                for name, amount in choice.effects.add.items():
                    if int(amount) < 0:
                        caps[name] = None
        return {name: cap for name, cap in caps.items() if cap is not None}

    def is_open(
        self, scene_id: str, index: int, variables: Mapping[str, Value], visits: Mapping[str, int]
    ) -> bool:
        """Whether choice ``index`` of ``scene_id`` may be taken now."""
        condition = self.conditions.get((scene_id, index))
        return condition is None or condition(variables, visits)

    def apply(self, choice: Choice, variables: Mapping[str, Value]) -> dict[str, Value]:
        """The variables after ``choice``'s effects: ``set`` first, then ``add``, each kept in bounds."""
        result = dict(variables)
        effects = choice.effects
        if effects is None:
            return result
        for name, value in effects.assign.items():
            var = self.variables[name]
            result[name] = value if isinstance(value, bool) else var.clamp(value)
        for name, amount in effects.add.items():
            result[name] = self.variables[name].clamp(int(result[name]) + int(amount))
        return result
