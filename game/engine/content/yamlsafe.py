"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` is not safe enough for files that players and teachers write by hand: it raises
half a dozen exception types besides ``YAMLError`` on bad scalars, expands alias bombs into structures
that take minutes to walk, silently keeps the last of two duplicate keys, and loses every line number.
Here the C composer builds the node tree (fast, and it never expands aliases), and a small walker
turns nodes into plain Python values while recording each value's position. Anything odd becomes a
:class:`~game.engine.content.diagnostics.Diagnostic` instead of an exception.

Limits: files over :data:`MAX_FILE_BYTES`, nesting deeper than :data:`MAX_DEPTH`, anchors reused by
aliases, merge keys and any tag outside the YAML core schema are refused. The document and its
positions are :class:`~game.engine.content.yamldoc.YamlDoc` (re-exported here with ``Path_``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import yaml

from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.text import clean_text
from game.engine.content.yamldoc import Path_, YamlDoc, text_position

MAX_FILE_BYTES = 1_000_000
"""A pack file larger than this is refused before parsing (a 5.5 MB file took 6.5 s and 450 MB)."""
MAX_DEPTH = 32
"""Deeper nesting than any real pack needs; refusing it keeps the walker's recursion bounded."""

_Scalar, _Sequence, _Mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same behaviour
    _Base = yaml.SafeLoader

_IMPLICIT: dict[str | None, list[tuple[str, Any]]] = _Base.yaml_implicit_resolvers
_ANY_FIRST: tuple[tuple[str, Any], ...] = tuple(_IMPLICIT.get(None, ()))
_BY_FIRST = {first: (*found, *_ANY_FIRST) for first, found in _IMPLICIT.items() if first is not None}
"""The implicit resolvers (``null``, ``bool``, ``int``...) by the first character of a plain scalar, with
those for any first character after them: what PyYAML's ``resolve`` concatenates again for each one."""


class _Loader(_Base):
    """The safe loader with PyYAML's own tag resolution, made cheaper: the composer calls ``resolve``
    for every node (a Python call from C), and PyYAML's builds two lists and looks for path resolvers,
    which the safe loader never has (~a tenth of composing a pack)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _Scalar:
            if implicit[0]:
                for tag, regexp in _BY_FIRST.get(value[:1], _ANY_FIRST):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
        if kind is _Sequence:
            return self.DEFAULT_SEQUENCE_TAG  # type: ignore[no-any-return]
        return self.DEFAULT_MAPPING_TAG  # type: ignore[no-any-return]


_TAG = "tag:yaml.org,2002:"
_STR = f"{_TAG}str"
_MAP = f"{_TAG}map"
_SEQ = f"{_TAG}seq"
_MERGE = f"{_TAG}merge"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}

def shorten(value: str, limit: int = 40) -> str:
    """``value`` cut to ``limit`` characters for an error message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


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
    """Turns a composed node tree into plain values, collecting problems instead of raising.

    This runs once per node of every file, so it is kept lean: no paths (positions come from the
    tree later, see :class:`YamlDoc`), tag constants instead of formatted strings, and the alias
    check only when the text has a ``*`` (without one the composer never shares a node).
    """

    def __init__(self, doc: YamlDoc, text: str = "") -> None:
        self.doc = doc
        self.text = text
        self.has_hash = "#" in text  # once: a test per scalar would make big files quadratic
        self.errors: list[Diagnostic] = []
        self.seen: set[int] | None = set() if "*" in text else None
        self.alias_reported = False
        self.constructor = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node, message: str) -> None:
        line, col = self.doc._mark(node)
        self.errors.append(Diagnostic(self.doc.display, line, col, message))

    def walk(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.error(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        # The composer shares one node object between an anchor and its aliases; walking it twice
        # is how alias bombs explode, and a node that contains itself is a cycle. Refuse both.
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                self.alias(node)
                return None
            seen.add(id(node))
        kind = node.__class__
        if kind is _Scalar:
            return self.scalar(cast(yaml.ScalarNode, node))
        if kind is _Mapping:
            return self.mapping(cast(yaml.MappingNode, node), depth)
        if node.tag != _SEQ:
            self.error(node, f"unsupported tag {_tag(node.tag)!r} on a list")
            return None
        depth += 1
        walk = self.walk
        if self.seen is None and depth <= MAX_DEPTH:
            text = self.text_of
            return [
                text(item) if item.tag == _STR and item.__class__ is _Scalar else walk(item, depth)
                for item in node.value
            ]
        return [walk(item, depth) for item in node.value]

    def alias(self, node: yaml.Node) -> None:
        if not self.alias_reported:  # one line is enough; a bomb would otherwise print thousands
            line, col = _first_alias(self.text) or self.doc._mark(node)
            message = "anchors and aliases (&name / *name) are not supported: write the value out"
            self.errors.append(Diagnostic(self.doc.display, line, col, message))
            self.alias_reported = True

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self.error(node, f"unsupported tag {_tag(node.tag)!r} on a mapping")
            return None
        result: dict[str, Any] = {}
        depth += 1
        walk = self.walk
        # Text values, most of a file, skip the generic walk when there is nothing it would check.
        text = self.text_of if self.seen is None and depth <= MAX_DEPTH else None
        for key_node, value_node in node.value:
            if key_node.tag != _STR or key_node.__class__ is not _Scalar:
                if key_node.tag == _MERGE:
                    self.error(key_node, "merge keys (<<) are not supported: write the keys out")
                    continue
                shown = shorten(key_node.value) if isinstance(key_node, _Scalar) else "a collection"
                message = f"a key must be plain text, not {shown!r}; quote it if it is meant as text"
                self.error(key_node, message)
                continue
            key = key_node.value
            if not key.isprintable():
                key = clean_text(key)
            if key in result:
                keys = (k for k, _v in node.value if k.tag == _STR and k.__class__ is _Scalar)
                first = next(k for k in keys if clean_text(k.value) == key)
                line = self.doc._mark(first)[0]
                self.error(key_node, f"duplicate key {key!r} (first defined at line {line})")
                continue
            if text is not None and value_node.tag == _STR and value_node.__class__ is _Scalar:
                result[key] = text(value_node)
            else:
                result[key] = walk(value_node, depth)
        return result

    def check_comment(self, node: yaml.ScalarNode) -> None:
        """Refuse a plain value cut short by a ``#`` the author meant as text."""
        # The end mark's index is a character offset in the text (libyaml counts code points), and
        # the pattern cannot cross a line break: no need to split the text into lines at all.
        if _GLUED_COMMENT.match(self.text, node.end_mark.index):
            self.error(
                node,
                f"YAML reads ' #' as the start of a comment, so this text ends at {shorten(node.value)!r}; "
                "put it in quotes if the rest belongs to it",
            )

    def text_of(self, node: yaml.ScalarNode) -> str:
        """The value of a text scalar."""
        if self.has_hash and not node.style:
            self.check_comment(node)
        value: str = node.value
        return value if value.isprintable() else clean_text(value)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return self.text_of(node)
        if tag not in _SCALAR_TAGS:
            self.error(node, f"unsupported tag {_tag(tag)!r}: only plain YAML values are allowed")
            return None
        construct = getattr(self.constructor, f"construct_yaml_{tag[len(_TAG):]}")
        try:
            return construct(node)
        except Exception as exc:  # noqa: BLE001 - PyYAML raises ValueError, KeyError, IndexError...
            kind = tag[len(_TAG) :]
            self.error(node, f"cannot read {shorten(node.value)!r} as {kind}: {exc.__class__.__name__}")
            return None


def _decode(raw: bytes, display: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The good part before the bad byte, counted as the YAML reader and an editor count it: in
        # characters, not bytes, after a BOM, with every YAML line break.
        before = raw[: exc.start].decode("utf-8").lstrip("\ufeff")
        line, col = text_position(before, len(before))
        raise ContentError(
            [Diagnostic(display, line, col, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})")]
        ) from None
    # Every leading BOM, not just one: libyaml skips one more itself without counting it in its marks,
    # which would put every position after a doubled BOM one character off (and past the end).
    return text.lstrip("\ufeff")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a load.

    A load allocates hundreds of thousands of containers and no reference cycle worth collecting;
    with the collector on, its passes over everything allocated so far made big packs several times
    slower. Nesting is fine: only the outermost pause turns it back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    with gc_paused():
        node = _compose(text, display)
        if node is None:
            raise ContentError([Diagnostic(display, 1, 1, "the file is empty")])
        doc = YamlDoc(display, None, node, text)
        walker = _Walker(doc, text)
        doc.data = walker.walk(node, 0)
    if walker.errors:
        raise ContentError(walker.errors)
    return doc


def _compose(text: str, display: str) -> yaml.Node | None:
    """The node tree of ``text``; every parse error as a positioned ContentError."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # A control character YAML refuses (an ESC byte, NUL, C1). libyaml gives its position as a
        # byte offset in the UTF-8 text, the pure-Python reader as a character index.
        offset = exc.position
        if not issubclass(_Loader, yaml.SafeLoader):  # libyaml counts bytes
            offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, col = text_position(text, offset)
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise ContentError(
            [Diagnostic(display, line, col, f"control character 0x{char:02x} is not allowed in a YAML file")]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark and mark.index >= len(text):  # libyaml's end of a file with no final line break
            line, col = text_position(text, len(text))
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


def load_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """Read and parse a YAML file; every failure, I/O included, is a ContentError."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            raise ContentError([Diagnostic(shown, 1, 1, message)])
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Diagnostic(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    return parse_yaml(raw, shown)


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Path_",
    "YamlDoc",
    "gc_paused",
    "load_yaml",
    "parse_yaml",
    "shorten",
    "text_position",
]
