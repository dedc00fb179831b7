"""A student's full-screen game in a live class (``class join DIR [--player NAME]``, and each browser).

The app asks the student's name (unless ``--player`` gave one that is free), takes it in the class store
(a name whose game is running elsewhere is refused: the student is asked for another), then shows the
:class:`~game.ui.screens.class_student_screen.StudentScreen`. A student whose game was killed joins again
under the same name and continues where they were: their answers are in the store. :func:`run_student_app`
frees the name when the game ends, so a browser reloaded joins again at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from game.classroom import rules
from game.classroom.session import ClassSession, StoreError
from game.engine.content.text import clean_text
from game.ui.screens.class_student_screen import StudentScreen
from game.ui.texts import literal
from game.ui.themes import DEFAULT_THEME, HIGH_CONTRAST_THEME, THEME_VARIABLE_DEFAULTS, THEMES

MAX_NAME = 40
"""Characters in a student's name (it is shown on the teacher's screen beside everyone else's)."""


class NameScreen(Screen[None]):
    """"Your name?": the first screen of a student without ``--player`` (and of every browser)."""

    def __init__(self, session: ClassSession, message: str = "") -> None:
        super().__init__()
        self.session = session
        self.message = message

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="name-body"):
            yield Static(Content("Join the live class"), id="name-title")
            yield Static(literal(self.session.pack.title), id="name-pack")
            yield Static(Content(self.message), id="name-message")
            yield Static(Content("Type your name and press Enter."), id="name-ask")
            yield Input(placeholder="Your name", id="name-input", max_length=MAX_NAME)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#name-input", Input)
        box.cursor_blink = getattr(self.app, "CURSOR_BLINK", True)
        box.focus()
        self.query_one("#name-message", Static).display = bool(self.message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        app = self.app
        assert isinstance(app, ClassStudentApp)
        problem = app.join(event.value)
        if problem:
            note = self.query_one("#name-message", Static)
            note.update(Content(problem))
            note.display = True


class ClassStudentApp(App[int]):
    """One student's game: the name, then the class as the store says (see the module docstring)."""

    CSS_PATH = "class_student.tcss"
    TITLE = "quotebound: live class"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Leave", id="class.leave", priority=True),
    ]
    """ctrl+q leaves the class (joining again under the same name continues where the student was)."""

    CURSOR_BLINK: ClassVar[bool] = True
    """Whether text boxes blink their cursor (tests turn it off for stable snapshots)."""

    def __init__(
        self, session: ClassSession, *, player: str | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__()
        self.session = session
        self.player = player
        self.clock = clock
        self.key: str | None = None
        """The student's key once their name is taken."""
        self.welcome_back = False
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = HIGH_CONTRAST_THEME if self.no_color else DEFAULT_THEME

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **THEME_VARIABLE_DEFAULTS}

    def on_mount(self) -> None:
        problem = self.join(self.player) if self.player is not None else ""
        if self.key is None:
            self.push_screen(NameScreen(self.session, problem or ""))

    def join(self, typed: str) -> str | None:
        """Take the name ``typed`` and open the class; the reason when it cannot be taken (None when done)."""
        # A name is shown to the whole class: no control codes, no runs of spaces.
        name = " ".join(clean_text(typed).split())[:MAX_NAME]
        if not name:
            return "Type your name first."
        try:
            record = self.session.store.claim(name, self.clock(), rules.FRESH_SECONDS)
            if record is not None:
                self.welcome_back = bool(self.session.answered(record.key))
        except StoreError as exc:
            return f"Could not join: {exc}"
        if record is None:
            return (
                f"The name {name} is in use by a running game in this class; choose another. (If that was "
                f"your game and it stopped, wait {rules.FRESH_SECONDS:g} seconds and try again.)"
            )
        self.key = record.key
        screen = StudentScreen(self.session, record.key, clock=self.clock, welcome_back=self.welcome_back)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return None


def run_student_app(session: ClassSession, player: str | None) -> int:
    """Run the student's game until they leave or the class's server stops it; frees the name after."""
    app = ClassStudentApp(session, player=player)
    try:
        app.run()
    finally:
        if app.key is not None:
            try:
                session.store.release(app.key)
            except StoreError:
                pass  # the name frees itself when its heartbeat goes stale
    return int(app.return_code or 0)
