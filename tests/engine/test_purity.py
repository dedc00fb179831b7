"""The engine and the no-screen commands never import the UI (textual, rich, game.ui).

Importing Textual costs most of a start-up; `quotebound validate` and the engine must stay fast and usable
in CI and on machines without a terminal. Checked in a fresh interpreter, and statically by import-linter.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, pkgutil, sys, importlib
import game.engine
import game.engine.content.loader, game.engine.quiz.run, game.authoring.validate, game.cli
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
    """The import-linter contract in pyproject.toml (engine, store and export never import the UI)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
