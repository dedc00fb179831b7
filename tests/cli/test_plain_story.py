"""Plain-mode story: scenes, numbered choices (closed ones with their reason), feedback, ending, debrief."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.story.run import StoryRun

SCENARIO = """\
kind: scenario
id: flood
title: Flood night
role: You are a local reporter on a wet night.
intro: The river is rising and your editor wants a story.
variables:
  checked: {type: bool, start: false, label: Figure checked}
  trust: {type: int, start: 0, min: 0, max: 3, label: Trust}
start: desk
scenes:
  - id: desk
    title: The desk
    text: Your editor wants the story now.
    quotes: ["The river rose by three metres on Monday"]
    choices:
      - label: Publish now
        if: "checked"
        closed: "Check the figure first."
        target: published
      - label: Check the figure with the mayor
        if: "not checked"
        target: desk
        effects: {set: {checked: true}, add: {trust: 1}}
        points: 5
        feedback: The mayor gave the figure himself.
        quotes: ["the mayor said"]
endings:
  - id: published
    title: A careful story
    kind: good
    debrief: You checked the figure before you published it.
    quotes: ["Officials claimed that 1,000 homes were safe."]
    points: 10
"""


@pytest.fixture
def story_pack(tiny_pack_dir: Path) -> Path:
    """The tiny pack (tests/conftest.py) with this scenario beside its one question."""
    (tiny_pack_dir / "story.yaml").write_text(SCENARIO, encoding="utf-8")
    return tiny_pack_dir


def play(monkeypatch: pytest.MonkeyPatch, scenes: Path, stdin: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["play", "--plain", "--mode", "story", "--scenes", str(scenes)])


def test_a_story_played_to_its_ending(
    story_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert play(monkeypatch, story_pack, "1\n2\n1\n") == 0
    out = capsys.readouterr().out
    assert "Tiny pack — Flood night" in out and "You are a local reporter" in out
    assert "¶2: “The river rose by three metres on Monday”" in out
    assert "1. Publish now (closed: Check the figure first.)" in out
    assert "That choice is closed: Check the figure first." in out
    assert "You chose: Check the figure with the mayor" in out and "The mayor gave the figure himself." in out
    assert "+5 points; Figure checked: no → yes; Trust: 0 → 1." in out
    assert "Status: Figure checked: yes; Trust: 1. Score: 5." in out
    assert (
        "Ending (good): A careful story" in out and "You checked the figure before you published it." in out
    )
    assert "¶3: “Officials claimed that 1,000 homes were safe.”" in out
    assert "Score: 15. Choices made: 2." in out


def test_end_of_input_stops_a_story_cleanly(
    story_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert play(monkeypatch, story_pack, "2\n") == 0
    out = capsys.readouterr().out
    assert "(End of input.)" in out and "Story stopped. Score: 5." in out


def test_a_pack_without_stories(
    tmp_path: Path, tiny_pack_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert play(monkeypatch, tiny_pack_dir, "1\n") == 1
    assert "has no stories" in capsys.readouterr().err


def test_without_the_story_runtime_it_says_so(
    story_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As if game.engine.story.run did not exist:
    monkeypatch.setitem(sys.modules, "game.plain.play_story", None)
    assert play(monkeypatch, story_pack, "1\n") == 2
    assert "not available in plain mode yet" in capsys.readouterr().err


def test_the_ending_lists_the_choices_this_player_made_that_cost_points(
    panjshir: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12: both claims attributed, the only slip "Make it the headline"; the ending says so, and
    names no variable or ending by its id."""
    path = [
        "Work from the body",
        "Write: who the resistance is",
        '"The NRF, made up of former',
        "Write: the siege",
        '"The Taliban say they have surrounded',
        "Quote Hamid Saifi",
        "Write: the valley's history",
        "Stop, and flag",
        "Use 1979 to 1989",
        "File the piece",
        "Make it the headline",
        "A draft with one or two slips",
    ]
    run = StoryRun(panjshir, "reporter-notebook")
    numbers = []
    for start in path:
        view = next(v for v in run.choices() if v.open and v.label.startswith(start))
        numbers.append(str(view.index + 1))
        run.choose(view.index)
    story = 1 + [s.id for s in panjshir.scenarios].index("reporter-notebook")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join([str(story), *numbers]) + "\n"))
    assert main(["play", "--plain", "--mode", "story", "--pack", "panjshir"]) == 0
    out = capsys.readouterr().out
    ending = out[out.index("Ending (mixed): Published with corrections") :]
    assert "Choices that cost points:\n" in ending
    slip = "The editor's question: “Make it the headline: it is the most striking line” (0 of 10 points)"
    assert slip in ending
    assert "¶" in ending.split("Make it the headline")[1].split("\n")[1]  # its quote follows
    assert ending.count("” (") == 1  # and no other choice is blamed
    assert "siege" not in ending and "thousands" not in ending
    assert "Date clash flagged: no → yes" in out and "flagged_dates" not in out
    assert "corrections" not in ending.replace("Published with corrections", "")
