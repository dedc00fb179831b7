"""The syntax of story conditions: a hand-written tokenizer and recursive-descent parser.

Grammar (lowest precedence first)::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand [("==" | "!=" | "<" | "<=" | ">" | ">=") operand]
    operand    := INT | "-" INT | "true" | "false" | NAME
                | ("visited" | "visits") "(" STRING ")" | "(" expr ")"

:func:`parse` turns source text into a tree of :class:`Node` objects; nothing here knows a scenario
(names are checked by :mod:`game.engine.story.conditions`). Every problem is a :class:`ConditionError`
carrying the 0-based offset in the source where it was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from msgspec import Struct

Value = int | bool

MAX_LENGTH = 500
"""A longer condition is refused: nobody writes one that long by hand."""
MAX_NESTING = 20
"""Parentheses and ``not`` nested deeper than this are refused, which bounds the parser's recursion."""
KEYWORDS = frozenset({"and", "or", "not", "true", "false", "visited", "visits"})
"""Words a variable may not be named."""
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")

_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<int>\d+)|(?P<name>[A-Za-z_]\w*)|(?P<str>"[^"]*"|'[^']*')"""
    r"""|(?P<op>==|!=|<=|>=|&&|\|\||[<>()=!,&|-])"""
)
# Operators people bring from other languages, and what to write instead.
_FOREIGN = {"&&": "and", "||": "or", "!": "not", "=": "==", "&": "and", "|": "or"}
_FOREIGN_WORDS = {"True": "true", "False": "false", "AND": "and", "OR": "or", "NOT": "not"}


class ConditionError(ValueError):
    """A condition that does not parse or type-check; ``offset`` is 0-based in the source."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# --- syntax tree ------------------------------------------------------------------------------


# Frozen Structs rather than dataclasses: the same positional fields, equality, hashing and match
# arguments, created in microseconds instead of ~0.4 ms each at import.
class Node(Struct, frozen=True):
    """A parsed expression; ``at`` is its offset in the source."""

    at: int


class Literal(Node, frozen=True):
    value: Value


class Var(Node, frozen=True):
    name: str


class Visit(Node, frozen=True):
    func: str
    """``visited`` (a bool) or ``visits`` (a count)."""
    scene: str


class Not(Node, frozen=True):
    operand: Node


class BoolOp(Node, frozen=True):
    op: str
    """``and`` or ``or``."""
    operands: tuple[Node, ...]


class Compare(Node, frozen=True):
    op: str
    left: Node
    right: Node


# --- tokens and parser ------------------------------------------------------------------------


class _Tok(Struct, frozen=True):
    kind: str
    text: str
    at: int


def tokenize(source: str) -> list[_Tok]:
    """Split ``source`` into tokens; an end token closes the list."""
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            if char in "\"'":
                raise ConditionError("text in quotes is not closed", pos)
            raise ConditionError(f"unexpected character {char!r}", pos)
        kind = match.lastgroup or "op"
        if kind != "space":
            text = match.group()
            if kind == "op" and text in _FOREIGN:
                raise ConditionError(f"{text!r} is not an operator here; write {_FOREIGN[text]!r}", pos)
            tokens.append(_Tok(kind, text, pos))
        pos = match.end()
    tokens.append(_Tok("end", "", len(source)))
    return tokens


class _Parser:
    """Recursive descent over the tokens, one method per grammar rule."""

    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.pos = 0
        self.depth = 0

    def nest(self, at: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(f"nested more than {MAX_NESTING} levels deep", at)

    def peek(self) -> _Tok:
        return self.tokens[self.pos]

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expect(self, text: str, what: str) -> _Tok:
        tok = self.peek()
        if tok.text != text or tok.kind == "str":
            raise ConditionError(f"expected {what}, found {_describe(tok)}", tok.at)
        return self.take()

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ConditionError("the condition is empty", 0)
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            if tok.text in _FOREIGN_WORDS:
                raise ConditionError(f"write {_FOREIGN_WORDS[tok.text]!r}, not {tok.text!r}", tok.at)
            hint = "; join conditions with 'and' or 'or'" if tok.kind in ("name", "int", "str") else ""
            raise ConditionError(f"unexpected {_describe(tok)}{hint}", tok.at)
        return node

    def expr(self) -> Node:
        return self._chain("or", self.and_expr)

    def and_expr(self) -> Node:
        return self._chain("and", self.not_expr)

    def _chain(self, word: str, inner: Callable[[], Node]) -> Node:
        first = inner()
        operands = [first]
        while self.peek().kind == "name" and self.peek().text == word:
            self.take()
            operands.append(inner())
        return first if len(operands) == 1 else BoolOp(first.at, word, tuple(operands))

    def not_expr(self) -> Node:
        tok = self.peek()
        if tok.kind == "name" and tok.text == "not":
            self.take()
            self.nest(tok.at)
            operand = self.not_expr()
            self.depth -= 1
            return Not(tok.at, operand)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        tok = self.peek()
        if tok.kind != "op" or tok.text not in COMPARISONS:
            return left
        self.take()
        right = self.operand()
        after = self.peek()
        if after.kind == "op" and after.text in COMPARISONS:
            raise ConditionError("chained comparisons are not supported; join them with 'and'", after.at)
        return Compare(tok.at, tok.text, left, right)

    def operand(self) -> Node:
        tok = self.take()
        if tok.kind == "int":
            return Literal(tok.at, _int(tok))
        if tok.kind == "op" and tok.text == "-" and self.peek().kind == "int":
            return Literal(tok.at, -_int(self.take()))
        if tok.kind == "op" and tok.text == "(":
            self.nest(tok.at)
            inner = self.expr()
            self.expect(")", "')'")
            self.depth -= 1
            return inner
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return Literal(tok.at, tok.text == "true")
            if tok.text in ("visited", "visits"):
                self.expect("(", f"'(' after {tok.text}")
                arg = self.take()
                if arg.kind != "str":
                    raise ConditionError(
                        f'{tok.text}() takes a scene id in quotes, like {tok.text}("start")', arg.at
                    )
                self.expect(")", "')'")
                return Visit(tok.at, tok.text, arg.text[1:-1])
            if tok.text in _FOREIGN_WORDS:
                raise ConditionError(f"write {_FOREIGN_WORDS[tok.text]!r}, not {tok.text!r}", tok.at)
            if tok.text in KEYWORDS:
                raise ConditionError(f"expected a value, found {tok.text!r}", tok.at)
            return Var(tok.at, tok.text)
        if tok.kind == "str":
            raise ConditionError("text in quotes only goes inside visited(...) or visits(...)", tok.at)
        raise ConditionError(f"expected a value, found {_describe(tok)}", tok.at)


def _int(tok: _Tok) -> int:
    if len(tok.text) > 9:  # conditions compare small counters; a huge literal is a typo
        raise ConditionError(f"the number {tok.text[:12]}… is too large", tok.at)
    return int(tok.text)


def _describe(tok: _Tok) -> str:
    return "the end of the condition" if tok.kind == "end" else repr(tok.text)


def parse(source: str) -> Node:
    """The syntax tree of ``source``.

    Raises:
        ConditionError: on a syntax error, with its offset.
    """
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    return _Parser(source).parse()
