"""A FIFO (or folder) in place of ``progress.sqlite3`` never hangs the game (issue 13, item 4).

``sqlite3.connect``, and our own header check before it, opened the path for reading, which blocks
forever on a FIFO. The file type is now checked with a non-blocking open before SQLite sees the path;
anything but a regular file is refused with a message, and the game plays on without saving.

Run in a subprocess with a timeout: a regression hangs, and must fail rather than hang the suite.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.store.connection import DB_FILENAME

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

ROOT = Path(__file__).resolve().parents[2]


def _play(data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUOTEBOUND_DATA": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--pack", "panjshir", "--player", "Ana"],
        input="quit\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.parametrize("name", [DB_FILENAME, f"{DB_FILENAME}-wal"])
def test_a_fifo_is_refused_and_the_game_plays_on(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / name)
    try:
        done = _play(data)
    except subprocess.TimeoutExpired:
        pytest.fail("the game hung on a FIFO in the data folder")
    assert done.returncode == 0, done.stderr
    assert f"{data / name} is a FIFO, not a regular file" in done.stderr
    assert "without saving" in done.stderr
    assert "Question 1 of" in done.stdout and "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(data / name).st_mode), "the FIFO was touched"
    assert sorted(p.name for p in data.iterdir()) == [name]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    from game.progress.service import ProgressService

    data = tmp_path / "data"
    (data / DB_FILENAME).mkdir(parents=True)
    opened = ProgressService.open(data)
    assert opened.store is None
    [notice] = opened.notices
    assert "is a folder, not a regular file" in notice.message and "without saving" in notice.message
