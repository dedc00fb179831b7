"""A released question reaches a class student's screen in one partial update that shows what a full repaint
would (issue 16: thirty games on two cores repainted the whole screen at a release, then the list again)."""

from __future__ import annotations

from pathlib import Path

from test_class_student_screen import SIZE, Class, _until
from test_partial_repaint import diff, full_render, watch_terminal
from textual._compositor import ChopsUpdate

from game.engine.content.pack import Pack


async def test_a_release_sends_one_partial_update_that_shows_the_question(
    tmp_path: Path, panjshir: Pack
) -> None:
    klass = Class(tmp_path / "class", panjshir)
    try:
        app = klass.student("Ana")
        app.CURSOR_BLINK = False
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, app, "Waiting for the teacher…")
            klass.do("start")
            await _until(pilot, app, "Question 1 of 2")
            terminal = watch_terminal(app)
            app.screen.refresh()  # one full repaint to start the terminal from
            await pilot.pause()
            await pilot.press("1")
            await _until(pilot, app, "Your answer is locked in")
            klass.do("reveal")
            await _until(pilot, app, "From the article:")
            before = len(terminal.updates)
            klass.do("next")
            await _until(pilot, app, "Question 2 of 2")
            await pilot.pause(0.3)
            updates = terminal.updates[before:]
            # Textual repainted the whole screen at the focus change, then the list at its Resize.
            assert [type(update) for update in updates] == [ChopsUpdate]
            seen, expected = terminal.lines(), full_render(app)
            assert seen == expected, diff(seen, expected)
    finally:
        klass.close()
