"""Issue 12, item 8: no doubled quotation marks in the GIFT export, the class report or plain mode; the
article's own quotation marks inside a quote show as single marks."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.export.report import _quotes

ROOT = Path(__file__).resolve().parent.parent.parent
DOUBLED = re.compile(r"““|””|“[^”‘’]*“")
"""Two opening marks before a closing one, or two marks side by side."""


def test_gift_export_sets_inner_quotes_single(panjshir: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "gift", "--pack", "panjshir"]) == 0
    out = capsys.readouterr().out
    assert "‘thousands of forces ready for the resistance’”" in out
    assert "resistance””" not in out and not DOUBLED.search(out)


def test_the_report_sets_inner_quotes_single(panjshir: Pack) -> None:
    quotes = _quotes(panjshir, "attributed-or-own-voice")
    assert quotes is not None
    assert any("‘thousands of forces ready for the resistance’”" in q for q in quotes)
    assert not any(DOUBLED.search(q) for q in quotes)


def test_plain_story_sets_inner_quotes_single(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The envoy scenario's first scene quotes Nazary's "He said: “We prefer peace…".
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n" * 40))
    main(["play", "--plain", "--mode", "story", "--pack", "panjshir"])
    out = capsys.readouterr().out
    assert "“He said: ‘We prefer peace" in out or "‘thousands of forces" in out
    assert not DOUBLED.search(out)
