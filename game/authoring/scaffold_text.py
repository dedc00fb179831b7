"""Text for a new pack's drafts: its name, sentences and phrases picked from the article, YAML quoting.

Used by :mod:`game.authoring.scaffold_drafts`, which writes the sample files of ``quotebound new``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from game.engine.content.quotes import Article, normalize
from game.engine.content.sentences import split_sentences
from game.engine.content.text import clean_text, has_unsafe
from game.engine.quiz.scoring import normalize_answer

NAME_MAX = 40
"""A pack name is a pack id; question and scenario ids are built from it, and ids stop at 64 characters."""
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
QUOTE_MAX = 300
"""Sample quotes are cut (at a word) to this length: a prefix of a sentence is still verbatim."""
PHRASE_MAX = 60
"""Length of the short phrases used as options and items."""
TITLE_MAX = 120

_WORD = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:['’-][^\W_]+)*")
_QUOTATION = re.compile(r"“([^”]{8,200})”|\"([^\"]{8,200})\"")
ATTRIBUTED = re.compile(
    r"[“”\"]|\b(said|says|say|claimed|claims|told|according to|argued|argues|believes|insisted|maintain)\b",
    re.IGNORECASE,
)




class ScaffoldError(Exception):
    """Why a pack could not be created, in words for the author."""



# --- names ------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """``text`` as a pack name: lowercase ASCII letters, digits and ``-``; ``""`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:NAME_MAX].rstrip("-")


def pack_name(article: Path, name: str | None) -> str:
    """The pack name to use: ``name`` if given (and valid), else the slug of the article's file stem.

    Raises:
        ScaffoldError: when the name is not a valid pack id, or none can be made from the file name.
    """
    if name is None:
        slug = slugify(article.stem)
        if not slug:
            raise ScaffoldError(f"cannot make a pack name from {article.name!r}; give one with --name")
        return slug
    if not NAME_PATTERN.match(name) or len(name) > NAME_MAX:
        hint = slugify(name)
        tip = f" (for example {hint!r})" if hint else ""
        raise ScaffoldError(
            f"--name {name!r}: a pack name is lowercase letters, digits, - and _, starting with a letter "
            f"or digit, at most {NAME_MAX} characters{tip}"
        )
    return name


# --- picking text from the article ------------------------------------------------------------


def title_of(article: Article) -> str:
    """The article's first line, cleaned and cut to :data:`TITLE_MAX` characters."""
    first = clean_text(article.paragraphs[0].text.strip().splitlines()[0]) if article.paragraphs else ""
    title = " ".join(first.split()) or "Untitled article"
    return _cut(title, TITLE_MAX, ellipsis=True)


def _cut(text: str, limit: int, *, ellipsis: bool = False) -> str:
    """``text`` cut at the last space before ``limit`` characters (never mid-word unless it must be)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    cut = cut.rstrip(" ,;:")
    return cut + "…" if ellipsis else cut


def quotable_sentences(article: Article) -> list[str]:
    """Sentences of the article body fit to quote, in article order, each at most :data:`QUOTE_MAX` long.

    The headline is skipped when there is anything after it. Each sentence keeps the article's own
    characters (typographic quotes and all) with its white space made single spaces, and is checked
    to be found verbatim by the same search the loader uses.
    """
    body = article.body
    if len(body) > 1:
        body = body[1:]
    sentences: list[str] = []
    seen: set[str] = set()
    for paragraph in body:
        for start, end in split_sentences(paragraph.text, paragraph.start):
            text = _cut(" ".join(article.text[start:end].split()), QUOTE_MAX)
            if len(text) < 3 or has_unsafe(text) or not _WORD.search(text):
                continue
            span = article.find(text)
            if span is None or article.in_boilerplate(span) or normalize(text) in seen:
                continue
            seen.add(normalize(text))
            sentences.append(text)
    return sentences


def _phrases(sentences: list[str], parts: bool) -> Iterator[tuple[str, str]]:
    """Short phrases as ``(verbatim words, as shown)``: each sentence cut to :data:`PHRASE_MAX`, then
    (with ``parts``, for articles with few sentences) halves and thirds of sentences, ``…`` marking
    what is left out."""
    for sentence in sentences:
        short = _cut(sentence, PHRASE_MAX)
        yield short, short if short == sentence else short + "…"
    if not parts:
        return
    for sentence in sentences:
        words = sentence.split(" ")
        for pieces in (2, 3):
            size = -(-len(words) // pieces)
            for at in range(0, len(words), size):
                chunk = " ".join(words[at : at + size])
                short = _cut(chunk, PHRASE_MAX).rstrip(" ,;:-–—")
                cut = short != chunk or at + size < len(words)
                yield short, ("…" if at else "") + short + ("…" if cut else "")


def distinct_phrases(
    article: Article, sentences: list[str], count: int, *, parts: bool = True
) -> list[tuple[str, str]]:
    """Up to ``count`` phrases (see :func:`_phrases`) that differ from each other, in article order."""
    found: dict[str, tuple[int, str, str]] = {}
    for words, shown in _phrases(sentences, parts):
        key = normalize(shown).casefold()
        if len(words) < 3 or key in found or not _WORD.search(words):
            continue
        span = article.find(words)
        if span is None or article.in_boilerplate(span):
            continue
        found[key] = (span.start, words, shown)
        if len(found) == count:
            break
    return [(words, shown) for _start, words, shown in sorted(found.values())]


def gap_word(sentence: str) -> str:
    """The word of ``sentence`` to blank out: its first number, else its longest word."""
    words: list[str] = _WORD.findall(sentence)
    numbers = [w for w in words if w[0].isdigit()]
    if numbers:
        return numbers[0]
    return max(words, key=len)


def with_gap(sentence: str, word: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "___", sentence, count=1)


def wrong_words(sentences: list[str], right: str, count: int) -> list[str]:
    """Other words of the article to offer beside ``right``: numbers for a number, long words otherwise."""
    want_number = right[0].isdigit()
    taken = {normalize_answer(right)}
    candidates: list[tuple[int, int, str]] = []
    order = 0
    for sentence in sentences:
        for word in _WORD.findall(sentence):
            key = normalize_answer(word)
            if not key or key in taken or word[0].isdigit() != want_number:
                continue
            if not want_number and len(word) < 4:
                continue
            taken.add(key)
            candidates.append((-len(word), order, word))
            order += 1
    candidates.sort()
    return [word for _length, _order, word in candidates[:count]]


def quotation(sentences: list[str]) -> tuple[str, str] | None:
    """The first words in quotation marks in the sentences: (the words, the sentence holding them)."""
    for sentence in sentences:
        match = _QUOTATION.search(sentence)
        if match:
            return match.group(1) or match.group(2), sentence
    return None


# --- YAML writing -----------------------------------------------------------------------------


def yq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, safe for any character (``no``, ``1:30``, ``#``...)."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable() or ch in "\x85\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def yaml_items(values: list[str], indent: int) -> str:
    pad = " " * indent
    return "\n".join(f"{pad}- {yq(value)}" for value in values)
