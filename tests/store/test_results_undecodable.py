"""One results file that cannot be decoded never stops the class report (issue 13, item 5).

``{"answers": [[[[…`` 100,000 deep made ``msgspec.json.decode`` raise ``RecursionError`` (not
``DecodeError``), and a few hundred deep got through decoding and overflowed our own cleaning walk; either
way no report was printed for anyone. Each such file, and a FIFO named on the command line, is now skipped
with a one-line reason and the rest of the report prints.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.store.results import collect, write_results

ROOT = Path(__file__).resolve().parents[2]
HEAD = b'{"format": "quotebound-results", "version": 1, "answers": '


def _deep(depth: int) -> bytes:
    return HEAD + b"[" * depth + b"]" * depth + b"}"


@pytest.fixture
def class_dir(panjshir: Pack, tmp_path: Path) -> Path:
    """One good round by Ana, and two files nested too deeply to decode or to walk."""
    folder = tmp_path / "class"
    run = QuizRun(panjshir, seed=1, question_ids=[panjshir.questions[0].id])
    run.answer(None, 2.0)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    write_results(folder, run=run, player="Ana", started=when, finished=when)
    (folder / "deep.json").write_bytes(_deep(100_000))
    (folder / "walk.json").write_bytes(_deep(600))
    return folder


def test_deep_files_are_skipped_with_one_line_each(class_dir: Path) -> None:
    collected = collect([class_dir])
    assert [r.player for _, r in collected.results] == ["Ana"]
    assert sorted(collected.problems) == [
        f"{class_dir / 'deep.json'}: nested too deeply to be a results file",
        f"{class_dir / 'walk.json'}: nested too deeply to be a results file",
    ]


def test_the_report_still_prints(class_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(class_dir)]) == 0
    out = capsys.readouterr()
    assert "Ana" in out.out
    skipped = [line for line in out.err.splitlines() if line.startswith("quotebound: skipped ")]
    assert len(skipped) == 2 and all("nested too deeply" in line for line in skipped)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_on_the_command_line_is_skipped_not_waited_on(class_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "game", "report", str(fifo), str(class_dir)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("report hung on a FIFO")
    assert done.returncode == 0 and "Ana" in done.stdout
    assert f"quotebound: skipped {fifo}: not a regular file" in done.stderr
    assert "Traceback" not in done.stderr
