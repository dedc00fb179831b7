"""``normalize_answer`` skips a substitution whose pattern cannot match (the character it needs is not
there): the folded answers are those of the four substitutions run every time. ``fold_accents`` removes
each distinct mark at once: the text is that of the character-by-character filter."""

from __future__ import annotations

import random
import re
import unicodedata

from game.engine.quiz import scoring
from game.engine.quiz.scoring import fold_accents, normalize_answer


def always(text: str) -> str:
    """The former folding, word for word: every substitution on every text."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = re.sub(scoring._THOUSANDS, "", text)
    text = re.sub(scoring._ACRONYM, lambda m: m.group(0).replace(".", ""), text)
    text = re.sub(scoring._APOSTROPHE, "", text)
    text = re.sub(scoring._PUNCTUATION, " ", text)
    tokens = text.split()
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        numeric = token in scoring._UNITS or token in scoring._TENS or token in scoring._SCALES
        if token and (numeric or (token == "and" and run)):
            run.append(token)
            continue
        if run:
            while run and run[-1] == "and":
                run.pop()
            number = scoring._words_to_number(run)
            out.append(str(number) if number is not None else " ".join(run))
            run = []
        if token:
            out.append(token)
    return " ".join(out)


ALPHABET = [
    *"abcXYZ019",
    "é",
    "Ø",
    "ß",
    "İ",
    "_",
    ",",
    ".",
    "'",
    "\u2019",
    "\u02bc",
    "-",
    "!",
    "?",
    "%",
    "$",
    " ",
    "\t",
    "\u00a0",
    "\u2003",
    "\n",
    "¹",
    "½",
    "٣",
    " one ",
    " thousand ",
    " and ",
    " twenty ",
    " U.S. ",
    " 1,000 ",
    " 3.5 ",
    " don't ",
]


def test_random_text_folds_as_before() -> None:
    for seed in range(300):  # one test over many seeded texts: the seed is in the message
        rng = random.Random(seed)
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 25)))
        assert normalize_answer.__wrapped__(text) == always(text), f"seed {seed}: {text!r}"


MARKED = [
    *"aeoAZ19 .'",
    "é",
    "e\u0301",
    "\u0308",
    "\u0301\u0327",
    "ﬁ",
    "Å",
    "ø",
    "İ",
    "\u05b0",
    "한",
    "ǅ",
    "①",
]


def test_fold_accents_removes_the_marks_as_the_character_filter_did() -> None:
    for seed in range(200):
        rng = random.Random(seed)
        text = "".join(rng.choice(MARKED) for _ in range(rng.randrange(0, 30)))
        decomposed = unicodedata.normalize("NFKD", text)
        expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        assert fold_accents(text) == expected, f"seed {seed}: {text!r}"
