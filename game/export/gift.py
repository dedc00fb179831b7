"""GIFT, Moodle's text format for quiz questions (Question bank → Import → GIFT).

Rules followed, from Moodle's ``qformat_gift`` reader:

* A blank line ends a question, so text never contains a raw newline: texts are HTML (``[html]``) and a line
  break is ``<br>``. HTML-escaping the text also turns ``>`` into ``&gt;``, so an item can never contain the
  ``->`` that splits a matching pair.
* ``~ = # { } :`` and backslash are escaped with a backslash in every text.
* Single choice (and attribution, fact-or-claim): ``=right`` and ``~wrong``, each option's feedback after
  ``#``. True/false: ``{T}`` or ``{F}``.
* Select all that apply: ``~%w%`` on every option, ``w = 100/(number of right options)`` for a right one and
  ``-w`` for a wrong one. Moodle adds the weights and clamps the total between 0 and 100%, which is the game's
  own rule ``(right picks - wrong picks) / right options``; 1/1 to 1/6 are all weights Moodle accepts.
* Short answer: ``{=%100%a =%100%b}``. Explicit weights keep an answer starting with ``%`` intact, and ``*``
  (Moodle's wildcard) is escaped. Moodle compares case-insensitively but not as leniently as the game
  (accents, punctuation, number words), so list the forms you want accepted in the pack.
* Ordering: GIFT has no ordering type, so it becomes a matching question (each item → 1st, 2nd, …). Moodle
  scores matching per pair, not by the game's pairwise-order rule.
* Pick a sentence (find the line): an **essay** item (``{####…}``), graded by the teacher; the right sentence,
  with its ``¶P.S`` number, opens the general feedback. A short-answer item would need the student to type the
  sentence exactly, which Moodle cannot match leniently.
* The explanation, the quotes (with paragraph numbers) and any background are the general feedback
  (``####``), shown to every student after answering.
* Each pack goes in the question category ``quotebound/<pack id>``. A question's name is its number in the
  dealt round and its prompt (``Q4 "How much…"``), as the class report names it; ids stay in comments.
"""

from __future__ import annotations

import re

from game.engine.content.pack import Pack
from game.engine.content.text import CONTEXT_LABEL
from game.engine.quiz.types import AnswerShape
from game.export.common import (
    ORDINALS,
    Item,
    Rendered,
    question_label,
    question_name,
    quote_text,
    skipped_note,
)

TRUE_FALSE = ["True", "False"]
"""A pick-one question with exactly these choices is written as GIFT's own true/false item."""

TITLE_WIDTH = 80
"""Characters of the prompt kept in a question's title."""

_SPECIAL = [(ch, "\\" + ch) for ch in "\\~=#{}:"]
"""GIFT's specials, each escaped with a backslash; the backslash first, so no added one is doubled."""
_HTML = [*_SPECIAL[:1], ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\t", " "), *_SPECIAL[1:]]
_HTML += [("\r\n", "<br>"), ("\n", "<br>")]
"""The backslash, HTML's three (as ``html.escape(quote=False)``), a tab as a space, GIFT's other specials,
then line breaks: no step adds what a later one replaces, so the result is that of escaping HTML, then
the lines, then GIFT's specials. One str.replace each, only when the text holds it: ~30 times faster
than a regex substitution with a template, or a str.translate table, on the bundled pack's texts."""


def _replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


_WEIGHT_LIKE = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")


def escape(text: str) -> str:
    """Backslash-escape GIFT's special characters (and the backslash itself)."""
    return _replace_all(text, _SPECIAL)


def html_text(text: str) -> str:
    """Content text as escaped HTML for a ``[html]`` GIFT field: exact on screen, one line in the file."""
    return _replace_all(text.strip(), _HTML)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def title(item: Item) -> str:
    """The question's name in Moodle's question bank: ``Q4 "How much did…"``, as the class report names it.

    Its number in the dealt round makes it unique in the file (an id is for authors, not a teacher's
    question bank). Plain text, since Moodle strips tags from names; long prompts are shortened so the
    bank's list stays readable (Moodle's own limit is 255 characters).
    """
    return question_name(question_label(item.number), item.question.prompt, TITLE_WIDTH)


def _question_text(item: Item) -> str:
    text = html_text(item.question.prompt)
    if item.statement:
        text += "<br><br>" + html_text(item.statement)
    if item.shape is AnswerShape.ORDER:
        text += "<br><br>" + html_text("Match each item to its place in the order, first to last.")
    elif item.shape is AnswerShape.PICK_SENTENCE:
        text += "<br><br>" + html_text(
            "Quote the sentence of the article, or give its number (such as ¶3.2)."
        )
    return text


def _general_feedback(item: Item) -> str:
    parts = [html_text(item.question.explanation), html_text("From the article:")]
    if item.shape is AnswerShape.PICK_SENTENCE:
        parts.insert(0, html_text(f"The sentence: {item.right_text()}"))
    parts.extend(html_text(quote_text(q)) for q in item.quotes)
    if item.question.context:
        parts.append(html_text(f"{CONTEXT_LABEL} {item.question.context}"))
    return "<br>".join(parts)


def _choice(prefix: str, item: Item, i: int) -> str:
    text = html_text(item.choices[i])
    if prefix == "~" and _WEIGHT_LIKE.match(text):
        prefix = "~%0%"  # an option that happens to start like "%50%" must not be read as a weight
    line = f"\t{prefix}{text}"
    feedback = item.feedback[i]
    return line + (f"#{html_text(feedback)}" if feedback else "")


def _answers(item: Item) -> list[str] | None:
    shape = item.shape
    if shape is AnswerShape.PICK_SENTENCE:
        return []  # an essay: no answers, only the general feedback
    if shape is AnswerShape.PICK_ONE:
        return [_choice("=" if i in item.right else "~", item, i) for i in range(len(item.choices))]
    if shape is AnswerShape.PICK_MANY:
        share = 100 / len(item.right)
        return [
            _choice(f"~%{_weight(share if i in item.right else -share)}%", item, i)
            for i in range(len(item.choices))
        ]
    if shape is AnswerShape.TYPE_TEXT:
        if any("->" in answer for answer in item.accepted):
            return None  # Moodle would read the question as matching
        return [f"\t=%100%{escape(answer.replace('*', chr(92) + '*'))}" for answer in item.accepted]
    if shape is AnswerShape.ORDER:
        return [f"\t={html_text(item.choices[i])} -> {ORDINALS[place]}" for place, i in enumerate(item.right)]
    return None


def render(pack: Pack, items: list[Item], *, seed: int) -> Rendered:
    """The GIFT text of ``items``.

    Args:
        pack: the pack they come from (its id names the category).
        items: the dealt questions.
        seed: the seed they were dealt with, recorded in a comment.
    """
    blocks = [
        f"// quotebound export of pack {pack.id}, seed {seed}: {len(items)} question(s).\n"
        f"// Import in Moodle: Question bank > Import > GIFT format.\n"
        f"$CATEGORY: quotebound/{pack.id}"
    ]
    skipped: list[Item] = []
    for item in items:
        head = f"// {item.number}. {item.question.id} ({item.kind})\n::{escape(title(item))}::[html]"
        if item.shape is AnswerShape.PICK_ONE and item.choices == TRUE_FALSE:
            answer = "T" if item.right == [0] else "F"
            blocks.append(f"{head}{_question_text(item)}{{{answer}####{_general_feedback(item)}}}")
            continue
        answers = _answers(item)
        if answers is None:
            skipped.append(item)
            continue
        body = "\n".join([*answers, f"\t####{_general_feedback(item)}"])
        blocks.append(f"{head}{_question_text(item)}{{\n{body}\n}}")
    notes = skipped_note("gift", skipped, "with an accepted answer containing '->', which GIFT cannot hold")
    return Rendered("\n\n".join(blocks) + "\n", notes)
