"""Display text for the story screens, built from a ``StoryRun`` and literal content.

Like :mod:`game.ui.texts`, nothing here parses markup: labels, reasons and titles from scenario files
are wrapped with :func:`~game.ui.texts.literal` and styled by spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.screen import Screen

from game.engine.story.conditions import Value
from game.engine.story.model import Ending, Scenario
from game.ui.texts import NUMBER_STYLE, OneLine, literal

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.story.run import Change, ChoiceView, StoryRun, VarStatus

KIND_MARKS = {"good": ("✔", "$text-success"), "mixed": ("◐", "$text-warning"), "bad": ("✘", "$text-error")}
"""A symbol (readable without colour) and a colour for each kind of ending."""
UNFOUND = "???"
"""How an ending not reached yet is listed: its title stays a surprise."""
SEPARATOR = " · "
SHORT_HEIGHT = 20
"""Below this many rows a story screen is *short* (class ``-short``): its CSS gives the text rows of its own
beside the choices (at 40×12 the choices alone once filled the screen)."""


def fit_height(screen: Screen[Any], height: int) -> None:
    """Mark ``screen`` short or not for a terminal ``height`` rows tall (call on mount and on resize)."""
    screen.set_class(height < SHORT_HEIGHT, "-short")


def points_text(points: int) -> str:
    """``+10 points``, ``+1 point`` or ``No points``."""
    return f"+{points} point{'s' if points != 1 else ''}" if points else "No points"


def show_value(value: Value) -> str:
    """A variable's value as the status line writes it: ``3``, ``yes``, ``no``."""
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def status_line(rows: list[VarStatus]) -> Content:
    """``Supplies: 3 · Date clash flagged: no``: each variable's label literal, its value bold.

    The colon makes a true/false variable read as a statement with its answer.
    """
    parts: list[Content | str | tuple[str, str]] = []
    for row in rows:
        if parts:
            parts.append((SEPARATOR, "dim"))
        parts += [literal(row.label), ": ", (row.text, "bold")]
    return Content.assemble(*parts)


def changes_line(changes: list[Change]) -> Content:
    """``Slips: 0 → 1 · Asked about weapons: no → yes``."""
    parts: list[Content | str | tuple[str, str]] = []
    for change in changes:
        if parts:
            parts.append((SEPARATOR, "dim"))
        parts += [
            literal(change.label),
            f": {show_value(change.before)} → ",
            (show_value(change.after), "bold"),
        ]
    return Content.assemble(*parts)


def choice_prompt(view: ChoiceView, *, short: bool = False) -> Content | OneLine:
    """A choice as listed: ``1 label``; a closed one adds ``✕ why`` on its own line (the list greys it).

    On a ``short`` screen a closed choice is one row, ``1 ✕ label · why`` cut to the list's width:
    with its label and reason wrapped it took three of the list's three rows at 40×12, and the open
    choices below it were scrolled out of sight. Its number still says why, in a notification.
    """
    number = (f"{view.index + 1} ", NUMBER_STYLE)
    if view.open:
        return Content.assemble(number, literal(view.label))
    reason = literal(view.reason or "closed").stylize("italic")
    if short:
        label = literal(view.label)
        return OneLine(Content.assemble(number, ("✕ ", "bold"), label, (SEPARATOR, "dim"), reason))
    return Content.assemble(number, literal(view.label), "\n  ", ("✕ ", "bold"), reason)


def kind_text(ending: Ending) -> Content:
    """``✔ good`` in the kind's colour."""
    mark, colour = KIND_MARKS.get(ending.kind, ("•", ""))
    return Content.styled(f"{mark} {ending.kind}", f"bold {colour}".strip())


def endings_count(scenario: Scenario, found: set[str]) -> str:
    """``2 of 4 endings found``."""
    total = len(scenario.endings)
    count = len(found & set(scenario.endings))
    return f"{count} of {total} ending{'s' if total != 1 else ''} found"


def endings_lines(scenario: Scenario, found: set[str], current: str | None = None) -> list[Content]:
    """One line per ending in file order: found ones by title and kind, the others as ``???``.

    Args:
        scenario: the scenario whose endings to list.
        found: the ids of the endings the player has reached.
        current: the ending this run reached, marked as such.
    """
    lines = []
    for ending in scenario.endings.values():
        if ending.id in found or ending.id == current:
            line = Content.assemble(kind_text(ending), "  ", literal(ending.title))
            if ending.id == current:
                line = Content.assemble(line, ("  ← this time", "dim"))
        else:
            line = Content.styled(f"?  {UNFOUND}", "dim")
        lines.append(line)
    return lines


def run_heading(run: StoryRun) -> Content:
    """``Scenario title · Scene title`` for the top bar."""
    scene = run.scene
    title = literal(run.scenario.title)
    if scene is not None and scene.title:
        return Content.assemble(title.stylize("bold"), (SEPARATOR, "dim"), literal(scene.title))
    return title.stylize("bold")
