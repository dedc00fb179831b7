"""Snapshots of a find-the-line (evidence) question: the article with its sentence cursor at 80×24 and at
40×12, and the feedback with the right sentence highlighted in its paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.ui.app import QuoteboundApp, make_app

PACK = Path(__file__).resolve().parent / "evidence_pack"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def showing(pack: Pack, question_id: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuoteboundApp)
        app.show_round(QuizRun(pack, seed=1, question_ids=[question_id]))
        await pilot.pause()
        await pilot.pause()

    return run_before


class TestFindTheLine:
    @pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
    def test_sentence_cursor(self, snap_compare, pack: Pack, size: tuple[int, int]) -> None:
        """The claim on top, the article one sentence a line, the cursor moved to ¶2.2."""
        app = make_app(packs=[pack], seed=1)
        before = showing(pack, "engines")
        assert snap_compare(app, press=["down", "down"], run_before=before, terminal_size=size)

    def test_feedback_highlights_the_sentence(self, snap_compare, pack: Pack) -> None:
        """A wrong pick: the right sentence (¶4.1) is shown highlighted inside its paragraph."""
        app = make_app(packs=[pack], seed=1)
        assert snap_compare(
            app, press=["down", "enter"], run_before=showing(pack, "fares"), terminal_size=(80, 24)
        )
