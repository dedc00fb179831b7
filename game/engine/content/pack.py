"""The loaded pack and the quotes it verified: the types every part of the game passes around.

Content owns these without knowing the question types or the story model (those live in
:mod:`game.engine.quiz` and :mod:`game.engine.story`, which import content, never the reverse): a
question is seen here only through the fields every question has (id, topic, prompt, explanation,
quotes, context, points).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from game.engine.content import model
from game.engine.content.diagnostics import Diagnostic
from game.engine.content.quotes import Article, Span, normalize


# Structs rather than dataclasses (same fields, equality and defaults): this module is imported by
# every command, each dataclass took ~0.4 ms to create, and now `validate` never imports dataclasses.
class QuoteRef(Struct, frozen=True):
    """A quote as it stands in the article, with where it stands."""

    text: str
    span: Span

    @property
    def paragraph(self) -> int:
        return self.span.paragraph


class Pack(Struct):
    """A loaded, validated pack."""

    meta: model.PackFile
    folder: Path
    article: Article
    # `Any`: content must not import the quiz types to name their union, and the quiz engine narrows
    # each question to its type with isinstance. Every question has id, topic, prompt, explanation,
    # quotes, context and points.
    questions: list[Any] = field(default_factory=list)
    """The quiz questions (see game.engine.quiz)."""
    scenarios: list[Any] = field(default_factory=list)
    """Story scenarios (see game.engine.story.model.Scenario), which content does not import."""
    spans: dict[str, Span] = field(default_factory=dict)
    """Verified quotes by their normalised text."""
    warnings: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Where each question and scenario id was defined: (file, line)."""

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def topics(self) -> dict[str, str]:
        return {topic.id: topic.title for topic in self.meta.topics}

    def question(self, question_id: str) -> Any:
        """The question with this id (KeyError if none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def quote(self, text: str) -> QuoteRef:
        """A verified quote as it stands in the article."""
        span = self.spans[normalize(text)]
        return QuoteRef(self.article.text[span.start : span.end], span)

    def quotes_of(self, texts: list[str]) -> list[QuoteRef]:
        """Verified quotes for a list of quote texts from content."""
        return [self.quote(text) for text in texts]
