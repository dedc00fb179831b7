"""Progress across processes: a round killed with SIGKILL mid-way is resumed intact (saved by a script through
the game's own ProgressService, and by the plain mode), and ``quotebound stats`` prints the figures without
loading the UI.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun, Response
from game.engine.story.run import StoryRun
from game.progress.service import ProgressService
from game.store.connection import DB_FILENAME
from game.ui.app import make_app
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.resume_screen import ResumeScreen

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "tests" / "snapshots" / "pack"
SEED = 11

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

KILLED_SCRIPT = """
import json, os, signal, sys
from pathlib import Path
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.progress.service import ProgressService

pack = load_pack(Path(sys.argv[1]))
service = ProgressService.open(sys.argv[2])
service.use_player("Ana")
run = QuizRun(pack, seed=int(sys.argv[3]))
service.round_started(run)
for response in json.loads(sys.argv[4]):
    run.answer(response, 2.5)
    service.answered(run)  # what the quiz screen calls before showing the feedback
print(json.dumps(run.to_json()), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
print("never printed", flush=True)
"""


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def some_response(run: QuizRun) -> Response:
    """A fixed valid answer to the question on show (right or wrong, whatever it is)."""
    shown = run.current
    assert shown is not None
    return {"multi": [0, 2], "order": list(range(len(shown.choices)))[::-1], "short": "600"}.get(
        shown.kind, 1
    )


def typed(response: Response) -> str:
    """The plain-mode line for ``response``."""
    if isinstance(response, list):
        return " ".join(str(i + 1) for i in response)
    return str(response + 1) if isinstance(response, int) else str(response)


def first_responses(pack: Pack, n: int) -> tuple[list[Response], QuizRun]:
    run = QuizRun(pack, seed=SEED)
    given: list[Response] = []
    for _ in range(n):
        response = some_response(run)
        run.answer(response, 2.5)
        given.append(response)
    return given, run


async def resume_in_the_game(pack: Pack, data: Path) -> QuizRun:
    """Start the game as Ana, take the resume offer, and return the round it continues."""
    app = make_app(packs=[pack], data_dir=data, player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("1")
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        return screen.run


async def test_a_round_killed_mid_way_resumes_with_every_answer_intact(pack: Pack, tmp_path: Path) -> None:
    given, expected = first_responses(pack, 3)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_SCRIPT, str(PACK), str(tmp_path), str(SEED), json.dumps(given)],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert "never printed" not in done.stdout
    state_at_kill = json.loads(done.stdout)
    assert state_at_kill == json.loads(json.dumps(expected.to_json()))

    resumed = await resume_in_the_game(pack, tmp_path)
    assert resumed.to_json() == state_at_kill
    assert (resumed.order, resumed.records, resumed.score) == (
        expected.order,
        expected.records,
        expected.score,
    )
    assert resumed.current is not None and resumed.current.number == 4


async def test_the_plain_mode_saves_as_it_goes_and_the_game_resumes_it(pack: Pack, tmp_path: Path) -> None:
    scenes = tmp_path / "scenes"
    shutil.copytree(PACK, scenes / "pack")
    data = tmp_path / "data"
    given, expected = first_responses(pack, 3)
    child = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--plain", "--player", "Ana", "--seed", str(SEED),
         "--pack", pack.id, "--scenes", str(scenes), "--data-dir", str(data)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert child.stdin is not None
    try:
        for response in given:
            child.stdin.write(typed(response) + "\n")
        child.stdin.flush()  # stdin stays open: the game now waits on question 4
        deadline = time.monotonic() + 30
        while _answers_saved(data) < 3:
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "the plain mode never saved three answers"
            time.sleep(0.05)
    finally:
        child.kill()  # SIGKILL
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    resumed = await resume_in_the_game(pack, data)
    assert (resumed.order, resumed.perms, resumed.score) == (expected.order, expected.perms, expected.score)
    assert [(r.question_id, r.response, r.correct, r.points) for r in resumed.records] == [
        (r.question_id, r.response, r.correct, r.points) for r in expected.records
    ]


def _answers_saved(data: Path) -> int:
    path = data / DB_FILENAME
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM answer").fetchone()[0])
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


# --- quotebound stats ----------------------------------------------------------------------------------

STATS_PROBE = """
import sys
from game.cli import main
status = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("game.ui"))
print("LOADED:" + ",".join(loaded), file=sys.stderr)
sys.exit(status)
"""


def stats(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", STATS_PROBE, "stats", *argv],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip


def loaded(done: subprocess.CompletedProcess[str]) -> list[str]:
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED:"))
    return [m for m in line[len("LOADED:") :].split(",") if m]


@pytest.fixture
def played(pack: Pack, tmp_path: Path) -> Path:
    """A data folder where Ana finished one round (2 misses) and Bo started one."""
    data = tmp_path / "data"
    now = datetime.now(UTC)
    for name, finish in (("Ana", True), ("Bo", False)):
        service = ProgressService.open(data, clock=lambda: now)
        service.use_player(name)
        run = QuizRun(pack, seed=SEED)
        service.round_started(run)
        while not run.finished and (finish or len(run.records) < 2):
            run.answer(some_response(run), 30.0)
            service.answered(run)
        if finish:
            service.round_finished(run)
        service.close()
    return data


def test_stats_json_has_the_figures_and_loads_no_ui(played: Path, pack: Pack) -> None:
    scenes = played.parent / "scenes"
    shutil.copytree(PACK, scenes / "pack")
    done = stats("--json", "--player", "ana", "--data-dir", str(played), "--scenes", str(scenes))
    assert done.returncode == 0, done.stderr
    assert loaded(done) == []
    report = json.loads(done.stdout)
    [ana] = report["players"]
    assert ana["player"] == "Ana"
    assert ana["streaks"]["current_days"] == 1
    [figures] = ana["packs"]
    assert (figures["pack"], figures["title"], figures["answered"]) == (pack.id, pack.title, 7)
    run = QuizRun(pack, seed=SEED)
    while not run.finished:
        run.answer(some_response(run))
    right = sum(r.correct for r in run.records)
    assert figures["right"] == right
    assert {t["title"] for t in figures["topics"]} == set(pack.topics.values())
    assert sum(t["answered"] for t in figures["topics"]) == 7
    assert figures["review"]["due"] == 7 - right
    [history] = figures["history"]
    assert (history["score"], history["max_score"], history["answered"]) == (run.score, run.max_score, 7)
    assert history["seconds"] == 210.0
    [best] = figures["best"]
    assert (best["mode"], best["score"]) == ("quiz", run.score)


def test_stats_text_lists_every_player(played: Path) -> None:
    done = stats("--data-dir", str(played), "--pack", "pack")
    assert done.returncode == 0, done.stderr
    assert loaded(done) == []
    text = done.stdout
    assert "Player: Ana" in text and "Player: Bo" in text
    assert (
        "Accuracy:" in text and "By day:" in text and "Review:" in text and "History (newest first):" in text
    )
    bo = text.split("Player: Bo")[1]
    # Without --scenes the bundled packs are loaded; this pack is not one, so ids stand in for titles.
    assert "Pack: pack (pack)" in bo and "Topic facts: 0/1 right (0%)" in bo and "Review: 2 due now" in bo
    assert "History" not in bo  # Bo's round is unfinished


def test_stats_on_an_unknown_player_or_an_empty_folder(played: Path, tmp_path: Path) -> None:
    done = stats("--player", "Cy", "--data-dir", str(played))
    assert done.returncode == 1 and "no player 'Cy'; players: Ana, Bo" in done.stderr
    empty = stats("--json", "--data-dir", str(tmp_path / "none"))
    assert empty.returncode == 0 and json.loads(empty.stdout) == {"players": []}
    assert not (tmp_path / "none" / DB_FILENAME).exists()


def test_the_plain_story_saves_its_choices_and_ending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    story = load_pack(ROOT / "tests" / "snapshots" / "story")
    scenes = tmp_path / "scenes"
    shutil.copytree(ROOT / "tests" / "snapshots" / "story", scenes / "story")
    scenario = story.scenarios[0]
    run = StoryRun(story, scenario)
    lines = ["1"]  # the first scenario
    while not run.finished:
        view = run.open_choices()[0]
        run.choose(view.index)
        lines.append(str(view.index + 1))
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    data = tmp_path / "data"
    argv = ["play", "--plain", "--mode", "story", "--player", "Ana", "--scenes", str(scenes)]
    assert main([*argv, "--data-dir", str(data)]) == 0
    assert "Ending" in capsys.readouterr().out
    service = ProgressService.open(data)
    service.use_player("Ana")
    assert run.ending is not None
    assert service.endings_found(story, scenario.id) == {run.ending.id}
    assert service.store is not None and service.player is not None
    [row] = service.store.history(service.player)
    assert (row.mode, row.score, row.n_answered) == ("story", run.score, len(run.path))
    service.close()
