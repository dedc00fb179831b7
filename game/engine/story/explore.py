"""Automated playtests of a scenario: an exhaustive walk over every reachable state, or seeded random runs.

A state is the scene, the variables, and the visit counts that some condition reads. Counts, and
counters that only grow, are saturated at the value beyond which no condition can tell the
difference (``visited("x")`` keeps 0 or 1), and values no condition can read again are reset; two
paths that leave the story in the same state are walked once. The walk is breadth first, so every
example path it reports is a shortest one, and it stops at ``max_states`` with
:attr:`Exploration.complete` false rather than running away on a story whose counters grow without
bound. Nothing here imports a UI; ``quotebound playtest`` prints the results.
"""

from __future__ import annotations

import gc
import random
from collections import Counter, deque
from typing import TYPE_CHECKING

from msgspec import Struct, field

from game.engine.story.conditions import Value
from game.engine.story.model import Scenario

if TYPE_CHECKING:
    from game.engine.content.pack import Pack

MAX_STATES = 100_000
"""Default bound of the exhaustive walk."""
MAX_STEPS = 1_000
"""A random run that has not ended after this many choices is reported as unfinished."""

Move = tuple[str, int]
"""A step of a path: (scene id, 0-based choice index)."""


# Structs rather than dataclasses (the same fields and defaults): `quotebound validate` imports this
# module for the story lint, and creating dataclasses cost milliseconds of its start-up.
class StuckState(Struct):
    """A reachable state the player cannot finish the story from."""

    scene: str
    variables: dict[str, Value]
    path: list[Move]
    """A shortest way here from the start."""
    trap: bool = False
    """False: no choice is open. True: choices are open, but none of them can ever lead to an ending."""


class Coverage(Struct):
    """What a playtest reached; shared by both kinds of walk."""

    scenes: set[str] = field(default_factory=set)
    choices: set[Move] = field(default_factory=set)
    """Choices taken at least once."""
    endings: dict[str, list[Move]] = field(default_factory=dict)
    """Each ending reached, with a (shortest, for the exhaustive walk) path to it."""
    stuck: list[StuckState] = field(default_factory=list)
    """One example per scene where the player can get stuck."""


class Exploration(Coverage):
    """The result of :func:`explore`."""

    complete: bool = True
    """False when ``max_states`` was hit: what was not reached may still be reachable."""
    states: int = 0
    max_states: int = MAX_STATES
    open_scenes: set[str] = field(default_factory=set)
    """Scenes where some reachable state had an open choice."""
    stuck_scenes: set[str] = field(default_factory=set)
    """Scenes where some reachable state had no open choice."""


class RandomReport(Coverage):
    """The result of :func:`random_playthroughs`."""

    runs: int = 0
    seed: int = 0
    unfinished: int = 0
    """Runs that had not ended after ``max_steps`` choices."""
    ending_counts: Counter[str] = field(default_factory=Counter)
    steps: int = 0


def explore(scenario: Scenario, max_states: int = MAX_STATES) -> Exploration:
    """Walk every reachable state of ``scenario`` breadth first, up to ``max_states`` states.

    Args:
        scenario: a loaded scenario.
        max_states: the bound; the walk stops there with ``complete`` false.

    Returns:
        Coverage, endings with shortest paths, stuck states and traps (traps only when complete).
    """
    # The walk allocates a tuple or two per state and never a reference cycle; the collector running
    # over them (and over everything else alive) made it 2-3 times slower in a loaded process.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _explore(scenario, max_states)
    finally:
        if was_enabled:
            gc.enable()


def _explore(scenario: Scenario, max_states: int) -> Exploration:
    names = list(scenario.variables)
    tracked = scenario.tracked_visits()
    start_values = tuple(scenario.start_variables().values())
    dead_vars, live_visits = _liveness(scenario, names)
    counters = [(names.index(name), cap) for name, cap in scenario.counter_caps().items()]

    def canonical(scene_id: str, values: tuple[Value, ...], counts: Counts) -> State:
        """What cannot matter any more is reset, so states that differ only there are walked once."""
        dead = dead_vars[scene_id]
        if dead or counters:
            reset = list(values)
            for i in dead:
                reset[i] = start_values[i]
            for i, cap in counters:
                if reset[i] > cap:
                    reset[i] = cap
            values = tuple(reset)
        live = live_visits[scene_id]
        return scene_id, values, tuple(pair for pair in counts if pair[0] in live)

    start = canonical(
        scenario.start, start_values, ((scenario.start, 1),) if scenario.start in tracked else ()
    )

    result = Exploration(max_states=max_states)
    ids: dict[State, int] = {start: 0}
    keys = [start]
    parent: list[tuple[int, int]] = [(-1, -1)]
    successors: list[list[int]] = [[]]
    finishes: list[bool] = [False]
    """Whether a state has a choice straight into an ending."""
    # Per scene, what the walk asks of each choice, looked up once instead of once per state.
    plan = {
        scene_id: [
            (index, choice, scenario.conditions.get((scene_id, index)), choice.target in scenario.endings)
            for index, choice in enumerate(scene.choices)
        ]
        for scene_id, scene in scenario.scenes.items()
    }
    queue = deque([0])
    while queue:
        state = queue.popleft()
        scene_id, values, counts = keys[state]
        variables = dict(zip(names, values, strict=True))
        visits = dict(counts)
        result.scenes.add(scene_id)
        any_open = False
        for index, choice, condition, to_ending in plan[scene_id]:
            if condition is not None and not condition(variables, visits):
                continue
            any_open = True
            result.choices.add((scene_id, index))
            target = choice.target
            if to_ending:
                finishes[state] = True
                if target not in result.endings:
                    result.endings[target] = [*_path(parent, keys, state), (scene_id, index)]
                continue
            # Without effects the values stay as they are (Scenario.apply would copy them unchanged).
            if choice.effects is None:
                new_values = values
            else:
                new_values = tuple(scenario.apply(choice, variables).values())
            new_counts = counts
            if target in tracked:
                cap = tracked[target]
                bumped = visits.get(target, 0) + 1
                new_counts = tuple(
                    sorted({**visits, target: bumped if cap is None else min(cap, bumped)}.items())
                )
            key = canonical(target, new_values, new_counts)
            known = ids.get(key)
            if known is None:
                if len(keys) >= max_states:
                    result.complete = False
                    continue
                known = ids[key] = len(keys)
                keys.append(key)
                parent.append((state, index))
                successors.append([])
                finishes.append(False)
                queue.append(known)
            successors[state].append(known)
        if any_open:
            result.open_scenes.add(scene_id)
        else:
            result.stuck_scenes.add(scene_id)
            if not any(s.scene == scene_id for s in result.stuck):
                path = _path(parent, keys, state)
                result.stuck.append(StuckState(scene_id, replay(scenario, path), path))
    result.states = len(keys)
    if result.complete:
        _find_traps(result, scenario, keys, parent, successors, finishes)
    return result


Counts = tuple[tuple[str, int], ...]
"""Visit counts of tracked scenes, sorted by scene id; a scene left out has a count of 0."""
State = tuple[str, tuple[Value, ...], Counts]
"""A state of the walk: scene, variable values, saturated visit counts."""


def _liveness(scenario: Scenario, names: list[str]) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
    """For each scene, the variables no condition can read from there on (their indices), and the
    scenes whose visits some condition may still read.

    A value no condition can read again cannot change what happens, so the walk resets it; without
    this, a counter that is only shown, or a ``visited`` flag read once, multiplies the states.
    """
    reads: dict[str, set[str]] = {sid: set() for sid in scenario.scenes}
    for (sid, _index), condition in scenario.conditions.items():
        reads[sid] |= condition.variables | {f"@{scene}" for scene in condition.visits}
    before: dict[str, set[str]] = {sid: set() for sid in scenario.scenes}
    for sid, scene in scenario.scenes.items():
        for choice in scene.choices:
            if choice.target in before:
                before[choice.target].add(sid)
    live = {sid: set(read) for sid, read in reads.items()}
    # Liveness flows backwards, so start from the end of the file (where stories mostly end): one sweep
    # then settles a chain of scenes that file order took a sweep per scene to settle. A scene waits
    # in the queue once at a time. The fixed point, and so the result, is the same in any order.
    work = deque(reversed(scenario.scenes))
    queued = set(scenario.scenes)
    while work:
        after = work.popleft()
        queued.discard(after)
        for sid in before[after]:
            if not live[after] <= live[sid]:
                live[sid] |= live[after]
                if sid not in queued:
                    queued.add(sid)
                    work.append(sid)
    dead = {sid: [i for i, name in enumerate(names) if name not in here] for sid, here in live.items()}
    visits = {sid: {name[1:] for name in here if name.startswith("@")} for sid, here in live.items()}
    return dead, visits


def replay(scenario: Scenario, path: list[Move]) -> dict[str, Value]:
    """The variables after taking ``path`` from the start (the walk keeps only what still matters)."""
    variables = scenario.start_variables()
    for scene_id, index in path:
        variables = scenario.apply(scenario.scenes[scene_id].choices[index], variables)
    return variables


def _path(parent: list[tuple[int, int]], keys: list[State], state: int) -> list[Move]:
    moves: list[Move] = []
    while parent[state][0] >= 0:
        before, index = parent[state]
        moves.append((keys[before][0], index))
        state = before
    moves.reverse()
    return moves


def _find_traps(
    result: Exploration,
    scenario: Scenario,
    keys: list[State],
    parent: list[tuple[int, int]],
    successors: list[list[int]],
    finishes: list[bool],
) -> None:
    """States with open choices from which no ending can be reached: the story loops forever."""
    predecessors: list[list[int]] = [[] for _ in keys]
    for state, nexts in enumerate(successors):
        for nxt in nexts:
            predecessors[nxt].append(state)
    can_finish = list(finishes)
    queue = deque(i for i, done in enumerate(finishes) if done)
    while queue:
        state = queue.popleft()
        for before in predecessors[state]:
            if not can_finish[before]:
                can_finish[before] = True
                queue.append(before)
    seen = {s.scene for s in result.stuck}
    for state, key in enumerate(keys):
        if not can_finish[state] and successors[state] and key[0] not in seen:
            seen.add(key[0])
            path = _path(parent, keys, state)
            result.stuck.append(StuckState(key[0], replay(scenario, path), path, trap=True))


def random_playthroughs(
    pack: Pack, scenario: Scenario, runs: int, seed: int, max_steps: int = MAX_STEPS
) -> RandomReport:
    """Play ``runs`` games with :class:`~game.engine.story.run.StoryRun`, picking open choices at random.

    The real runtime is driven, so these runs also exercise effects, scoring and outcomes.
    """
    from game.engine.story.run import StoryRun

    rng = random.Random(seed)
    report = RandomReport(runs=runs, seed=seed)
    for _ in range(runs):
        run = StoryRun(pack, scenario)
        report.scenes.add(run.scene_id)
        moves: list[Move] = []
        stuck = False
        for _step in range(max_steps):
            if run.finished:
                break
            # Drawn from the file's order, not the order shown: a seed's games do not change when
            # the game's shuffle or a scene's ``shuffle`` does.
            open_choices = sorted((c for c in run.choices() if c.open), key=lambda c: c.authored)
            if not open_choices:
                stuck = True
                if not any(s.scene == run.scene_id for s in report.stuck):
                    report.stuck.append(StuckState(run.scene_id, dict(run.variables), moves))
                break
            picked = rng.choice(open_choices)
            # Paths and coverage name a choice by its place in the file, as the authoring reports do.
            moves.append((run.scene_id, picked.authored))
            report.choices.add((run.scene_id, picked.authored))
            run.choose(picked.index)
            report.steps += 1
            if not run.finished:
                report.scenes.add(run.scene_id)
        if run.finished:
            report.ending_counts[run.scene_id] += 1
            report.endings.setdefault(run.scene_id, list(moves))
        elif not stuck:
            report.unfinished += 1
    return report


def choice_count(scenario: Scenario) -> int:
    """How many choices the scenario has in all."""
    return sum(len(scene.choices) for scene in scenario.scenes.values())


def graph_reachable(scenario: Scenario) -> set[str]:
    """Scenes and endings reachable from the start when every condition is ignored."""
    seen = {scenario.start}
    stack = [scenario.start]
    while stack:
        scene = scenario.scenes.get(stack.pop())
        if scene is None:
            continue
        for choice in scene.choices:
            if choice.target not in seen:
                seen.add(choice.target)
                stack.append(choice.target)
    return seen
