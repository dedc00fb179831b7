"""The live class's host screen: keys drive the class in the store, the screen renders what the store says."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.cells import cell_len

from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import ClassConfig, ClassStore
from game.ui import class_host_views as views
from game.ui.class_host_app import ClassHostApp

SIZE = (110, 40)
NOW = 1_000.0


def _text(app: ClassHostApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def _until(pilot, app: ClassHostApp, *words: str) -> str:  # type: ignore[no-untyped-def]
    """Wait (at most 10 s) until all ``words`` are on screen; the screen refreshes from the store every
    200 ms, and a part whose size changed may be drawn a frame after the rest."""
    for _ in range(100):
        await pilot.pause(0.1)
        if all(w in _text(app) for w in words):
            return _text(app)
    raise AssertionError(f"{words!r} never shown:\n{_text(app)}")


async def test_teacher_paced_round_on_the_host_screen(tmp_path: Path, panjshir: Pack) -> None:
    """Roster, start, answered k of n, the automatic reveal with its bars and quote, top five, next, end."""
    config = ClassConfig("panjshir", 10, 2, None, "teacher", False, None, panjshir.article.sha256)
    store = ClassStore.create(tmp_path, config, 1.0)
    session = ClassSession(store, panjshir)
    # A fixed clock: the students stay present, so a screen that changes only its message must still show it.
    app = ClassHostApp(session, leaderboard=True, clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, app, "nobody yet")
        for ago, name in ((2.0, "Ana"), (1.0, "[b]Bo[/i]")):  # a name is shown literally, never as markup
            store.claim(name, NOW - ago, 10.0)
        await _until(pilot, app, "Joined (2): Ana, [b]Bo[/i]")
        await asyncio.wait_for(pilot.press("s"), 10)
        await _until(
            pilot,
            app,
            "Question 1 of 2 · answered 0 of 2",
            "What concern does the article",
            " 4   That US troops",
        )
        session.answer("ana", "main", 0, 1, 1.0, NOW)
        await _until(pilot, app, "answered 1 of 2")
        session.answer("[b]bo[/i]", "main", 0, 0, 1.0, NOW)
        # Everyone answered: revealed by itself.
        await _until(pilot, app, "1 of 2 answers right", "From the article:", "¶22", "Top five")
        assert "r Reveal" not in await _until(pilot, app, "n Next")  # only the keys that apply now
        await asyncio.wait_for(pilot.press("n"), 10)
        await _until(pilot, app, "Question 2 of 2")
        await asyncio.wait_for(pilot.press("e"), 10)
        await _until(pilot, app, "Press e again to end the class")
        assert store.state().phase == "main"  # one press of e ends nothing
        await asyncio.wait_for(pilot.press("e"), 10)
        await _until(pilot, app, "Results files written to")
    app.refresh_class()  # a last timer tick after the app closed: no crash
    assert store.state().phase == "ended"
    assert len(list((tmp_path / "results").glob("*.json"))) == 2
    store.close()


def test_the_qr_code_draws_every_module() -> None:
    """Each cell's half blocks are the two modules it covers: read back, the drawing is segno's code."""
    import segno

    from game.ui.widgets.qr_code import BORDER, qr_rows

    url = "http://192.168.1.20:8000/"
    expected = [[bool(m) for m in row] for row in segno.make_qr(url, error="l").matrix_iter(border=BORDER)]
    top = {" ": False, "▀": True, "▄": False, "█": True}
    bottom = {" ": False, "▀": False, "▄": True, "█": True}
    drawn: list[list[bool]] = []
    for row in qr_rows(url):
        drawn.append([top[c] for c in row])
        drawn.append([bottom[c] for c in row])
    assert drawn[: len(expected)] == expected
    assert not any(any(row) for row in drawn[len(expected) :])  # the padding row, if any, is light


def test_each_bar_of_the_reveal_is_one_line(tmp_path: Path, panjshir: Pack) -> None:
    """A long option wrapped onto a second line under its bar (beside the top five at 80 columns, and at
    40): each option is one line now, cut with an ellipsis, and no line is wider than the room."""
    config = ClassConfig("panjshir", 10, 2, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        store.claim("Ana", NOW, 10.0)
        HostControl(session).apply("start", NOW)
        session.answer("ana", "main", 0, 0, 1.0, NOW)
        options = len(session.round.presented("main", 0).choices)
        longest = max(len(c) for c in session.round.presented("main", 0).choices)
        for width in (36, 57):
            assert longest + 3 > width - 20  # the labels do not fit: they must give way
            rows = views.reveal_bars(session, 0, width, missing=1).plain.split("\n")
            assert len(rows) == options + 1, rows  # and a "(no answer)" row
            assert all(cell_len(row) <= width for row in rows), rows
            assert any(row.rstrip(" 0123456789█").endswith("…") for row in rows), rows


def test_a_long_option_is_cut_after_a_word() -> None:
    """Cut after a whole word, unless that loses more than a third of the room; never wider than asked."""
    assert (
        views._cut("3. That the resistance would refuse to negotiate", 41)
        == "3. That the resistance would refuse to…"
    )
    assert views._cut("2. Tom Brady, a fisherman, to", 25) == "2. Tom Brady, a fisherma…"
    assert views._cut("4. The Environment Agency", 25) == "4. The Environment Agency"
    assert views._cut("東京都の港湾局が発表した", 9) == "東京都の…"
