"""A printable quiz sheet in Markdown, and (``--answers``) its answer key with explanations and quotes.

Both come from the same seeded deal, so the key's letters match the sheet printed with the same ``--seed``
and ``--questions``. Content text is escaped for CommonMark/GitHub Markdown: a backslash before each character
that could start emphasis, code, a link, raw HTML, an entity, a heading's closing ``#``, a table cell or a
strikethrough, so a question reads exactly as written in any renderer. Every line starts with the sheet's own
syntax (``##``, ``-``, ``>``), never with content, so content cannot open a list or a heading.
"""

from __future__ import annotations

import re

from game.engine.content.pack import Pack
from game.engine.content.text import CONTEXT_LABEL
from game.engine.quiz.types import AnswerShape
from game.export.common import LETTERS, Item, Rendered, one_line, quote_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def escape(text: str) -> str:
    """``text`` on one line, with Markdown's active characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


def _heading(item: Item) -> list[str]:
    label = item.label
    lines = [f"## {item.number}. {escape(item.question.prompt)}", "", f"*{escape(label)}*", ""]
    if item.statement:
        lines += [f"> {escape(item.statement)}", ""]
    return lines


def _sheet_item(item: Item) -> list[str]:
    lines = _heading(item)
    if item.shape is AnswerShape.TYPE_TEXT:
        lines.append("Answer: ________________________________________")
    elif item.shape is AnswerShape.PICK_SENTENCE:
        lines.append("The sentence (its number, such as ¶3.2, or its words): ____________________")
    elif item.shape is AnswerShape.ORDER:
        lines.append(f"Number the items from 1 (first) to {len(item.choices)} (last):")
        lines.append("")
        lines += [f"- ( ) {LETTERS[i]}. {escape(c)}" for i, c in enumerate(item.choices)]
    else:
        lines += [f"- [ ] {LETTERS[i]}. {escape(c)}" for i, c in enumerate(item.choices)]
    return [*lines, ""]


def _key_answer(item: Item) -> str:
    if item.shape is AnswerShape.PICK_SENTENCE:
        return escape(item.right_text())
    if item.shape is AnswerShape.TYPE_TEXT:
        first, *others = item.accepted
        also = f" (also accepted: {'; '.join(escape(a) for a in others)})" if others else ""
        return f"{escape(first)}{also}"
    letters = ", ".join(LETTERS[i] for i in item.right)
    joiner = " → " if item.shape is AnswerShape.ORDER else "; "
    return f"{letters}: " + joiner.join(escape(item.choices[i]) for i in item.right)


def _key_item(item: Item) -> list[str]:
    lines = [
        f"## {item.number}. {escape(item.question.prompt)}",
        "",
        f"**Answer: {_key_answer(item)}**",
        "",
        f"Why: {escape(item.question.explanation)}",
        "",
    ]
    for quote in item.quotes:
        lines += [f"> {escape(quote_text(quote))}", ""]
    if item.question.context:
        lines += [f"{CONTEXT_LABEL} {escape(item.question.context)}", ""]
    return lines


def render(pack: Pack, items: list[Item], *, seed: int, answers: bool = False) -> Rendered:
    """The quiz sheet, or with ``answers`` its key.

    Args:
        pack: the pack (its title heads the page).
        items: the dealt questions.
        seed: printed on both, so a sheet can be matched with its key.
        answers: write the answer key instead of the sheet.
    """
    what = "answer key" if answers else "quiz sheet"
    lines = [f"# {escape(pack.title)} — {what}", ""]
    lines += [f"Seed {seed}, {len(items)} questions. Every answer is in the article.", ""]
    if not answers:
        lines += ["Name: ______________________________    Date: ______________", ""]
    for item in items:
        lines += _key_item(item) if answers else _sheet_item(item)
    return Rendered("\n".join(lines).rstrip("\n") + "\n")
