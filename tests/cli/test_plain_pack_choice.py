"""Issue 12, item 17: plain mode opens the pack the full-screen game opens (the first, unless ``--pack``
names another) and never asks which pack."""

from __future__ import annotations

import io
import sys

import pytest

from game.cli import main
from game.commands.common import load_command_packs


def _play_plain(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no answers: the round stops at once
    main(["play", "--plain", "--seed", "1", *extra])
    return capsys.readouterr().out


def test_plain_mode_opens_the_first_pack_without_asking(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    packs = load_command_packs(None, strict=True)
    assert packs is not None and len(packs) > 1, "the bundled scenes hold several packs"
    out = _play_plain(monkeypatch, capsys)
    assert "Which pack" not in out
    assert packs[0].title in out and packs[1].title not in out


def test_plain_mode_opens_the_pack_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    packs = load_command_packs(None, strict=True)
    assert packs is not None
    out = _play_plain(monkeypatch, capsys, "--pack", packs[1].id)
    assert "Which pack" not in out and packs[1].title in out
