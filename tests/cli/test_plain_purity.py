"""Screenless commands never load the UI: `play --plain`, `export` and `report` import no textual or rich.

Each runs in a fresh interpreter, which then lists every textual, rich or game.ui module it has loaded.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.store.results import write_results

PROBE = """
import sys
from game.cli import main
status = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("game.ui"))
print("LOADED:" + ",".join(loaded), file=sys.stderr)
sys.exit(status)
"""


def loaded_by(argv: list[str], stdin: str = "") -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED:"))
    return [m for m in line[len("LOADED:") :].split(",") if m]


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--pack", "panjshir", "--format", "gift"],
        ["export", "--pack", "panjshir", "--format", "markdown", "--answers"],
        ["export", "--pack", "panjshir", "--format", "json"],
    ],
)
def test_export_loads_no_ui(argv: list[str]) -> None:
    assert loaded_by(argv) == []


def test_report_loads_no_ui(panjshir: Pack, tmp_path: Path) -> None:
    run = QuizRun(panjshir, seed=1, count=2)
    run.answer(None, 1.0)
    write_results(tmp_path, run=run, player="Ana", started=datetime(2025, 1, 1, tzinfo=UTC))
    for style in ([], ["--html"], ["--csv"], ["--markdown"]):
        assert loaded_by(["report", str(tmp_path), *style]) == []


def test_plain_play_loads_no_ui(tmp_path: Path) -> None:
    argv = [
        "play",
        "--plain",
        "--pack",
        "panjshir",
        "--seed",
        "1",
        "--questions",
        "2",
        "--results",
        str(tmp_path),
    ]
    assert loaded_by([*argv, "--player", "Ana"], "1\n1\n") == []
    assert loaded_by(["play", "--plain", "--pack", "panjshir", "--mode", "story"], "1\nquit\n") == []
