"""The article a pack teaches, its paragraphs, and verification of quotes against it.

A quote is accepted when it occurs in the article after normalising typographic quotes and primes,
dashes and runs of white space, so an author may type ``'`` for ``’`` or ``-`` for ``–``. The match
is mapped back to a character span of the original text, which the reader highlights.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2035": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each normalised character, its index in ``text``."""
    folded = text.translate(_FOLD)
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def normalize(text: str) -> str:
    """Normalise quotes, dashes and white space; strip the ends."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


@dataclass(frozen=True)
class Paragraph:
    """A block of the article separated from the next by a blank line."""

    number: int
    """1-based; the headline is paragraph 1."""
    start: int
    end: int
    text: str
    boilerplate: bool = False
    """True for the scraped page footer, which is shown but never taught."""


@dataclass(frozen=True)
class Span:
    """Where a quote sits in the article."""

    start: int
    end: int
    paragraph: int


@dataclass
class Article:
    """The source article, byte for byte as in ``seeds/``, with its paragraphs."""

    path: Path
    text: str
    paragraphs: list[Paragraph]
    sha256: str
    _normal: str = field(repr=False, default="")
    _index: list[int] = field(repr=False, default_factory=list)

    @classmethod
    def from_file(cls, path: Path, boilerplate_starts: str | None = None) -> Article:
        """Read an article; blocks from the one beginning with ``boilerplate_starts`` on are boilerplate."""
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        paragraphs: list[Paragraph] = []
        in_footer = False
        for match in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text):
            block = match.group(0).rstrip()
            if not block.strip():
                continue
            if boilerplate_starts and block.strip().startswith(boilerplate_starts.strip()):
                in_footer = True
            paragraphs.append(
                Paragraph(len(paragraphs) + 1, match.start(), match.start() + len(block), block, in_footer)
            )
        article = cls(path, text, paragraphs, hashlib.sha256(raw).hexdigest())
        article._normal, article._index = normalize_with_map(text)
        return article

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph holding character ``offset``."""
        for paragraph in self.paragraphs:
            if offset < paragraph.end:
                return paragraph
        return self.paragraphs[-1]

    def find(self, quote: str) -> Span | None:
        """Locate ``quote`` in the article, or None when it is not there verbatim."""
        needle = normalize(quote)
        if not needle:
            return None
        at = self._normal.find(needle)
        if at < 0:
            return None
        start = self._index[at]
        end = self._index[at + len(needle) - 1] + 1
        return Span(start, end, self.paragraph_at(start).number)

    def in_boilerplate(self, span: Span) -> bool:
        """Whether a span falls in the page footer rather than the article, even in part."""
        return self.paragraph_at(span.start).boilerplate or self.paragraph_at(span.end - 1).boilerplate

    @property
    def body(self) -> list[Paragraph]:
        """The paragraphs that are article text, not footer."""
        return [p for p in self.paragraphs if not p.boilerplate]
