"""Article coverage: which sentences of the article the pack's questions and scenarios quote.

A teacher wants to know that a pack teaches the whole article, not its first half. The article body
(the page footer excluded) is split into sentences; a sentence counts as covered when a verified quote
overlaps at least :data:`MIN_OVERLAP` of its characters (or all of it, if it is shorter).
"""

from __future__ import annotations

from msgspec import Struct

from game.engine.content.pack import Pack
from game.engine.content.sentences import body_sentences

MIN_OVERLAP = 12


class Sentence(Struct, frozen=True):
    """One sentence of the article body."""

    paragraph: int
    start: int
    end: int
    text: str
    covered: bool


class Coverage(Struct, frozen=True):
    """The sentences of an article and the share the pack quotes."""

    sentences: list[Sentence]

    @property
    def percent(self) -> float:
        if not self.sentences:
            return 100.0
        return 100.0 * sum(s.covered for s in self.sentences) / len(self.sentences)

    @property
    def uncovered(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.covered]


def coverage(pack: Pack) -> Coverage:
    """Which body sentences of ``pack``'s article are quoted by the pack."""
    quoted = sorted((span.start, span.end) for span in pack.spans.values())
    sentences = []
    for number, start, end in body_sentences(pack.article):
        need = min(MIN_OVERLAP, end - start)
        covered = any(min(end, q_end) - max(start, q_start) >= need for q_start, q_end in quoted)
        sentences.append(Sentence(number, start, end, pack.article.text[start:end], covered))
    return Coverage(sentences)
