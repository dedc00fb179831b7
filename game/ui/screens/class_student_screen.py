"""A student's screen in a live class: what :func:`game.classroom.rules.student_view` says, full screen.

It polls the class store every :data:`POLL_SECONDS` and shows "Waiting for the teacher…", a question the
moment it is released (with the game's own answer widgets, one per answer shape, answered as
:class:`~game.ui.screens.class_answer_screen.AnswerScreen` says), the answer locked in,
then at the reveal the student's own feedback with the article's words and their ¶. Self-paced, the
feedback follows each answer (Enter goes on); pre- and post-test items get no feedback and no score. The
screen holds no game state: the class store is the truth, read through
:class:`~game.classroom.session.ClassSession`, and an answer is committed there the moment it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.widgets.option_list import Option

from game.classroom import rules
from game.classroom.lines import after_joined_reveal
from game.classroom.session import ClassSession, StoreError
from game.engine.content.pack import Pack
from game.engine.quiz.run import Outcome, Presented, Response
from game.ui.screens import class_student_texts as texts
from game.ui.screens.class_answer_screen import ORDER, PICK_SENTENCE, TYPE_TEXT, AnswerScreen
from game.ui.screens.class_feedback_screen import MissedRevealScreen
from game.ui.screens.reader_screen import SentencePickScreen
from game.ui.texts import literal, numbered
from game.ui.widgets.answer_hints import answer_hint
from game.ui.widgets.answer_lists import OrderList, TickList
from game.ui.widgets.choice_list import ChoiceList
from game.ui.widgets.question_clock import QuestionClock

POLL_SECONDS = 0.05
"""How often the screen looks at the class store: a released question shows within this, plus a frame.

A look is one small query (~0.45 ms of CPU): at 50 ms rather than 100 ms a game spends ~9 instead of ~4.5 ms
of CPU a second, and the 30-browser class benchmark's median release came ~70 ms sooner (issue 16)."""
SCROLLS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}
"""The feedback's scrolling action for each key the screen binds to it."""
SHORT_ROWS = 20
"""Below this many rows the screen drops its margins and the key hint."""


class SteadyFooter(Footer):
    """The footer of a screen whose shown keys never change, built once.

    Textual's footer rebuilds all its keys on every focus change and binding refresh (a quarter of the CPU a
    released question cost each game); here only ctrl+q and the palette show, and the hint line under the
    choices says which keys answer.
    """

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.children:
            return
        super().bindings_changed(screen)


class QuestionText(Static):
    """A Static of the question whose virtual size, changed by a layout, asks for no second layout.

    Textual lays the screen out again whenever a layout changes a widget's virtual size; the layout that
    measured this text had already placed everything, and the second one cost each class game ~6 ms of CPU
    and a second frame at every release (issue 16).
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class QuestionScroll(VerticalScroll):
    """The question's scroll: as :class:`QuestionText` (its scrollbars, when they come or go, still ask for
    the layout they need)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class StudentScreen(AnswerScreen):
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
    ]
    """The arrow, page and home/end keys scroll the feedback while it is on show (it is not focused); F2
    opens the feedback of a question whose reveal the class moved past before this game saw it."""

    def __init__(
        self, session: ClassSession, key: str, *, clock: Callable[[], float], welcome_back: bool = False
    ) -> None:
        super().__init__()
        self.welcome_back = welcome_back
        """The student joined again under their name, with answers already given."""
        self.session = session
        self.key = key
        """The student's key in the class store."""
        self.clock = clock
        self.view: rules.View | None = None
        """What is on show (None before the first look at the store)."""
        self.asked: tuple[str, int] | None = None
        """The item on show to answer (its clock started when it was first shown)."""
        self.seen: set[int] = set()
        """The main questions this game has asked (one that joins during a reveal never saw that one)."""
        self.prepared: tuple[str, int] | None = None
        """The item whose question and answer widgets are built (see :meth:`_prepare`)."""
        self._texts: dict[str, tuple[str, object]] = {}
        """What each Static updated through :meth:`_set` holds."""
        self.missed: int | None = None
        """Teacher-paced: the main question whose reveal the class moved past between two looks."""
        self.feedback: tuple[rules.View, Outcome] | None = None
        """Self-paced: the feedback on show until the student goes on."""
        self._shown_at = 0.0
        self._beat = clock()
        self._state: rules.ClassState | None = None
        self._answered: dict[str, set[int]] | None = None
        """The student's answered items as last read (None: read them at the next look)."""

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="student-top"):
            yield Static(id="student-count")
            yield Static(id="student-name")
            yield QuestionClock(id="student-clock")
            yield Static(id="student-score")
        yield Static(id="student-message")
        with QuestionScroll(id="student-question", can_focus=False):
            yield QuestionText(id="student-type")
            yield QuestionText(id="student-prompt")
            yield QuestionText(id="student-statement")
        yield Static(id="student-sequence")
        yield ChoiceList(id="student-pick")
        yield TickList(id="student-tick")
        yield OrderList(id="student-order")
        yield Input(placeholder="Type your answer, then press Enter", id="student-input", max_length=500)
        yield Static(id="student-hint")
        yield Static(id="student-verdict")
        yield VerticalScroll(id="student-feedback")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#student-input", Input).cursor_blink = getattr(self.app, "CURSOR_BLINK", True)
        name = next((s.name for s in self.session.store.students() if s.key == self.key), self.key)
        self.query_one("#student-name", Static).update(literal(name))
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        if self.welcome_back:
            self.notify("Welcome back: your answers so far are kept.", timeout=4)

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
            if now - self._beat >= rules.HEARTBEAT_SECONDS:
                session.store.heartbeat(self.key, now)
                self._beat = now
            if self.feedback is not None:  # self-paced feedback stays until the student goes on
                return
            state = session.state()
            # The student's answers change only by this screen's hand (their name is held), so they are
            # read again only when the class moves on: a look at the store is then one small query, which
            # matters with thirty games looking ten times a second on two cores.
            if self._answered is None or state != self._state:
                self._answered = session.answered(self.key)
                self._state = state
            view = rules.student_view(session.config, state, session.round.total, self._answered)
        except StoreError as exc:  # a locked store: the next look tries again
            self.notify(str(exc), severity="warning", timeout=2, markup=False)
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
        given: str | None = None
        if view.kind == "locked":
            done = self.session.outcome(self.key, view.phase, view.index)
            given = done.given if done is not None else None
        text = texts.message(self.session, view, given)
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
        if feedback:
            missed = self.session.round.judge("main", view.index, None)
            self._show_feedback(outcome, missed, joined)
            # The next question is known (the round is dealt from the seed): built now, while the student
            # reads, its release only shows it (issue 16: thirty games rebuilt it at once on two cores).
            self.call_after_refresh(self._prepare_next, view)
        self.refresh_bindings()

    def _prepare_next(self, revealed: rules.View) -> None:
        if self.is_attached and self.view == revealed and revealed.index + 1 < self.session.round.total:
            self._prepare("main", revealed.index + 1)

    def _set(self, selector: str, content: Content | str) -> None:
        """Update a Static only when its text or styles change (each update asks for a layout)."""
        held = (content.plain, content.spans) if isinstance(content, Content) else (content, None)
        if self._texts.get(selector) != held:
            self._texts[selector] = held
            self.query_one(selector, Static).update(content)

    def _place(self, *, asking: bool, question: bool, feedback: bool, message: str) -> None:
        """Show the parts this view needs and hide the rest (a change that changes nothing costs nothing)."""
        shape = None
        if asking and self.view is not None:
            shape = self.session.round.presented(self.view.phase, self.view.index).shape
        for each, widget in self._lists.items():
            widget.display = each == shape
        self.query_one("#student-input", Input).display = shape == TYPE_TEXT
        self.query_one("#student-sequence", Static).display = shape == ORDER
        self.query_one("#student-hint", Static).set_class(not asking, "-hidden")
        self.query_one("#student-question", VerticalScroll).display = question
        self.query_one("#student-verdict", Static).display = feedback
        self.query_one("#student-feedback", VerticalScroll).display = feedback
        self._set("#student-message", Content(message))
        self.query_one("#student-message", Static).display = bool(message)

    def _show_top(self, view: rules.View) -> None:
        counted = view.kind in ("ask", "locked", "revealed") or self.feedback is not None
        self._set("#student-count", Content(texts.heading(self.session, view) if counted else "Live class"))
        # No score in the pre- and post-test: the tests measure, they do not reward.
        score = texts.score_text(self.session, self.key, view) if view.phase == "main" else ""
        self._set("#student-score", Content(score))

    def _prepare(self, phase: str, index: int) -> None:
        """Put item ``index`` of ``phase`` in the question's and the answer's widgets, which may be hidden.

        Only the widgets of the item's answer shape are enabled: a hidden widget never takes the keys.
        Built once per item (a pause, a locked answer and the release itself keep what was built, so a
        half-built answer survives a pause).
        """
        if self.prepared == (phase, index):
            return
        self.prepared = (phase, index)
        shown = self.session.round.presented(phase, index)
        topic = self.session.pack.topics.get(shown.question.topic, shown.question.topic)
        self._set("#student-type", Content.assemble((shown.label, "bold $secondary"), " · ", literal(topic)))
        self._set("#student-prompt", literal(shown.question.prompt))
        self._set("#student-statement", literal(shown.statement or ""))
        self.query_one("#student-statement", Static).display = shown.statement is not None
        self.query_one("#student-question", VerticalScroll).scroll_home(animate=False)
        for each, widget in self._lists.items():
            widget.disabled = each != shown.shape
        box = self.query_one("#student-input", Input)
        box.disabled = shown.shape != TYPE_TEXT
        if shown.shape == TYPE_TEXT:
            box.value = ""
        elif shown.shape in self._lists:
            choices = self._lists[shown.shape]
            if isinstance(choices, TickList | OrderList):
                choices.show(shown.choices)
            else:
                choices.set_options(Option(numbered(i + 1, text)) for i, text in enumerate(shown.choices))
                choices.highlighted = 0
        self._show_sequence(shown)
        self._set("#student-hint", answer_hint(shown.shape, len(shown.choices)))
        self._fit_choices()

    def _fit_choices(self) -> None:
        # Fitted before the layout, from the screen's width less the list's margins: fitting after it (as
        # the quiz screen does) cost each game a second layout the moment a question was released.
        if not self.is_attached or self.prepared is None:
            return
        shape = self.session.round.presented(*self.prepared).shape
        if shape in self._lists:
            choices = self._lists[shape]
            margins = choices.styles.margin.width
            choices.fit_to_options(self.size, width=self.size.width - margins - choices.styles.gutter.width)

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_ROWS, "-short")
        self.call_after_refresh(self._fit_choices)  # after the layout: the margins may have changed

    def _focus_answer(self) -> None:
        shown = self.shown
        if shown is None or shown.shape == PICK_SENTENCE:
            self.set_focus(None)
        elif shown.shape == TYPE_TEXT:
            self.query_one("#student-input", Input).focus()
        else:
            self._lists[shown.shape].focus()

    def _show_feedback(
        self, outcome: Outcome | None, missed: Outcome, joined: Presented | None = None
    ) -> None:
        banner, css_class, body = texts.feedback(outcome, missed, joined)
        verdict = self.query_one("#student-verdict", Static)
        verdict.update(banner)
        verdict.set_classes(css_class)
        verdict.display = True
        scroll = self.query_one("#student-feedback", VerticalScroll)
        scroll.display = True
        scroll.remove_children()
        scroll.mount_all(Static(part, classes=css) for part, css in body)
        scroll.scroll_home(animate=False)
        # Not focused: the keys scroll it through the screen's bindings. Focused, the release of the next
        # question restyled all of its paragraphs when the focus left it (a tenth of the release's CPU).
        self.set_focus(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_on":
            return self.feedback is not None
        if action == "missed_reveal":
            return self.missed is not None
        if action == "scroll_feedback":
            return bool(self.query_one("#student-feedback", VerticalScroll).display)
        answering: bool | None = super().check_action(action, parameters)
        return answering

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
