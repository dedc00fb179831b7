"""Hypothesis fuzz of loading and validation: any input ends as a Pack or as clean ``path:line:col`` errors.

The property, for every input: :func:`load_pack` returns a :class:`Pack` or raises :class:`ContentError`;
no other exception escapes. Every diagnostic names the file that was fuzzed, has ``line >= 1`` and
``col >= 1`` inside that file, and a one-line message without control characters (the messages are
printed to a terminal by ``quotebound validate``).

Inputs: arbitrary text and bytes, a token grammar of YAML hazards (tags, anchors, tabs, BOMs, YAML 1.1
booleans, glued comments, markup, terminal codes), arbitrary YAML structures dumped with
``yaml.safe_dump``, mutations of valid questions (drop, retype, rename or duplicate a key; delete,
duplicate, swap or re-indent a line), mutations of the bundled scenario and its ``if:`` conditions, and
the condition parser alone (a Condition that evaluates to a bool, or a ConditionError in the source).

Bugs found here have a regression test at the end with their minimal reproducer.

Each test runs :data:`DEFAULT_EXAMPLES` examples in the default suite and :data:`SLOW_EXAMPLES` under
``-m slow`` (the same body, parametrized). Hypothesis and function-scoped fixtures do not mix, so each
test makes one temporary pack with :mod:`tempfile` and rewrites its files for every example.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec.inspect
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.pack import Pack
from game.engine.content.quotes import MAX_ARTICLE_BYTES
from game.engine.content.text import clean_text, has_unsafe
from game.engine.content.yamlsafe import MAX_FILE_BYTES, parse_yaml
from game.engine.packs import load_pack
from game.engine.quiz import types as qtypes
from game.engine.story import conditions as conditions_mod

DEFAULT_EXAMPLES = 200
SLOW_EXAMPLES = 10_000

BUDGETS = [
    pytest.param(DEFAULT_EXAMPLES, id="default"),
    pytest.param(SLOW_EXAMPLES, id="slow", marks=pytest.mark.slow),
]


def fuzz_settings(examples: int) -> settings:
    """Settings for one run: no deadline (file I/O jitters on CI), no too-slow health check."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        derandomize=False,
        print_blob=True,
    )


# --- the pack the fuzzed files live in ------------------------------------------------------------

QUIZ = "quiz.yaml"

# Questions of every type that load cleanly against conftest.TINY_ARTICLE (topic "facts").
VALID_QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "river",
        "type": "single",
        "topic": "facts",
        "prompt": "By how much did the river rise?",
        "options": ["three metres", {"text": "one metre", "feedback": "The mayor said three."}, "ten metres"],
        "answer": "three metres",
        "explanation": "The mayor gave the figure.",
        "quotes": ["The river rose by three metres on Monday"],
        "context": "Background, not from the article.",
        "points": 20,
    },
    {
        "id": "ready",
        "type": "attribution",
        "topic": "facts",
        "prompt": "Who said it?",
        "statement": "We are ready",
        "options": ["Ana Ruiz", "The mayor", "Officials"],
        "answer": "Ana Ruiz",
        "explanation": "Ana Ruiz said so.",
        "quotes": ["\u201cWe are ready,\u201d said Ana Ruiz."],
    },
    {
        "id": "monday",
        "type": "true_false",
        "topic": "facts",
        "prompt": "True or false: the river rose on Monday.",
        "answer": True,
        "explanation": "It rose on Monday.",
        "quotes": ["rose by three metres on Monday"],
    },
    {
        "id": "homes",
        "type": "claim_fact",
        "topic": "facts",
        "prompt": "Fact or claim?",
        "statement": "1,000 homes were safe.",
        "answer": "claim",
        "explanation": "Officials claimed it.",
        "quotes": ["Officials claimed that 1,000 homes were safe."],
    },
    {
        "id": "speakers",
        "type": "multi",
        "topic": "facts",
        "prompt": "Who is quoted or cited?",
        "options": ["The mayor", "Ana Ruiz", "The governor"],
        "answers": ["The mayor", "Ana Ruiz"],
        "explanation": "Both are cited.",
        "quotes": ["the mayor said", "said Ana Ruiz"],
    },
    {
        "id": "rise",
        "type": "short",
        "topic": "facts",
        "prompt": "How many metres did the river rise?",
        "answers": ["three metres", "3"],
        "explanation": "Three metres.",
        "quotes": ["The river rose by three metres"],
    },
    {
        "id": "sequence",
        "type": "order",
        "topic": "facts",
        "prompt": "Put in the order the article tells them.",
        "items": ["The river rose", "Officials claimed homes were safe", "Ana Ruiz said they were ready"],
        "explanation": "That is the article's order.",
        "quotes": ["The river rose", "Officials claimed", "said Ana Ruiz"],
    },
]

REQUIRED = {
    name: {f.name for f in msgspec.inspect.type_info(cls).fields if f.required}  # type: ignore[attr-defined]
    for name, cls in qtypes.QUESTION_TYPES.items()
}
"""Required keys of each question type."""
FIELDS_OF = {name: set(cls.__struct_fields__) | {"type"} for name, cls in qtypes.QUESTION_TYPES.items()}


@contextmanager
def temp_pack(pack_writer: Callable[..., Path]) -> Iterator[Path]:
    """A valid tiny pack in a fresh temporary folder named like its id (so no id warning)."""
    with tempfile.TemporaryDirectory(prefix="qb-fuzz-") as tmp:
        folder = pack_writer(Path(tmp) / "tiny", {QUIZ: dump([dict(q) for q in VALID_QUESTIONS])})
        # The unmutated pack must load, or every property below is vacuous.
        load_pack(folder)
        yield folder


def dump(questions: Any, **options: Any) -> str:
    return yaml.safe_dump({"kind": "quiz", "questions": questions}, sort_keys=False, width=10_000, **options)


# --- the property ---------------------------------------------------------------------------------

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_DIAG_LINE = re.compile(r"^[^\n]+:[1-9]\d*:[1-9]\d*: (error|warning): [^\n]+$")


def _yaml_lines(raw: bytes) -> list[str]:
    """The file's lines as YAML counts them. Bytes that are not UTF-8 are decoded with a U+FFFD for
    each bad byte: the error points at the first one, after text that decodes the same either way."""
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    return _LINE_BREAK.split(text)


def check_diagnostics(diagnostics: list[Diagnostic], files: dict[str, bytes]) -> None:
    """Every diagnostic is clean and points inside one of ``files`` (name -> content)."""
    assert diagnostics, "a ContentError without diagnostics"
    for d in diagnostics:
        name = Path(d.path).name
        assert name in files, f"diagnostic points at another file: {d}"
        lines = _yaml_lines(files[name])
        assert 1 <= d.line <= len(lines), f"line out of the file ({len(lines)} lines): {d}"
        assert 1 <= d.col <= len(lines[d.line - 1]) + 1, f"column out of line {lines[d.line - 1]!r}: {d}"
        assert d.severity in ("error", "warning"), d
        assert d.message.strip(), f"empty message: {d!r}"
        assert not has_unsafe(d.message), f"control characters reach the terminal: {d.message!r}"
        assert "\n" not in d.message and "\r" not in d.message, f"multi-line message: {d.message!r}"
        assert _DIAG_LINE.match(str(d)), f"not path:line:col: severity: message: {str(d)!r}"


def load_outcome(folder: Path, files: dict[str, bytes]) -> Pack | list[Diagnostic]:
    """Write ``files`` into the pack, load it, and check the property; the pack or the diagnostics."""
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    try:
        pack = load_pack(folder)
    except ContentError as exc:
        check_diagnostics(exc.diagnostics, files)
        assert any(d.severity == "error" for d in exc.diagnostics), "a ContentError with warnings only"
        return exc.diagnostics
    assert isinstance(pack, Pack)
    for w in pack.warnings:
        check_diagnostics([w], files)
    return pack


def errors_of(outcome: Pack | list[Diagnostic]) -> list[Diagnostic]:
    return [] if isinstance(outcome, Pack) else [d for d in outcome if d.severity == "error"]


# --- strategies -----------------------------------------------------------------------------------

# fmt: off
FIELD_NAMES = sorted(
    {
        "id", "type", "topic", "prompt", "options", "answer", "answers", "items", "statement", "quotes",
        "explanation", "context", "points", "kind", "questions", "text", "feedback",
    }
)
# fmt: on
QUESTION_TYPE_NAMES = sorted(qtypes.QUESTION_TYPES)

# fmt: off
HAZARD_STRINGS = [
    # Textual/Rich markup that crashes or acts when parsed.
    "[bold]x[/]", "[/]", "[/bold]", "[b]x[/i]", "[@click=app.quit]quit[/]", "[link=https://x.invalid]l[/link]",
    "[$accent]", "[[b]]", "closing [/] tag",
    # Terminal control sequences, C1 and bidi controls.
    "\x1b[2J", "\x1b]52;c;aGk=\x07", "\x1b]0;title\x07", "\x9b31m", "\u202eevil", "\x00", "\x7f", "\ufeff",
    # YAML 1.1 surprises where text is meant.
    "no", "off", "NO", "yes", "on", "1:30", "010", "08", "0x1F", "0o17", "1e3", "+1", ".inf", "-.nan",
    "2024-01-01", "2024-13-45", "2024-01-01 10:00:00", "~", "null", "Null", "",
    " ", "\t", "\n", "a\r\nb", "a\rb", "Answer #1 is right", "Question: what?", "- x", "&a", "*a", "!!int",
    "<<", "%", "@", "`", "'", '"', "\\",
    # Real values, so structures sometimes get deep into validation.
    *QUESTION_TYPE_NAMES, "quiz", "facts", "fact", "claim", "three metres", "Ana Ruiz", "The mayor",
    "The river rose by three metres on Monday", "Officials claimed that 1,000 homes were safe.",
    "Source link", "x" * 4001,
]
# fmt: on
strings = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HAZARD_STRINGS),
    st.text(alphabet="[]/@=$bold:#&*!|>-?' \"\t\n", max_size=20),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 10, 100, 101, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    strings,
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
# Mostly real field names and text; a non-text key (refused outright) only now and then.
field_keys = st.sampled_from(FIELD_NAMES)
keys = st.one_of(
    field_keys,
    field_keys,
    field_keys,
    strings,
    st.one_of(st.integers(min_value=-5, max_value=5), st.booleans(), st.none()),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=25,
)
# A value that is often of the right shape for some field, so validation goes past the schema.
field_values = st.one_of(
    trees,
    st.sampled_from(HAZARD_STRINGS),
    st.lists(st.sampled_from(HAZARD_STRINGS), min_size=1, max_size=6),
    st.lists(st.fixed_dictionaries({"text": strings}, optional={"feedback": strings}), max_size=4),
)
question_like = st.one_of(
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.sampled_from(["q1", "q2", "river"]), strings),
            "type": st.sampled_from(QUESTION_TYPE_NAMES),
        },
        optional={name: field_values for name in FIELD_NAMES if name not in ("id", "type")},
    ),
    st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), keys), trees, max_size=8),
    trees,
)
documents = st.one_of(
    trees,
    st.fixed_dictionaries(
        {
            "kind": st.one_of(st.just("quiz"), scalars),
            "questions": st.one_of(st.lists(question_like, max_size=4), trees),
        },
        optional={"extra": trees, "id": trees},
    ),
)
dump_options = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, None, True]),
        "allow_unicode": st.booleans(),
        "indent": st.integers(min_value=2, max_value=6),
        "width": st.sampled_from([20, 80, 10_000]),
        "explicit_start": st.booleans(),
    }
)

# YAML fragments that stress the scanner, the composer and the walker.
# fmt: off
TOKENS = [
    "kind: quiz\n", "questions:\n", "- ", "  - ", "  ", "    ", "\n", "\r\n", "\r", "\t", "id: q1\n",
    "type: single\n", "type: true_false\n", "topic: facts\n", "prompt: P?\n", "answer: ", "answers: ",
    "options: [a, b, c]\n", "quotes: [The river rose]\n", "explanation: E.\n", "items:\n", "points: 10\n",
    "statement: ", "context: ", ": ", ":", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!!int ", "!!bool ",
    "!!timestamp ", "!!float ", "!!str ", "!!map ", "!!seq ", "!!set ", "!!binary ",
    "!!python/object:os.system ",
    "!local ", "!<tag:yaml.org,2002:str> ", "<<: ", "%YAML 1.1\n", "%TAG ! tag:x,2002:\n", "---\n", "...\n",
    "|\n", ">-\n", "'", '"', "\\", "\\e", "\\x9b", "\\u202e", "#", " #", " #c", "#c", "no", "yes", "off",
    "08", "010", "1:30", "2024-13-45", "2024-01-01", "9" * 40, "~", "null", ".nan", "[bold]", "[/]",
    "\x1b", "\x00", "\x85", "\u2028", "\ufeff", "\u202e", "é", "\U0001f600", "x" * 300,
]
# fmt: on
token_texts = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


# --- tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("examples", BUDGETS)
def test_arbitrary_text_as_content_file(examples: int, pack_writer: Callable[..., Path]) -> None:
    """Arbitrary text, and YAML-hazard token soup, as a quiz file: a pack or clean diagnostics."""
    with temp_pack(pack_writer) as folder:

        @fuzz_settings(examples)
        @given(
            text=st.one_of(st.text(), token_texts, token_texts.map(lambda t: "kind: quiz\nquestions:\n" + t))
        )
        def run(text: str) -> None:
            load_outcome(folder, {QUIZ: text.encode("utf-8")})

        run()


@pytest.mark.parametrize("examples", BUDGETS)
def test_arbitrary_bytes_as_content_file(examples: int, pack_writer: Callable[..., Path]) -> None:
    """Arbitrary bytes (and valid YAML with bytes spliced in) as a quiz file."""
    valid = dump(VALID_QUESTIONS[:2]).encode("utf-8")
    spliced = st.tuples(
        st.integers(min_value=0, max_value=len(valid)), st.binary(min_size=1, max_size=8)
    ).map(lambda t: valid[: t[0]] + t[1] + valid[t[0] :])
    with temp_pack(pack_writer) as folder:

        @fuzz_settings(examples)
        @given(raw=st.one_of(st.binary(), spliced, token_texts.map(lambda t: t.encode("utf-16"))))
        def run(raw: bytes) -> None:
            load_outcome(folder, {QUIZ: raw})

        run()


@pytest.mark.parametrize("examples", BUDGETS)
def test_arbitrary_text_as_pack_file(examples: int, pack_writer: Callable[..., Path]) -> None:
    """The same for ``pack.yaml`` (its own paths, topics and article reference)."""
    pack_like = st.fixed_dictionaries(
        {
            "id": st.one_of(st.just("tiny"), strings),
            "title": st.one_of(st.just("T"), scalars),
            "description": st.one_of(st.just("D"), scalars),
            "article": st.one_of(
                st.sampled_from(["article.txt", "missing.txt", ".", "..", "/", "quiz.yaml"]), strings
            ),
        },
        optional={
            "topics": st.one_of(
                st.lists(st.fixed_dictionaries({"id": strings, "title": strings}), max_size=3), trees
            ),
            "boilerplate_starts": st.one_of(st.just("Source link"), scalars),
            "article_sha256": st.one_of(st.just("0" * 64), scalars),
            "language": scalars,
            "extra": trees,
        },
    ).map(lambda d: yaml.safe_dump(d, sort_keys=False, allow_unicode=True))
    quiz = dump(VALID_QUESTIONS).encode("utf-8")
    with temp_pack(pack_writer) as folder:

        @fuzz_settings(examples)
        @given(text=st.one_of(pack_like, token_texts, st.text()))
        def run(text: str) -> None:
            load_outcome(folder, {"pack.yaml": text.encode("utf-8"), QUIZ: quiz})

        run()


@pytest.mark.parametrize("examples", BUDGETS)
def test_arbitrary_yaml_structures(examples: int, pack_writer: Callable[..., Path]) -> None:
    """Nested dicts, lists and scalars of every YAML type, dumped with ``yaml.safe_dump``."""
    with temp_pack(pack_writer) as folder:

        @fuzz_settings(examples)
        @given(document=documents, options=dump_options)
        def run(document: Any, options: dict[str, Any]) -> None:
            text = yaml.safe_dump(document, sort_keys=False, **options)
            load_outcome(folder, {QUIZ: text.encode("utf-8")})

        run()


def _question_ranges(text: str) -> list[tuple[int, int]]:
    """1-based (first, last) lines of each question item of a block-style dump."""
    lines = text.split("\n")
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith("- ")]
    ends = [s - 1 for s in starts[1:]] + [len(lines)]
    return list(zip(starts, ends, strict=True))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "dict"
    return type(value).__name__


# fmt: off
OTHER_VALUES: list[Any] = [
    None, True, False, 0, 7, 1.5, "text", "", ["a", "b", "c"], [], {"text": "a"}, {}, [1, 2],
    dt.date(2024, 1, 1),
]
# fmt: on
NEW_KEY = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)


@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_questions(examples: int, pack_writer: Callable[..., Path]) -> None:
    """Drop, retype, rename or duplicate one key of a valid question: a clean error at the right line."""
    with temp_pack(pack_writer) as folder:

        @fuzz_settings(examples)
        @given(data=st.data())
        def run(data: st.DataObject) -> None:
            questions = [dict(q) for q in VALID_QUESTIONS]
            index = data.draw(st.integers(0, len(questions) - 1), label="question")
            question = questions[index]
            qtype = question["type"]
            key = data.draw(st.sampled_from(sorted(question)), label="key")
            op = data.draw(
                st.sampled_from(["drop", "retype", "rename", "rename_any", "add", "duplicate"]), label="op"
            )
            expect_error = False
            exact_line: int | None = None
            if op == "drop":
                del question[key]
                expect_error = key in REQUIRED[qtype] or key == "type"
                text = dump(questions)
            elif op == "retype":
                new = data.draw(
                    st.sampled_from([v for v in OTHER_VALUES if _kind(v) != _kind(question[key])]),
                    label="new",
                )
                question[key] = new
                expect_error = not (new is None and key == "context")
                text = dump(questions)
            elif op == "rename":
                new_key = data.draw(NEW_KEY.filter(lambda k: k not in FIELDS_OF[qtype]), label="new_key")
                questions[index] = {(new_key if k == key else k): v for k, v in question.items()}
                expect_error = True
                text = dump(questions)
                if key != "type":  # msgspec reports the unknown key first, at the key
                    hits = [
                        i + 1
                        for i, line in enumerate(text.split("\n"))
                        if re.match(rf"^(- |  )'?{new_key}'?:", line)  # safe_dump quotes `no`, `on`...
                    ]
                    assert len(hits) == 1, text
                    exact_line = hits[0]
            elif op in ("rename_any", "add"):
                # Any text as a key (markup, control characters, line breaks, YAML 1.1 words...).
                new_key = data.draw(strings.filter(lambda k: k not in FIELDS_OF[qtype]), label="new_key")
                value = data.draw(trees, label="value") if op == "add" else question[key]
                items = list(question.items())
                if op == "add":
                    items.insert(data.draw(st.integers(0, len(items)), label="at"), (new_key, value))
                else:
                    items = [((new_key if k == key else k), v) for k, v in items]
                questions[index] = dict(items)
                # A key that cleans to a real field name (e.g. "id\x00") may collide or even be right.
                expect_error = op == "rename_any" and clean_text(new_key) != key
                text = dump(questions)
            else:  # duplicate the key's line: the copy is the error
                text = dump(questions)
                start, end = _question_ranges(text)[index]
                lines = text.split("\n")
                at = next(i for i in range(start - 1, end) if re.match(rf"^(- |  ){key}:", lines[i]))
                copy = "  " + lines[at][2:]
                lines.insert(at + 1, copy)
                text = "\n".join(lines)
                expect_error = True
                exact_line = at + 2
            outcome = load_outcome(folder, {QUIZ: text.encode("utf-8")})
            errors = errors_of(outcome)
            if expect_error:
                assert errors, f"{op} {key!r} of a {qtype} question loaded without error:\n{text}"
            first, last = _question_ranges(text)[index]
            for d in errors:
                assert first <= d.line <= last, (
                    f"{d} is outside question {index} (lines {first}-{last}):\n{text}"
                )
            if exact_line is not None:
                assert any(d.line == exact_line for d in errors), (
                    f"no error at line {exact_line}: {errors}\n{text}"
                )

        run()


@pytest.mark.parametrize("examples", BUDGETS)
def test_line_mutations_of_a_valid_file(examples: int, pack_writer: Callable[..., Path]) -> None:
    """Delete, duplicate, swap, re-indent or splice a token into lines of a valid quiz file."""
    base = dump(VALID_QUESTIONS, allow_unicode=True).split("\n")
    mutation = st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert", "tab"]),
        st.integers(0, len(base) - 1),
        st.integers(0, len(base) - 1),
        st.sampled_from(TOKENS),
    )
    with temp_pack(pack_writer) as folder:

        @fuzz_settings(examples)
        @given(mutations=st.lists(mutation, min_size=1, max_size=4))
        def run(mutations: list[tuple[str, int, int, str]]) -> None:
            lines = list(base)
            for op, i, j, token in mutations:
                i, j = i % len(lines), j % len(lines)
                if op == "delete" and len(lines) > 1:
                    del lines[i]
                elif op == "duplicate":
                    lines.insert(i, lines[i])
                elif op == "swap":
                    lines[i], lines[j] = lines[j], lines[i]
                elif op == "indent":
                    lines[i] = "  " + lines[i]
                elif op == "dedent":
                    lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
                elif op == "insert":
                    at = j % (len(lines[i]) + 1)
                    lines[i] = lines[i][:at] + token + lines[i][at:]
                else:
                    lines[i] = "\t" + lines[i].lstrip(" ")
            load_outcome(folder, {QUIZ: "\n".join(lines).encode("utf-8")})

        run()


@pytest.mark.parametrize("examples", BUDGETS)
def test_parse_yaml_raises_only_content_error(examples: int) -> None:
    """``parse_yaml`` on arbitrary bytes: a document with positions, or ContentError."""

    @fuzz_settings(examples)
    @given(raw=st.one_of(st.binary(max_size=2000), token_texts.map(str.encode), st.text().map(str.encode)))
    def run(raw: bytes) -> None:
        try:
            doc = parse_yaml(raw, "fuzz.yaml")
        except ContentError as exc:
            check_diagnostics(exc.diagnostics, {"fuzz.yaml": raw})
            return
        lines = _yaml_lines(raw)
        last = len(lines)  # even `? x` with no final newline, whose null libyaml puts on a line after it
        for line, col in [*doc.marks.values(), *doc.key_marks.values()]:
            assert 1 <= line <= last and col >= 1, (line, col)

    run()


# --- scenario files and their conditions (kind: scenario) -----------------------------------------

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "scenes" / "panjshir" / "story-reporter.yaml"
ARTICLE = ROOT / "seeds" / "panjshir-valley-resistance.txt"
# fmt: off
CONDITION_TOKENS = [
    " ", "and", "or", "not", "true", "false", "True", "AND", "&&", "||", "!", "=", "==", "!=", "<", "<=", ">",
    ">=", "-", "(", ")", "((((", '"', "'", ",", "visited(", "visits(", '"who"', '"desk"', "'nowhere'",
    "sections",
    "slips", "flagged_dates", "unknown_var", "0", "3", "-1", "9" * 30, "\t", "é", "[bold]", "\x1b",
]
# fmt: on
conditions = st.lists(st.sampled_from(CONDITION_TOKENS), max_size=25).map(" ".join)


@contextmanager
def temp_story_pack() -> Iterator[tuple[Path, str]]:
    """The bundled reporter scenario alone in a pack with its article (loads in ~10 ms)."""
    assert STORY.is_file(), f"no bundled scenario to mutate: {STORY}"
    with tempfile.TemporaryDirectory(prefix="qb-fuzz-") as tmp:
        folder = Path(tmp) / "panjshir"
        folder.mkdir()
        pack = (ROOT / "scenes" / "panjshir" / "pack.yaml").read_text(encoding="utf-8")
        pack = re.sub(r"(?m)^article: .*$", f"article: {ARTICLE.name}", pack)
        (folder / "pack.yaml").write_text(pack, encoding="utf-8")
        (folder / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
        story = STORY.read_text(encoding="utf-8")
        (folder / STORY.name).write_text(story, encoding="utf-8")
        # The bundled pack must load: a broken base would make every mutation "fail as expected"; a skip
        # here once hid exactly that breakage, so it fails instead.
        load_pack(folder)
        yield folder, story


@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_scenario_file(examples: int) -> None:
    """Line mutations of a valid scenario, and condition soup in its ``if:`` values."""
    with temp_story_pack() as (folder, story):
        base = story.split("\n")
        conds = [i for i, line in enumerate(base) if re.match(r"^\s+if: ", line)]
        mutation = st.one_of(
            st.tuples(
                st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert"]),
                st.integers(0, len(base) - 1),
                st.integers(0, len(base) - 1),
                st.sampled_from(TOKENS),
            ),
            st.tuples(st.just("condition"), st.sampled_from(conds or [0]), st.just(0), conditions),
        )

        @fuzz_settings(examples)
        @given(mutations=st.lists(mutation, min_size=1, max_size=3))
        def run(mutations: list[tuple[str, int, int, str]]) -> None:
            lines = list(base)
            for op, i, j, token in mutations:
                i, j = i % len(lines), j % len(lines)
                if op == "condition":
                    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
                    lines[i] = f"{indent}if: {json.dumps(token)}"
                elif op == "delete" and len(lines) > 1:
                    del lines[i]
                elif op == "duplicate":
                    lines.insert(i, lines[i])
                elif op == "swap":
                    lines[i], lines[j] = lines[j], lines[i]
                elif op == "indent":
                    lines[i] = "  " + lines[i]
                elif op == "dedent":
                    lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
                elif op == "insert":
                    at = j % (len(lines[i]) + 1)
                    lines[i] = lines[i][:at] + token + lines[i][at:]
            load_outcome(folder, {STORY.name: "\n".join(lines).encode("utf-8")})

        run()


@pytest.mark.parametrize("examples", BUDGETS)
def test_conditions_parse_or_raise_condition_error(examples: int) -> None:
    """``parse_condition``: a Condition that evaluates to a bool for any values of its types, or a
    ConditionError at an offset inside the source."""
    variables = {"sections": "int", "slips": "int", "flagged_dates": "bool"}
    scenes = {"who", "desk"}

    @fuzz_settings(examples)
    @given(
        source=st.one_of(conditions, st.text(max_size=40)),
        sections=st.integers(-(10**6), 10**6),
        slips=st.integers(-(10**6), 10**6),
        flag=st.booleans(),
        visits=st.dictionaries(st.sampled_from(sorted(scenes)), st.integers(0, 5)),
    )
    def run(source: str, sections: int, slips: int, flag: bool, visits: dict[str, int]) -> None:
        try:
            condition = conditions_mod.parse_condition(source, variables, scenes, {"end"})
        except conditions_mod.ConditionError as exc:
            assert exc.message.strip() and "\n" not in exc.message, exc.message
            assert 0 <= exc.offset <= max(len(source), conditions_mod.MAX_LENGTH), (exc.offset, source)
            return
        result = condition({"sections": sections, "slips": slips, "flagged_dates": flag}, visits)
        assert isinstance(result, bool)

    run()


def test_size_cap_is_a_diagnostic() -> None:
    """Just over the cap: refused before parsing, at 1:1."""
    raw = b"a: " + b"x" * MAX_FILE_BYTES
    with pytest.raises(ContentError) as info:
        parse_yaml(raw, "big.yaml")
    assert [(d.line, d.col) for d in info.value.diagnostics] == [(1, 1)]


# --- bugs the fuzz found: their minimal reproducers, fixed --------------------------------------------


# Was a bug (yamlsafe.py parse_yaml: libyaml moves the end-of-stream mark to a new line when the file has no
# final newline, so the error points at line 3 of a 2-line file); fixed.
def test_error_at_end_of_file_is_inside_the_file() -> None:
    raw = b"kind: quiz\nquestions: ["
    with pytest.raises(ContentError) as info:
        parse_yaml(raw, "quiz.yaml")
    [d] = info.value.diagnostics
    assert (d.line, d.col) == (2, 13)


# Was a bug (yamlsafe.py parse_yaml (ReaderError branch): the line of a refused control character counts
# only LF, while YAML and every other diagnostic also count a lone CR (and NEL, LS, PS) as a break); fixed.
def test_control_character_position_after_a_lone_cr() -> None:
    with pytest.raises(ContentError) as info:
        parse_yaml(b"a: 1\rb: \x00\n", "quiz.yaml")
    [d] = info.value.diagnostics
    assert (d.line, d.col) == (2, 4)


# Was a bug (yamlsafe.py _Walker.check_comment splits the text at LF only, but node marks count CR/NEL/LS/PS
# breaks too: with a lone CR it checks the wrong line (a false error here)); fixed.
def test_glued_comment_check_with_lone_cr_line_breaks_false_positive() -> None:
    doc = parse_yaml(b"a: x\rb: y\nc: 1 #z\n", "quiz.yaml")
    assert doc.data == {"a": "x", "b": "y", "c": 1}


# Was a bug (yamlsafe.py _Walker.check_comment: same LF-only split; a glued comment on a line after a lone
# CR is not caught and the text is silently cut to 'see'); fixed.
def test_glued_comment_check_with_lone_cr_line_breaks_false_negative() -> None:
    with pytest.raises(ContentError):
        parse_yaml(b"a: x\rb: see #1\n", "quiz.yaml")


# Was a bug (loader.py schema_diagnostic: the unknown-field regex `(.+)` does not match across a line break,
# so a key holding one falls through to msgspec's raw message spanning two lines); fixed.
def test_unknown_key_with_a_line_break_is_one_clean_line(
    pack_writer: Callable[..., Path], tmp_path: Path
) -> None:
    question = dict(VALID_QUESTIONS[2])
    question["bad\nkey"] = 1
    text = dump([question])
    key_line = next(i + 1 for i, line in enumerate(text.split("\n")) if line.startswith("  ? "))
    folder = pack_writer(tmp_path / "tiny", {QUIZ: text})
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    [d] = info.value.diagnostics
    assert "\n" not in str(d)
    assert d.message.startswith("unknown key 'bad\\nkey'")
    assert d.line == key_line


# Was a bug (loader.py schema_diagnostic: the unknown-field regex `(.+)` needs a character, so an empty key
# (or one that is only control characters, cleaned to '') gets msgspec's raw message at the question instead
# of 'unknown key' at the key); fixed.
def test_unknown_empty_key_is_reported_at_the_key(pack_writer: Callable[..., Path], tmp_path: Path) -> None:
    question = dict(VALID_QUESTIONS[2])
    question[""] = 1
    text = dump([question])
    key_line = next(i + 1 for i, line in enumerate(text.split("\n")) if line.startswith("  ? "))
    folder = pack_writer(tmp_path / "tiny", {QUIZ: text})
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    [d] = info.value.diagnostics
    assert d.message.startswith("unknown key ''")
    assert d.line == key_line


# Was a bug (quotes.py Article.from_file (via loader._read_article) reads the article with no size cap and
# no check that it is a regular file: `article: /dev/zero` ends in a MemoryError traceback (a FIFO hangs
# forever)); fixed.
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_article_that_is_not_a_regular_file_is_a_diagnostic(tmp_path: Path) -> None:
    import resource
    import subprocess
    import sys

    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "id: tiny\ntitle: T\ndescription: D\narticle: /dev/zero\n", encoding="utf-8"
    )
    (folder / QUIZ).write_text(dump(VALID_QUESTIONS[:1]), encoding="utf-8")

    def limit_memory() -> None:  # without a fix the child reads /dev/zero until this limit
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    child = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
    )
    assert "Traceback" not in child.stderr, child.stderr[-500:]
    assert re.search(r"pack\.yaml:4:\d+: error: ", child.stdout + child.stderr), child.stdout + child.stderr


def _tiny_pack_with_article(tmp_path: Path, article: str) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        f"id: tiny\ntitle: T\ndescription: D\narticle: {article}\n", encoding="utf-8"
    )
    (folder / QUIZ).write_text(dump(VALID_QUESTIONS[:1]), encoding="utf-8")
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_article_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    folder = _tiny_pack_with_article(tmp_path, "pipe.txt")
    os.mkfifo(folder / "pipe.txt")  # opening it to read would wait for a writer forever
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    [d] = info.value.diagnostics
    assert (d.line, "not a regular file") == (4, d.message.split(": ")[-1])


def test_article_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    folder = _tiny_pack_with_article(tmp_path, "big.txt")
    (folder / "big.txt").write_bytes(b"word " * (MAX_ARTICLE_BYTES // 5 + 1))
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    [d] = info.value.diagnostics
    assert d.line == 4 and f"the limit is {MAX_ARTICLE_BYTES:,}" in d.message


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"\xef\xbb\xbf\xef\xbb\xbf(:\n!", (2, 2)),  # libyaml skips a second BOM and did not count it
        (b"\xef\xbb\xbf\xef\xbb\xbfa: [1", (1, 6)),
    ],
)
def test_position_after_a_doubled_bom(raw: bytes, where: tuple[int, int]) -> None:
    with pytest.raises(ContentError) as info:
        parse_yaml(raw, "quiz.yaml")
    [d] = info.value.diagnostics
    assert (d.line, d.col) == where, d
    check_diagnostics([d], {"quiz.yaml": raw})


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a: \xc3\xa9\xc3\xa9\xff\n", (1, 6)),  # columns count characters, not bytes
        (b"\xef\xbb\xbfa: \xff\n", (1, 4)),  # a BOM is not a column
        (b"a: 1\rb: \xff\n", (2, 4)),  # a lone CR ends a line, as YAML counts them
        (b"a: 1\r\nb: \xe2\x80\xa8c: \xff\n", (3, 4)),  # so do CRLF and U+2028
    ],
)
def test_position_of_a_byte_that_is_not_utf8(raw: bytes, where: tuple[int, int]) -> None:
    with pytest.raises(ContentError) as info:
        parse_yaml(raw, "quiz.yaml")
    [d] = info.value.diagnostics
    assert (d.line, d.col) == where, d
    check_diagnostics([d], {"quiz.yaml": raw})
