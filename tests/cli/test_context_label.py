"""Every ``context`` (background not from the article) reaches a player or a teacher after one label.

The label is the front ends' own, "Context (not from the article):", the same in the TUI (see
tests/ui/test_context_label_flow.py), plain mode and every export that carries feedback; the texts do not
say it again (tests/engine/test_bundled_context.py). tests/context-pack puts a different context in every
place one can go: a question, a scenario's head, a scene, a choice and both endings.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.text import CONTEXT_LABEL
from game.engine.packs import load_pack
from game.engine.story.run import StoryRun
from tests.story_helpers import key_for

SCENES = Path(__file__).resolve().parent.parent
"""The tests folder: ``--scenes`` there finds tests/context-pack (and only packs with a pack.yaml)."""
PACK = "context-pack"

QUESTION = "Flood barriers are often built to hold back a flood expected once in a hundred years."
HEAD = "The library and its notice board are made up for this story."
SCENE = "An open day is a day when the public may visit a site that is usually closed."
CHOICE = "Councils usually post such dates on their websites too."
GOOD_END = "Open days often fill up, so some councils ask visitors to book."
BAD_END = "A barrier's gates are usually closed to the public for safety."


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], stdin: str = ""
) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main([*args, "--scenes", str(SCENES), "--pack", PACK]) == 0
    return capsys.readouterr().out


def test_the_label_is_the_one_the_help_promises() -> None:
    help_text = (SCENES.parent / "game" / "ui" / "help.md").read_text(encoding="utf-8")
    assert CONTEXT_LABEL == "Context (not from the article):"
    assert "labelled *Context (not from the article)*" in help_text


@pytest.mark.parametrize("answer", ["1", "2"])
def test_plain_quiz_feedback_labels_the_context(
    answer: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(monkeypatch, capsys, ["play", "--plain", "--seed", "1"], f"{answer}\n")
    assert f"{CONTEXT_LABEL} {QUESTION}\n" in out
    assert out.count("not from the article") == 1


@pytest.mark.parametrize(
    ("label", "said"), [("Saturday", [HEAD, SCENE, CHOICE, GOOD_END]), ("Tuesday", [HEAD, SCENE, BAD_END])]
)
def test_plain_story_labels_every_context(
    label: str, said: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = key_for(StoryRun(load_pack(SCENES / PACK), "open-day"), label)
    out = run(monkeypatch, capsys, ["play", "--plain", "--mode", "story"], f"{key}\n")
    assert f"You chose: {label}" in out
    lines = out.splitlines()
    for text in said:
        assert f"{CONTEXT_LABEL} {text}" in lines
    assert out.count("not from the article") == len(said)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "gift"], "Context (not from the article)\\: " + QUESTION),  # GIFT escapes its colons
        (["--format", "markdown", "--answers"], f"{CONTEXT_LABEL} {QUESTION}"),
        (["--format", "tsv"], f"{CONTEXT_LABEL} {QUESTION}"),
        (["--format", "tsv", "--flavor", "quizlet"], f"{CONTEXT_LABEL} {QUESTION}"),
    ],
)
def test_exports_with_feedback_label_the_context(
    args: list[str], expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(monkeypatch, capsys, ["export", *args])
    assert expected in out
    assert out.count("not from the article") == 1


def test_the_json_export_keeps_each_context_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(run(monkeypatch, capsys, ["export", "--format", "json"]))
    text = json.dumps(data, ensure_ascii=False)
    for context in (QUESTION, HEAD, SCENE, CHOICE, GOOD_END, BAD_END):
        assert f'"context": {json.dumps(context, ensure_ascii=False)}' in text
    assert "not from the article" not in text  # data, not a page: the field's name says what it is
