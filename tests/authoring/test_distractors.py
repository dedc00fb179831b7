"""The distractor check warns about wrong options that are not really wrong."""

from __future__ import annotations

from pathlib import Path

from game.engine.packs import load_pack

QUESTION = """\
kind: quiz
questions:
  - id: homes
    type: single
    topic: facts
    prompt: What did officials claim?
    options:
      - "1,000 homes were safe"
      - "{wrong}"
      - "The river fell"
    answer: "1,000 homes were safe"
    explanation: Officials made the claim.
    quotes: ["Officials claimed that 1,000 homes were safe."]
"""


def _warnings(write_pack, tmp_path: Path, wrong: str) -> list[str]:  # type: ignore[no-untyped-def]
    pack = load_pack(write_pack(tmp_path / "tiny", {"quiz.yaml": QUESTION.replace("{wrong}", wrong)}))
    return [f"{w.line}: {w.message}" for w in pack.warnings]


def test_option_equal_to_the_answer_after_folding_is_flagged(pack_writer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _warnings(pack_writer, tmp_path, "One thousand homes were SAFE!") == [
        "9: wrong option 'One thousand homes were SAFE!' reads the same as the right answer"
    ]


def test_option_stated_by_the_quote_is_flagged(pack_writer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _warnings(pack_writer, tmp_path, "Officials claimed that 1,000") == [
        "9: wrong option 'Officials claimed that 1,000' is stated word for word by the question's own quote"
    ]


def test_a_plausible_distractor_is_not_flagged(pack_writer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _warnings(pack_writer, tmp_path, "3 homes were safe") == []


def test_bundled_pack_has_no_distractor_warnings(panjshir) -> None:  # type: ignore[no-untyped-def]
    assert [str(w) for w in panjshir.warnings] == []
