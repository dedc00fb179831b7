"""The live class's host screen (``class start DIR --no-serve``): the teacher's terminal, full screen.

A first host screen: it renders the class's state from the class store every 200 ms and calls
:class:`~game.classroom.host.HostControl` on keys (``s`` start, ``r`` reveal, ``n`` next, ``p`` pause,
``e`` end, ``q`` leave the host; the class goes on). It shows the join command, the roster as students join,
the released question with "answered k of n" and the time left, the reveal (bars, right answer,
explanation, quote with its ¶, the top five with ``--leaderboard``), and self-paced the dashboard. All text
from the pack and from students is shown as :class:`Content` (never parsed as markup).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Footer, Static

from game.classroom import lines, rules
from game.classroom.host import HostControl
from game.classroom.session import ClassSession

REFRESH_SECONDS = 0.2


class ClassHostApp(App[int]):
    """The host screen of one class."""

    TITLE = "quotebound: live class"
    DEFAULT_CSS = """
    #class-status { padding: 0 1; background: $boost; }
    #class-body { padding: 0 1; }
    #class-message { padding: 0 1; color: $warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "command('start')", "Start", id="class.start"),
        Binding("r", "command('reveal')", "Reveal", id="class.reveal"),
        Binding("n", "command('next')", "Next", id="class.next"),
        Binding("p", "command('pause')", "Pause", id="class.pause"),
        Binding("e", "command('end')", "End", id="class.end"),
        Binding("q", "quit", "Leave host", id="class.quit"),
    ]
    """The teacher's commands, as the plain host's typed words."""

    def __init__(
        self,
        session: ClassSession,
        *,
        leaderboard: bool = False,
        join_url: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.join_url = join_url
        """The address students open in their browsers (None: not served, ``--no-serve``)."""
        self.session = session
        self.control = HostControl(session)
        self.leaderboard = leaderboard
        self.clock = clock
        self.message = ""
        self.results_note = ""

    def compose(self) -> ComposeResult:
        yield Static(id="class-status")
        yield Static(id="class-message")
        with VerticalScroll():
            yield Static(id="class-body")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_class()
        self.set_interval(REFRESH_SECONDS, self.refresh_class)

    def action_command(self, command: str) -> None:
        try:
            self.control.apply(command, self.clock())
            self.message = ""
        except rules.RuleError as exc:
            self.message = f"Not now: {exc}."
        self.refresh_class()

    def refresh_class(self) -> None:
        """Reveal by itself when due, then render the state (the store is the truth, not this screen)."""
        try:
            status, message, body_widget = (
                self.query_one("#class-status", Static),
                self.query_one("#class-message", Static),
                self.query_one("#class-body", Static),
            )
        except NoMatches:
            # A last timer tick while the app closes finds its widgets gone (seen under load in the suite).
            return
        now = self.clock()
        present = self.session.present(now)
        self.control.auto_reveal(len(present), now)
        state = self.session.state()
        if state.phase == "ended" and not self.results_note:
            try:
                written = self.control.write_results()
            except OSError as exc:
                self.results_note = f"Cannot write results files: {exc.strerror or exc}"
            else:
                self.results_note = (
                    f"Results files written to {written[0]}: {written[1]}." if written else " "
                )
        status.update(Content(self.status_text(state, len(present), now)))
        message.update(Content(self.message))
        body = "\n".join(
            indent + text for indent, text in self.body_lines(state, [s.name for s in present], now)
        )
        body_widget.update(Content(body))

    def status_text(self, state: rules.ClassState, present: int, now: float) -> str:
        config = self.session.config
        total = self.session.round.total
        parts = [
            f"Pack {config.pack}, seed {config.seed}, {total} questions, {config.paced}-paced",
            f"phase: {state.phase}" + (" (paused)" if state.paused_at is not None else ""),
            f"{present} present",
        ]
        if state.phase == "main" and config.paced == "teacher" and not state.revealed:
            parts.append(f"answered {self.control.answered_now()} of {present}")
            left = rules.time_left(state, config, now)
            if left is not None:
                parts.append(f"{round(left)} s left")
        return " · ".join(parts)

    def body_lines(self, state: rules.ClassState, names: list[str], now: float) -> list[lines.Line]:
        session = self.session
        folder = session.store.folder
        if state.phase == "lobby":
            return [
                ("", f"Students join with: quotebound class join {folder} --player NAME --plain"),
                ("", f"Joined ({len(names)}): " + (", ".join(names) or "nobody yet")),
                ("", "Press s to start."),
            ]
        if state.phase == "ended":
            return [("", "The class has ended."), ("", self.results_note.strip())] + lines.dashboard_lines(
                session, now
            )
        if state.phase in ("pre", "post"):
            done, everyone = self.control.finished(state.phase, now)
            test = "Pre-test" if state.phase == "pre" else "Post-test"
            return [
                ("", f"{test}: students answer the round's items at their own pace (no feedback, no score)."),
                ("", f"Finished: {done} of {everyone}. Press n when they are done."),
            ]
        if session.config.paced == "self":
            return lines.dashboard_lines(session, now)
        if not state.revealed:
            return lines.question_lines(session, state.question)
        out = lines.reveal_lines(session, state.question)
        if self.leaderboard:
            out += lines.leaderboard_lines(session, now)
        return out
