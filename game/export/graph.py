"""A scenario's scene graph as text: a Mermaid flowchart or Graphviz dot.

Endings are drawn apart and coloured by kind, conditional choices are dashed and carry their condition,
and scenes (or choices) the exhaustive walk never reaches are marked. ``quotebound graph`` prints
these; nothing here prints or imports a UI.
"""

from __future__ import annotations

from game.engine.story.conditions import render
from game.engine.story.explore import explore, graph_reachable
from game.engine.story.model import Scenario

LABEL_LIMIT = 48
KIND_COLOURS = {"good": "#c8e6c9", "mixed": "#fff3c4", "bad": "#ffcdd2"}
DEFAULT_MAX_STATES = 100_000
"""Bound of the reachability walk behind the marks."""


def reachability(scenario: Scenario, max_states: int) -> tuple[set[str], set[tuple[str, int]] | None, str]:
    """Reachable scenes and endings, choices ever open (None if unknown), and how they were found."""
    walk = explore(scenario, max_states)
    if walk.complete:
        return walk.scenes | set(walk.endings), walk.choices, f"every state walked ({walk.states:,})"
    return graph_reachable(scenario), None, f"over {max_states:,} states: conditions ignored for reachability"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _edge_label(scenario: Scenario, scene_id: str, index: int, taken: set[tuple[str, int]] | None) -> str:
    choice = scenario.scenes[scene_id].choices[index]
    label = f"{index + 1}. {_short(choice.label)}"
    condition = scenario.conditions.get((scene_id, index))
    if condition is not None:
        label += f" [if {_short(render(condition.node))}]"
    if taken is not None and scene_id in {s for s, _ in taken} and (scene_id, index) not in taken:
        label += " (never open)"
    return label


def mermaid(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> str:
    """The graph as a Mermaid flowchart."""
    reachable, taken, note = reachability(scenario, max_states)
    node = {sid: f"s{i}" for i, sid in enumerate(scenario.scenes)}
    node.update({eid: f"e{i}" for i, eid in enumerate(scenario.endings)})
    lines = [
        f"%% {scenario.id}: {_mm(scenario.title)} ({scenario.file}); reachability: {note}",
        "flowchart TD",
        f"    entry((start)) --> {node[scenario.start]}",
    ]
    for sid, scene in scenario.scenes.items():
        title = f"<br/>{_mm(_short(scene.title))}" if scene.title else ""
        lines.append(f'    {node[sid]}["{sid}{title}"]')
    for eid, ending in scenario.endings.items():
        lines.append(f'    {node[eid]}(["{ending.kind}: {_mm(_short(ending.title))}"]):::{ending.kind}')
    for sid, scene in scenario.scenes.items():
        for index, choice in enumerate(scene.choices):
            arrow = "-.->" if (sid, index) in scenario.conditions else "-->"
            label = _mm(_edge_label(scenario, sid, index, taken))
            lines.append(f'    {node[sid]} {arrow}|"{label}"| {node[choice.target]}')
    for kind, colour in KIND_COLOURS.items():
        lines.append(f"    classDef {kind} fill:{colour},stroke:#555")
    lines.append("    classDef unreachable stroke-dasharray:5 5,fill:#eeeeee,color:#777777")
    unreachable = [node[i] for i in (*scenario.scenes, *scenario.endings) if i not in reachable]
    if unreachable:
        lines.append(f"    class {','.join(unreachable)} unreachable")
        lines.append(f"    %% unreachable: {', '.join(i for i in node if i not in reachable)}")
    return "\n".join(lines)


# "#" first: the codes themselves start with it.
_MERMAID_CODES = (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"), ("`", "#96;"))


def _mm(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    for char, code in _MERMAID_CODES:
        text = text.replace(char, code)
    return text.replace("\n", " ")


def dot(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> str:
    """The graph in Graphviz dot."""
    reachable, taken, note = reachability(scenario, max_states)
    lines = [
        f"// {scenario.id}: {scenario.title} ({scenario.file}); reachability: {note}".replace("\n", " "),
        f"digraph {_dq(scenario.id)} {{",
        "    rankdir=TB;",
        '    node [shape=box, style="rounded"];',
        '    "__start" [shape=point];',
        f'    "__start" -> {_dq(scenario.start)};',
    ]
    for sid, scene in scenario.scenes.items():
        label = sid + (f"\n{_short(scene.title)}" if scene.title else "")
        style = ""
        if sid not in reachable:
            label += "\n(unreachable)"
            style = ', style="rounded,dashed", color=gray50, fontcolor=gray50'
        lines.append(f"    {_dq(sid)} [label={_dq(label)}{style}];")
    for eid, ending in scenario.endings.items():
        label = f"{ending.kind}: {_short(ending.title)}" + ("" if eid in reachable else "\n(unreachable)")
        colour = KIND_COLOURS[ending.kind]
        dashed = "" if eid in reachable else ",dashed"
        attrs = f'shape=box, peripheries=2, style="rounded,filled{dashed}", fillcolor="{colour}"'
        lines.append(f"    {_dq(eid)} [label={_dq(label)}, {attrs}];")
    for sid, scene in scenario.scenes.items():
        for index, choice in enumerate(scene.choices):
            label = _dq(_edge_label(scenario, sid, index, taken))
            style = ", style=dashed" if (sid, index) in scenario.conditions else ""
            lines.append(f"    {_dq(sid)} -> {_dq(choice.target)} [label={label}{style}];")
    lines.append("}")
    return "\n".join(lines)


def _dq(text: str) -> str:
    """A double-quoted dot ID."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
