"""``play`` with a pack whose content fails: the game still starts when another pack opens, the
picker says "cannot open: <first error>" for it, and only broken packs stop ``play`` with their errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.engine.test_pack_shelf import BAD_QUIZ, GOOD_QUIZ, scenes_with


def test_play_plain_skips_a_pack_that_cannot_open_and_plays_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plain mode asks no pack question (issue 12, item 17): like the full-screen game it opens the
    first pack that opens; the broken one does not stop the game."""
    root = scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    status = main(["play", "--plain", "--scenes", str(root), "--seed", "1"])
    out = capsys.readouterr().out
    assert status == 0
    assert "Which pack" not in out
    assert "By how much did the river rise?" in out


def test_play_with_only_broken_packs_exits_1_with_the_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = scenes_with(tmp_path, aa=BAD_QUIZ)
    assert main(["play", "--plain", "--scenes", str(root)]) == 1
    err = capsys.readouterr().err
    assert "aa/quiz.yaml:" in err and "quote not found in the article" in err
    assert "fix the problems above" in err


def test_play_pack_names_a_broken_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ)
    assert main(["play", "--plain", "--scenes", str(root), "--pack", "aa"]) == 1
    assert "aa/quiz.yaml:" in capsys.readouterr().err
