"""A key press in the quiz repaints only what changed, and the terminal still shows what a full repaint would.

The game screens' compositor (``game/ui/screens/repaint.py``) renders for a partial update only the widgets
and rows it repaints, and the choice list repaints only the options the highlight leaves and lands on
(``game/ui/widgets/choice_list.py``): both send the terminal less than Textual does (issue 15). These tests
replay every update the app hands the terminal onto a grid of cells, as a terminal would, and compare the
grid with the whole screen rendered afresh, after every key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import press
from rich.cells import cell_len
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static

from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.quiz_screen import QuizScreen

Cell = tuple[str, Style | None]


class Terminal:
    """The cells a terminal shows, updated from what the app hands its driver."""

    def __init__(self, width: int, height: int) -> None:
        self.rows: list[list[Cell]] = [[(" ", None)] * width for _ in range(height)]
        self.updates: list[Any] = []

    def display(self, renderable: Any) -> None:
        self.updates.append(renderable)
        if isinstance(renderable, LayoutUpdate):
            for y, line in enumerate(renderable.strips, renderable.region.y):
                x = renderable.region.x
                for strip in line:
                    x = self._write(y, x, strip, 0, len(self.rows[y]))
        elif isinstance(renderable, ChopsUpdate):
            # What ChopsUpdate.render_segments writes: each span's part of each chop on its line.
            for y, x1, x2 in renderable.spans:
                for end, (x, strip) in zip(renderable.chop_ends[y], renderable.chops[y].items(), strict=True):
                    if strip is not None and x < x2 and end > x1:
                        self._write(y, x, strip, x1, x2)

    def _write(self, y: int, x: int, strip: Strip, x1: int, x2: int) -> int:
        row = self.rows[y]
        for segment in strip:
            if segment.control:
                continue
            for char in segment.text:
                if x1 <= x < x2:
                    row[x] = (char, segment.style)
                x += cell_len(char)
        return x

    def lines(self) -> list[list[Cell]]:
        return [list(row) for row in self.rows]


def full_render(app: App[Any]) -> list[list[Cell]]:
    """The screen as a full repaint draws it now, in the same cells: every widget's lines rendered afresh
    (each widget keeps its rendered lines until it is told they changed; a line left stale by a repaint
    that missed it would otherwise be drawn stale here too)."""
    for widget in app.screen.walk_children(with_self=True):
        widget._styles_cache.clear()
    width, height = app.size
    terminal = Terminal(width, height)
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        terminal._write(y, 0, strip, 0, width)
    return terminal.lines()


def watch_terminal(app: App[Any]) -> Terminal:
    """Every update the app's screens hand the (headless) driver, applied to a :class:`Terminal`."""
    terminal = Terminal(*app.size)
    display = app._display

    def _display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            terminal.display(renderable)

    app._display = _display  # type: ignore[method-assign]
    return terminal


def quiz_app(pack: Pack, tmp_path: Path, question: str) -> QuoteboundApp:
    app = make_app(packs=[pack], data_dir=tmp_path)
    app.CURSOR_BLINK = False
    app.call_later(lambda: app.show_round(QuizRun(pack, seed=1, question_ids=[question])))
    return app


def assert_shows_a_full_repaint(terminal: Terminal, app: App[Any], key: str) -> None:
    seen, expected = terminal.lines(), full_render(app)
    assert seen == expected, f"after {key}:\n{diff(seen, expected)}"


def diff(seen: list[list[Cell]], expected: list[list[Cell]]) -> str:
    """The first rows that differ, as text, for the failure message."""
    text = ["".join(char for char, _ in row) for row in seen]
    wanted = ["".join(char for char, _ in row) for row in expected]
    bad = [y for y, (a, b) in enumerate(zip(seen, expected, strict=True)) if a != b][:3]
    return "\n".join(f"row {y}:\n  terminal: {text[y]!r}\n  full:     {wanted[y]!r}" for y in bad)


@pytest.mark.parametrize(
    ("question", "size", "keys"),
    [
        ("cost", (80, 24), ["down", "down", "up", "end", "home", "pagedown", "up", "down"]),
        # So short the list scrolls: moving the highlight off the visible rows scrolls it.
        ("cost", (80, 12), ["down", "down", "down", "up", "up", "up", "end", "home"]),
        ("dates", (80, 24), ["down", "space", "down", "2", "up", "space", "end"]),
        ("timeline", (80, 24), ["down", "space", "3", "down", "backspace", "up"]),
    ],
)
async def test_after_every_key_the_terminal_shows_what_a_full_repaint_would(
    ui_pack: Pack, tmp_path: Path, question: str, size: tuple[int, int], keys: list[str]
) -> None:
    """Moving, ticking and placing in every kind of choice list, with and without scrolling."""
    app = quiz_app(ui_pack, tmp_path, question)
    async with app.run_test(size=size, tooltips=True, notifications=True) as pilot:
        terminal = watch_terminal(app)
        await pilot.pause()
        app.screen.refresh()  # one full repaint to start the terminal from
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert terminal.lines() == full_render(app)
        for key in keys:
            before = len(terminal.updates)
            await press(pilot, key)
            await pilot.pause()
            assert isinstance(app.screen, QuizScreen), key
            assert len(terminal.updates) > before, f"{key}: nothing repainted"
            assert_shows_a_full_repaint(terminal, app, key)


async def test_a_mouse_over_an_option_and_the_keys_after_it_repaint_it_right(
    ui_pack: Pack, tmp_path: Path
) -> None:
    """The hover style (repainted by Textual's own list) and the highlight (by ours) meet on one row."""
    app = quiz_app(ui_pack, tmp_path, "cost")
    async with app.run_test(size=(80, 24), tooltips=True, notifications=True) as pilot:
        terminal = watch_terminal(app)
        await pilot.pause()
        app.screen.refresh()
        await pilot.pause()
        choices = app.screen.query_one("#quiz-pick", OptionList)
        await pilot.hover(choices, offset=(6, 3))
        await pilot.pause()
        for key in ["down", "down", "up"]:
            await press(pilot, key)
            await pilot.pause()
            assert_shows_a_full_repaint(terminal, app, key)


async def test_moving_the_highlight_renders_nothing_but_the_two_options(
    ui_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual re-rendered every widget on the screen (the top line, the question, the hint, the footer) and
    the whole list at each arrow key; now only the rows of the options the highlight leaves and lands on."""
    rendered: list[tuple[Widget, int]] = []
    render_lines = Widget.render_lines

    def counting(self: Widget, crop: Any) -> list[Strip]:
        rendered.append((self, crop.height))
        return render_lines(self, crop)

    app = quiz_app(ui_pack, tmp_path, "cost")
    async with app.run_test(size=(80, 24), tooltips=True, notifications=True) as pilot:
        terminal = watch_terminal(app)
        await pilot.pause()
        monkeypatch.setattr(Widget, "render_lines", counting)
        before = len(terminal.updates)
        await press(pilot, "down")
        await pilot.pause()
        monkeypatch.undo()
        updates = terminal.updates[before:]
        assert [type(update) for update in updates] == [ChopsUpdate]
        assert sorted({y for y, _, _ in updates[0].spans}) == [6, 7]  # the first two options' rows
        assert not [widget for widget, _ in rendered if isinstance(widget, Footer | Static)]
        rows = {type(widget).__name__: height for widget, height in rendered}
        assert rows == {"ChoiceList": 2, "QuizScreen": 2}
