"""Loading ``kind: scenario`` files: schema, ids, variables, targets, conditions, effects and quotes.

Each scene and ending is type-checked on its own so one bad scene does not hide the next. A scenario
that loads cleanly is added to ``pack.scenarios``; loading does not lint it (dead ends, traps,
unreachable scenes): :mod:`game.authoring.storylint` does, in ``validate`` and when the game opens it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from game.engine.content.loader import PackBuilder
from game.engine.content.yamldoc import Path_, YamlDoc
from game.engine.story.conditions import KEYWORDS, ConditionError, parse_condition
from game.engine.story.model import (
    VAR_NAME,
    Choice,
    Ending,
    Scenario,
    ScenarioHead,
    Scene,
    Variable,
    VariableSpec,
)

_PARTS = ("variables", "scenes", "endings")

def load_scenario_file(builder: PackBuilder, doc: YamlDoc) -> None:
    """Read one scenario and add it to the pack when it has no errors."""
    scenario = read_scenario(builder, doc)
    if scenario is not None:
        builder.pack.scenarios.append(scenario)


def read_scenario(builder: PackBuilder, doc: YamlDoc) -> Scenario | None:
    """Type-check and compile a scenario file, recording every problem on ``builder``.

    Returns:
        The scenario, or None when this file had an error.
    """
    errors_before = len(builder.errors)
    data: dict[str, Any] = doc.data
    head = builder.convert(doc, (), {k: v for k, v in data.items() if k not in _PARTS}, ScenarioHead)
    variables = _read_variables(builder, doc, data.get("variables"))
    scenes = _read_list(builder, doc, data, "scenes", Scene)
    endings = _read_list(builder, doc, data, "endings", Ending)
    if head is None:
        return None
    builder.claim_id(doc, (), head.id, "scenario")
    scenario = Scenario(
        head, variables, {}, {}, file=doc.display, path=Path(doc.display).resolve(), doc=doc
    )
    _index(builder, doc, scenario, scenes, endings)
    if head.start not in scenario.scenes and scenes:
        if head.start in scenario.endings:
            builder.error(doc, ("start",), f"the start {head.start!r} is an ending; start at a scene")
        else:
            builder.error(doc, ("start",), f"no scene {head.start!r}{_hint(head.start, scenario.scenes)}")
    for i, scene in enumerate(scenes):
        path: Path_ = ("scenes", i)
        builder.check_quotes(doc, (*path, "quotes"), scene.quotes)
        for j, choice in enumerate(scene.choices):
            _check_choice(builder, doc, scenario, (*path, "choices", j), scene.id, j, choice, variables)
    for j, ending in enumerate(endings):
        builder.check_quotes(doc, ("endings", j, "quotes"), ending.quotes)
    if len(builder.errors) > errors_before:
        return None
    return scenario


def _read_list(builder: PackBuilder, doc: YamlDoc, data: dict[str, Any], key: str, kind: type) -> list[Any]:
    raw = data.get(key)
    if not isinstance(raw, list) or not raw:
        builder.error(doc, (key,) if key in data else (), f"a scenario needs a list of {key}")
        return []
    items = [builder.convert(doc, (key, i), item, kind) for i, item in enumerate(raw)]
    return [item for item in items if item is not None]


def _read_variables(builder: PackBuilder, doc: YamlDoc, raw: Any) -> dict[str, Variable]:
    """Each variable as ``name: {start, label}`` (plus ``type``, ``min``, ``max``, ``show``).

    A bare start value (``fuel: 1``) is refused: players would see the name ``fuel``, so every
    variable needs a ``label`` to be shown by.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        builder.error(doc, ("variables",), "variables are a mapping of names to {start, label}")
        return {}
    variables: dict[str, Variable] = {}
    for name, value in raw.items():
        path: Path_ = ("variables", name)
        if not re.match(VAR_NAME, name) or len(name) > 40:
            builder.error(doc, path, f"variable name {name!r}: use lowercase letters, digits and _", key=True)
            continue
        if name in KEYWORDS:
            builder.error(
                doc, path, f"{name!r} is a word of the condition language; pick another name", key=True
            )
            continue
        if isinstance(value, (bool, int)):
            start = str(value).lower() if isinstance(value, bool) else value
            builder.error(
                doc,
                path,
                f"variable {name!r} needs a label players see instead of its name: "
                f"write {{start: {start}, label: ...}}",
            )
        elif isinstance(value, dict):
            spec = builder.convert(doc, path, value, VariableSpec)
            if spec is not None and _spec_ok(builder, doc, path, spec):
                kind: Literal["int", "bool"] = "bool" if isinstance(spec.start, bool) else "int"
                variables[name] = Variable(name, kind, spec.start, spec.min, spec.max, spec.label, spec.show)
        else:
            builder.error(
                doc, path, "declare a variable as {start: <a number or true/false>, label: <a name>}"
            )
    return variables


def _spec_ok(builder: PackBuilder, doc: YamlDoc, path: Path_, spec: VariableSpec) -> bool:
    kind = spec.type or ("bool" if isinstance(spec.start, bool) else "int")
    if (kind == "bool") != isinstance(spec.start, bool):
        want = "true or false" if kind == "bool" else "a number"
        builder.error(doc, (*path, "start"), f"a {kind} variable starts at {want}")
        return False
    if not spec.label.strip():
        builder.error(doc, (*path, "label"), "a label is the name players see: it cannot be empty")
        return False
    if kind == "bool":
        if spec.min is not None or spec.max is not None:
            builder.error(doc, path, "min and max are for int variables")
            return False
        return True
    low, high = spec.min, spec.max
    if low is not None and high is not None and low > high:
        builder.error(doc, (*path, "min"), f"min {low} is above max {high}")
        return False
    if (low is not None and spec.start < low) or (high is not None and spec.start > high):
        builder.error(doc, (*path, "start"), f"start {spec.start} is outside min..max")
        return False
    return True


def _index(
    builder: PackBuilder, doc: YamlDoc, scenario: Scenario, scenes: list[Scene], endings: list[Ending]
) -> None:
    """Fill the scenario's scene and ending tables and positions; an id used twice is an error."""
    seen: dict[str, int] = {}
    groups: tuple[tuple[str, Sequence[Scene | Ending]], ...] = (("scenes", scenes), ("endings", endings))
    for key, items in groups:
        for i, item in enumerate(items):
            path: Path_ = (key, i)
            if item.id in seen:
                builder.error(doc, (*path, "id"), f"id {item.id!r} is already used at line {seen[item.id]}")
                continue
            seen[item.id] = doc.position((*path, "id"))[0]
            scenario.positions[(item.id,)] = doc.position(path)
            scenario.order[item.id] = i
            table: dict[str, Any] = scenario.scenes if key == "scenes" else scenario.endings
            table[item.id] = item
    for i, scene in enumerate(scenes):
        for j in range(len(scene.choices)):
            scenario.positions[(scene.id, j)] = doc.position(("scenes", i, "choices", j))


def _check_choice(
    builder: PackBuilder,
    doc: YamlDoc,
    scenario: Scenario,
    path: Path_,
    scene_id: str,
    index: int,
    choice: Choice,
    variables: dict[str, Variable],
) -> None:
    """Target, condition, effects and quotes of one choice."""
    types = {name: var.type for name, var in variables.items()}
    if choice.target not in scenario.scenes and choice.target not in scenario.endings:
        known = {**scenario.scenes, **scenario.endings}
        builder.error(
            doc, (*path, "target"), f"no scene or ending {choice.target!r}{_hint(choice.target, known)}"
        )
    if choice.cond is not None:
        try:
            scenario.conditions[(scene_id, index)] = parse_condition(
                choice.cond, types, set(scenario.scenes), set(scenario.endings)
            )
        except ConditionError as exc:
            builder.error(
                doc,
                (*path, "if"),
                f"condition {choice.cond!r}: {exc.message} (at character {exc.offset + 1})",
            )
    if choice.closed is not None and choice.cond is None:
        builder.error(
            doc, (*path, "closed"), "'closed' explains a closed choice, but this choice has no 'if'"
        )
    if choice.effects is not None:
        _check_effects(builder, doc, (*path, "effects"), choice, variables)
    builder.check_quotes(doc, (*path, "quotes"), choice.quotes)
    if choice.feedback is not None and not choice.quotes:
        builder.warn(
            doc, (*path, "feedback"), "feedback without a quote: add quotes from the article that ground it"
        )


def _check_effects(
    builder: PackBuilder, doc: YamlDoc, path: Path_, choice: Choice, variables: dict[str, Variable]
) -> None:
    assert choice.effects is not None
    effects = choice.effects
    for key, table in (("set", effects.assign), ("add", effects.add)):
        for name, value in table.items():
            where: Path_ = (*path, key, name)
            var = variables.get(name)
            if var is None:
                builder.error(doc, where, f"undeclared variable {name!r}{_hint(name, variables)}", key=True)
            elif key == "add" and (var.type == "bool" or isinstance(value, bool)):
                builder.error(doc, where, f"'add' takes a number and an int variable; {name!r} is {var.type}")
            elif key == "set" and (var.type == "bool") != isinstance(value, bool):
                want = "true or false" if var.type == "bool" else "a number"
                builder.error(doc, where, f"{name!r} is {var.type}; set it to {want}")
            elif key == "set" and not isinstance(value, bool) and var.clamp(value) != value:
                builder.error(doc, where, f"{value} is outside the min..max of {name!r}")
    for name in set(effects.assign) & set(effects.add):
        builder.error(doc, (*path, "add", name), f"{name!r} is both set and added to; do one", key=True)


def _hint(name: str, known: dict[str, Any]) -> str:
    import difflib  # only when a name is wrong: difflib is a slow import

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
