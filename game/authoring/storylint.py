"""Lint for scenarios that load: what a schema cannot see, each problem at ``path:line:col``.

Loading a pack does not lint (it parses, checks types and checks quotes): ``validate``, ``playtest``,
``new`` and the tests lint every scenario, and the game lints one scenario when the player opens it
(:func:`check_scenario`), refusing that scenario alone when it has an error.

Errors (the story is broken): dead ends, states where the player gets stuck, loops no ending can be
reached from. Warnings (the story works, but something is likely a mistake): unreachable scenes and
endings, choices that can never be taken, variables declared but never used. Dangling targets, unknown
variables and bad conditions are already errors of :mod:`game.engine.story.file`.

Reachability comes from the exhaustive walk of :mod:`game.engine.story.explore`, so a scene whose only way
in is guarded by a condition that is never true counts as unreachable. When the walk hits its bound,
the lint falls back to the scene graph with conditions ignored, and says so.
"""

from __future__ import annotations

from game.engine.content.diagnostics import Diagnostic
from game.engine.content.loader import PackBuilder
from game.engine.content.yamlsafe import Path_, YamlDoc
from game.engine.story.explore import Exploration, Move, StuckState, explore, graph_reachable
from game.engine.story.model import Scenario

LINT_MAX_STATES = 50_000
"""Bound of the walk inside ``validate``; ``quotebound playtest --max-states`` can go further."""


class _Findings:
    """Where the checks below put what they find: positioned errors and warnings."""

    def __init__(self) -> None:
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def error(self, doc: YamlDoc, path: Path_, message: str) -> None:
        self.errors.append(doc.diag(path, message))

    def warn(self, doc: YamlDoc, path: Path_, message: str) -> None:
        self.warnings.append(doc.diag(path, message, severity="warning"))


def lint_scenario(scenario: Scenario, max_states: int | None = None) -> list[Diagnostic]:
    """The lint errors and warnings of one loaded scenario, errors first.

    Args:
        scenario: a scenario that loaded (so free of load errors), with its parsed file.
        max_states: bound of the walk (default :data:`LINT_MAX_STATES`).
    """
    if scenario.doc is None:  # a scenario from the pack cache (game.engine.pack_cache) keeps no parse
        assert scenario.path is not None, "a scenario read from a file knows its file"
        from game.engine.content.yamlsafe import load_yaml

        scenario.doc = load_yaml(scenario.path, scenario.file)
    findings = _Findings()
    _lint(findings, scenario.doc, scenario, LINT_MAX_STATES if max_states is None else max_states)
    return findings.errors + findings.warnings


def lint_into(builder: PackBuilder, scenario: Scenario) -> None:
    """Lint a scenario while its pack loads: errors to ``builder``, warnings to the pack."""
    for diagnostic in lint_scenario(scenario):
        if diagnostic.severity == "error":
            builder.errors.append(diagnostic)
        else:
            builder.pack.warnings.append(diagnostic)


# The game asks once per scenario object; keeping the scenario in the value keeps its id() unique.
_VERDICTS: dict[int, tuple[Scenario, str | None]] = {}


def check_scenario(scenario: Scenario) -> str | None:
    """Whether the player may open ``scenario``: None, or the one line that says why not.

    The game calls this when a scenario is opened (start or resume); the verdict is kept, so the
    exhaustive walk runs once per scenario per session.
    """
    kept = _VERDICTS.get(id(scenario))
    if kept is not None and kept[0] is scenario:
        return kept[1]
    errors = [d for d in lint_scenario(scenario) if d.severity == "error"]
    verdict = None
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        verdict = (
            f"{scenario.title!r} cannot be played: {first.message}{more} "
            f"({first.path}:{first.line}:{first.col})"
        )
    _VERDICTS[id(scenario)] = (scenario, verdict)
    return verdict


def _lint(builder: _Findings, doc: YamlDoc, scenario: Scenario, bound: int) -> None:
    _unused_variables(builder, doc, scenario)
    for scene in scenario.scenes.values():
        if not scene.choices:
            message = f"dead end: scene {scene.id!r} has no choices and is not an ending"
            builder.error(doc, _scene(scenario, scene.id), message)
    walk = explore(scenario, bound)
    # Stuck states found are real even when the walk was cut short; only "never" needs it complete.
    _stuck(builder, doc, scenario, walk)
    if walk.complete:
        reachable = walk.scenes | set(walk.endings)
        _never_open(builder, doc, scenario, walk)
    else:
        builder.warn(
            doc,
            ("id",),
            f"the story has more than {bound:,} states, so reachability was checked on the scene "
            f"graph with conditions ignored; run `quotebound playtest {scenario.id} --max-states N` "
            "for the full walk",
        )
        reachable = graph_reachable(scenario)
    in_graph = graph_reachable(scenario)
    for scene_id in scenario.scenes:
        if scene_id not in reachable:
            message = f"scene {scene_id!r} can never be reached" + _why(scene_id, in_graph)
            builder.warn(doc, _scene(scenario, scene_id), message)
    for ending_id in scenario.endings:
        if ending_id not in reachable:
            message = f"ending {ending_id!r} can never be reached" + _why(ending_id, in_graph)
            builder.warn(doc, ("endings", scenario.order[ending_id]), message)


def _why(target: str, in_graph: set[str]) -> str:
    if target in in_graph:
        return ": every way in is closed by a condition that is never true then"
    return ": no choice leads to it from the start"


def _scene(scenario: Scenario, scene_id: str) -> tuple[str, int]:
    return ("scenes", scenario.order[scene_id])


def _unused_variables(builder: _Findings, doc: YamlDoc, scenario: Scenario) -> None:
    used: set[str] = set()
    for condition in scenario.conditions.values():
        used |= condition.variables
    read = set(used)
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.effects is not None:
                used |= set(choice.effects.assign) | set(choice.effects.add)
    for name, var in scenario.variables.items():
        if name not in used:
            builder.warn(doc, ("variables", name), f"variable {name!r} is declared but never used")
        elif name not in read and not var.show:
            builder.warn(doc, ("variables", name), f"variable {name!r} is hidden and no condition reads it")


def describe_state(state: StuckState, scenario: Scenario) -> str:
    """``with supplies=0, met_envoy=false, after: start → market → ...``."""
    values = ", ".join(f"{k}={str(v).lower()}" for k, v in state.variables.items())
    return (f"with {values}, " if values else "") + "after " + describe_path(state.path, scenario)


def describe_path(path: list[Move], scenario: Scenario, limit: int = 8) -> str:
    """A path as the labels a player would pick: ``"Go left" → "Wait"``; long paths keep their end."""
    if not path:
        return "the start"
    labels = [f"{scenario.scenes[scene].choices[index].label[:30]!r}" for scene, index in path]
    if len(labels) > limit:
        labels = [f"… {len(labels) - limit + 1} choices", *labels[-limit + 1 :]]
    return " → ".join(labels)


def path_steps(path: list[Move]) -> str:
    """A path as scene ids and 1-based choice numbers, ``briefing 1 → notebook 2``, to replay by hand.

    The numbers count choices as written in the file (as the graph does), not as the game shows them.
    """
    return " → ".join(f"{scene} {index + 1}" for scene, index in path) or "(the start)"


def _stuck(builder: _Findings, doc: YamlDoc, scenario: Scenario, walk: Exploration) -> None:
    for state in walk.stuck:
        scene = scenario.scenes[state.scene]
        if not scene.choices:
            continue  # already reported as a dead end
        where = _scene(scenario, state.scene)
        if state.trap:
            message = f"no ending can be reached from scene {state.scene!r} {describe_state(state, scenario)}"
        elif state.scene not in walk.open_scenes and walk.complete:
            message = f"dead end: no choice of scene {state.scene!r} can ever be taken"
        else:
            how = describe_state(state, scenario)
            message = f"the player gets stuck in scene {state.scene!r} {how}: no choice is open"
        builder.error(doc, where, message)


def _never_open(builder: _Findings, doc: YamlDoc, scenario: Scenario, walk: Exploration) -> None:
    for scene_id in walk.open_scenes:
        scene = scenario.scenes[scene_id]
        for index in range(len(scene.choices)):
            if (scene_id, index) not in walk.choices:
                path = ("scenes", scenario.order[scene_id], "choices", index, "if")
                builder.warn(
                    doc,
                    path,
                    f"this choice can never be taken: its condition is false every time "
                    f"scene {scene_id!r} is reached",
                )
