"""The live-class student screen's widgets, and how one view's parts are placed in them.

:class:`StudentLayout` sits between :class:`~game.ui.screens.class_answer_screen.AnswerScreen` (keys into an
answer) and :class:`~game.ui.screens.class_student_screen.StudentScreen` (the class store's polling, the
clock, the keys that are not answers): it composes the screen, shows the parts a view needs and hides the
rest, builds an item's question and answer widgets, and shows the student's feedback, with the texts of
:mod:`~game.ui.screens.class_student_texts`. It decides nothing: the subclass says what is on show and when.
Thirty games share two cores in a class, so a Static is updated only when its text changes and the
question's widgets ask for no second layout (issue 16).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.widgets.option_list import Option

from game.classroom import rules
from game.classroom.session import ClassSession
from game.engine.quiz.run import Outcome, Presented
from game.ui.screens import class_student_texts as texts
from game.ui.screens.class_answer_screen import ORDER, PICK_SENTENCE, TYPE_TEXT, AnswerScreen
from game.ui.screens.repaint import CroppedCompositor
from game.ui.texts import literal, numbered
from game.ui.widgets.answer_hints import answer_hint
from game.ui.widgets.answer_lists import OrderList, TickList
from game.ui.widgets.choice_list import ChoiceList
from game.ui.widgets.question_clock import QuestionClock

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


class StudentLayout(AnswerScreen):
    """The student screen's widgets and their placing (see the module docstring)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's, without its repaint of the whole screen at every focus change: the widget that gains the
    focus and the one that loses it repaint themselves (their ``:focus`` styles), and nothing else on this
    screen looks at the focus. The repaint sent each game's whole screen a second time at every release
    (~3 KB and a full render; issue 16)."""

    def __init__(self, session: ClassSession, key: str) -> None:
        super().__init__()
        self._compositor = CroppedCompositor()  # a partial repaint renders only what it repaints
        self.session = session
        self.key = key
        """The student's key in the class store."""
        self.view: rules.View | None = None
        """What is on show (None before the first look at the store)."""
        self.prepared: tuple[str, int] | None = None
        """The item whose question and answer widgets are built (see :meth:`_prepare`)."""
        self._texts: dict[str, tuple[str, object]] = {}
        """What each Static updated through :meth:`_set` holds."""
        self.feedback: tuple[rules.View, Outcome] | None = None
        """Self-paced: the feedback on show until the student goes on."""
        self._hint_wanted = False
        """Whether the view on show has the answer keys' hint (a short screen hides it anyway)."""
        self._feedback_item: tuple[str, int] | None = None
        """The answered item whose feedback is built (see :meth:`_show_feedback`)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="student-top"):
            yield Static(id="student-count")
            yield Static(id="student-name")
            yield QuestionClock(id="student-clock")
            yield Static(id="student-score")
        # The stage: the question (with the line over it) and the feedback, each filling it, one over the
        # other (see _show_reveal_side): what comes next is built and painted under what is on show.
        with Container(id="student-stage"):
            with Vertical(id="student-ask"):
                yield Static(id="student-message")
                with QuestionScroll(id="student-question", can_focus=False):
                    yield QuestionText(id="student-type")
                    yield QuestionText(id="student-prompt")
                    yield QuestionText(id="student-statement")
                yield Static(id="student-sequence")
                pick = ChoiceList(id="student-pick")
                pick.keeps_measures_on_resize = True  # shown again at each release, painted at its size
                lists = (pick, TickList(id="student-tick"), OrderList(id="student-order"))
                for each in lists:
                    each.keeps_focus_hidden = True  # no blur at the answer, no restyle at the next release
                yield from lists
                yield Input(
                    placeholder="Type your answer, then press Enter", id="student-input", max_length=500
                )
                yield Static(id="student-hint")
            with Vertical(id="student-reveal"):
                yield Static(id="student-note")
                yield Static(id="student-verdict")
                yield VerticalScroll(id="student-feedback")
        yield SteadyFooter()

    def _set(self, selector: str, content: Content | str) -> None:
        """Update a Static only when its text or styles change (each update asks for a layout)."""
        held = (content.plain, content.spans) if isinstance(content, Content) else (content, None)
        if self._texts.get(selector) != held:
            self._texts[selector] = held
            self.query_one(selector, Static).update(content)

    def _place(self, *, asking: bool, question: bool, feedback: bool, message: str) -> None:
        """Show the parts this view needs and hide the rest (a change that changes nothing costs nothing).

        With ``feedback`` the feedback is put over the question and ``message`` goes over it; the question's
        side is left as it is, under it (the subclass builds the next question there while the student
        reads). Otherwise the feedback's side is hidden.
        """
        self._show_reveal_side(feedback, on_top=feedback)
        if feedback:
            self._set_note(message)
            return
        shape = None
        if asking and self.view is not None:
            shape = self.session.round.presented(self.view.phase, self.view.index).shape
        self._place_answer(shape)
        self._place_question(question, message)

    def _set_note(self, message: str) -> None:
        """The line over the feedback (none when empty)."""
        self._set("#student-note", Content(message))
        self.query_one("#student-note", Static).display = bool(message)

    def _place_question(self, question: bool, message: str) -> None:
        """Show the question (or not) and the line over it."""
        self.query_one("#student-question", VerticalScroll).display = question
        self._set("#student-message", Content(message))
        self.query_one("#student-message", Static).display = bool(message)

    def _show_reveal_side(self, shown: bool, *, on_top: bool) -> None:
        """Show the feedback's side of the stage (``shown``), over the question's side or under it.

        Both sides fill the stage, each in a layer of its own, and a side under the other is laid out and
        painted as the one over it is. So what comes next is built under what is on show: a locked-in
        answer's feedback under its question, the next question under the reveal. The reveal then only
        swaps the layers' order, and the release hides the feedback's side: Textual lays the stage out
        again, and paints nothing anew (issue 16: thirty games on two cores drew a release each in half
        the CPU, a reveal in half). The order is set on the stage alone, without a repaint of its own (a
        CSS class would restyle every widget on it; the style's setter would repaint the stage, which
        its two sides cover whole).
        """
        reveal = self.query_one("#student-reveal", Vertical)
        if shown:
            stage = self.query_one("#student-stage", Container)
            if stage.styles.set_rule("layers", ("ask", "reveal") if on_top else ("reveal", "ask")):
                stage.refresh(layout=True, repaint=False)
        reveal.display = shown
        # A covered answer list takes no keys (ChoiceList.covered): they scroll the feedback. The input is
        # never focused under it (_show_feedback takes the focus from it).
        for widget in self._lists.values():
            widget.covered = shown and on_top

    @property
    def revealing(self) -> bool:
        """Whether the feedback is on show (over the question)."""
        on_top = self.query_one("#student-stage", Container).styles.layers[-1] == "reveal"
        return on_top and bool(self.query_one("#student-reveal", Vertical).display)

    def _place_answer(self, shape: object) -> None:
        """Show the answer widgets of ``shape`` (None: none), on the question's side of the stage."""
        for each, widget in self._lists.items():
            widget.display = each == shape
        self.query_one("#student-input", Input).display = shape == TYPE_TEXT
        self.query_one("#student-sequence", Static).display = shape == ORDER
        self._hint_wanted = shape is not None
        self._show_hint()

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

    def _show_hint(self) -> None:
        # Shown and hidden by `display`, not by a CSS class: a class change restyles the widget (~1 ms of
        # each game's release, issue 16). A short screen has no room for it.
        self.query_one("#student-hint", Static).display = self._hint_wanted and not self.has_class("-short")

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_ROWS, "-short")
        self._show_hint()
        self.call_after_refresh(self._fit_choices)  # after the layout: the margins may have changed

    def _focus_answer(self) -> None:
        shown = self.shown
        if shown is None or shown.shape == PICK_SENTENCE:
            self.set_focus(None)
        elif shown.shape == TYPE_TEXT:
            self.query_one("#student-input", Input).focus()
        else:
            self.set_focus(self._lists[shown.shape])

    def _show_feedback(
        self,
        outcome: Outcome | None,
        missed: Outcome,
        joined: Presented | None = None,
        item: tuple[str, int] | None = None,
    ) -> None:
        """Build the student's feedback on the reveal's side of the stage (shown or not).

        ``item``: the item it is for; the feedback built for an answered item (at the moment its answer was
        locked in, under the question) is not built again at its reveal.
        """
        if item is not None and joined is None and item == self._feedback_item:
            return
        self._feedback_item = item if outcome is not None else None
        banner, css_class, body = texts.feedback(outcome, missed, joined)
        verdict = self.query_one("#student-verdict", Static)
        verdict.update(banner)
        verdict.set_classes(css_class)
        scroll = self.query_one("#student-feedback", VerticalScroll)
        scroll.remove_children()
        scroll.mount_all(Static(part, classes=css) for part, css in body)
        scroll.scroll_home(animate=False)
        # Not focused: the keys scroll it through the screen's bindings. Focused, the release of the next
        # question restyled all of its paragraphs when the focus left it (a tenth of the release's CPU).
        # An answer list keeps the focus, hidden (it takes no keys then, see ChoiceList.keeps_focus_hidden):
        # the release that shows it again then restyles nothing (~2 ms of each game's CPU, issue 16).
        if self.focused not in self._lists.values():
            self.set_focus(None)
