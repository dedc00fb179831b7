"""The engine and the no-screen commands never import the UI (textual, rich, game.ui); the game never
imports the authoring tools (lint, exhaustive exploration) to start.

Importing Textual costs most of a start-up; `quotebound validate` and the engine must stay fast and usable
in CI and on machines without a terminal. Checked in a fresh interpreter, and statically by import-linter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, pkgutil, sys, importlib
import game.engine
import game.engine.content.loader, game.engine.packs, game.engine.quiz.run, game.authoring.validate, game.cli
for info in pkgutil.walk_packages(game.engine.__path__, "game.engine."):
    importlib.import_module(info.name)
from game.paths import bundled_scenes
status = game.cli.main(["validate", str(bundled_scenes() / "panjshir")])
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("game.ui"))
print(json.dumps({"status": status, "ui": ui}))
"""


def test_engine_and_validate_never_import_the_ui() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["status"] == 0, result.stdout + result.stderr
    assert report["ui"] == []


def test_import_contracts_hold() -> None:
    """The import-linter contracts in pyproject.toml: layers, the engine's inside, no UI below, no cycles."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# `quotebound` (and `quotebound play`) up to the moment the app would take the screen: the packs are
# loaded and the app is built, then App.run is stubbed to report what was imported.
START_PROBE = """
import json, sys
import textual.app

LATE = {"game.engine.story.explore", "fsrs", "game.progress.schedule"}

def report(self, *args, **kwargs):
    tools = sorted(
        m for m in sys.modules
        if m.startswith("game.authoring") or m in LATE
    )
    print(json.dumps({"tools": tools, "app": type(self).__name__}))

textual.app.App.run = report
import game.cli
sys.exit(game.cli.main(sys.argv[1:]))
"""



@pytest.mark.parametrize("argv", [[], ["play", "--mode", "story"]])
def test_starting_the_game_imports_no_lint_or_exploration(argv: list[str], tmp_path: Path) -> None:
    """Loading is loading: story lint and the exhaustive walk run when a scenario is opened, not at start;
    the review scheduler (FSRS) when an answer is scheduled."""
    env = {**os.environ, "QUOTEBOUND_DATA": str(tmp_path)}
    env.pop("QUOTEBOUND_SCENES", None)
    result = subprocess.run(
        [sys.executable, "-c", START_PROBE, *argv],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["app"] == "QuoteboundApp"
    assert report["tools"] == [], report["tools"]
