"""Article coverage: sentence splitting, what counts as quoted, the footer left out, --min."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.coverage import coverage
from game.cli import main
from game.engine.content.sentences import split_sentences
from game.engine.packs import load_pack


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("He said: “We are ready.” Then he left.", ["He said: “We are ready.”", "Then he left."]),
        ("A heading with no stop", ["A heading with no stop"]),
        ("Worth 1,000 people. Really?  Yes!", ["Worth 1,000 people.", "Really?", "Yes!"]),
    ],
)
def test_sentences_split_at_stops_before_a_capital(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_tiny_pack_covers_only_the_quoted_sentence(tiny_pack_dir: Path) -> None:
    result = coverage(load_pack(tiny_pack_dir))
    covered = [s.text for s in result.sentences if s.covered]
    assert covered == ["The river rose by three metres on Monday, the mayor said."]
    # The footer ("Source link") is not article text, so it is never counted.
    assert all("Source link" not in s.text for s in result.sentences)
    assert result.percent == pytest.approx(100 / len(result.sentences))


def test_bundled_pack_reaches_ninety_percent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "panjshir", "--min", "90"]) == 0
    assert "panjshir:" in capsys.readouterr().out


def test_below_minimum_exits_one_and_lists_uncovered(
    tiny_pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["coverage", str(tiny_pack_dir), "--min", "90"]) == 1
    out = capsys.readouterr().out
    assert "Officials claimed that 1,000 homes were safe." in out
