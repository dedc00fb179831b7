"""Snapshots at 40×12 of every screen the 80×24 files picture (and two those files lack at 80×24: feedback
for a partly right answer and the command palette), so the smallest supported terminal is seen too.

They reuse the 80×24 files' packs, seeds and data, so each picture is the same moment at both sizes.
Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_progress_snapshots import Clock, history, play
from test_progress_snapshots import new_app as progress_app
from test_snapshots import KINDS, QUESTION_KEYS, answering, new_app, round_at, showing, some_response
from textual.pilot import Pilot
from textual.widgets import Input

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.progress.service import ProgressService
from game.store.db import ProgressStore
from game.ui.app import QuoteboundApp

PACK = Path(__file__).resolve().parent / "pack"
SMALL = (40, 12)
SIZES = pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def test_title_40x12(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), terminal_size=SMALL)


@pytest.mark.parametrize("kind", KINDS)
def test_question_40x12(snap_compare, pack: Pack, kind: str) -> None:
    assert snap_compare(
        new_app(pack),
        press=QUESTION_KEYS.get(kind, []),
        terminal_size=SMALL,
        run_before=showing(round_at(pack, kind)),
    )


def test_feedback_right_40x12(snap_compare, pack: Pack) -> None:
    before = answering(round_at(pack, "attribution"), "Tom Brady, a fisherman, to the Kelmarsh Post")
    assert snap_compare(new_app(pack), terminal_size=SMALL, run_before=before)


@SIZES
def test_feedback_partly_right(snap_compare, pack: Pack, size: tuple[int, int]) -> None:
    # One of the two right answers ticked, then submitted.
    before = answering(round_at(pack, "multi"), "Engineers surveyed the harbour in 2019", then=("enter",))
    assert snap_compare(new_app(pack), terminal_size=size, run_before=before)


def test_feedback_wrong_40x12(snap_compare, pack: Pack) -> None:
    before = answering(round_at(pack, "single"), "£600 million")
    assert snap_compare(new_app(pack), terminal_size=SMALL, run_before=before)


def test_summary_with_misses_40x12(snap_compare, pack: Pack) -> None:
    run = QuizRun(pack, seed=3)
    while run.current is not None:
        run.answer(some_response(run))
    assert run.summary().missed
    assert snap_compare(new_app(pack), terminal_size=SMALL, run_before=showing(run))


def test_reader_40x12(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), press=["6"], terminal_size=SMALL)


def test_help_40x12(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), press=["f1"], terminal_size=SMALL)


@SIZES
def test_palette(snap_compare, pack: Pack, size: tuple[int, int]) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        # The palette's search box blinks its cursor on its own (not through the app's setting).
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause(0.3)  # the palette lists its commands once its search has run
        await pilot.pause()

    assert snap_compare(new_app(pack), terminal_size=size, run_before=before)


def test_player_screen_40x12(
    snap_compare, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", True)
    with ProgressStore(tmp_path) as store:
        for name in ("Ana", "Bo"):
            store.ensure_player(name)
    assert snap_compare(progress_app(pack, tmp_path), press=["down"], terminal_size=SMALL)


def test_resume_offer_40x12(snap_compare, pack: Pack, tmp_path: Path) -> None:
    clock = Clock()
    service = ProgressService.open(tmp_path, clock=clock)
    service.use_player("Ana")
    play(service, pack, clock, seed=3, answers=3)
    service.close()
    assert snap_compare(progress_app(pack, tmp_path, player="Ana"), terminal_size=SMALL)


def test_review_question_40x12(snap_compare, pack: Pack, tmp_path: Path) -> None:
    history(pack, tmp_path)
    app = progress_app(pack, tmp_path, player="Ana", seed=5)
    assert snap_compare(app, press=["4"], terminal_size=SMALL)  # 4: Review (n due)


def test_stats_40x12(snap_compare, pack: Pack, tmp_path: Path) -> None:
    history(pack, tmp_path)
    app = progress_app(pack, tmp_path, player="Ana")
    assert snap_compare(app, press=["5"], terminal_size=SMALL)  # 5: Stats


def test_stats_history_40x12(snap_compare, pack: Pack, tmp_path: Path) -> None:
    """The history at the foot: narrow, it leaves out the result column rather than scroll sideways."""
    history(pack, tmp_path)
    app = progress_app(pack, tmp_path, player="Ana")
    assert snap_compare(app, press=["5", "end"], terminal_size=SMALL)
