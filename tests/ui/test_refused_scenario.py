"""A scenario that fails its lint is refused alone, when it is opened; the rest of its pack plays.

Loading does not lint. The game lints a scenario when the player opens it (TUI picker or plain mode)
and refuses it with one line; ``validate`` still reports the problem at ``path:line:col`` and exits 1.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pilot_helpers import press

from game.authoring.storylint import check_scenario
from game.cli import main
from game.engine.packs import load_pack
from game.engine.story.run import StoryRun
from game.ui.app import make_app
from game.ui.screens.story_picker_screen import StoryPickerScreen
from game.ui.screens.story_scene_screen import StorySceneScreen

GOOD = """\
kind: scenario
id: good
title: A good night
role: A reporter.
intro: The river is rising.
start: desk
scenes:
  - id: desk
    text: Your editor wants the story.
    choices:
      - label: Publish
        target: published
endings:
  - id: published
    title: Published
    kind: good
    debrief: You published it.
    quotes: ["The river rose by three metres on Monday"]
"""

# `stuck` has no choices and is not an ending: a dead end, which only the lint sees.
BAD = """\
kind: scenario
id: bad
title: A dead end
role: A reporter.
intro: The river is rising.
start: desk
scenes:
  - id: desk
    text: Your editor wants the story.
    choices:
      - label: Wait
        target: stuck
      - label: Publish
        target: published
  - id: stuck
    text: Nothing happens, for ever.
endings:
  - id: published
    title: Published
    kind: good
    debrief: You published it.
    quotes: ["The river rose by three metres on Monday"]
"""
BAD_LINE = 15
"""The line of ``- id: stuck`` in BAD, where the dead end is reported."""


@pytest.fixture
def pack_dir(tiny_pack_dir: Path) -> Path:
    """The tiny pack (one question) with a good and a dead-end scenario."""
    (tiny_pack_dir / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tiny_pack_dir / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tiny_pack_dir


def test_the_pack_loads_and_only_the_bad_scenario_is_refused(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    assert [q.id for q in pack.questions] and sorted(s.id for s in pack.scenarios) == ["bad", "good"]
    bad = next(s for s in pack.scenarios if s.id == "bad")
    good = next(s for s in pack.scenarios if s.id == "good")
    assert check_scenario(good) is None
    refusal = check_scenario(bad)
    assert refusal is not None and "\n" not in refusal
    assert "'A dead end' cannot be played: dead end: scene 'stuck'" in refusal
    assert f"bad.yaml:{BAD_LINE}:" in refusal
    run = StoryRun(pack, "good")
    run.choose(0)
    assert run.finished


def test_validate_reports_the_dead_end_at_its_position(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(pack_dir)]) == 1
    out = capsys.readouterr().out
    assert f"bad.yaml:{BAD_LINE}:5: error: dead end: scene 'stuck'" in out


def test_plain_mode_refuses_the_bad_scenario_in_one_line(
    pack_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["play", "--plain", "--mode", "story", "--scenes", str(pack_dir)]
    order = [s.id for s in load_pack(pack_dir).scenarios]  # as the plain picker lists them
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{order.index('bad') + 1}\n"))
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "cannot be played" in line] == [
        line for line in err.splitlines() if "dead end" in line
    ]
    assert "quotebound: 'A dead end' cannot be played: dead end" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{order.index('good') + 1}\n1\n"))
    assert main(argv) == 0
    assert "Published" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert main(["play", "--plain", "--mode", "quiz", "--scenes", str(pack_dir), "--seed", "1"]) == 0


async def test_the_picker_refuses_the_bad_scenario_and_plays_the_good_one(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    app = make_app(packs=[pack], mode="story")
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_start_story()
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, StoryPickerScreen)
        ids = [s.id for s in picker.scenarios]
        await press(pilot, str(ids.index("bad") + 1))
        assert app.screen is picker
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("'A dead end' cannot be played: dead end") for m in messages), messages
        await press(pilot, str(ids.index("good") + 1))
        assert isinstance(app.screen, StorySceneScreen)
