"""The line under a question that says which keys answer it, one wording per answer shape.

Each key has one meaning and the hint says exactly what each does (issue 12, item 11): the quiz
screen shows this line, and the help screen's wording agrees with it.
"""

from __future__ import annotations

from game.engine.quiz.types import AnswerShape


def answer_hint(shape: AnswerShape | None, count: int) -> str:
    """How to answer a question of ``shape`` with ``count`` options; "" when no question is shown."""
    keys = f"1-{count}"
    hints = {
        AnswerShape.PICK_ONE: f"Press {keys}, or ↑↓ and Enter, or click an answer.",
        AnswerShape.PICK_MANY: f"Tick every right answer ({keys}, or ↑↓ and Space, or click); Enter submits.",
        AnswerShape.ORDER: f"Place the items first to last ({keys}, or ↑↓ and Space, or click); "
        "Backspace takes the last back; Enter submits.",
        AnswerShape.TYPE_TEXT: "Type your answer and press Enter.",
        AnswerShape.PICK_SENTENCE: "Press Enter to open the article and pick the sentence.",
    }
    return hints.get(shape, "") if shape is not None else ""
