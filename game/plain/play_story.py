"""The plain-mode story: a scenario played as lines, driving :class:`~game.engine.story.run.StoryRun`.

Each scene prints its text, its quotes, the variables and every choice by number: open ones plainly, closed
ones with the reason they are closed (numbers match the scene's choices, so they never shift as choices open
and close). After a choice: its feedback with quotes, points and what changed; at an ending, the debrief
and the choices of this run that cost points, each with its quotes. End of input or ``quit`` stops
cleanly (status 0). With ``--player`` each choice is committed to the progress database as it is made
(the full-screen game offers a stopped story for resume) and the ending is logged.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from types import SimpleNamespace

from game.engine.content.pack import Pack
from game.engine.content.text import CONTEXT_LABEL
from game.engine.story.model import Scenario
from game.engine.story.run import StoryOutcome, StoryRun
from game.plain.console import TIMED_OUT, Console
from game.plain.quizview import quote_line
from game.progress.service import ProgressService

QUIT_WORDS = {"quit", "exit"}


def play_story(pack: Pack, console: Console, args: argparse.Namespace | SimpleNamespace) -> int:
    """Choose a scenario of ``pack`` (asking when there are several) and play it to an ending.

    Returns:
        0, also when input ends or the player quits; 1 when the pack has no stories or the story
        chosen fails its lint.
    """
    scenarios: list[Scenario] = list(pack.scenarios)
    if not scenarios:
        console.note(f"quotebound: pack {pack.id!r} has no stories; play its quiz instead (--mode quiz).")
        return 1
    if getattr(args, "results", None):
        console.note("quotebound: note: results files are written for quiz rounds only, not stories.")
    scenario = scenarios[0] if len(scenarios) == 1 else _choose(console, scenarios)
    if scenario is None:
        return 0
    # Imported here: the lint walks every state, and the quiz must not pay for it.
    from game.authoring.storylint import check_scenario

    refusal = check_scenario(scenario)
    if refusal is not None:
        console.note(f"quotebound: {refusal}")
        return 1
    run = StoryRun(pack, scenario)
    progress = _open_progress(console, args, pack)
    try:
        return _play(console, run, progress)
    finally:
        if progress is not None:
            progress.close()


def _open_progress(
    console: Console, args: argparse.Namespace | SimpleNamespace, pack: Pack
) -> ProgressService | None:
    player = getattr(args, "player", None)
    if not player:
        return None
    data_dir = getattr(args, "data_dir", None)
    progress = ProgressService.open(Path(data_dir).expanduser() if data_dir else None)
    progress.on_problem = lambda message: console.note(f"quotebound: {message}")
    progress.use_player(player)
    for notice in progress.notices:
        console.note(f"quotebound: {notice.message}")
    progress.notices.clear()
    return progress


def _play(console: Console, run: StoryRun, progress: ProgressService | None) -> int:
    scenario = run.scenario
    if progress is not None:
        progress.story_started(run)
    head = scenario.head
    console.say(f"{run.pack.title} — {head.title}")
    console.say(head.role)
    console.say(head.intro)
    if head.context:
        console.say(f"{CONTEXT_LABEL} {head.context}")
    console.say("Type the number of a choice and press Enter; 'quit' stops.")
    while not run.finished:
        _show_scene(console, run)
        outcome = _ask(console, run)
        if outcome is None:
            console.say(f"Story stopped. Score: {run.score}.")
            return 0
        if progress is not None:
            progress.story_choice(run, outcome)
        _show_outcome(console, outcome)
    if progress is not None:
        progress.story_ended(run)
    _show_ending(console, run)
    return 0


def _choose(console: Console, scenarios: list[Scenario]) -> Scenario | None:
    console.say("Stories:")
    for i, scenario in enumerate(scenarios, start=1):
        summary = f": {scenario.head.description}" if scenario.head.description else ""
        console.say(f"{i}. {scenario.title}{summary}", indent="  ")
    while True:
        line = console.ask(f"Which story (1-{len(scenarios)})? ")
        if line is None or line is TIMED_OUT:
            return None
        text = str(line).strip()
        if text.casefold() in QUIT_WORDS:
            return None
        if text.isdigit() and 1 <= int(text) <= len(scenarios):
            return scenarios[int(text) - 1]
        console.say(f"Type a number from 1 to {len(scenarios)}.")


def _show_scene(console: Console, run: StoryRun) -> None:
    scene = run.scene
    assert scene is not None
    console.say()
    if scene.title:
        console.say(scene.title)
    console.say(run.text)
    quotes = run.quotes()
    if quotes:
        console.say("From the article:")
        for indent, text in map(quote_line, quotes):
            console.say(text, indent=indent)
    if scene.context:
        console.say(f"{CONTEXT_LABEL} {scene.context}")
    status = run.status()
    if status:
        console.say("Status: " + "; ".join(f"{v.label}: {v.text}" for v in status) + f". Score: {run.score}.")
    for view in run.choices():
        closed = "" if view.open else f" (closed: {view.reason})"
        console.say(f"{view.index + 1}. {view.label}{closed}", indent="  ")


def _ask(console: Console, run: StoryRun) -> StoryOutcome | None:
    views = run.choices()
    while True:
        line = console.ask(f"Your choice (1-{len(views)}): ")
        if line is None or line is TIMED_OUT:
            if line is None:
                console.say("(End of input.)")
            return None
        text = str(line).strip()
        if text.casefold() in QUIT_WORDS:
            return None
        if not text.isdigit() or not 1 <= int(text) <= len(views):
            console.say(f"Type a number from 1 to {len(views)}.")
            continue
        view = views[int(text) - 1]
        if not view.open:
            console.say(f"That choice is closed: {view.reason}")
            continue
        return run.choose(view.index)


def _show_outcome(console: Console, outcome: StoryOutcome) -> None:
    console.say(f"You chose: {outcome.label}")
    if outcome.feedback:
        console.say(outcome.feedback)
    if outcome.quotes:
        console.say("From the article:")
        for indent, text in map(quote_line, outcome.quotes):
            console.say(text, indent=indent)
    if outcome.context:
        console.say(f"{CONTEXT_LABEL} {outcome.context}")
    changes = [f"{c.label}: {_value(c.before)} → {_value(c.after)}" for c in outcome.changes]
    if outcome.points or changes:
        console.say("; ".join([*([f"+{outcome.points} points"] if outcome.points else []), *changes]) + ".")


def _show_ending(console: Console, run: StoryRun) -> None:
    ending = run.ending
    assert ending is not None
    console.say()
    console.say(f"Ending ({ending.kind}): {ending.title}")
    console.say(ending.debrief)
    console.say("From the article:")
    for indent, text in map(quote_line, run.quotes()):
        console.say(text, indent=indent)
    if ending.context:
        console.say(f"{CONTEXT_LABEL} {ending.context}")
    _show_slips(console, run)
    console.say(f"Score: {run.score}. Choices made: {len(run.path)}.")


def _show_slips(console: Console, run: StoryRun) -> None:
    """The choices of this run that cost points, each with its quotes: the debrief of this player's path."""
    slips = run.slips()
    if not slips:
        console.say("No choice cost you points.")
        return
    console.say("Choices that cost points:")
    for slip in slips:
        where = f"{slip.scene_title}: " if slip.scene_title else ""
        console.say(f"{where}{slip.quoted} ({slip.points} of {slip.best} points)", indent="  ")
        for indent, text in map(quote_line, slip.quotes):
            console.say(text, indent="  " + indent)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
