"""The distractor check, as authoring tools call it: wrong options that are not really wrong.

The check itself lives with the option types (:mod:`game.engine.quiz.types.options`), since loading a pack
runs it; this is the door authoring code and tests use, by question.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.engine.quiz.types import option_text
from game.engine.quiz.types.options import MIN_WORDS_SUPPORTED
from game.engine.quiz.types.options import suspicious_options as _suspicious

__all__ = ["MIN_WORDS_SUPPORTED", "suspicious_options"]


def suspicious_options(question: Any) -> Iterator[tuple[int, str]]:
    """Yield ``(option index, reason)`` for each suspicious wrong option of ``question``."""
    options = getattr(question, "options", None)
    if options is None:
        return
    right = getattr(question, "answers", None) or [getattr(question, "answer", None)]
    right_texts = {text for text in right if isinstance(text, str)}
    if not right_texts or not all(isinstance(option_text(o), str) for o in options):
        return
    yield from _suspicious(options, right_texts, question.quotes)
