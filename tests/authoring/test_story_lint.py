"""Story lint and load checks on broken fixture stories: every problem at its line, and nothing else.

Each fixture in ``tests/bad_inputs/story/`` marks the diagnostics it must produce with a trailing
``# expect: error: <text>`` (or ``warning``) comment on the line the diagnostic points at.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from game.authoring.storylint import lint_scenario
from game.authoring.validate import load_linted_pack, validate_pack
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.loader import PackBuilder
from game.engine.content.yamlsafe import parse_yaml
from game.engine.packs import load_pack
from game.engine.story.file import read_scenario

FIXTURES = Path(__file__).resolve().parents[1] / "bad_inputs" / "story"
EXPECT = re.compile(r"# expect: (error|warning): (.+?)\s*$")

ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""
PACK = "id: tiny\ntitle: Tiny\ndescription: Tests.\narticle: article.txt\nboilerplate_starts: Source link\n"


def write_tiny_pack(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def expectations(text: str) -> list[tuple[int, str, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            found.append((number, match[1], match[2]))
    return found


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.yaml")))
def test_fixture_diagnostics_are_exactly_the_expected_ones(fixture: str, tmp_path: Path) -> None:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    expected = expectations(text)
    assert expected, f"{fixture} marks no expected diagnostic"
    folder = write_tiny_pack(tmp_path / "tiny", {"story.yaml": text})
    got = [d for d in validate_pack(folder) if d.path.endswith("story.yaml")]
    unexplained = [d for d in got if d.line not in {line for line, _, _ in expected}]
    assert not unexplained, "\n".join(map(str, unexplained))
    for line, severity, message in expected:
        here = [d for d in got if d.line == line and d.severity == severity]
        there = [str(d) for d in got if d.line == line]
        assert any(message in d.message and d.col >= 1 for d in here), f"{fixture}:{line} {message!r} {there}"
    assert len(got) == len(expected), "\n".join(map(str, got))


def test_a_story_with_errors_is_not_added_to_the_pack(tmp_path: Path) -> None:
    text = (FIXTURES / "refs.yaml").read_text(encoding="utf-8")
    with pytest.raises(ContentError):
        load_pack(write_tiny_pack(tmp_path / "tiny", {"story.yaml": text}))


def test_a_story_with_only_warnings_loads(tmp_path: Path) -> None:
    text = (FIXTURES / "warnings.yaml").read_text(encoding="utf-8")
    pack = load_linted_pack(write_tiny_pack(tmp_path / "tiny", {"story.yaml": text}))
    assert pack.warnings
    assert [s.id for s in pack.scenarios] == ["lint-warnings"]
    assert all(w.severity == "warning" for w in pack.warnings)


LOOP = """\
kind: scenario
id: counter
title: A counter with no top
role: A tester.
intro: Every loop adds one, so the states never end.
variables:
  laps: {start: 0, label: Laps}
start: track
scenes:
  - id: track
    text: Round the track.
    choices:
      - label: Another lap
        target: track
        effects: {add: {laps: 1}}
      - label: Stop
        if: laps >= 3
        target: done
      - label: Fall
        if: laps == 2
        target: hole
  - id: hole
    text: A hole with no way out.
    choices:
      - label: Climb
        if: laps > 1000000
        target: done
endings:
  - id: done
    title: Done
    kind: good
    debrief: You stopped.
    quotes: ["The river rose"]
"""


def lint(text: str, tmp_path: Path, max_states: int) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Read and lint one story with a chosen bound; returns (errors, warnings)."""
    pack = load_pack(write_tiny_pack(tmp_path / "tiny", {"quiz.yaml": QUIZ}))
    builder = PackBuilder(pack)
    doc = parse_yaml(text.encode(), "loop.yaml")
    scenario = read_scenario(builder, doc)
    assert scenario is not None and not builder.errors
    found = lint_scenario(scenario, max_states=max_states)
    return [d for d in found if d.severity == "error"], [d for d in found if d.severity == "warning"]


QUIZ = """\
kind: quiz
questions:
  - id: river
    type: true_false
    topic: facts
    prompt: The river rose.
    answer: true
    explanation: It did.
    quotes: ["The river rose"]
"""


def test_when_the_bound_is_hit_the_lint_says_so_and_still_reports_stuck_states(tmp_path: Path) -> None:
    errors, warnings = lint(LOOP, tmp_path, max_states=50)
    assert [(d.line, d.severity) for d in warnings] == [(2, "warning")]
    assert (
        "more than 50 states" in warnings[0].message and "quotebound playtest counter" in warnings[0].message
    )
    # The hole is reached with laps=2 long before the bound; being stuck there is certain.
    assert [(d.line, d.message) for d in errors] == [
        (
            22,
            "the player gets stuck in scene 'hole' with laps=2, "
            "after 'Another lap' → 'Another lap' → 'Fall': no choice is open",
        )
    ]
