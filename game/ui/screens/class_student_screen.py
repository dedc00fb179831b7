"""A student's screen in a live class: what :func:`game.classroom.rules.student_view` says, full screen.

It looks at the class store when the host wakes it (:mod:`game.classroom.wakeup`) and, as a fallback, every
:data:`POLL_SECONDS` (:data:`~game.classroom.wakeup.WOKEN_POLL_SECONDS` once a wake-up has come), and shows
"Waiting for the teacher…", a question the moment it is released (with the game's own answer widgets, one per
answer shape, answered as :class:`~game.ui.screens.class_answer_screen.AnswerScreen` says), the answer locked
in, then at the reveal the student's own feedback with the article's words and their ¶. Self-paced, the
feedback follows each answer (Enter goes on); pre- and post-test items get no feedback and no score. The
screen holds no game state: the class store is the truth, read through
:class:`~game.classroom.session.ClassSession`, and an answer is committed there the moment it is given. This
module decides what is on show and when, and handles the keys that are not answers; how a view is placed in
the widgets is :class:`~game.ui.screens.class_student_layout.StudentLayout`'s.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from game.classroom import rules, wakeup
from game.classroom.lines import after_joined_reveal
from game.classroom.session import ClassSession, StoreError
from game.engine.content.pack import Pack
from game.engine.quiz.run import Presented, Response
from game.ui.screens import class_student_texts as texts
from game.ui.screens.class_feedback_screen import MissedRevealScreen
from game.ui.screens.class_student_layout import StudentLayout
from game.ui.screens.question_paging import PAGE_KEYS, can_page, page
from game.ui.screens.reader_screen import SentencePickScreen
from game.ui.texts import literal
from game.ui.widgets.question_clock import QuestionClock

POLL_SECONDS = 0.05
"""How often the screen looks at the class store: a released question shows within this, plus a frame.

A look is one small query (~0.45 ms of CPU): at 50 ms rather than 100 ms a game spends ~9 instead of ~4.5 ms
of CPU a second, and the 30-browser class benchmark's median release came ~70 ms sooner (issue 16). This is
how often a game looks until the host's first wake-up reaches it (where none can, always)."""
PREPARE_NEXT_AFTER = 0.4
"""Seconds after a reveal is drawn that the next question is built and painted under it. Not at once: the
class's other games are drawing the reveal (thirty on two cores take a few hundred ms); nor later, when the
teacher may be moving the class on (30 browsers, `next` 1 s after the reveal: median 150-190 ms with 0.4,
390-480 ms with 1.0). A release that comes sooner builds the question then, as it did before."""
CLOCK_SECONDS = 0.2
"""How often a question's countdown is redrawn between looks at the store (time limits only)."""
SCROLLS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}
"""The feedback's scrolling action for each key the screen binds to it."""


class StudentScreen(StudentLayout):
    """One student's game in the class (see the module docstring)."""

    AUTO_FOCUS = ""
    """Nothing is focused but what :meth:`show` focuses: Textual's default would focus the first focusable
    widget, hidden or not, whenever the screen resumes with no focus (the reveal has none)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"scroll_feedback('{key}')", show=False, id=f"class.feedback_{key}")
            for key in ("up", "down", "pageup", "pagedown", "home", "end")
        ),
        Binding("f2", "missed_reveal", "Missed reveal", show=False, id="class.missed_reveal"),
        *PAGE_KEYS,
    ]
    """The arrow, page and home/end keys scroll the feedback while it is on show (it is not focused); F2
    opens the feedback of a question whose reveal the class moved past before this game saw it."""

    def __init__(
        self, session: ClassSession, key: str, *, clock: Callable[[], float], welcome_back: bool = False
    ) -> None:
        super().__init__(session, key)
        self.welcome_back = welcome_back
        """The student joined again under their name, with answers already given."""
        self.clock = clock
        self.asked: tuple[str, int] | None = None
        """The item on show to answer (its clock started when it was first shown)."""
        self.seen: set[int] = set()
        """The main questions this game has asked (one that joins during a reveal never saw that one)."""
        self.missed: int | None = None
        """Teacher-paced: the main question whose reveal the class moved past between two looks."""
        self._shown_at = 0.0
        self._beat = clock()
        self._state: rules.ClassState | None = None
        self._answered: dict[str, set[int]] | None = None
        """The student's answered items as last read (None: read them at the next look)."""
        self._listener: wakeup.Listener | None = None
        self._looking: Timer | None = None
        self._woken = False

    def on_mount(self) -> None:
        self.query_one("#student-input", Input).cursor_blink = getattr(self.app, "CURSOR_BLINK", True)
        name = next((s.name for s in self.session.store.students() if s.key == self.key), self.key)
        self.query_one("#student-name", Static).update(literal(name))
        # Listening before the first look: a change made between the two still wakes this game.
        self._listener = wakeup.Listener.open(self.session.store.path)
        if self._listener is not None:
            try:
                asyncio.get_running_loop().add_reader(self._listener.fileno(), self._wake)
            except (NotImplementedError, RuntimeError):  # a loop that cannot watch sockets: poll
                self.stop_listening()
        self.poll()
        self._looking = self.set_interval(POLL_SECONDS, self.poll)
        if self.session.config.time_limit is not None:
            self.set_interval(CLOCK_SECONDS, self._tick_clock)
        if self.welcome_back:
            self.notify("Welcome back: your answers so far are kept.", timeout=4)

    def on_unmount(self) -> None:
        self.stop_listening()

    def stop_listening(self) -> None:
        """Close the wake-up socket (its file is removed); the game no longer hears the host."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError, OSError):  # loop closed
                asyncio.get_running_loop().remove_reader(listener.fileno())
            listener.close()

    def _wake(self) -> None:
        """The host says the class has moved on: look at the store now (through the message queue, so the
        look runs as any handler of this screen does)."""
        if self._listener is None or not self._listener.drain():
            return
        if not self._woken and self._looking is not None:
            # The host reaches this game: looking often is now only a fallback.
            self._woken = True
            self._looking.stop()
            self._looking = self.set_interval(wakeup.WOKEN_POLL_SECONDS, self.poll)
        self.call_later(self.poll)

    def _tick_clock(self) -> None:
        if self.is_attached and self._state is not None and self.feedback is None:
            self._show_clock(self._state, self.clock())

    @property
    def pack(self) -> Pack:
        return self.session.pack

    @property
    def shown(self) -> Presented | None:
        """The item being asked, if any."""
        if self.view is None or self.view.kind != "ask" or self.feedback is not None:
            return None
        return self.session.round.presented(self.view.phase, self.view.index)

    # --- the class moving on -------------------------------------------------------------------

    def poll(self) -> None:
        """Keep the name held, and show what the class store says this student sees now."""
        if not self.is_attached:
            return
        now = self.clock()
        session = self.session
        try:
            state, view = None, None
            if self.feedback is None:  # self-paced feedback stays until the student goes on
                state = session.state()
                # The student's answers change only by this screen's hand (their name is held), so they are
                # read again only when the class moves on: a look at the store is then one small query,
                # which matters with thirty games looking ten times a second on two cores.
                if self._answered is None or state != self._state:
                    self._answered = session.answered(self.key)
                    self._state = state
                view = rules.student_view(session.config, state, session.round.total, self._answered)
            # The heartbeat is a write, and may wait for the store's write lock: not on a look that has a
            # new view to draw (at a release thirty games look at once, and the first to see the question
            # answer it), but on the next (a name is held while its beat is under FRESH_SECONDS old).
            # Nor does it wait for another game's write: a beat skipped is tried again at the next look.
            if now - self._beat >= rules.HEARTBEAT_SECONDS and (view is None or view == self.view):
                if session.store.heartbeat(self.key, now, wait=False):
                    self._beat = now
        except StoreError as exc:  # a locked store: the next look tries again
            self.notify(str(exc), severity="warning", timeout=2, markup=False)
            return
        if state is None or view is None:
            return
        if view != self.view:
            missed = rules.missed_reveal(session.config, state, self.view, view)
            if missed is not None:
                self.missed = missed
            self.show(view)
        self._show_clock(state, now)

    def _show_clock(self, state: rules.ClassState, now: float) -> None:
        clock = self.query_one(QuestionClock)
        view = self.view
        if view is None or view.kind != "ask" or view.phase != "main":
            clock.show(None)
            return
        config = self.session.config
        if config.paced == "teacher":
            clock.show(rules.time_left(state, config, now))
            return
        if config.time_limit is None:
            clock.show(None)
            return
        left = config.time_limit - (now - self._shown_at)
        clock.show(left)
        if left <= 0:  # self-paced, each student's own clock: a time-out counts as wrong
            self.submit(None)

    def show(self, view: rules.View) -> None:
        """Render ``view``: a question, a wait, the locked answer, the reveal, the end."""
        picker = self.app.screen
        if isinstance(picker, SentencePickScreen | MissedRevealScreen):
            picker.dismiss(None)  # the article or an earlier reveal was open: the class has moved on
        self.view = view
        asking = view.kind == "ask"
        feedback = view.kind == "revealed"
        locked_in = self.session.outcome(self.key, view.phase, view.index) if view.kind == "locked" else None
        text = texts.message(self.session, view, locked_in.given if locked_in is not None else None)
        if view.kind in ("done", "ended"):
            summary = texts.summary_text(self.session, self.key, self.clock())
            text = f"{text} {summary}".strip()
        if view.kind == "revealed":
            self.missed = None  # a later reveal is on show
        elif self.missed is not None:
            # The reveal the class moved past is not lost: its verdict here, the whole feedback on F2.
            outcome = self.session.outcome(self.key, "main", self.missed)
            text = f"{texts.missed_line(self.session, self.missed, outcome)} {text}".strip()
        if view.kind in ("ask", "locked"):
            self._prepare(view.phase, view.index)  # nothing to do when built while the reveal was on show
        if asking and self.asked != (view.phase, view.index):
            self.asked = (view.phase, view.index)
            self._shown_at = self.clock()
        if asking and view.phase == "main":
            self.seen.add(view.index)
        outcome = self.session.outcome(self.key, "main", view.index) if feedback else None
        joined = None
        if feedback and outcome is None and view.index not in self.seen:
            # Joined during this reveal: the question was never on show, so "you did not answer" is not
            # true; the question is shown with its answer, and what comes next is said.
            joined = self.session.round.presented("main", view.index)
            text = after_joined_reveal(joined.number, joined.total)
        self._place(asking=asking, question=view.kind in ("ask", "locked"), feedback=feedback, message=text)
        self._show_top(view)
        if asking:
            self._focus_answer()
        if locked_in is not None and view.phase == "main":
            # The answer is in: its feedback is built now, under the question, and the reveal uncovers it.
            missed = self.session.round.judge("main", view.index, None)
            self._show_reveal_side(True, on_top=False)
            self._set_note("")  # as the reveal will have it: the feedback is laid out at its place
            self._show_feedback(locked_in, missed, item=("main", view.index))
        if feedback:
            missed = self.session.round.judge("main", view.index, None)
            self._show_feedback(outcome, missed, joined, item=("main", view.index))
            # The next question is known (the round is dealt from the seed): built and painted under the
            # feedback while the student reads, its release only uncovers it (issue 16: thirty games built
            # it at once on two cores). Not at once: the class's other games are drawing the reveal.
            self.set_timer(PREPARE_NEXT_AFTER, partial(self._prepare_next, view))
        self.refresh_bindings()

    def _prepare_next(self, revealed: rules.View) -> None:
        if self.is_attached and self.view == revealed and revealed.index + 1 < self.session.round.total:
            self._prepare("main", revealed.index + 1)
            # Placed under the feedback as its release will show it (see StudentLayout._show_reveal_side).
            self._place_answer(self.session.round.presented("main", revealed.index + 1).shape)
            self._place_question(True, "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_on":
            return self.feedback is not None
        if action == "missed_reveal":
            return self.missed is not None
        if action == "scroll_feedback":
            return self.revealing
        if action == "page_question":  # under the feedback it is not on show: the keys scroll the feedback
            return not self.revealing and can_page(self.query_one("#student-question", VerticalScroll))
        answering: bool | None = super().check_action(action, parameters)
        return answering

    def action_page_question(self, direction: int) -> None:
        page(self.query_one("#student-question", VerticalScroll), direction)

    def action_scroll_feedback(self, key: str) -> None:
        scroll = self.query_one("#student-feedback", VerticalScroll)
        getattr(scroll, f"action_{SCROLLS[key]}")()

    def action_missed_reveal(self) -> None:
        index = self.missed
        if index is None or self.app.screen is not self:
            return
        heading = texts.heading(self.session, rules.View("revealed", "main", index))
        outcome = self.session.outcome(self.key, "main", index)
        missed = self.session.round.judge("main", index, None)
        self.app.push_screen(MissedRevealScreen(heading, outcome, missed))

    def action_go_on(self) -> None:
        self.feedback = None
        self.view = None
        self.poll()

    def submit(self, response: Response) -> None:
        """Commit the answer to the item on show, unless the class has moved on meanwhile."""
        view = self.view
        if view is None or self.shown is None:
            return
        session = self.session
        now = self.clock()
        try:
            current = session.view(self.key)
            if current != view:
                self.notify("Too late: the class has moved on.", timeout=3)
                self.poll()
                return
            outcome = session.answer(self.key, view.phase, view.index, response, now - self._shown_at, now)
        except StoreError as exc:
            self.notify(f"Not saved: {exc}. Answer again.", severity="error", timeout=4, markup=False)
            return
        self.asked = None
        self._answered = None
        if view.phase == "main" and session.config.paced == "self":
            self.feedback = (view, outcome)
            self._place(asking=False, question=False, feedback=True, message="Press Enter to go on.")
            self._show_top(view)
            self._show_feedback(outcome, outcome)
            self.query_one(QuestionClock).show(None)
            self.refresh_bindings()
            return
        if view.phase != "main":
            self.notify("Saved.", timeout=1.5)
        self.poll()
