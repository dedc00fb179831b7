"""The article reader: every paragraph numbered, every passage the pack quotes highlighted.

Opened from the menu it starts at the top; opened from feedback it starts at that answer's quote,
which is highlighted more strongly. The scraped page footer is shown dimmed, under a label saying it
is not article text. Escape returns.

:class:`SentencePickScreen` is the reader as a pick-a-sentence answer: the claim on top, the article one
sentence a line under a sentence cursor; it is dismissed with the picked sentence's label (or None).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from game.engine.content.pack import Pack, QuoteRef
from game.engine.content.quotes import Paragraph, Span
from game.engine.quiz import sentences
from game.ui.screens.base import GameScreen
from game.ui.texts import literal, paragraph_content, pilcrow
from game.ui.widgets.sentence_picker import SentencePicker

FOOTER_LABEL = "Page footer, scraped with the article: not article text, never quoted by the game."


class ArticleParagraph(Horizontal):
    """One paragraph: its ``¶N`` number in a gutter, its text beside it."""

    def __init__(self, paragraph: Paragraph, spans: list[Span], target: Span | None) -> None:
        classes = "paragraph"
        if paragraph.boilerplate:
            classes += " -boilerplate"
        if target is not None and target.start < paragraph.end and paragraph.start < target.end:
            classes += " -target"
        super().__init__(id=f"para-{paragraph.number}", classes=classes)
        self.paragraph = paragraph
        self._spans = spans
        self._target = target

    def compose(self) -> ComposeResult:
        yield Static(pilcrow(self.paragraph.number), classes="paragraph-number", markup=False)
        yield Static(paragraph_content(self.paragraph, self._spans, self._target), classes="paragraph-text")


class ReaderScreen(GameScreen[None]):
    """The pack's article, to read whole or to check a quote in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="reader.back"),
        Binding("q", "close", "Back", show=False, id="reader.back_q"),
    ]
    """Escape returns; arrows, PageUp/PageDown, Home/End and the mouse scroll."""

    def __init__(self, pack: Pack, target: QuoteRef | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.target = target
        """The quote to open at, or None to start at the top."""

    @property
    def target_paragraph(self) -> int | None:
        """The number of the paragraph the reader opened at."""
        return self.target.paragraph if self.target is not None else None

    def compose(self) -> ComposeResult:
        quoted = len(self.pack.spans)
        yield Static(
            Content.assemble(
                ("Article: ", "bold"),
                literal(self.pack.title),
                (f"   {quoted} quoted passage{'s' if quoted != 1 else ''} underlined", "dim"),
            ),
            id="reader-title",
        )
        spans = sorted(self.pack.spans.values(), key=lambda span: span.start)
        target = self.target.span if self.target is not None else None
        with VerticalScroll(id="reader-body"):
            in_footer = False
            for paragraph in self.pack.article.paragraphs:
                if paragraph.boilerplate and not in_footer:
                    in_footer = True
                    yield Static(Content.styled(FOOTER_LABEL, "italic"), id="reader-footer-label")
                yield ArticleParagraph(paragraph, [] if paragraph.boilerplate else spans, target)
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#reader-body", VerticalScroll)
        body.focus()
        if self.target is not None:
            self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        body = self.query_one("#reader-body", VerticalScroll)
        body.scroll_to_widget(
            self.query_one(f"#para-{self.target_paragraph}"), animate=False, top=True, immediate=True
        )

    def action_close(self) -> None:
        self.dismiss()


class SentencePickScreen(GameScreen[str | None]):
    """The article with a sentence cursor, to answer a pick-a-sentence question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the question", id="pick.back"),
    ]
    """Escape returns to the question without picking; the cursor keys and Enter belong to the picker."""

    def __init__(self, pack: Pack, prompt: str, instruction: str | None) -> None:
        super().__init__()
        self.pack = pack
        self.prompt = prompt
        """The claim the player looks for."""
        self.instruction = instruction
        """What to find ("the sentence that supports this claim")."""

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Claim: ", "bold"), literal(self.prompt)), id="pick-claim")
        if self.instruction:
            yield Static(literal(self.instruction), id="pick-task")
        yield SentencePicker(sentences.sentences(self.pack.article), id="pick-sentences")
        yield Static(
            "↑↓ or j/k: sentence · PgUp/PgDn: paragraph · Enter or click: pick", id="pick-hint", markup=False
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SentencePicker).focus()

    def on_sentence_picker_picked(self, event: SentencePicker.Picked) -> None:
        event.stop()
        self.dismiss(event.label)

    def action_close(self) -> None:
        self.dismiss(None)
