"""Every YAML hazard from HAZARDS.md ends as one clean diagnostic at the right line and column, fast.

``parse_yaml`` may only ever raise :class:`ContentError`; PyYAML on its own raises ValueError, KeyError,
IndexError, AttributeError, RecursionError, expands alias bombs and keeps the last of two duplicate keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.content import yamlsafe
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.text import clean_text, has_unsafe
from game.engine.content.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, load_yaml, parse_yaml
from game.engine.packs import load_pack

BILLION_LAUGHS = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
).encode()
"""About 500 bytes; 9**9 strings once expanded."""


def problems(raw: bytes) -> list[Diagnostic]:
    """The diagnostics of parsing ``raw``; fails the test unless parsing refuses it cleanly and fast."""
    started = time.perf_counter()
    with pytest.raises(ContentError) as info:
        parse_yaml(raw, "f.yaml")
    # A guard against a hang (an alias bomb expands for minutes), not a speed target: those live in
    # benchmarks/. PyYAML 6.0.1 takes ~2 s on 20,000 levels of nesting under load.
    assert time.perf_counter() - started < 15.0
    diagnostics = info.value.diagnostics
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic.path == "f.yaml"
        assert "\n" not in str(diagnostic)  # one line each, never a traceback or a multi-line dump
    return diagnostics


# (id, file bytes, line, col, fragment of the message)
REFUSED = [
    ("bad-date", b"title: 2024-13-45\n", 1, 8, "cannot read '2024-13-45' as timestamp"),
    ("bad-date-line-3", b"a: 1\nb: 2\nwhen: 2024-02-30\n", 3, 7, "as timestamp"),
    ("int-tag-empty", b"a: 1\nb: !!int\n", 2, 4, "as int"),
    ("bool-tag-maybe", b"a: !!bool maybe\n", 1, 4, "cannot read 'maybe' as bool"),
    ("timestamp-tag-abc", b"a: !!timestamp abc\n", 1, 4, "as timestamp"),
    ("float-tag-word", b"a: !!float many\n", 1, 4, "as float"),
    ("5000-digit-int", b"a: 1\nb: " + b"9" * 5000 + b"\n", 2, 4, "as int"),
    (
        "deep-flow",
        b"a: " + b"[" * (MAX_DEPTH + 8) + b"]" * (MAX_DEPTH + 8) + b"\n",
        1,
        4 + MAX_DEPTH,
        "deeper than",
    ),
    (
        "deep-block",
        (
            "a:\n"
            + "".join("  " * i + "k:\n" for i in range(1, MAX_DEPTH + 5))
            + "  " * (MAX_DEPTH + 5)
            + "x: 1\n"
        ).encode(),
        MAX_DEPTH + 2,
        2 * (MAX_DEPTH + 1) + 1,
        "deeper than",
    ),
    # libyaml refuses this itself ("nesting depth") from PyYAML 6.0.2; with 6.0.1 our own depth
    # check does ("nesting is deeper than"): either way one clean line.
    ("deep-beyond-libyaml", b"a: " + b"[" * 20_000 + b"]" * 20_000 + b"\n", 1, None, "nesting"),
    ("billion-laughs", BILLION_LAUGHS, 2, 8, "anchors and aliases"),
    ("alias-cycle", b"a: &x [1, *x]\n", 1, 11, "anchors and aliases"),
    ("alias-once", b"a: &x some text\nb: *x\n", 2, 4, "anchors and aliases"),
    ("duplicate-key", b"a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first defined at line 1)"),
    (
        "duplicate-nested",
        b"q:\n  id: x\n  prompt: p\n  id: y\n",
        4,
        3,
        "duplicate key 'id' (first defined at line 2)",
    ),
    (
        "python-object",
        b"a: !!python/object:os.system {}\n",
        1,
        4,
        "unsupported tag '!!python/object:os.system'",
    ),
    ("python-apply", b"a: !!python/object/apply:os.system [ls]\n", 1, 4, "!!python/object/apply:os.system"),
    ("python-name", b"a: 1\nb: !!python/name:os.system\n", 2, 4, "unsupported tag '!!python/name:os.system'"),
    ("local-tag", b"a: !shout hello\n", 1, 4, "unsupported tag '!shout'"),
    ("binary-tag", b"a: !!binary aGVsbG8=\n", 1, 4, "unsupported tag '!!binary'"),
    ("bad-utf8", b"a: ok\nb: x\xff\n", 2, 5, "not UTF-8"),
    ("bad-utf8-after-multibyte", "a: é€\nbé: \u00e9".encode() + b"\xc3(\n", 2, 6, "not UTF-8"),
    ("latin-1", "title: café\n".encode("latin-1"), 1, 11, "not UTF-8 text (byte 0xe9)"),
    ("raw-escape-byte", "a: é€😀\nb: xx\x1b[2Jy\n".encode(), 2, 6, "control character 0x1b"),
    ("raw-nul", b"a: \x00\n", 1, 4, "control character 0x00"),
    ("raw-c1-csi", "a: é \x9b2J\n".encode(), 1, 6, "control character 0x9b"),
    ("tab-indent", b"a:\n\tb: 1\n", 2, 1, "tab"),
    ("empty", b"", 1, 1, "the file is empty"),
    ("only-comments", b"# nothing here\n\n", 1, 1, "the file is empty"),
    ("only-blank", b"   \n\n", 1, 1, "the file is empty"),
    ("multi-document", b"a: 1\n---\nb: 2\n", 2, 1, "single document"),
    ("merge-key", b"base: &b {k: 1}\nother:\n  <<: *b\n", 3, 3, "merge keys"),
    ("merge-key-inline", b"other:\n  <<: {k: 1}\n", 2, 3, "merge keys"),
    ("colon-in-text", b"prompt: Question: what?\n", 1, 17, "mapping values are not allowed"),
    ("unclosed-quote", b'a: "open\nb: 1\n', 3, 1, "unexpected end of stream"),
    ("number-key", b"1: a\n", 1, 1, "a key must be plain text, not '1'"),
    ("bool-key", b"no: a\n", 1, 1, "a key must be plain text, not 'no'"),
    ("list-key", b"? [a]\n: 1\n", 1, 3, "a key must be plain text"),
    ("glued-comment", b"a: 1\nprompt: Answer #1 is right\n", 2, 9, "put it in quotes"),
]


@pytest.mark.parametrize(
    ("raw", "line", "col", "fragment"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_hazard_is_one_clean_diagnostic(raw: bytes, line: int, col: int | None, fragment: str) -> None:
    first = problems(raw)[0]
    assert fragment in first.message
    assert first.line == line
    if col is not None:
        assert first.col == col
    assert first.severity == "error"


def test_alias_bomb_reports_once() -> None:
    """A bomb has thousands of aliases; one line says what is wrong."""
    assert len(problems(BILLION_LAUGHS)) == 1


def test_several_duplicate_keys_are_all_reported() -> None:
    lines = [(d.line, d.message) for d in problems(b"a: 1\nb: 2\na: 3\nb: 4\n")]
    assert lines == [
        (3, "duplicate key 'a' (first defined at line 1)"),
        (4, "duplicate key 'b' (first defined at line 2)"),
    ]


@pytest.mark.parametrize(
    ("raw", "data"),
    [
        pytest.param(b"\xef\xbb\xbfa: 1\nb: two\n", {"a": 1, "b": "two"}, id="bom"),
        pytest.param(
            b"a: 1\r\nb: two\r\nc: |\r\n  x\r\n  y\r\n", {"a": 1, "b": "two", "c": "x\ny\n"}, id="crlf"
        ),
        pytest.param(b"a: &x 1\n", {"a": 1}, id="anchor-without-alias"),
        pytest.param(b"a: fine # a comment\nb: x #\n", {"a": "fine", "b": "x"}, id="real-comment"),
        pytest.param(b'a: "Answer #1 is right"\n', {"a": "Answer #1 is right"}, id="quoted-hash"),
        pytest.param(b"a: |\n  Answer #1 is right\n", {"a": "Answer #1 is right\n"}, id="block-hash"),
        pytest.param(b"a: x#1\n", {"a": "x#1"}, id="hash-inside-word"),
        pytest.param(b"a: '08'\nb: 08\n", {"a": "08", "b": "08"}, id="08-is-text"),
        pytest.param(b"a: tab\there\n", {"a": "tab\there"}, id="tab-inside-text"),
        pytest.param("a: é€😀\n".encode(), {"a": "é€😀"}, id="non-ascii"),
        pytest.param(b"a: '[bold]x[/] and [/]'\n", {"a": "[bold]x[/] and [/]"}, id="markup-is-data"),
    ],
)
def test_accepted_documents(raw: bytes, data: object) -> None:
    assert parse_yaml(raw, "f.yaml").data == data


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\xef\xbb\xbfa: 1\nb: !!int\n", id="bom"),
        pytest.param(b"a: 1\r\nb: !!int\r\n", id="crlf"),
    ],
)
def test_bom_and_crlf_keep_line_numbers(raw: bytes) -> None:
    first = problems(raw)[0]
    assert (first.line, first.col) == (2, 4)


# Terminal control sequences written as YAML escapes in quoted strings: stripped at load, in values and keys.
CONTROLS = [
    ("osc-52-clipboard", r"a\e]52;c;aGVsbG8=\ab", "a]52;c;aGVsbG8=b"),
    ("osc-0-title", r"\e]0;pwned\x07title", "]0;pwnedtitle"),
    ("csi-clear", r"\e[2Jcleared", "[2Jcleared"),
    ("c1-csi", r"x\x9b2Jy", "x2Jy"),
    ("bidi-override", r"abc\u202Edef", "abcdef"),
    ("bidi-isolate", r"a\u2066b\u2069c", "abc"),
    ("del", r"a\x7fb", "ab"),
    ("nul", r"a\0b", "ab"),
    ("cr", r"a\rb\r\nc", "a\nb\nc"),
    ("tab-and-newline-kept", r"a\tb\nc", "a\tb\nc"),
]


@pytest.mark.parametrize(("escaped", "clean"), [c[1:] for c in CONTROLS], ids=[c[0] for c in CONTROLS])
def test_control_characters_are_stripped_from_values_and_keys(escaped: str, clean: str) -> None:
    doc = parse_yaml(f'value: "{escaped}"\n"k{escaped}": 1\nlist: ["{escaped}"]\n'.encode(), "f.yaml")
    assert doc.data == {"value": clean, f"k{clean}": 1, "list": [clean]}
    for text in (doc.data["value"], *doc.data):
        assert not has_unsafe(text)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b]52;c;aGk=\x07", "]52;c;aGk="),
        ("\x1b]0;title\x07", "]0;title"),
        ("\x1b[2J", "[2J"),
        ("\x9b31m", "31m"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("\ufeffBOM inside", "BOM inside"),
        ("line\r\nbreaks\rhere", "line\nbreaks\nhere"),
        ("keeps\ttabs\nand newlines", "keeps\ttabs\nand newlines"),
        ("[bold]x[/] [@click=app.quit]", "[bold]x[/] [@click=app.quit]"),
        ("Afghanistan’s “quoted” – é€😀", "Afghanistan’s “quoted” – é€😀"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert not has_unsafe(clean_text(raw))
    assert clean_text(clean) == clean


def test_positions_of_values_and_keys() -> None:
    doc = parse_yaml(
        b"kind: quiz\nquestions:\n  - id: a\n    prompt: |\n      text\n    options: [x, y]\n", "f"
    )
    assert doc.marks[("questions", 0, "id")] == (3, 9)
    assert doc.key_marks[("questions", 0, "prompt")] == (4, 5)
    assert doc.marks[("questions", 0, "options", 1)] == (6, 18)
    assert doc.position(("questions", 0, "missing", 3)) == (3, 5)  # nearest ancestor: the question
    assert doc.diag(("questions", 0, "prompt"), "m", key=True).line == 4


def test_clean_text_fast_path_is_exact() -> None:
    """clean_text returns printable text untouched; that is only right if nothing it removes, and no
    CR, is printable."""
    import sys

    removed = [c for c in map(chr, range(sys.maxunicode + 1)) if has_unsafe(c)]
    assert removed and not any(c.isprintable() for c in removed)
    assert not "\r".isprintable()


POSITIONS_DOC = (
    b"kind: quiz  # a comment\r\nquestions:\n  - id: a\n    prompt: |\n      text\n"
    b"    options: [x, {text: y}]\n  -\n    - [1, 2]\n    - {}\nlast:"
)
"""A CRLF, a comment, block and flow styles, nested lists, an empty mapping, and a null at the end of a
file without a final line break (libyaml puts it on an eleventh line)."""


def test_positions_on_demand_agree_with_the_full_tables() -> None:
    """position() finds a path in the node tree; the tables list every path: both must agree, for a
    path that exists and for one that does not (its nearest ancestor)."""
    doc = parse_yaml(POSITIONS_DOC, "f")
    assert doc.marks and doc.key_marks
    for path, mark in doc.marks.items():
        assert doc.position(path) == mark
        assert doc.position(path, key=True) == doc.key_marks.get(path, mark)
        assert doc.position((*path, "missing", 0)) == mark
        assert doc.position((*path, 99)) == mark
    assert doc.position(()) == (1, 1)
    assert doc.marks[("last",)] == (10, 6) and doc.key_marks[("last",)] == (10, 1)
    assert doc.marks[("questions", 1, 0, 1)] == (8, 11)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("no", False),
        ("NO", False),
        ("off", False),
        ("on", True),
        ("yes", True),
        ("1:30", 90),
        ("010", 8),
        ("0x1F", 31),
        ("~", None),
        ("3.5", 3.5),
    ],
)
def test_yaml_11_reads_are_remembered_with_their_source(source: str, value: object) -> None:
    """The loader needs the source text to say 'put it in quotes: "no"' instead of 'got bool'."""
    doc = parse_yaml(f"a: {source}\n".encode(), "f")
    assert doc.data == {"a": value}
    assert doc.scalar_source[("a",)] == source


def test_oversize_is_refused_before_parsing(tmp_path: Path) -> None:
    raw = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    first = problems(raw)[0]
    assert (first.line, first.col) == (1, 1) and "limit" in first.message
    big = tmp_path / "big.yaml"
    big.write_bytes(raw)
    started = time.perf_counter()
    with pytest.raises(ContentError, match="limit is 1,000,000"):
        load_yaml(big, "big.yaml")
    assert time.perf_counter() - started < 0.5


def test_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="cannot read file"):
        load_yaml(tmp_path / "missing.yaml")
    with pytest.raises(ContentError, match="cannot read file"):
        load_yaml(tmp_path)  # a folder


def test_pure_python_loader_behaves_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the slow loader is used; the diagnostics must not change."""
    import yaml

    cases = [c for c in REFUSED if c[0] not in ("deep-beyond-libyaml",)]
    expected = {name: problems(raw)[0] for name, raw, *_ in cases}
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    for name, raw, *_ in cases:
        got = problems(raw)[0]
        assert (got.line, got.col) == (expected[name].line, expected[name].col), name


def test_pure_python_loader_recursion_is_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pure-Python composer recurses per level: very deep nesting raises RecursionError there."""
    import yaml

    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    first = problems(b"a: " + b"[" * 600 + b"]" * 600 + b"\n")[0]
    assert (first.line, first.col) == (1, 1) and "too deep" in first.message


# --- YAML 1.1 surprises where a question expects text -------------------------------------------

QUESTION = """\
kind: quiz
questions:
  - id: river
    type: single
    topic: facts
    prompt: {prompt}
    options:
      - three metres
      - {option}
      - "1,000 metres"
    answer: three metres
    explanation: The mayor gave the figure.
    quotes: ["The river rose by three metres on Monday"]
    context: {context}
"""
PLAIN = {"prompt": "By how much did the river rise?", "option": "one metre", "context": "Background."}
SURPRISES = ["no", "NO", "off", "on", "yes", "1:30", "010", "2024-01-01", "3.5", "~", "0x1F"]


FIELDS = {"prompt": (6, 13), "option": (9, 9), "context": (14, 14)}
"""Where each text field's value stands in QUESTION."""


@pytest.mark.parametrize(
    ("field", "value"),
    # `context: ~` means "no context", which is allowed.
    [(field, value) for field in FIELDS for value in SURPRISES if (field, value) != ("context", "~")],
)
def test_yaml_11_surprise_where_text_is_expected(
    tmp_path: Path, write_pack: Callable[..., Path], field: str, value: str
) -> None:
    line, col = FIELDS[field]
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": QUESTION.format(**{**PLAIN, field: value})})
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    (first,) = info.value.diagnostics
    assert (first.line, first.col) == (line, col)
    assert first.message.startswith(f"expected text, but YAML read {value!r} as ")
    assert f'put it in quotes: "{value}"' in first.message


@pytest.mark.parametrize("field", ["prompt", "option", "context"])
def test_hash_comment_where_text_is_expected(
    tmp_path: Path, write_pack: Callable[..., Path], field: str
) -> None:
    """`Answer #1 is right` is read as "Answer" and a comment: refused, not silently cut."""
    folder = write_pack(
        tmp_path / "tiny", {"quiz.yaml": QUESTION.format(**{**PLAIN, field: "Answer #1 is right"})}
    )
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    (first,) = info.value.diagnostics
    assert (first.line, first.col) == FIELDS[field]
    assert "comment" in first.message and "put it in quotes" in first.message


def test_quoted_surprises_are_text(tmp_path: Path, write_pack: Callable[..., Path]) -> None:
    folder = write_pack(
        tmp_path / "tiny",
        {"quiz.yaml": QUESTION.format(prompt='"no"', option="'1:30'", context='"Answer #1 is right"')},
    )
    question = load_pack(folder).questions[0]
    assert question.prompt == "no"
    assert question.options[1] == "1:30"  # type: ignore[union-attr]
    assert question.context == "Answer #1 is right"


@pytest.mark.parametrize(
    "raw",
    [
        b"!!str [a]: 1\nb: 1\nb: 2\n",  # a collection tagged as text stands before the duplicate
        b"1: x\nb: 1\nb: 2\n",
        b'1: x\n"1": y\n"1": z\n',  # the number key 1 is not the first "1"
    ],
)
def test_duplicate_key_after_a_refused_key(raw: bytes) -> None:
    messages = [d.message for d in problems(raw)]
    assert any(m.startswith("a key must be plain text") for m in messages), messages
    assert any("(first defined at line 2)" in m for m in messages), messages


def _tags(node: object) -> list[tuple[str, object]]:
    """Every node's tag and scalar value, depth first."""
    import yaml

    out: list[tuple[str, object]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            out.append((current.tag, current.value))
        elif isinstance(current, yaml.SequenceNode):
            out.append((current.tag, None))
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            out.append((current.tag, None))
            for key, value in reversed(current.value):
                stack += [value, key]
    return out


def test_the_cheaper_resolver_tags_every_node_as_pyyaml_does() -> None:
    """The loader's own ``resolve`` must give PyYAML's tags: the bundled packs, and scalars of every
    implicit type (YAML 1.1's booleans, nulls, octal, sexagesimal, dates, floats), plain and quoted."""
    import yaml

    base = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    scalars = [
        "", "~", "null", "Null", "NULL", "nul", "yes", "No", "ON", "off", "y", "n", "true", "False",
        "010", "0o10", "0x1F", "0b101", "1_000", "-7", "+3", "1:30", "190:20:30", "1.5", "-.5", ".inf",
        "-.Inf", ".NaN", "1e3", "6.8523015e+5", "2024-01-01", "2024-1-1 10:00:00Z", "2024-13-45", "=",
        "<<", "Answer #1", "Question", "12 angry men", "0", "-", ".", ":", "é", "日本",
    ]  # fmt: skip
    documents = [path.read_text(encoding="utf-8") for path in sorted(Path("scenes").glob("*/*.yaml"))]
    documents.append("".join(f"- {s}\n" for s in scalars if s != ":"))
    documents.append("".join(f"- '{s}'\n- \"{s}\"\n" for s in scalars))
    flow = [s for s in scalars if s and not set(s) & set("#:-<=.")]
    documents.append("".join(f"k{i}: [{s}, {{{s}: {s}}}]\n{s}: x\n" for i, s in enumerate(flow)))
    documents.append("a: !!str 1\nb: !custom x\nc: ! 2\n")
    for text in documents:
        assert _tags(yaml.compose(text, Loader=yamlsafe._Loader)) == _tags(yaml.compose(text, Loader=base))
