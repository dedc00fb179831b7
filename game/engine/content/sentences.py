"""Splitting article text into sentences, for coverage, the ``new`` scaffold and quote-picking types.

Paragraphs come from :class:`game.engine.content.quotes.Article` (``article.body``); this module splits
one paragraph's text into sentence spans with a rule simple enough to predict by eye.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.content.quotes import Article

# A sentence ends at . ! ? (optionally followed by a closing quote) before white space and a capital
# letter or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"‘'])")


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


def body_sentences(article: Article) -> Iterator[tuple[int, int, int]]:
    """``(paragraph number, start, end)`` of every sentence of the article body (footer excluded)."""
    for paragraph in article.body:
        for start, end in split_sentences(paragraph.text, paragraph.start):
            yield paragraph.number, start, end
