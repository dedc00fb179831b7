"""Flashcards as tab-separated text, for Anki (default) or Quizlet (``--flavor quizlet``).

One card per question: the front is the question (with its options, if any); the back is the right answer,
the explanation and the quotes with their paragraph numbers.

Anki (manual, "Importing → Text Files"): fields split by tabs, one note per line, "Allow HTML in fields"
renders ``<br>``. The file starts with Anki's file headers (``#separator:tab``, ``#html:true``,
``#tags column:3``) so the import needs no settings. Fields never hold a raw tab or newline: tabs become
spaces, line breaks ``<br>``, and text is HTML-escaped (``&``, ``<``, ``>``, ``"``) so it shows exactly as
written. A field starting with ``"`` would be read as a quoted CSV field and one starting with ``#`` as a
comment; HTML-escaping covers the quote, and a leading ``#`` is written ``&#35;``. The third column holds
tags: ``quotebound``, the pack id and the question's topic.

Quizlet (Import → "Between term and definition: Tab", "Between cards: New line") shows text as is, with no
HTML and no headers, so that flavor has two plain columns and joins the parts of a field with `` / ``.
"""

from __future__ import annotations

import html
import re

from game.engine.content.pack import Pack
from game.engine.content.text import CONTEXT_LABEL
from game.engine.quiz.types import AnswerShape
from game.export.common import Item, Rendered, one_line, quote_text

FLAVORS = ("anki", "quizlet")


def anki_field(text: str) -> str:
    """One text as an Anki HTML field on one line."""
    text = html.escape(text.strip(), quote=False).replace('"', "&quot;").replace("\t", " ")
    text = re.sub(r"\r?\n", "<br>", text)
    return "&#35;" + text[1:] if text.startswith("#") else text


def _front_parts(item: Item) -> list[str]:
    parts = [item.question.prompt]
    if item.statement:
        parts.append(item.statement)
    if item.shape is AnswerShape.ORDER:
        parts.append("Put in order:")
    elif item.shape is AnswerShape.PICK_MANY:
        parts.append("Select all that apply:")
    if item.type.fixed_choices:
        # Fixed two-way choices (true/false, fact/claim): the label asks the question, not a list.
        if item.statement:
            parts.append(item.label)
    elif item.choices:
        parts.extend(f"{i}. {choice}" for i, choice in enumerate(item.choices, start=1))
    return parts


def _back_parts(item: Item) -> list[str]:
    parts = [f"Answer: {item.right_text()}", item.question.explanation]
    parts.extend(quote_text(q) for q in item.quotes)
    if item.question.context:
        parts.append(f"{CONTEXT_LABEL} {item.question.context}")
    return parts


def render(pack: Pack, items: list[Item], *, seed: int, flavor: str = "anki") -> Rendered:
    """Flashcards for ``items``.

    Args:
        pack: the pack (its id becomes a tag).
        items: the dealt questions.
        seed: unused; flashcards are shuffled by the app.
        flavor: ``anki`` or ``quizlet``.
    """
    del seed
    if flavor not in FLAVORS:
        raise ValueError(f"unknown TSV flavor {flavor!r}; use one of {', '.join(FLAVORS)}")
    lines: list[str] = []
    if flavor == "anki":
        lines += ["#separator:tab", "#html:true", "#tags column:3"]
        for item in items:
            front = "<br>".join(anki_field(p) for p in _front_parts(item))
            back = "<br>".join(anki_field(p) for p in _back_parts(item))
            tags = f"quotebound {pack.id} {item.question.topic}"
            lines.append(f"{front}\t{back}\t{tags}")
    else:
        for item in items:
            front = " / ".join(one_line(p) for p in _front_parts(item))
            back = " / ".join(one_line(p) for p in _back_parts(item))
            lines.append(f"{front}\t{back}")
    return Rendered("\n".join(lines) + "\n")
