"""A parsed YAML document that knows where each value stands: ``path:line:col`` for any diagnostic.

:mod:`game.engine.content.yamlsafe` builds a :class:`YamlDoc` from a file; loaders and the story lint
ask it for positions (``doc.diag(path, message)``) long after the parse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from game.engine.content.diagnostics import Diagnostic
from game.engine.content.text import clean_text

if TYPE_CHECKING:  # the nodes are told apart by their ``id``: a game started from the pack cache
    import yaml  # (game.engine.pack_cache) never imports the YAML parser, and this module is on its path

Path_ = tuple[str | int, ...]
"""A path to a value from the document root: mapping keys and list indexes."""

_STR = "tag:yaml.org,2002:str"


def _is_mapping(node: yaml.Node) -> TypeGuard[yaml.MappingNode]:
    return getattr(node, "id", None) == "mapping"  # yaml.MappingNode.id


def _is_sequence(node: yaml.Node) -> TypeGuard[yaml.SequenceNode]:
    return getattr(node, "id", None) == "sequence"  # yaml.SequenceNode.id


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break (libyaml's marks count every one of these)."""


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, col) of character ``offset`` of ``text``, counting lines as YAML does.

    An ``offset`` at or past the end is the end of the last line: libyaml puts the end of a file with
    no final line break on a line of its own, which an editor does not show.
    """
    offset = min(offset, len(text))
    line, start = 1, 0
    for brk in _LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, brk.end()
    return line, offset - start + 1


_Tables = tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]], dict[Path_, str]]
"""Positions of values, positions of keys, and the source of non-text scalars, by path."""


class YamlDoc:
    """A parsed YAML document: plain values, and the position of each of them.

    Positions are looked up on demand in the node tree the document was read from (recording one per
    value up front was a quarter of the load time of a big pack, and nearly all of them went unread).
    A document only exists when the walk found no problem, so the tree has no aliases, no duplicate or
    non-text keys and no foreign tags, and a path resolves in it exactly as in :attr:`data`.
    """

    __slots__ = ("display", "data", "_root", "_text", "_keys", "_tables")

    def __init__(self, display: str, data: Any, root: yaml.Node | None = None, text: str = "") -> None:
        self.display = display
        self.data = data
        self._root = root
        self._text = text
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        self._tables: _Tables | None = None

    @property
    def text(self) -> str:
        """The text the document was parsed from ("" when it was not parsed from text)."""
        return self._text

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        if mark.index >= len(self._text):  # a null at the very end of a file without a final break
            return text_position(self._text, len(self._text))
        return mark.line + 1, mark.column + 1

    def _resolve(self, path: Path_) -> tuple[yaml.Node, yaml.Node | None] | None:
        """The node at the longest prefix of ``path`` that exists, and the key node that introduces it
        (None for the root and for list items); None for a document without a tree."""
        node = self._root
        if node is None:
            return None
        key_node: yaml.Node | None = None
        for step in path:
            if _is_mapping(node) and isinstance(step, str):
                pair = self._pair(node, step)
                if pair is None:
                    break
                key_node, node = pair
            elif _is_sequence(node) and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                break
        return node, key_node

    def _pair(self, node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        """The (key node, value node) of ``key`` in a mapping node."""
        pairs = node.value
        if len(pairs) <= 16:
            # Most lookups are in a small mapping (a question); a key written as it reads is found
            # without cleaning anything: ``key`` is clean text, and no two keys clean alike.
            for pair in pairs:
                if pair[0].value == key:
                    return cast("tuple[yaml.Node, yaml.Node]", pair)
        keys = self._keys.get(id(node))
        if keys is None:
            keys = self._keys[id(node)] = {clean_text(k.value): (k, v) for k, v in pairs}
        return keys.get(key)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path`` (of its key with ``key``), or of its nearest ancestor that has one."""
        found = self._resolve(path)
        if found is None:
            return 1, 1
        node, key_node = found
        return self._mark(key_node if key and key_node is not None else node)

    def diag(self, path: Path_, message: str, *, key: bool = False, severity: str = "error") -> Diagnostic:
        """A diagnostic at ``path``."""
        line, col = self.position(path, key=key)
        return Diagnostic(self.display, line, col, message, severity)  # type: ignore[arg-type]

    def _build_tables(self) -> _Tables:
        if self._tables is None:
            marks: dict[Path_, tuple[int, int]] = {}
            key_marks: dict[Path_, tuple[int, int]] = {}
            sources: dict[Path_, str] = {}
            stack: list[tuple[Path_, yaml.Node]] = [((), self._root)] if self._root is not None else []
            while stack:
                path, node = stack.pop()
                marks[path] = self._mark(node)
                if _is_mapping(node):
                    for key_node, value_node in node.value:
                        child = (*path, clean_text(key_node.value))
                        key_marks[child] = self._mark(key_node)
                        stack.append((child, value_node))
                elif _is_sequence(node):
                    stack.extend(((*path, i), item) for i, item in enumerate(node.value))
                elif node.tag != _STR:
                    sources[path] = node.value
            self._tables = (marks, key_marks, sources)
        return self._tables

    @property
    def marks(self) -> dict[Path_, tuple[int, int]]:
        """Position (1-based line, col) of each value, by path from the root (built on first use)."""
        return self._build_tables()[0]

    @property
    def key_marks(self) -> dict[Path_, tuple[int, int]]:
        """Position of the key that introduces the value at a path (built on first use)."""
        return self._build_tables()[1]

    @property
    def scalar_source(self) -> dict[Path_, str]:
        """The source text of each scalar that YAML read as something other than a string."""
        return self._build_tables()[2]
