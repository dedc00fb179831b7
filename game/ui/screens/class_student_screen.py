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

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.widgets.option_list import Option

from game.classroom import rules
from game.classroom.session import ClassSession, StoreError
from game.engine.content.pack import Pack
from game.engine.quiz.run import Outcome, Presented, Response
from game.ui.screens import class_student_texts as texts
from game.ui.screens.class_answer_screen import ORDER, PICK_SENTENCE, TYPE_TEXT, AnswerScreen
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


class StudentScreen(AnswerScreen):
    """One student's game in the class (see the module docstring)."""

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
        """The item whose answer widgets are built (kept over a pause, so a half-built answer survives)."""
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
        with VerticalScroll(id="student-question", can_focus=False):
            yield Static(id="student-type")
            yield Static(id="student-prompt")
            yield Static(id="student-statement")
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
        if isinstance(picker, SentencePickScreen):
            picker.dismiss(None)  # the article was open to pick a sentence: the class has moved on
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
        self._place(asking=asking, question=view.kind in ("ask", "locked"), feedback=feedback, message=text)
        self._show_top(view)
        if asking and self.asked != (view.phase, view.index):
            self._ask(view)
        elif asking:
            self._focus_answer()
        if feedback:
            outcome = self.session.outcome(self.key, "main", view.index)
            self._show_feedback(outcome, self.session.round.judge("main", view.index, None))
        if view.kind in ("locked", "ask"):
            self._show_prompt(self.session.round.presented(view.phase, view.index))
        self.refresh_bindings()

    def _place(self, *, asking: bool, question: bool, feedback: bool, message: str) -> None:
        """Show the parts this view needs and hide (and disable) the rest."""
        shape = None
        if asking and self.view is not None:
            shape = self.session.round.presented(self.view.phase, self.view.index).shape
        for each, widget in self._lists.items():
            widget.display = each == shape
            widget.disabled = each != shape
        box = self.query_one("#student-input", Input)
        box.display = shape == TYPE_TEXT
        box.disabled = shape != TYPE_TEXT
        self.query_one("#student-sequence", Static).display = shape == ORDER
        self.query_one("#student-hint", Static).set_class(not asking, "-hidden")
        self.query_one("#student-question", VerticalScroll).display = question
        self.query_one("#student-verdict", Static).display = feedback
        self.query_one("#student-feedback", VerticalScroll).display = feedback
        note = self.query_one("#student-message", Static)
        note.update(Content(message))
        note.display = bool(message)

    def _show_top(self, view: rules.View) -> None:
        counted = view.kind in ("ask", "locked", "revealed") or self.feedback is not None
        self.query_one("#student-count", Static).update(
            Content(texts.heading(self.session, view) if counted else "Live class")
        )
        # No score in the pre- and post-test: the tests measure, they do not reward.
        score = texts.score_text(self.session, self.key, view) if view.phase == "main" else ""
        self.query_one("#student-score", Static).update(Content(score))

    def _show_prompt(self, shown: Presented) -> None:
        topic = self.session.pack.topics.get(shown.question.topic, shown.question.topic)
        self.query_one("#student-type", Static).update(
            Content.assemble((shown.label, "bold $secondary"), " · ", literal(topic))
        )
        self.query_one("#student-prompt", Static).update(literal(shown.question.prompt))
        statement = self.query_one("#student-statement", Static)
        statement.update(literal(shown.statement or ""))
        statement.display = shown.statement is not None

    def _ask(self, view: rules.View) -> None:
        """Build the answer widgets of a newly released item."""
        shown = self.session.round.presented(view.phase, view.index)
        self.asked = (view.phase, view.index)
        self._shown_at = self.clock()
        self.query_one("#student-question", VerticalScroll).scroll_home(animate=False)
        if shown.shape == TYPE_TEXT:
            self.query_one("#student-input", Input).value = ""
        elif shown.shape in self._lists:
            choices = self._lists[shown.shape]
            if isinstance(choices, TickList | OrderList):
                choices.show(shown.choices)
            else:
                choices.set_options(Option(numbered(i + 1, text)) for i, text in enumerate(shown.choices))
                choices.highlighted = 0
        self._show_sequence()
        self.query_one("#student-hint", Static).update(answer_hint(shown.shape, len(shown.choices)))
        self._focus_answer()
        self._fit_choices()

    def _fit_choices(self) -> None:
        # Fitted before the layout, from the screen's width less the list's margins: fitting after it (as
        # the quiz screen does) cost each game a second layout the moment a question was released.
        shown = self.shown
        if self.is_attached and shown is not None and shown.shape in self._lists:
            choices = self._lists[shown.shape]
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

    def _show_feedback(self, outcome: Outcome | None, missed: Outcome) -> None:
        banner, css_class, body = texts.feedback(outcome, missed)
        verdict = self.query_one("#student-verdict", Static)
        verdict.update(banner)
        verdict.set_classes(css_class)
        verdict.display = True
        scroll = self.query_one("#student-feedback", VerticalScroll)
        scroll.display = True
        scroll.remove_children()
        scroll.mount_all(Static(part, classes=css) for part, css in body)
        scroll.scroll_home(animate=False)
        scroll.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_on":
            return self.feedback is not None
        answering: bool | None = super().check_action(action, parameters)
        return answering

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
