"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` is not safe enough for files that players and teachers write by hand: it raises
half a dozen exception types besides ``YAMLError`` on bad scalars, expands alias bombs into structures
that take minutes to walk, silently keeps the last of two duplicate keys, and loses every line number.
Here the C composer builds the node tree (fast, and it never expands aliases), and a small walker
turns nodes into plain Python values while recording each value's position. Anything odd becomes a
:class:`~game.engine.diagnostics.Diagnostic` instead of an exception.

Limits: files over :data:`MAX_FILE_BYTES`, nesting deeper than :data:`MAX_DEPTH`, anchors reused by
aliases, merge keys and any tag outside the YAML core schema are refused.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.engine.diagnostics import ContentError, Diagnostic
from game.engine.text import clean_text

MAX_FILE_BYTES = 1_000_000
"""A pack file larger than this is refused before parsing (a 5.5 MB file took 6.5 s and 450 MB)."""
MAX_DEPTH = 32
"""Deeper nesting than any real pack needs; refusing it keeps the walker's recursion bounded."""

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same behaviour
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class YamlDoc:
    """A parsed YAML document: plain values plus the position of each of them."""

    display: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Position (1-based line, col) of each value, by path from the root."""
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Position of the key that introduces the value at a path."""
    scalar_source: dict[Path_, str] = field(default_factory=dict)
    """The source text of each scalar that YAML read as something other than a string."""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if key and path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def diag(self, path: Path_, message: str, *, key: bool = False, severity: str = "error") -> Diagnostic:
        """A diagnostic at ``path``."""
        line, col = self.position(path, key=key)
        return Diagnostic(self.display, line, col, message, severity)  # type: ignore[arg-type]


def shorten(value: str, limit: int = 40) -> str:
    """``value`` cut to ``limit`` characters for an error message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag(tag: str) -> str:
    return tag.replace(_TAG, "!!")


def _first_alias(text: str) -> tuple[int, int] | None:
    """Where the first ``*alias`` stands: the composer shares the anchor's node, which has lost it."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return event.start_mark.line + 1, event.start_mark.column + 1
    except yaml.YAMLError:  # the text composed, so it parses; never let this path raise
        pass
    return None


# A plain value followed on its line by `#` and text, as in `Answer #1 is right`: YAML reads the
# rest as a comment and keeps only "Answer". A real comment almost always has a space after `#`.
_GLUED_COMMENT = re.compile(r"[ \t]+#\S")


class _Walker:
    """Turns a composed node tree into plain values, collecting problems instead of raising."""

    def __init__(self, doc: YamlDoc, text: str = "") -> None:
        self.doc = doc
        self.text = text
        self.has_hash = "#" in text  # once: a test per scalar would make big files quadratic
        self.lines: list[str] | None = None
        self.errors: list[Diagnostic] = []
        self.seen: set[int] = set()
        self.alias_reported = False
        self.constructor = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node, message: str) -> None:
        line, col = _mark(node)
        self.errors.append(Diagnostic(self.doc.display, line, col, message))

    def walk(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.error(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        # The composer shares one node object between an anchor and its aliases; walking it twice
        # is how alias bombs explode, and a node that contains itself is a cycle. Refuse both.
        if id(node) in self.seen:
            if not self.alias_reported:  # one line is enough; a bomb would otherwise print thousands
                line, col = _first_alias(self.text) or _mark(node)
                self.errors.append(
                    Diagnostic(
                        self.doc.display,
                        line,
                        col,
                        "anchors and aliases (&name / *name) are not supported: write the value out",
                    )
                )
                self.alias_reported = True
            return None
        self.seen.add(id(node))
        self.doc.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                self.error(node, f"unsupported tag {_tag(node.tag)!r} on a list")
                return None
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any] | None:
        if node.tag != f"{_TAG}map":
            self.error(node, f"unsupported tag {_tag(node.tag)!r} on a mapping")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                self.error(key_node, "merge keys (<<) are not supported: write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != f"{_TAG}str":
                shown = shorten(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "a collection"
                self.error(key_node, f"a key must be plain text, not {shown!r}; quote it if it is meant as text")
                continue
            key = clean_text(key_node.value)
            if key in result:
                first = self.doc.key_marks[(*path, key)]
                self.error(key_node, f"duplicate key {key!r} (first defined at line {first[0]})")
                continue
            self.doc.key_marks[(*path, key)] = _mark(key_node)
            result[key] = self.walk(value_node, (*path, key), depth + 1)
        return result

    def check_comment(self, node: yaml.ScalarNode) -> None:
        """Refuse a plain value cut short by a ``#`` the author meant as text."""
        if self.lines is None:
            self.lines = self.text.split("\n")
        end = node.end_mark
        if end.line < len(self.lines) and _GLUED_COMMENT.match(self.lines[end.line], end.column):
            self.error(
                node,
                f"YAML reads ' #' as the start of a comment, so this text ends at {shorten(node.value)!r}; "
                "put it in quotes if the rest belongs to it",
            )

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.error(node, f"unsupported tag {_tag(tag)!r}: only plain YAML values are allowed")
            return None
        if tag == f"{_TAG}str":
            if not node.style and self.has_hash:
                self.check_comment(node)
            return clean_text(node.value)
        self.doc.scalar_source[path] = node.value
        construct = getattr(self.constructor, f"construct_yaml_{tag[len(_TAG):]}")
        try:
            return construct(node)
        except Exception as exc:  # noqa: BLE001 - PyYAML raises ValueError, KeyError, IndexError...
            self.error(node, f"cannot read {shorten(node.value)!r} as {tag[len(_TAG):]}: {exc.__class__.__name__}")
            return None


def _decode(raw: bytes, display: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1  # in characters, as editors count
        raise ContentError(
            [Diagnostic(display, line, col, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})")]
        ) from None
    return text.removeprefix("\ufeff")


def parse_yaml(raw: bytes, display: str) -> YamlDoc:
    """Parse one YAML document from ``raw`` bytes.

    Args:
        raw: the file's bytes.
        display: the name used in diagnostics.

    Returns:
        The document with positions.

    Raises:
        ContentError: on every problem, each with its line and column.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(
            [Diagnostic(display, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        )
    text = _decode(raw, display)
    # The garbage collector running mid-parse makes big files several times slower; nothing in a
    # parse creates reference cycles worth collecting, so pause it.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # A control character YAML refuses (an ESC byte, NUL, C1). libyaml gives its position as a
        # byte offset in the UTF-8 text, the pure-Python reader as a character index.
        offset = exc.position
        if _Loader is not yaml.SafeLoader:
            offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        before = text[:offset]
        line = before.count("\n") + 1
        col = offset - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise ContentError(
            [Diagnostic(display, line, col, f"control character 0x{char:02x} is not allowed in a YAML file")]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}" if "found" in exc.problem else exc.problem
        if mark and text[mark.index : mark.index + 1] == "\t":
            problem += " (a tab: indent with spaces, not tabs)"
        raise ContentError([Diagnostic(display, line, col, f"YAML syntax: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Diagnostic(display, 1, 1, f"YAML: {exc}")]) from None
    except RecursionError:
        raise ContentError([Diagnostic(display, 1, 1, "nesting is too deep")]) from None
    finally:
        if was_enabled:
            gc.enable()
    if node is None:
        raise ContentError([Diagnostic(display, 1, 1, "the file is empty")])
    doc = YamlDoc(display, None)
    walker = _Walker(doc, text)
    doc.data = walker.walk(node, (), 0)
    if walker.errors:
        raise ContentError(walker.errors)
    return doc


def load_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """Read and parse a YAML file; every failure, I/O included, is a ContentError."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError([Diagnostic(shown, 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Diagnostic(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    return parse_yaml(raw, shown)
