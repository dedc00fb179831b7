"""The article a pack teaches, its paragraphs, and verification of quotes against it.

A quote is accepted when it occurs in the article after normalising typographic quotes and primes,
dashes and runs of white space, so an author may type ``'`` for ``’`` or ``-`` for ``–``. The match
is mapped back to a character span of the original text, which the reader highlights.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from pathlib import Path

from msgspec import Struct, field

MAX_ARTICLE_BYTES = 2_000_000
"""An article larger than this is refused before it is read (a long feature is about 100 kB)."""


class ArticleFileError(OSError):
    """The article path names something other than a regular file of a sane size (``/dev/zero``, a
    FIFO, a folder, a huge file). An OSError with ``strerror`` set, so callers that report I/O
    errors report it too."""


def read_article_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_ARTICLE_BYTES`.

    Raises:
        ArticleFileError: for anything else; OSError when the file cannot be opened.
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. Checking the
    # open descriptor, not the path, leaves no window for the file to be swapped in between.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleFileError(errno.EINVAL, "not a regular file", str(path))
        raw = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        size = max(info.st_size, len(raw))
        raise ArticleFileError(errno.EFBIG, f"{size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,}", str(path))
    return raw


_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2035": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)
_FOLDS_ASCII = frozenset(chr(code) for code in _FOLD if code < 128)
"""The ASCII characters _FOLD changes (just the backtick): other ASCII text needs no translate."""


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each normalised character, its index in ``text``.

    Every run of white space becomes one space (mapped to the run's first character); every other
    character stays, after folding (``_FOLD`` maps one character to one, so indices do not move).
    """
    # A step per word, not per character: the article's every character went through a Python loop
    # (and a dict look-up in str.translate), ~1,400 instructions each in a fresh process, where
    # `validate` searches it. tests/engine/test_normalize_map.py compares this with that loop.
    folded = _fold(text)
    out: list[str] = []
    index: list[int] = []
    at = 0
    for word in folded.split():  # str.split(): the runs of str.isspace characters
        # The word's own start: only white space lies between `at` and it, and a word has none.
        start = folded.find(word, at)
        if start > at:
            out.append(" ")
            index.append(at)
        out.append(word)
        at = start + len(word)
        index.extend(range(start, at))
    if at < len(folded):  # white space at the end
        out.append(" ")
        index.append(at)
    return "".join(out), index


_FOLD_PAIRS = [(chr(code), str(folded)) for code, folded in _FOLD.items()]
"""_FOLD as (character, replacement) pairs. Each replacement is ASCII and none is itself folded, so
replacing them one after another gives what translating with _FOLD gives."""


def _fold(text: str) -> str:
    """``text`` with its quotes and dashes folded as ``_FOLD`` says (same length, same places)."""
    if not text.isascii():
        # One C search per folded character, and a replace for the few present: str.translate with a
        # table that maps to other characters looks every character up in a dict (~5x the cost on a
        # quote with curly marks; every export, report and validate folds each quote it reads).
        for char, folded in _FOLD_PAIRS:
            if char in text:
                text = text.replace(char, folded)
        return text
    if not _FOLDS_ASCII.isdisjoint(text):
        return text.translate(_FOLD)
    return text


def normalize(text: str) -> str:
    """Normalise quotes, dashes and white space; strip the ends."""
    # Called for every quote and option of a pack, so the cheap exact shortcuts: fold only text it can
    # change, and split/join, which splits at the same white space as a regex \s+ and strip().
    return " ".join(_fold(text).split())


# Structs, not dataclasses: the same fields, equality and hashing, and this module is on the import
# path of every command, where creating dataclasses (and importing their module) cost milliseconds.
class Paragraph(Struct, frozen=True):
    """A block of the article separated from the next by a blank line."""

    number: int
    """1-based; the headline is paragraph 1."""
    start: int
    end: int
    text: str
    boilerplate: bool = False
    """True for the scraped page footer, which is shown but never taught."""


class Span(Struct, frozen=True):
    """Where a quote sits in the article."""

    start: int
    end: int
    paragraph: int


class Article(Struct):
    """The source article, byte for byte as in ``seeds/``, with its paragraphs."""

    path: Path
    text: str
    paragraphs: list[Paragraph]
    sha256: str
    _normal: str = ""
    _index: list[int] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)
    _found: dict[str, Span | None] = field(default_factory=dict)
    """Spans already looked up, by normalised quote: questions of a pack often share a quote."""

    def __post_init__(self) -> None:
        # The normalised text and its map are made by the first find(), not here: a pack from the cache
        # of validated packs has its spans already, and `export` or `stats` never search the article
        # (a Python loop over every character, ~2 ms for a long feature).
        self._ends = [paragraph.end for paragraph in self.paragraphs]

    def __repr__(self) -> str:  # the derived tables are long and say nothing
        return f"Article(path={self.path!r}, paragraphs={len(self.paragraphs)}, sha256={self.sha256!r})"

    def __eq__(self, other: object) -> bool:  # the derived tables and the lookup cache do not count
        if not isinstance(other, Article):
            return NotImplemented
        return (self.path, self.text, self.paragraphs, self.sha256) == (
            other.path,
            other.text,
            other.paragraphs,
            other.sha256,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    @classmethod
    def from_file(cls, path: Path, boilerplate_starts: str | None = None) -> Article:
        """Read an article; blocks from the one beginning with ``boilerplate_starts`` on are boilerplate."""
        raw = read_article_bytes(path)
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
        import hashlib  # here: hashlib's import costs more than the rest of this module

        return cls(path, text, paragraphs, hashlib.sha256(raw).hexdigest())

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph holding character ``offset``: the first that ends after it (else the last)."""
        i = bisect.bisect_right(self._ends, offset)
        return self.paragraphs[i] if i < len(self.paragraphs) else self.paragraphs[-1]

    def find(self, quote: str) -> Span | None:
        """Locate ``quote`` in the article, or None when it is not there verbatim."""
        return self.find_normalized(normalize(quote))

    def find_normalized(self, needle: str) -> Span | None:
        """:meth:`find` for a quote already passed through :func:`normalize`."""
        if needle in self._found:
            return self._found[needle]
        if not self._index and self.text:
            self._normal, self._index = normalize_with_map(self.text)
        span = None
        at = self._normal.find(needle) if needle else -1
        if at >= 0:
            start = self._index[at]
            end = self._index[at + len(needle) - 1] + 1
            span = Span(start, end, self.paragraph_at(start).number)
        self._found[needle] = span
        return span

    def in_boilerplate(self, span: Span) -> bool:
        """Whether a span falls in the page footer rather than the article, even in part."""
        return self.paragraph_at(span.start).boilerplate or self.paragraph_at(span.end - 1).boilerplate

    @property
    def body(self) -> list[Paragraph]:
        """The paragraphs that are article text, not footer."""
        return [p for p in self.paragraphs if not p.boilerplate]
