"""Aiken, the simplest multiple-choice import format (Moodle, and many LMSs that copy it).

Rules, from Moodle's ``qformat_aiken`` reader: the question is one line; then one option per line, each a
capital letter, ``.`` or ``)``, a space and the text; then ``ANSWER: X``; a blank line between questions.
There is no escaping, no feedback and no comment syntax, so:

* texts are folded onto one line;
* only pick-one questions with exactly one right option are exported (single choice, attribution,
  true/false, fact-or-claim). Questions of every other answer shape (select all, typed, ordering, find the
  line) are skipped with a note on stderr;
* a question whose text would itself read as an option line (``A. …``) or as ``ANSWER:`` is skipped too,
  since Aiken has no way to escape it.
"""

from __future__ import annotations

import re

from game.engine.content.pack import Pack
from game.engine.quiz.types import AnswerShape
from game.export.common import LETTERS, Item, Rendered, one_line, skipped_note

_AMBIGUOUS = re.compile(r"^(?:[A-Z][).][ \t]|ANSWER:)")


def question_line(item: Item) -> str:
    """The one-line question text: prompt, then the statement it is about."""
    text = one_line(item.question.prompt)
    if item.statement:
        text += " " + one_line(item.statement)
    return text


def render(pack: Pack, items: list[Item], *, seed: int) -> Rendered:
    """The Aiken text of the single-choice ``items``; the others are named in the notes."""
    del pack, seed  # Aiken has no comments to record them in
    blocks: list[str] = []
    unsupported: list[Item] = []
    ambiguous: list[Item] = []
    for item in items:
        if item.shape is not AnswerShape.PICK_ONE or len(item.right) != 1:
            unsupported.append(item)
            continue
        text = question_line(item)
        if _AMBIGUOUS.match(text):
            ambiguous.append(item)
            continue
        lines = [text]
        lines.extend(f"{LETTERS[i]}. {one_line(choice)}" for i, choice in enumerate(item.choices))
        lines.append(f"ANSWER: {LETTERS[item.right[0]]}")
        blocks.append("\n".join(lines))
    notes = skipped_note("aiken", unsupported, "that are not single-choice (Aiken holds only those)")
    notes += skipped_note("aiken", ambiguous, "whose text would read as an option or answer line")
    return Rendered("\n\n".join(blocks) + "\n" if blocks else "", notes)
