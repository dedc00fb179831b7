"""A new pack from an article: the seed, ``pack.yaml``, a sample quiz and a sample scenario.

``quotebound new ARTICLE.txt`` calls :func:`create_pack`. The sample content is built from real
sentences of the article (its first body sentences, reused when the article is short), so every quote
is verbatim and the new pack validates before its author has changed a word; ``# TODO:`` comments mark
what the author must write. The drafts are checked by loading them in a scratch folder before anything
is written where the author will see it. Nothing here imports a UI.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.coverage import split_sentences
from game.authoring.schemas import SCHEMA_FILES, write_schemas
from game.engine.content.diagnostics import ContentError
from game.engine.content.loader import PACK_FILE, load_pack
from game.engine.content.quotes import Article, normalize
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
QUIZ_FILE = "quiz-sample.yaml"
STORY_FILE = "story-sample.yaml"

_WORD = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:['’-][^\W_]+)*")
_QUOTATION = re.compile(r"“([^”]{8,200})”|\"([^\"]{8,200})\"")
_ATTRIBUTED = re.compile(
    r"[“”\"]|\b(said|says|say|claimed|claims|told|according to|argued|argues|believes|insisted|maintain)\b",
    re.IGNORECASE,
)


class ScaffoldError(Exception):
    """Why a pack could not be created, in words for the author."""


def schema_line(kind: str) -> str:
    """The first line of a content file: where editors find its JSON Schema (``../../schemas/``)."""
    return f"# yaml-language-server: $schema=../../schemas/{SCHEMA_FILES[kind][0]}"


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


def _gap_word(sentence: str) -> str:
    """The word of ``sentence`` to blank out: its first number, else its longest word."""
    words = _WORD.findall(sentence)
    numbers = [w for w in words if w[0].isdigit()]
    if numbers:
        return numbers[0]
    return max(words, key=len)


def _with_gap(sentence: str, word: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "___", sentence, count=1)


def _wrong_words(sentences: list[str], right: str, count: int) -> list[str]:
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


def _quotation(sentences: list[str]) -> tuple[str, str] | None:
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


def _items(values: list[str], indent: int) -> str:
    pad = " " * indent
    return "\n".join(f"{pad}- {yq(value)}" for value in values)


# --- the drafts -------------------------------------------------------------------------------


@dataclass
class Draft:
    """The text of every file of a new pack, by path relative to the root folder."""

    name: str
    files: dict[str, str] = field(default_factory=dict)


def draft_pack(article: Article, name: str) -> Draft:
    """The new pack's ``pack.yaml``, sample quiz and sample scenario for ``article``, as text.

    Args:
        article: the article, read from its seed file (``seeds/NAME.txt``).
        name: the pack name (a valid pack id).

    Raises:
        ScaffoldError: when the article has no sentence to quote.
    """
    sentences = quotable_sentences(article)
    if not sentences:
        raise ScaffoldError(
            f"the article {article.path.name!r} has no sentence to quote; is it the article's text?"
        )
    folder = f"scenes/{name}"
    return Draft(
        name,
        {
            f"{folder}/{PACK_FILE}": _pack_yaml(article, name),
            f"{folder}/{QUIZ_FILE}": _quiz_yaml(article, name, sentences),
            f"{folder}/{STORY_FILE}": _story_yaml(name, sentences),
        },
    )


def _pick(sentences: list[str], index: int) -> str:
    """Sentence ``index``, reusing sentences when the article has fewer."""
    return sentences[index % len(sentences)]


def _pack_yaml(article: Article, name: str) -> str:
    return f"""{schema_line("pack")}
# The pack for seeds/{name}.txt, made by `quotebound new`; the format is in docs/authoring.md.
# Check it with: quotebound validate scenes/{name}
id: {name}
title: {yq(title_of(article))}
# TODO: say in a sentence or two what a player learns from this pack (shown in the pack menu).
description: "TODO: what a player learns from this article."
article: ../../seeds/{name}.txt
language: en
# Pages copied from a website often end with a footer ("Share this story", "Source link",
# "Related articles"). If this article has one, remove the # at the start of the next line and put
# the footer's first line in the quotes: that line and everything after it is shown in the reader,
# but never quoted, taught or counted by `quotebound coverage`.
# boilerplate_starts: "Share this story"
# The SHA-256 of the article the quotes were checked against: if the article file changes,
# validate says so here and lists every quote that no longer matches.
article_sha256: {article.sha256}
topics:
  # TODO: one topic per theme of the article (people, numbers, claims...); every question names one.
  - id: main
    title: "The article"
"""


def _quiz_yaml(article: Article, name: str, sentences: list[str]) -> str:
    s0, s1, s2, s3 = (_pick(sentences, i) for i in range(4))
    gap = _gap_word(s0)
    wrong = _wrong_words(sentences, gap, 3)
    wrong += [f"TODO: wrong option {i}" for i in range(len(wrong) + 1, 3)]  # at least two options
    options = _items([gap, *wrong], 6)
    short_gap = _gap_word(s1)

    found = distinct_phrases(article, [s1, s2], 2, parts=False)
    rights = [shown for _words, shown in found] or [s1]
    held = {_sentence_of(words, sentences) for words, _shown in found} or {s1}
    multi_quotes = sorted(held, key=sentences.index)
    multi_wrong = ["TODO: something the article does not say", "TODO: something else it does not say"]

    ordered = distinct_phrases(article, sentences[:5], 3)
    if len(ordered) < 3:
        ordered = distinct_phrases(article, sentences, 3)
    steps = [shown for _words, shown in ordered]
    step_quotes = sorted({_sentence_of(words, sentences) for words, _shown in ordered}, key=sentences.index)
    if len(steps) < 3:
        steps = ["TODO: what comes first", "TODO: what comes next", "TODO: what comes last"]
        step_quotes = [s0]

    said = _quotation(sentences)
    statement, said_in = said if said else (" ".join(s2.split(" ")[:12]), s2)
    verdict = "claim" if _ATTRIBUTED.search(s3) else "fact"

    return f"""{schema_line("quiz")}
# A sample quiz made by `quotebound new`: one question of every type, built from the article's first
# sentences so that every quote is verbatim. Rewrite each question into a real one (or delete it),
# and copy a question to add more: every id must be new. Check with:
#   quotebound validate scenes/{name}
kind: quiz
questions:
  # single: one right option among 2-6. `answer` must be written exactly as one of the options.
  - id: sample-single
    type: single
    topic: main
    # TODO: ask a real question; this one blanks a word out of the article.
    prompt: {yq("Which word fills the gap, as the article puts it? " + _with_gap(s0, gap))}
    options:
{options}
    answer: {yq(gap)}
    # TODO: teach why the answer is right, in your own words; do not just repeat the question.
    explanation: "TODO: explain the answer. The article says it in this sentence."
    # Every question proves its answer with at least one quote: words copied from the article exactly.
    quotes:
      - {yq(s0)}

  # true_false: a statement that is true or false by the article; `answer` is true or false.
  - id: sample-true-false
    type: true_false
    topic: main
    # TODO: write a statement; a false one (with answer: false) teaches more than a copied sentence.
    # giveaway-ok: a sample; once it is in your own words, delete this line
    prompt: {yq("True or false: the article says: " + s1)}
    answer: true
    explanation: "TODO: explain the answer, pointing at the quote."
    quotes:
      - {yq(s1)}

  # multi: pick every right option (3-6 options, at least one wrong); partial credit.
  - id: sample-multi
    type: multi
    topic: main
    prompt: "Which of these does the article say? Pick all that apply."
    options:
{_items([*rights, *multi_wrong], 6)}
      # An option can carry feedback, shown when a player picks it:
      # - text: "a wrong option"
      #   feedback: "Why it is wrong, with the article's words."
    # TODO: replace the TODO options with wrong ones a careless reader might pick.
    answers:
{_items(rights, 6)}
    explanation: "TODO: explain which options the article supports, and why the others are wrong."
    quotes:
{_items(multi_quotes, 6)}

  # short: the player types the answer. Case, accents, punctuation and number words are ignored
  # ("1,000" = "1000" = "one thousand"); list every other wording you accept under `answers`.
  - id: sample-short
    type: short
    topic: main
    # TODO: ask for a name, a number or a word the article gives.
    prompt: {yq("Type the missing word: " + _with_gap(s1, short_gap))}
    answers:
      - {yq(short_gap)}
    explanation: "TODO: explain the answer."
    quotes:
      - {yq(s1)}

  # order: 3-5 items, written here in the RIGHT order; the game shuffles them.
  - id: sample-order
    type: order
    topic: main
    # TODO: put events in time order, or steps of an argument in the article's order.
    prompt: "Put these in the order the article gives them."
    items:
{_items(steps, 6)}
    explanation: "TODO: explain the order."
    quotes:
{_items(step_quotes, 6)}

  # attribution: who said (or reported) these words? `statement` is what was said.
  - id: sample-attribution
    type: attribution
    topic: main
    prompt: "Who said this, according to the article?"
    statement: {yq(statement)}
    # TODO: put the person who said it and two or three other people from the article.
    options:
      - "TODO: the person quoted"
      - "TODO: another person named in the article"
      - "TODO: a third person"
    answer: "TODO: the person quoted"
    explanation: "TODO: explain how the article attributes these words."
    quotes:
      - {yq(said_in)}

  # claim_fact: does the article state this in its own voice (fact), or attribute it to someone (claim)?
  - id: sample-claim-fact
    type: claim_fact
    topic: main
    prompt: "Does the article report this in its own voice (fact), or attribute it to someone (claim)?"
    statement: {yq(s3)}
    # TODO: check the answer: `fact` if the article says it itself, `claim` if it says who says so.
    answer: {verdict}
    explanation: "TODO: explain what in the sentence shows whether it is a fact or a claim."
    quotes:
      - {yq(s3)}
"""


def _sentence_of(phrase: str, sentences: list[str]) -> str:
    """The first sentence holding ``phrase`` (phrases are cut from these sentences)."""
    key = normalize(phrase).casefold()
    for sentence in sentences:
        if key in normalize(sentence).casefold():
            return sentence
    return sentences[0]


def _story_yaml(name: str, sentences: list[str]) -> str:
    s0, s1, s2 = (_pick(sentences, i) for i in range(3))
    return f"""{schema_line("scenario")}
# A sample choose-your-path scenario made by `quotebound new`: 3 scenes, 2 endings, one variable
# and one condition. Rewrite it into a story about the article, or delete the file. Check it with
#   quotebound validate scenes/{name}     (errors and warnings, by line)
#   quotebound playtest {name}/{name}-story   (plays every path)
#   quotebound graph {name}/{name}-story      (draws the scenes as a Mermaid chart)
kind: scenario
id: {name}-story
# TODO: a title, the player's role and the situation at the start.
title: "TODO: the title of your story"
description: "TODO: one line for the scenario menu."
role: "TODO: who the player is, in a sentence. For example: You are a reporter checking the article."
intro: "TODO: the situation at the start, in two or three sentences."
# Variables the choices change and conditions read. Short form: `checked: 0` or `warned: false`.
variables:
  checked:
    type: int
    start: 0
    min: 0
    max: 3
    label: Facts checked
start: lead

scenes:
  - id: lead
    title: The first lead
    # TODO: what the player reads in this scene.
    text: "TODO: set the scene. The article opens with the sentence quoted below."
    quotes:
      - {yq(s0)}
    choices:
      - label: "Check it against the article"
        target: check
        effects:
          add:
            checked: 1
        points: 5
        # Feedback explains the real fact behind a choice, and quotes the article.
        feedback: "TODO: what the player learns by checking."
        quotes:
          - {yq(s0)}
      - label: "Move on without checking"
        target: deadline

  - id: check
    title: Checking
    text: "TODO: what the player finds. The article goes on:"
    quotes:
      - {yq(s1)}
    choices:
      - label: "Go on"
        target: deadline

  - id: deadline
    title: The deadline
    text: "TODO: the moment of decision."
    quotes:
      - {yq(s2)}
    choices:
      # A condition (`if:`) closes a choice until it is true; `closed:` tells the player why.
      # Conditions read variables and visits: checked >= 1, visited("check"), visits("lead") < 2.
      - label: "Publish, citing what you checked"
        if: "checked >= 1"
        closed: "You have not checked anything yet."
        target: careful
        points: 10
        feedback: "TODO: why checking first was right."
        quotes:
          - {yq(s2)}
      - label: "Publish as it stands"
        target: hasty

# Endings: kind is good, mixed or bad; the debrief teaches what the path showed, with quotes.
endings:
  - id: careful
    title: "TODO: the title of the good ending"
    kind: good
    points: 10
    debrief: "TODO: what this ending teaches."
    quotes:
      - {yq(s1)}
  - id: hasty
    title: "TODO: the title of the bad ending"
    kind: bad
    debrief: "TODO: what this ending teaches."
    quotes:
      - {yq(s2)}
"""


# --- writing ----------------------------------------------------------------------------------


@dataclass
class Created:
    """What :func:`create_pack` wrote."""

    name: str
    seed: Path
    seed_copied: bool
    """False when the article already was the seed file."""
    files: list[Path]
    """The pack's files: pack.yaml, the sample quiz, the sample scenario."""
    schemas: list[Path]
    """Schema files written because the root had none (empty when it had them)."""


def read_article(path: Path) -> Article:
    """Read an article file for a new pack.

    Raises:
        ScaffoldError: when it cannot be read, is not UTF-8 text, or holds no text.
    """
    if not path.is_file():
        raise ScaffoldError(f"no article file {str(path)!r}")
    try:
        article = Article.from_file(path)
    except OSError as exc:
        raise ScaffoldError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScaffoldError(f"{str(path)!r} is not UTF-8 text; save it as plain UTF-8 text") from None
    if not article.body:
        raise ScaffoldError(f"{str(path)!r} has no text")
    return article


def _write_files(root: Path, draft: Draft) -> list[Path]:
    written = []
    for relative, text in draft.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


def check_draft(article_bytes: bytes, draft: Draft) -> None:
    """Load the draft in a scratch folder: it must have no error and no warning.

    Raises:
        ScaffoldError: listing the problems (a bug in the scaffold, not the author's doing).
    """
    with tempfile.TemporaryDirectory(prefix="quotebound-new-") as scratch:
        root = Path(scratch)
        (root / "seeds").mkdir()
        (root / "seeds" / f"{draft.name}.txt").write_bytes(article_bytes)
        _write_files(root, draft)
        try:
            problems = load_pack(root / "scenes" / draft.name).warnings
        except ContentError as exc:
            problems = exc.diagnostics
        if problems:
            listed = "\n".join(str(p) for p in problems)
            raise ScaffoldError(f"the drafted pack does not validate (please report this):\n{listed}")


def create_pack(article_path: Path, root: Path, name: str | None = None) -> Created:
    """Create ``seeds/NAME.txt`` and ``scenes/NAME/`` under ``root`` from an article file.

    The article is copied byte for byte (unless it already is ``seeds/NAME.txt``). Nothing is
    overwritten: an existing seed or pack folder of that name is refused before anything is written.
    ``root/schemas`` is written when missing, so the files' schema lines point at real schemas.

    Args:
        article_path: the article, UTF-8 plain text.
        root: the folder holding (or to hold) ``seeds/`` and ``scenes/``.
        name: the pack name; default: the slug of the article's file name.

    Raises:
        ScaffoldError: with a message for the author.
    """
    if not root.is_dir():
        raise ScaffoldError(f"no folder {str(root)!r} to create the pack in")
    name = pack_name(article_path, name)
    seed = root / "seeds" / f"{name}.txt"
    folder = root / "scenes" / name
    in_place = seed.exists() and article_path.exists() and seed.resolve() == article_path.resolve()
    if seed.exists() and not in_place:
        raise ScaffoldError(
            f"{seed} already exists; choose another name with --name, or remove the old seed first"
        )
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another name with --name")
    article = read_article(article_path)
    draft = draft_pack(article, name)
    raw = article_path.read_bytes()
    check_draft(raw, draft)
    schemas_dir = root / "schemas"
    missing = [f for f, _struct, _title in SCHEMA_FILES.values() if not (schemas_dir / f).is_file()]
    schemas = write_schemas(schemas_dir) if missing else []
    seed.parent.mkdir(parents=True, exist_ok=True)
    if not in_place:
        shutil.copyfile(article_path, seed)
    try:
        files = _write_files(root, draft)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        if not in_place:
            seed.unlink(missing_ok=True)
        raise
    return Created(name, seed, not in_place, files, schemas)
