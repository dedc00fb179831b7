"""The article's sentences, numbered ``¶P.S`` (paragraph P, its sentence S), for pick-a-sentence answers.

Only article text counts (the scraped page footer has no sentences to pick). The splitting itself is
:mod:`game.engine.content.sentences`, the coverage report's too, so "a sentence" means the same thing
to an author and a player.
"""

from __future__ import annotations

import re

from msgspec import Struct

from game.engine.content.quotes import Article, Span
from game.engine.content.sentences import split_sentences

_LABEL = re.compile(r"^\s*¶?\s*(\d+)\s*[.:]\s*(\d+)\s*$")
_PARAGRAPH = re.compile(r"^\s*¶?\s*(\d+)\s*\.?\s*$")
TYPE_A_SENTENCE = "Type the number of a sentence as printed, e.g. 3.2 for the 2nd sentence of ¶3."
"""What a player is told when a typed line is not a sentence number at all."""


class Sentence(Struct, frozen=True):
    """One sentence of the article body."""

    paragraph: int
    number: int
    """1-based within its paragraph."""
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """``3.2``: how a player names it (and how an answer is saved)."""
        return f"{self.paragraph}.{self.number}"

    def holds(self, span: Span) -> bool:
        """Whether ``span`` lies wholly inside this sentence."""
        return self.start <= span.start and span.end <= self.end


def sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article body, in reading order."""
    out: list[Sentence] = []
    for paragraph in article.body:
        for number, (start, end) in enumerate(split_sentences(paragraph.text, paragraph.start), start=1):
            out.append(Sentence(paragraph.number, number, start, end, article.text[start:end]))
    return out


def parse_label(text: str) -> str | None:
    """``"¶3.2"``, ``"3.2"`` or ``"3:2"`` as the label ``"3.2"``; None when it is not a sentence number."""
    match = _LABEL.match(text)
    return f"{int(match.group(1))}.{int(match.group(2))}" if match else None


def resolve_typed(article: Article, text: str) -> str:
    """The label of the sentence a player typed, as ``"3.2"``; a paragraph of one sentence also by its number.

    Most paragraphs of a news article are one sentence long, so a player who types ``17`` for ``¶17.1``
    means it: that is taken. Where the paragraph has more sentences, the message names them.

    Raises:
        ValueError: with a message for the player when ``text`` names no sentence of the article.
    """
    label = parse_label(text)
    if label is not None:
        paragraph = int(label.split(".", 1)[0])
    else:
        bare = _PARAGRAPH.match(text)
        if bare is None:
            raise ValueError(TYPE_A_SENTENCE)
        paragraph = int(bare.group(1))
    in_paragraph = [sentence for sentence in sentences(article) if sentence.paragraph == paragraph]
    if not in_paragraph:
        raise ValueError(f"There is no ¶{paragraph}: type the number of a sentence as printed, e.g. 3.2.")
    if label is None and len(in_paragraph) == 1:
        return in_paragraph[0].label
    if label is not None and any(sentence.label == label for sentence in in_paragraph):
        return label
    if len(in_paragraph) == 1:
        raise ValueError(f"¶{paragraph} has one sentence: type {in_paragraph[0].label}.")
    labels = [sentence.label for sentence in in_paragraph]
    choices = f"{', '.join(labels[:-1])} or {labels[-1]}"
    raise ValueError(f"¶{paragraph} has {len(labels)} sentences: type {choices}.")


def by_label(article: Article, label: str) -> Sentence | None:
    """The sentence labelled ``label``, or None."""
    for sentence in sentences(article):
        if sentence.label == label:
            return sentence
    return None


def holding(article: Article, span: Span) -> Sentence | None:
    """The sentence that holds all of ``span``, or None when it crosses a sentence end."""
    # First only the paragraph where the span starts (a sentence holding the span lies in it): splitting
    # the whole article for each quote was most of dealing a round for `export`. The full walk below
    # still answers when that finds nothing, so the result is the same in every case.
    paragraph = article.paragraph_at(span.start)
    if not paragraph.boilerplate:
        split = split_sentences(paragraph.text, paragraph.start)
        for number, (start, end) in enumerate(split, start=1):
            if start <= span.start and span.end <= end:
                return Sentence(paragraph.number, number, start, end, article.text[start:end])
    for sentence in sentences(article):
        if sentence.holds(span):
            return sentence
    return None
