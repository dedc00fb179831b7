"""The live class's host screen (``class start DIR``): the teacher's terminal, full screen, for a projector.

It renders the class from the class store every 200 ms (the store is the truth: a host killed and started
again shows the class where it is) and calls :class:`~game.classroom.host.HostControl` on keys: ``s`` start,
``r`` reveal, ``n`` next, ``p`` pause, ``e`` end (pressed twice), ``j`` the join address again, ``q`` leave
(the class goes on). Only the keys that apply now are in the footer.

What it shows, by phase: the lobby (the join address with its QR code where it fits, or the join command
when not serving; the roster; the class's settings); the released question large, with the countdown and
"answered k of n" in big digits beside it where there is room; the reveal (bars, the right answer, why, the
quote with its ¶, the top five with ``--leaderboard``); the pre- and post-test's progress; self-paced, the
dashboard; the end. The words of each view are built by :mod:`game.ui.class_host_views`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Digits, Footer, Static

from game.classroom import rules
from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.ui import class_host_views as views
from game.ui.themes import DEFAULT_THEME, HIGH_CONTRAST_THEME, THEMES
from game.ui.widgets.qr_code import QRCode

REFRESH_SECONDS = 0.2
SIDE_MIN_WIDTH = 64
"""Narrower than this, the big figures beside the question give way to the status line's."""
SIDE_WIDTH = 20
SCROLLBAR = 1
"""The body's scroll bar gutter (class_host.tcss)."""
JOIN_TEXT_MIN = 28
"""Cells the join panel's words need beside the QR code; with less, the address is shown alone."""


@dataclass(frozen=True)
class HostView:
    """Everything on the screen at one moment; the widgets are updated only when it changes."""

    status: Content
    join: Content | None = None
    """The words beside the join address's QR code; None: no join panel."""
    heading: Content = field(default_factory=Content)
    body: Content = field(default_factory=Content)
    figures: tuple[tuple[str, str, str], ...] = ()
    """Big figures beside the question: (label, digits, words under them)."""
    side: Content | None = None
    """The side column's text (the top five at a reveal), when it is shown beside the body."""


class ClassHostApp(App[int]):
    """The host screen of one class."""

    TITLE = "quotebound: live class"
    CSS_PATH = "class_host.tcss"
    ENABLE_COMMAND_PALETTE = False
    """The keys are all there is to do; the footer's room goes to them (at 40 columns it is tight)."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    """A short screen (a 12-row terminal) loses the blank lines between the parts."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "command('start')", "Start", id="class.start"),
        Binding("r", "command('reveal')", "Reveal", id="class.reveal"),
        Binding("n", "command('next')", "Next", id="class.next"),
        Binding("p", "command('pause')", "Pause", id="class.pause"),
        Binding("e", "command('end')", "End", id="class.end"),
        Binding("j", "toggle_join", "Join", id="class.join"),
        Binding("q", "quit", "Leave", id="class.quit"),
    ]
    """The teacher's commands, as the plain host's typed words; the footer shows those that apply now."""

    def __init__(
        self,
        session: ClassSession,
        *,
        leaderboard: bool = False,
        join_url: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``join_url``: the address browsers join at; None when not serving (the join command is shown)."""
        super().__init__()
        self.session = session
        self.control = HostControl(session)
        self.leaderboard = leaderboard
        self.join_url = join_url
        self.clock = clock
        self.message = ""
        self.results_note = ""
        self.show_join = False
        self.end_pending = False
        self._state = rules.ClassState()
        self._shown: tuple[HostView, str] | None = None

    def on_load(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        # NO_COLOR makes Textual draw in monochrome; the high-contrast theme's greys read best there.
        self.theme = HIGH_CONTRAST_THEME if self.no_color else DEFAULT_THEME

    def compose(self) -> ComposeResult:
        yield Static(id="class-status")
        yield Static(id="class-message")
        with Horizontal(id="class-main"):
            with VerticalScroll(id="class-scroll"):
                with Horizontal(id="class-join"):
                    if self.join_url:
                        yield QRCode(self.join_url, id="class-qr")
                    yield Static(id="class-join-text")
                yield Static(id="class-heading")
                yield Static(id="class-body")
            with Vertical(id="class-side"):
                for i in range(2):
                    yield Static(classes="side-label", id=f"side-label-{i}")
                    yield Digits(id=f"side-digits-{i}")
                    yield Static(classes="side-note", id=f"side-note-{i}")
                yield Static(id="side-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_class()
        self.set_interval(REFRESH_SECONDS, self.refresh_class)

    def on_resize(self) -> None:
        self._shown = None  # widths changed: build everything again
        self.refresh_class()

    # --- keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the commands that apply to the class now are offered (and shown in the footer)."""
        if action != "command":
            return True
        state, config = self._state, self.session.config
        teacher = config.paced == "teacher"
        return {
            "start": state.phase == "lobby",
            "reveal": teacher and state.phase == "main" and not state.revealed,
            "next": teacher
            and (state.phase in ("pre", "post") or (state.phase == "main" and state.revealed)),
            "pause": state.phase in ("pre", "main", "post"),
            "end": state.phase != "ended",
        }.get(str(parameters[0]), True)

    def action_command(self, command: str) -> None:
        if command == "end" and not self.end_pending:
            self.end_pending = True
            self.message = "Press e again to end the class for everyone (answers so far are kept)."
            self.refresh_class()
            return
        self.end_pending = False
        try:
            self.control.apply(command, self.clock())
            self.message = ""
        except rules.RuleError as exc:
            self.message = f"Not now: {exc}."
        self.refresh_class()

    def action_toggle_join(self) -> None:
        self.show_join = not self.show_join
        self.refresh_class()

    # --- rendering -----------------------------------------------------------------------------

    def refresh_class(self) -> None:
        """Reveal by itself when due, write the results at the end, then show the state."""
        # Not waiting for the screen's Mount: the widgets exist once composed, and the first frame must
        # show the class (a guard on ``screen.is_mounted`` left it blank, with the lobby's keys, until the
        # first timer tick 200 ms or, on a loaded machine, much later).
        if not self.is_running:
            return
        now = self.clock()
        self.control.auto_reveal(now)
        state = self.session.state()
        if state.phase == "ended" and not self.results_note:
            self.results_note = self._write_results()
        if state != self._state:
            self._state = state
            # The screen's, not the app's: the app's is a no-op until the app's own Mount has finished,
            # and a footer composed before then would keep the lobby's keys.
            self.screen.refresh_bindings()
        try:
            self._show(self._view(state, now))
        except NoMatches:
            return  # a last timer tick while the app closes finds its widgets gone

    def _write_results(self) -> str:
        try:
            written = self.control.write_results()
        except OSError as exc:
            return f"Cannot write the results files: {exc.strerror or exc}"
        return f"Results files written to {written[0]}: {written[1]}." if written else " "

    def _width(self, *, side: bool = False) -> int:
        """The body's width in cells: the screen's less the padding, the scroll bar's gutter (kept even
        when there is nothing to scroll, so the width never changes under the text) and, with ``side``,
        the side column where it is shown."""
        width = self.size.width - 2 - SCROLLBAR
        return width - SIDE_WIDTH if side and self.size.width >= SIDE_MIN_WIDTH else width

    def _view(self, state: rules.ClassState, now: float) -> HostView:
        session = self.session
        config = session.config
        width = self._width()
        total = session.round.total
        paused = " · paused (p resumes)" if state.paused_at is not None else ""
        if state.phase == "lobby":
            names = [s.name for s in session.present(now)]
            words = [
                views.join_words(session, self.join_url),
                views.roster(names),
                Content.styled(views.class_summary(session, leaderboard=self.leaderboard), "dim"),
                Content.styled("Press s to start when everyone has joined.", "bold"),
            ]
            lobby = Content.styled(f"Lobby · {len(names)} joined · press s to start", "bold")
            return HostView(lobby, Content("\n\n").join(words))
        if state.phase == "ended":
            heading = Content.styled("The class has ended.", "bold")
            note = Content(self.results_note.strip())
            body = views.dashboard(session, now, width, scores=config.paced == "self", ended=True)
            if self.leaderboard:
                body += Content("\n\n") + views.top_five(session, now, width)
            return HostView(Content.styled("Ended", "bold"), self._join_words(), heading + "\n" + note, body)
        if state.phase in ("pre", "post"):
            test = views.PHASE_NAMES[state.phase]
            done, everyone = self.control.finished(state.phase, now)
            heading = Content.styled(
                f"{test}: students answer the round's {total} items at their own pace "
                "(no feedback, no score). Press n when they have finished.",
                "bold",
            )
            body = views.test_progress(session, state.phase, now, width)
            status = f"{test} · finished {done} of {everyone}{paused}"
            return HostView(Content.styled(status, "bold"), self._join_words(), heading, body)
        if config.paced == "self":
            done, everyone = self.control.finished(rules.last_phase(config), now)
            status = f"Self-paced round · finished {done} of {everyone}{paused}"
            body = views.dashboard(session, now, width, scores=True)
            return HostView(Content.styled(status, "bold"), self._join_words(), body=body)
        number = f"Question {state.question + 1} of {total}"
        if not state.revealed:
            return self._question_view(state, now, number, paused)
        figures = session.reveal_figures(state.question)
        answered, everyone = self.control.answered_of(now)
        missing = everyone - answered
        heading = views.question_prompt(session, state.question)
        width = self._width(side=self.leaderboard)
        body = (
            views.reveal_bars(session, state.question, width, missing=missing)
            + "\n\n"
            + views.reveal_text(session, state.question, width)
        )
        side = None
        if self.leaderboard:
            if self.size.width >= SIDE_MIN_WIDTH:
                side = views.top_five(session, now, SIDE_WIDTH - 3)
            else:
                body += Content("\n\n") + views.top_five(session, now, width)
        last = state.question + 1 >= total
        after = "the post-test" if last and config.pre_post else "the end" if last else "the next question"
        top = Content.styled(f"{number} · ", "bold") + views.reveal_heading(figures)
        if self.size.width >= SIDE_MIN_WIDTH:
            top += Content(f" · n: {after}")
        return HostView(top, self._join_words(), heading, body, side=side)

    def _question_view(self, state: rules.ClassState, now: float, number: str, paused: str) -> HostView:
        answered, of = self.control.answered_of(now)
        left = rules.time_left(state, self.session.config, now)
        clock = None if left is None else f"{math.ceil(left) // 60}:{math.ceil(left) % 60:02d}"
        status = f"{number} · answered {answered} of {of}" + (f" · {clock} left" if clock else "") + paused
        figures = [("Answered", str(answered), f"of {of}")]
        if clock:
            figures.insert(0, ("Paused" if paused else "Time left", clock, ""))
        roomy = self.size.height >= 20
        body = views.question_options(self.session, state.question, self._width(side=True), roomy=roomy)
        heading = views.question_prompt(self.session, state.question)
        return HostView(Content.styled(status, "bold"), self._join_words(), heading, body, tuple(figures))

    def _show(self, view: HostView) -> None:
        """Update the widgets whose part of the view changed."""
        if self._shown == (view, self.message):
            return
        query = self.query_one
        query("#class-status", Static).update(view.status)
        query("#class-message", Static).update(Content(self.message))
        query("#class-message").display = bool(self.message)
        self._show_join(view.join)
        query("#class-heading", Static).update(view.heading)
        query("#class-heading").display = bool(view.heading)
        query("#class-body", Static).update(view.body)
        wide = self.size.width >= SIDE_MIN_WIDTH
        query("#class-side").display = wide and bool(view.figures or view.side)
        for i in range(2):
            label, digits, note = view.figures[i] if i < len(view.figures) else ("", "", "")
            for part, value in (("label", label), ("note", note)):
                query(f"#side-{part}-{i}", Static).update(Content(value))
            query(f"#side-digits-{i}", Digits).update(digits)
            for part in ("label", "digits", "note"):
                query(f"#side-{part}-{i}").display = bool(label)
        query("#side-text", Static).update(view.side or Content())
        self._shown = (view, self.message)

    def _join_words(self) -> Content | None:
        """The join panel's words during the class (``j`` shows them again for a late joiner)."""
        return views.join_words(self.session, self.join_url) if self.show_join else None

    def _show_join(self, words: Content | None) -> None:
        """The join panel: the address and its QR code where it fits (the address alone where not)."""
        self.query_one("#class-join").display = words is not None
        if words is None:
            return
        self.query_one("#class-join-text", Static).update(words)
        for qr in self.query(QRCode):
            qr_width, qr_height = qr.cells()
            qr.display = self.size.width - 4 >= qr_width + JOIN_TEXT_MIN and self.size.height - 4 >= qr_height
