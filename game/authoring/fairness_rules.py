"""The word lists and text tests behind the fairness checks (:mod:`game.authoring.fairness`).

One place for every list and threshold a check uses, so that an author who wonders why an option
counts as hedged, dated, numeric or a person can read the reason here, and a new hedge is added once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from game.engine.content.quotes import normalize
from game.engine.content.sentences import split_sentences
from game.engine.quiz.scoring import fold_accents

LONGEST_MARGIN = 1.5
"""The right option gives itself away when it is longer than this many times the longest wrong one."""
COPIED_RUN = 8
"""A true statement that repeats this many words in a row of one article sentence is recognised, not read."""
NUMBER_OPTION_WORDS = 5
"""An option of at most this many words that holds a number is a number (``£1.4 million``, ``more than
1,000``); a longer one is a statement that mentions a number, and is not judged by its kind."""

HEDGES = (
    "according to", "more than", "less than", "fewer than", "at least", "at most", "up to",
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "only",
    "reportedly", "allegedly", "apparently", "claimed", "claims", "claim", "said", "says",
    "told", "may", "might", "could", "possibly", "probably", "likely", "unnamed", "unconfirmed",
)  # fmt: skip
"""Hedges and qualifiers: words that make a statement safer or more precise. A right option that is the
only one carrying any of them is the one a test-wise player picks."""

# "one" is left out: far more often a pronoun ("one told Al Jazeera") than a figure.
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion dozen dozens hundreds thousands millions".split()
)
_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# Months and weekdays only with their capital: "may" is a hedge, "march" a verb.
_DATE = re.compile(
    r"\b(?:" + "|".join(MONTHS + WEEKDAYS) + r")\b"
    r"|\b(?:1[0-9]|20)[0-9]{2}s?\b"  # a year, or a decade such as the 1890s
    r"|(?:\bthe |')[0-9]0s\b"  # the 90s, '90s
)
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b")
_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*")
_POSSESSIVE = re.compile(r"'s\b", re.IGNORECASE)
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def words(text: str, *, fold: bool = True) -> list[str]:
    """``text`` as lower-case words (as written with ``fold=False``): quotes, dashes, accents and
    possessive ``'s`` folded away.

    ``Massoud's`` is ``massoud``, ``£1.4 million`` is ``1.4 million``, ``1,000`` stays one word.
    """
    return list(_words(text, fold))


@functools.lru_cache(maxsize=4096)  # each option is read by several checks
def _words(text: str, fold: bool) -> tuple[str, ...]:
    text = normalize(text)
    text = fold_accents(text.casefold() if fold else text)
    return tuple(_WORD.findall(_POSSESSIVE.sub("", text)))


def has_number(text: str) -> bool:
    """Whether ``text`` holds a figure: digits or a number word."""
    return any(w[0].isdigit() or w in NUMBER_WORDS for w in words(text))


def has_date(text: str) -> bool:
    """Whether ``text`` holds a date: a month, a weekday, a year or a decade."""
    return _DATE.search(normalize(text)) is not None


def hedges(text: str) -> list[str]:
    """The hedges and qualifiers of :data:`HEDGES` that ``text`` uses."""
    return _HEDGE.findall(" ".join(words(text)))


def numbers(text: str) -> list[float]:
    """The figures in ``text``, in order: digits, and the number words up to twenty."""
    found: list[float] = []
    for word in words(text):
        if word[0].isdigit():
            match = _NUMBER.match(word)
            if match:
                found.append(float(match.group(0).replace(",", "")))
        elif word in _SMALL_NUMBERS and word != "one":
            found.append(float(_SMALL_NUMBERS[word]))
    return found


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as consecutive words."""
    if not needle or len(needle) > len(haystack):
        return False
    first, size = needle[0], len(needle)
    stop = len(haystack) - size + 1  # the last place a run can start, plus one
    # Each place the first word stands, found by list.index (in C) rather than a Python step per word:
    # every declared name is looked for in the article's words.
    at = -1
    while True:
        try:
            at = haystack.index(first, at + 1, stop)
        except ValueError:
            return False
        if haystack[at : at + size] == needle:
            return True


def runs(word_list: list[str], size: int) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words."""
    return {tuple(word_list[i : i + size]) for i in range(len(word_list) - size + 1)}


# --- the kinds of options ---------------------------------------------------------------------


class Name(NamedTuple):
    """A declared name as words; an acronym (``US``, ``BBC``) matches only in capitals, so that the
    pronoun "us" is not a country."""

    words: list[str]
    exact: bool

    @classmethod
    def of(cls, name: str) -> Name:
        exact = name.isupper()
        return cls(words(name, fold=not exact), exact)

    def pattern(self, name: str) -> str:
        """A regular expression for this name, case-blind unless it is an acronym."""
        escaped = re.escape(normalize(name))
        return escaped if self.exact else f"(?i:{escaped})"


class Names(NamedTuple):
    """The people, outlets and places a pack declares."""

    head: re.Pattern[str] | None
    """Matches an option that is a declared name, or starts with one as a phrase of its own ("Ali
    Nazary, on the BBC" is a person, "Once all US troops have left" is not a place); the group that
    matched names the kind."""
    sources: list[Name]
    """People and outlets, for the attribution check."""
    every: list[Name]
    """Every declared name: an option that mentions one is not a bare number ("told BBC Radio 4")."""

    @classmethod
    def of(cls, people: Iterable[str], outlets: Iterable[str], places: Iterable[str]) -> Names:
        lists = {"person": list(people), "outlet": list(outlets), "place": list(places)}
        groups = [
            f"(?P<{kind}>{'|'.join(Name.of(n).pattern(n) for n in sorted(names, key=len, reverse=True))})"
            for kind, names in lists.items()
            if names
        ]
        # An article may come first; the name must end the option or be followed by punctuation.
        head = re.compile(rf"(?:(?i:the|a|an) )?(?:{'|'.join(groups)})(?=$|[,;:(]| -)") if groups else None
        every = {kind: [Name.of(n) for n in names] for kind, names in lists.items()}
        return cls(head, every["person"] + every["outlet"], [n for names in every.values() for n in names])

    def kind(self, text: str) -> str:
        """``person``, ``outlet``, ``place``, ``number`` or ``other``.

        An option that is a declared name, or starts with one as a phrase of its own, is of that
        name's kind. Otherwise a short option with a figure is a number. A statement that only
        mentions a name ("The Taliban maintain they have surrounded the valley") is other: it is not
        judged by its kind.
        """
        match = self.head.match(normalize(text)) if self.head is not None else None
        if match is not None and match.lastgroup is not None:
            return match.lastgroup
        short = len(words(text)) <= NUMBER_OPTION_WORDS
        if short and has_number(text) and not self.mentions(text, self.every):
            return "number"
        return "other"

    def is_source(self, text: str) -> bool:
        """Whether ``text`` mentions a declared person or outlet anywhere."""
        return self.mentions(text, self.sources)

    @staticmethod
    def mentions(text: str, names: list[Name]) -> bool:
        folded, exact = words(text), words(text, fold=False)
        return any(contains_run(exact if n.exact else folded, n.words) for n in names)


class ArticleWords(NamedTuple):
    """The article's sentences as words, for the copied-statement check."""

    sentences: set[tuple[str, ...]]
    runs: set[tuple[str, ...]]

    @classmethod
    def of(cls, paragraphs: Iterable[str]) -> ArticleWords:
        sentences: set[tuple[str, ...]] = set()
        copied: set[tuple[str, ...]] = set()
        for text in paragraphs:
            for start, end in split_sentences(text):
                sentence = words(text[start:end])
                sentences.add(tuple(sentence))
                copied |= runs(sentence, COPIED_RUN)
        return cls(sentences, copied)
