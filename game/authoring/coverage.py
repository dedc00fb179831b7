"""Article coverage: which sentences of the article the pack's questions and scenarios quote.

A teacher wants to know that a pack teaches the whole article, not its first half. The article body
(the page footer excluded) is split into sentences; a sentence counts as covered when a verified quote
overlaps at least :data:`MIN_OVERLAP` of its characters (or all of it, if it is shorter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.content.loader import Pack

MIN_OVERLAP = 12
# A sentence ends at . ! ? (optionally followed by a closing quote) before white space and a capital
# letter or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"‘'])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article body."""

    paragraph: int
    start: int
    end: int
    text: str
    covered: bool


@dataclass(frozen=True)
class Coverage:
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


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, shifted by ``offset``."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        spans.append((offset + start, offset + end))
        start = match.end()
    if text[start:].strip():
        spans.append((offset + start, offset + len(text.rstrip())))
    return spans


def coverage(pack: Pack) -> Coverage:
    """Which body sentences of ``pack``'s article are quoted by the pack."""
    quoted = sorted((span.start, span.end) for span in pack.spans.values())
    sentences = []
    for paragraph in pack.article.body:
        for start, end in split_sentences(paragraph.text, paragraph.start):
            need = min(MIN_OVERLAP, end - start)
            covered = any(min(end, q_end) - max(start, q_start) >= need for q_start, q_end in quoted)
            sentences.append(Sentence(paragraph.number, start, end, pack.article.text[start:end], covered))
    return Coverage(sentences)
