"""Scoring rules for every question type, and the lenient matching of typed answers.

The rules (also in the README):

* single choice, attribution, true/false, fact-or-claim: full credit for the right option, else none.
* multi-select: ``(right picks - wrong picks) / number of right options``, never below 0; it counts
  as right only when exactly the right options are picked.
* short answer: right when the typed text matches an accepted answer after ignoring case, accents,
  punctuation and surrounding spaces, with numbers in digits or words ("1,000" = "1000" = "one thousand").
  A near miss also counts (and the feedback shows the spelling): one edit (a letter added, dropped or
  changed) for an answer of 4-8 letters, two for a longer one, counting the letters of the folded answer
  without spaces; none for an answer holding a number or shorter than 4 letters, and none for a question
  marked ``exact: true``.
* ordering: the share of pairs of items that are in the right relative order; right only when the
  whole order is right.
* find the line (evidence): full credit for a sentence that holds one of the question's quotes, else none.
* points: a question's ``points`` (10 by default) times its credit, rounded (halves up). With the
  streak bonus on, every fully right answer from the third in a row on earns :data:`STREAK_BONUS` more,
  kept apart from the score: a score never exceeds its maximum (``30 / 30 + 5 streak bonus``).
* a time-out scores nothing and counts as wrong.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

STREAK_BONUS = 5
"""Extra points for each right answer from the third in a row on."""
STREAK_FROM = 3

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}


def _words_to_number(words: list[str]) -> int | None:
    """``["one", "thousand"]`` → 1000; None when the words are not all number words."""
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "and":
            continue
        else:
            return None
    return total + current


def fold_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: ``Café`` → ``Cafe``, ``ﬁ`` → ``fi``."""
    if text.isascii():  # NFKD and combining marks leave ASCII as it is
        return text
    text = unicodedata.normalize("NFKD", text)
    # Each distinct mark removed by one str.replace, not a Python step per character: the fairness
    # checks fold a whole article (a test compares this with the character filter).
    for mark in {ch for ch in set(text) if not ch.isascii() and unicodedata.combining(ch)}:
        text = text.replace(mark, "")
    return text


# Pattern strings, compiled (and kept by re's own cache) on first use: the game imports this module at
# start, where compiling the four cost ~2.4M instructions before anything is typed.
_THOUSANDS = r"(?<=\d)[,.](?=\d{3}\b)"
_PUNCTUATION = r"[^\w\s]|_"
_ACRONYM = r"\b(?:[^\W\d_]\.)+[^\W\d_]\b\.?"
_APOSTROPHE = r"(?<=\w)['\u2019\u02bc](?=\w)"


@lru_cache(maxsize=4096)  # a pack repeats its options; validating it folds each of them several times
def normalize_answer(text: str) -> str:
    """Fold a typed answer for comparison: case, accents, punctuation, spacing, number words."""
    text = fold_accents(text).casefold()
    # Each substitution only where its pattern can match (the character it needs is there): a regex
    # search tries every position, ~4 passes over every option of a pack in `validate`. Exact: a test
    # compares with the four substitutions on every character class they name.
    has_dot = "." in text
    if has_dot or "," in text:
        text = re.sub(_THOUSANDS, "", text)  # 1,000 -> 1000
    if has_dot:
        text = re.sub(_ACRONYM, lambda m: m.group(0).replace(".", ""), text)  # U.S. -> us
    if "'" in text or "\u2019" in text or "\u02bc" in text:
        text = re.sub(_APOSTROPHE, "", text)  # don't -> dont, Afghanistan’s -> afghanistans
    tokens = text.split()
    # `[^\w\s]|_` matches nothing where the words are all letters and digits (re's \w is str.isalnum
    # plus "_", its \s is str.isspace, which str.split splits at).
    if not "".join(tokens).isalnum():
        tokens = re.sub(_PUNCTUATION, " ", text).split()
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token and (token in _UNITS or token in _TENS or token in _SCALES or (token == "and" and run)):
            run.append(token)
            continue
        if run:
            while run and run[-1] == "and":
                run.pop()
            number = _words_to_number(run)
            out.append(str(number) if number is not None else " ".join(run))
            run = []
        if token:
            out.append(token)
    return " ".join(out)


def typo_allowance(folded: str) -> int:
    """Edits forgiven in a typed answer matched against the folded accepted answer ``folded``."""
    letters = folded.replace(" ", "")
    if any(ch.isdigit() for ch in letters) or len(letters) < 4:
        return 0  # "1914" for "1941" is a wrong answer, not a typo; so is "cat" for "car"
    return 1 if len(letters) <= 8 else 2


class ShortMatch(NamedTuple):
    """How a typed answer matched."""

    credit: float
    spelled: str | None = None
    """The accepted answer as written, when the typed one was only a near miss of it."""


def match_short(response: str, accepted: list[str], *, exact: bool = False) -> ShortMatch:
    """Match ``response`` against ``accepted``: leniently, then (unless ``exact``) within typo tolerance."""
    typed = normalize_answer(response)
    if not typed:
        return ShortMatch(0.0)
    folded = [(answer, normalize_answer(answer)) for answer in accepted]
    if any(typed == fold for _, fold in folded):
        return ShortMatch(1.0)
    if exact:
        return ShortMatch(0.0)
    # Imported here: only a typed answer that missed needs it, and the game starts without it.
    from rapidfuzz.distance import Levenshtein

    squeezed = typed.replace(" ", "")
    best: tuple[int, str] | None = None
    for answer, fold in folded:
        allowed = typo_allowance(fold)
        if not allowed:
            continue
        distance = Levenshtein.distance(squeezed, fold.replace(" ", ""), score_cutoff=allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, answer)
    return ShortMatch(1.0, best[1]) if best is not None else ShortMatch(0.0)


def short_answer_credit(response: str, accepted: list[str], *, exact: bool = False) -> float:
    """1.0 when ``response`` matches one of ``accepted`` (see :func:`match_short`), else 0.0."""
    return match_short(response, accepted, exact=exact).credit


def multi_credit(picked: set[int], right: set[int]) -> float:
    """Partial credit for a multi-select answer, by option index."""
    if not right:
        return 0.0
    score = (len(picked & right) - len(picked - right)) / len(right)
    return max(0.0, score)


def order_credit(arranged: list[int]) -> float:
    """Share of item pairs in the right relative order; items are numbered by their right position."""
    if len(arranged) < 2:
        return 1.0
    pairs = list(combinations(arranged, 2))
    return sum(1 for a, b in pairs if a < b) / len(pairs)


def points_for(base: int, credit: float) -> int:
    """Points a question is worth at a given credit, halves rounded up (``round`` would make 2.5 → 2)."""
    return math.floor(base * credit + 0.5)


def streak_bonus(streak: int, enabled: bool) -> int:
    """The bonus for a fully right answer that makes a run of ``streak`` right answers."""
    return STREAK_BONUS if enabled and streak >= STREAK_FROM else 0


def score_text(score: int, max_score: int, bonus: int = 0, *, sep: str = " / ") -> str:
    """``30 / 30 + 5 streak bonus``: the score against its maximum, and the bonus as its own figure."""
    text = f"{score}{sep}{max_score}"
    return text + (f" + {bonus} streak bonus" if bonus else "")
