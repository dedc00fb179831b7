"""The distractor check: wrong options that are not really wrong.

A wrong option is suspicious when it equals the right answer once case, punctuation and number
words are folded (two options a player cannot tell apart), or when the question's own quotes state
it word for word (the article supports it as written, so a careful reader could defend it).
Both are warnings: an author may have a reason, but should look.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.engine.content import model
from game.engine.content.quotes import normalize
from game.engine.quiz.scoring import normalize_answer

MIN_WORDS_SUPPORTED = 4
"""Shorter options (a name, a number) naturally occur in the quotes; only statements are checked."""


def suspicious_options(question: model.Question) -> Iterator[tuple[int, str]]:
    """Yield ``(option index, reason)`` for each suspicious wrong option of ``question``."""
    options = getattr(question, "options", None)
    if options is None:
        return
    if isinstance(question, model.MultiQuestion):
        right = set(question.answers)
    elif isinstance(question, model.SingleQuestion | model.AttributionQuestion):
        right = {question.answer}
    else:
        return
    right_folded = {normalize_answer(text) for text in right}
    quoted = " ".join(normalize(q).casefold() for q in question.quotes)
    for i, option in enumerate(options):
        text = model.option_text(option)
        if text in right:
            continue
        if normalize_answer(text) in right_folded:
            yield i, f"wrong option {text!r} reads the same as the right answer"
        elif len(text.split()) >= MIN_WORDS_SUPPORTED and normalize(text).casefold() in quoted:
            yield i, f"wrong option {text!r} is stated word for word by the question's own quote"
