"""Taking a story's choice by its label, wherever the game shows it.

The game shows a scene's choices in an order of its own (``game.engine.story.run.shown_order``), so a
test that means "call the mayor" names that choice by its label rather than by a number that holds
only for one order. Tests about the order itself use numbers on purpose.
"""

from __future__ import annotations

from game.engine.story.run import ChoiceView, StoryOutcome, StoryRun


def shown(run: StoryRun, label: str) -> ChoiceView:
    """The current scene's choice labelled ``label`` (it must be the only one)."""
    views = [view for view in run.choices() if view.label == label]
    labels = [view.label for view in run.choices()]
    assert len(views) == 1, f"no single choice {label!r} in scene {run.scene_id!r}: {labels}"
    return views[0]


def choose_labelled(run: StoryRun, label: str) -> StoryOutcome:
    """Take the choice labelled ``label`` by its position as shown, as a player would."""
    return run.choose(shown(run, label).index)


def key_for(run: StoryRun, label: str) -> str:
    """The number key that takes the choice labelled ``label`` (``"2"``) on the scene on show."""
    return str(shown(run, label).index + 1)
