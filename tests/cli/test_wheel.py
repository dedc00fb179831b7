"""The wheel works on its own: built, installed in a fresh venv, run from another folder.

Offline and fast: the venv is made without pip (the project venv's pip installs into it with
``--python``), and the dependencies come from the project venv's site-packages through a ``.pth`` line,
which adds that folder after the fresh venv's own one without running its ``.pth`` files, so the
editable install of the source tree stays out. The run then proves it used the installed copy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import game, game.paths
print(json.dumps({"game": game.__file__, "scenes": str(game.paths.bundled_scenes()), "path": sys.path,
                  "version": game.__version__}))
"""


def run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """A fresh venv with the wheel installed: (venv, a working folder outside the checkout, env)."""
    # Built, installed and probed in about 3 s on the development machine.
    started = time.perf_counter()
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "QUOTEBOUND_SCENES")}
    built = run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", base / "dist", ROOT], base, env
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (base / "dist").glob("quotebound-*.whl")

    venv = base / "venv"
    made = run(
        [getattr(sys, "_base_executable", sys.executable), "-m", "venv", "--without-pip", venv], base, env
    )
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel]
    assert (done := run(pip, base, env)).returncode == 0, done.stdout + done.stderr

    # Dependencies (textual, msgspec, PyYAML...) from the project venv, after the fresh venv's own packages.
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base, env)
    (Path(site.stdout.strip()) / "_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    print(f"wheel built and installed in {time.perf_counter() - started:.1f} s")
    return venv, elsewhere, env


def test_installed_copy_is_the_one_that_runs(installed: tuple[Path, Path, dict[str, str]]) -> None:
    venv, elsewhere, env = installed
    result = run([venv / "bin" / "python", "-c", PROBE], elsewhere, env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert Path(probe["game"]).is_relative_to(venv)
    assert Path(probe["scenes"]) == Path(probe["game"]).parent / "content" / "scenes"
    assert str(ROOT) not in probe["path"] and "" not in probe["path"][1:]
    assert probe["version"] != "0.0.0+source"


def test_version(installed: tuple[Path, Path, dict[str, str]]) -> None:
    venv, elsewhere, env = installed
    result = run([venv / "bin" / "quotebound", "--version"], elsewhere, env)
    assert result.returncode == 0, result.stderr
    (wheel,) = (venv.parent / "dist").glob("quotebound-*.whl")
    assert result.stdout.strip() == f"quotebound {wheel.name.split('-')[1]}"


def test_validate_the_bundled_packs(installed: tuple[Path, Path, dict[str, str]]) -> None:
    venv, elsewhere, env = installed
    result = run([venv / "bin" / "quotebound", "validate"], elsewhere, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert " 0 errors" in result.stderr
    files = int(result.stderr.splitlines()[-1].split()[0])  # the summary follows each pack's figures
    assert files >= len(list((ROOT / "scenes").glob("*/*.yaml")))  # every bundled pack file travelled


def test_the_class_full_page_ships(installed: tuple[Path, Path, dict[str, str]]) -> None:
    """serve's page template is data, not code: it must travel in the wheel too."""
    import zipfile

    venv, _, _ = installed
    (wheel,) = (venv.parent / "dist").glob("quotebound-*.whl")
    assert "game/commands/serve_templates/class_full.html" in zipfile.ZipFile(wheel).namelist()
