"""The pick-a-sentence answer widget: the article, one sentence a line, with a sentence cursor.

↑↓ or j/k move the cursor by sentence, PageUp/PageDown by paragraph, Home/End to the first and last
sentence; Enter or a click picks. The widget only reports the pick (:class:`SentencePicker.Picked`, with the
sentence's label such as ``"3.2"``); the screen decides what a pick means.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from game.engine.quiz.sentences import Sentence
from game.ui.texts import literal, pilcrow


class SentenceLine(Static):
    """One sentence, labelled ``3.2``; a click picks it."""

    def __init__(self, sentence: Sentence, index: int) -> None:
        label = Content.styled(f"{sentence.label} ", "dim")
        text = literal(" ".join(sentence.text.split()))
        super().__init__(Content.assemble(label, text), classes="sentence")
        self.sentence = sentence
        self.index = index

    def on_click(self, event: events.Click) -> None:
        event.stop()
        picker = next(a for a in self.ancestors if isinstance(a, SentencePicker))
        picker.move_to(self.index)
        picker.action_pick()


class SentencePicker(VerticalScroll, can_focus=True):
    """Every sentence of the article body, grouped by paragraph, one of them under the cursor."""

    DEFAULT_CSS = """
    SentencePicker { height: 1fr; padding: 0 1; }
    SentencePicker .sentence-paragraph { height: auto; margin-top: 1; }
    SentencePicker .sentence-number { width: 5; text-style: bold; color: $text-accent; }
    SentencePicker .sentence-lines { height: auto; width: 1fr; }
    SentencePicker .sentence { width: 1fr; }
    SentencePicker .sentence.-cursor { background: $accent; color: $background; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Previous", show=False, id="sentence.up"),
        Binding("down,j", "move(1)", "Next", show=False, id="sentence.down"),
        Binding("pageup", "paragraph(-1)", "Paragraph up", show=False, id="sentence.page_up"),
        Binding("pagedown", "paragraph(1)", "Paragraph down", show=False, id="sentence.page_down"),
        Binding("home", "first", "First", show=False, id="sentence.first"),
        Binding("end", "last", "Last", show=False, id="sentence.last"),
        Binding("enter", "pick", "Pick this sentence", id="sentence.pick"),
    ]
    """↑↓ or j/k move by sentence, PageUp/PageDown by paragraph, Home/End to either end; Enter picks."""

    class Picked(Message):
        """The player picked a sentence."""

        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    def __init__(self, sentences: list[Sentence], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.sentences = sentences
        self.cursor = 0
        """Index into :attr:`sentences` of the sentence under the cursor."""

    def compose(self) -> ComposeResult:
        index = 0
        paragraphs: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence)
        for number, group in paragraphs.items():
            with Horizontal(classes="sentence-paragraph"):
                yield Static(pilcrow(number), classes="sentence-number", markup=False)
                with Vertical(classes="sentence-lines"):
                    for sentence in group:
                        yield SentenceLine(sentence, index)
                        index += 1

    def on_mount(self) -> None:
        self.move_to(0)

    @property
    def current(self) -> Sentence | None:
        """The sentence under the cursor."""
        return self.sentences[self.cursor] if self.sentences else None

    def move_to(self, index: int) -> None:
        """Put the cursor on sentence ``index`` (clamped) and scroll it into view."""
        if not self.sentences:
            return
        lines = list(self.query(SentenceLine))
        lines[self.cursor].remove_class("-cursor")
        self.cursor = max(0, min(index, len(self.sentences) - 1))
        line = lines[self.cursor]
        line.add_class("-cursor")
        self.scroll_to_widget(line, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_paragraph(self, step: int) -> None:
        """The first sentence of the next (or this/previous) paragraph."""
        current = self.current
        if current is None:
            return
        if step > 0:
            after = [i for i, s in enumerate(self.sentences) if s.paragraph > current.paragraph]
            self.move_to(after[0] if after else len(self.sentences) - 1)
            return
        target = current.paragraph if current.number > 1 else current.paragraph - 1
        before = [i for i, s in enumerate(self.sentences) if s.paragraph == target]
        self.move_to(before[0] if before else 0)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.sentences) - 1)

    def action_pick(self) -> None:
        if self.current is not None:
            self.post_message(self.Picked(self.current.label))
