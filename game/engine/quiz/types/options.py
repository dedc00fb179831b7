"""Checks and dealing shared by the types that list options (single, attribution, multi, order).

Also the distractor check: a wrong option is suspicious when it equals the right answer once case,
punctuation and number words are folded (two options a player cannot tell apart), or when the question's own
quotes state it word for word (the article supports it as written, so a careful reader could defend it).
Both are warnings: an author may have a reason, but should look.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

from game.engine.content.quotes import normalize
from game.engine.quiz.scoring import normalize_answer
from game.engine.quiz.types.base import OptionSpec, option_text

if TYPE_CHECKING:
    from game.engine.content.loader import PackBuilder
    from game.engine.content.yamlsafe import Path_, YamlDoc

MIN_WORDS_SUPPORTED = 4
"""Shorter options (a name, a number) naturally occur in the quotes; only statements are checked."""


def duplicates(texts: list[str]) -> list[int]:
    """Indices of texts that repeat an earlier one (case and spacing aside)."""
    seen: set[str] = set()
    repeats = []
    for i, text in enumerate(texts):
        key = normalize(text).casefold()
        if key in seen:
            repeats.append(i)
        seen.add(key)
    return repeats


def shuffled(size: int, rng: random.Random) -> list[int]:
    """A seeded permutation of ``range(size)``."""
    perm = list(range(size))
    rng.shuffle(perm)
    return perm


def suspicious_options(
    options: list[OptionSpec], right: set[str], quotes: list[str]
) -> Iterator[tuple[int, str]]:
    """Yield ``(option index, reason)`` for each suspicious wrong option."""
    right_folded = {normalize_answer(text) for text in right}
    quoted = " ".join(normalize(q).casefold() for q in quotes)
    for i, option in enumerate(options):
        text = option_text(option)
        if text in right:
            continue
        if normalize_answer(text) in right_folded:
            yield i, f"wrong option {text!r} reads the same as the right answer"
        elif len(text.split()) >= MIN_WORDS_SUPPORTED and normalize(text).casefold() in quoted:
            yield i, f"wrong option {text!r} is stated word for word by the question's own quote"


def check_options(
    builder: PackBuilder,
    doc: YamlDoc,
    path: Path_,
    options: list[OptionSpec],
    right: list[str],
    key: str,
    quotes: list[str],
) -> None:
    """No option twice, every right answer among the options, no suspicious distractor.

    Args:
        key: ``answer`` (one right answer) or ``answers`` (a list), for the error's position.
    """
    texts = [option_text(o) for o in options]
    for i in duplicates(texts):
        builder.error(doc, (*path, "options", i), f"option {texts[i]!r} is listed twice")
    for i, answer in enumerate(right):
        if answer not in texts:
            where = (*path, key) if key == "answer" else (*path, key, i)
            builder.error(doc, where, f"answer {answer!r} is not one of the options")
    for i, reason in suspicious_options(options, set(right), quotes):
        builder.warn(doc, (*path, "options", i), reason)
