"""Setup errors stop a command before anything starts, with one line and exit status 2 (issue 13, item 7).

An unusable ``--results`` folder used to be found only after the round ("File exists", exit 0 in the
full-screen game): a student's round was lost without anyone noticing. Now ``play`` (either mode) and
``serve`` check the folder before the first question, and every setup error of every command exits 2;
content errors keep exit 1.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from game.cli import main


@pytest.fixture
def blocker(tmp_path: Path) -> Path:
    """A file where the results folder should be."""
    path = tmp_path / "class"
    path.write_text("not a folder", encoding="utf-8")
    return path


def test_the_game_does_not_start_with_an_unusable_results_folder(
    blocker: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.ui.app

    started: list[Any] = []

    class NoApp:
        return_code = 0

        def run(self) -> None:
            started.append(self)

    monkeypatch.setattr(game.ui.app, "make_app", lambda **_: NoApp())
    assert main(["play", "--pack", "panjshir", "--results", str(blocker)]) == 2
    assert capsys.readouterr().err == f"quotebound: cannot write results to {blocker}: File exists\n"
    assert not started, "the game started although its results could not be saved"


def test_serve_does_not_start_with_an_unusable_results_folder(
    blocker: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import textual_serve.server

    def no_serve(*_: object, **__: object) -> None:
        raise AssertionError("serve started although results could not be saved")

    monkeypatch.setattr(textual_serve.server.Server, "serve", no_serve)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert main(["serve", "--port", str(port), "--results", str(blocker)]) == 2
    assert "cannot write results to" in capsys.readouterr().err


def test_an_unwritable_output_is_a_setup_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "such" / "folder" / "x.gift"
    assert main(["export", "--format", "gift", "--pack", "panjshir", "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"quotebound: cannot write {out}: ")


def test_a_content_error_is_still_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: bad\n", encoding="utf-8")
    assert main(["play", "--scenes", str(tmp_path), "--results", str(tmp_path / "class")]) == 1
