"""Story conditions: a small, safe expression language, parsed and type-checked at load, never ``eval``'d.

A choice's ``if:`` is an expression over the scenario's variables and the scenes already visited::

    supplies >= 2 and not visited("checkpoint")
    trust == 0 or (met_envoy and visits("market") < 3)

The syntax is in :mod:`game.engine.story.condsyntax`. Types are ``int`` and ``bool``; ``and``/``or``/``not``
take bools, ``<`` and friends take ints, ``==`` and ``!=`` take two of the same type, and the whole
condition must be a bool. ``visited("s")`` is a bool and ``visits("s")`` the number of times scene ``s``
was entered. Checked conditions compile to closures, and a false one explains itself to the player.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet

from msgspec import Struct, field

from game.engine.story.condsyntax import (
    KEYWORDS,
    MAX_LENGTH,
    BoolOp,
    Compare,
    ConditionError,
    Literal,
    Node,
    Not,
    Value,
    Var,
    Visit,
    parse,
)

Evaluator = Callable[[Mapping[str, Value], Mapping[str, int]], Value]
"""A compiled expression: ``(variables, visit counts) -> value``."""

_COMPARE: dict[str, Callable[[Value, Value], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_PRETTY = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}

__all__ = [
    "KEYWORDS",
    "MAX_LENGTH",
    "Condition",
    "ConditionError",
    "Value",
    "explain",
    "parse_condition",
    "render",
]


# --- checking against a scenario --------------------------------------------------------------


class Condition(Struct):
    """A parsed, checked and compiled condition."""

    source: str
    node: Node
    evaluate: Evaluator
    variables: set[str] = field(default_factory=set)
    """Variables the condition reads."""
    visits: dict[str, int | None] = field(default_factory=dict)
    """Scenes it asks about → the count beyond which more visits change nothing, or None when there is
    no such count. ``visited("s")`` only tells 0 from 1 (cap 1); ``visits("s") == 3`` tells 0 to 3 and
    "4 or more" apart (cap 4); ``visits("s") > trust`` compares with a variable (None). The playtest
    walk saturates counts at the cap, which keeps loops through a counted scene finite."""
    numbers: dict[str, int | None] = field(default_factory=dict)
    """Int variables it reads → the same kind of cap: for a variable compared only with numbers, the
    largest of them plus one; None when it is compared with anything else."""

    def __call__(self, variables: Mapping[str, Value], visits: Mapping[str, int]) -> bool:
        return bool(self.evaluate(variables, visits))


def parse_condition(
    source: str,
    variables: Mapping[str, str],
    scenes: AbstractSet[str],
    endings: AbstractSet[str] = frozenset(),
) -> Condition:
    """Parse and check one condition.

    Args:
        source: the condition as written.
        variables: declared variable names → ``"int"`` or ``"bool"``.
        scenes: the scenario's scene ids (what ``visited``/``visits`` may name).
        endings: the scenario's ending ids, named in the error when used by mistake.

    Returns:
        The compiled condition.

    Raises:
        ConditionError: on a syntax error, an unknown name, or a type mismatch.
    """
    node = parse(source)
    condition = Condition(source, node, _compile(node))
    kind = _check(node, variables, scenes, endings, condition)
    if kind != "bool":
        hint = f"; compare it, e.g. {source.strip()} > 0" if isinstance(node, Var | Visit) else ""
        raise ConditionError(f"a condition must be true or false, but this is a number{hint}", node.at)
    return condition


def _check(
    node: Node,
    variables: Mapping[str, str],
    scenes: AbstractSet[str],
    endings: AbstractSet[str],
    out: Condition,
) -> str:
    """The type of ``node`` (``int`` or ``bool``); records what it reads in ``out``."""
    if isinstance(node, Literal):
        return "bool" if isinstance(node.value, bool) else "int"
    if isinstance(node, Var):
        if node.name not in variables:
            raise ConditionError(f"unknown variable {node.name!r}{_suggest(node.name, variables)}", node.at)
        out.variables.add(node.name)
        return variables[node.name]
    if isinstance(node, Visit):
        if node.scene not in scenes:
            why = " is an ending, and the story stops there" if node.scene in endings else ""
            hint = "" if why else _suggest(node.scene, scenes, "scenes")
            raise ConditionError(
                f"{node.func}({node.scene!r}): {node.scene!r}{why or ' is not a scene'}{hint}", node.at
            )
        if node.func == "visited":
            _cap(out.visits, node.scene, 1)
        return "bool" if node.func == "visited" else "int"
    if isinstance(node, Not):
        _need(node.operand, "bool", "'not'", variables, scenes, endings, out)
        return "bool"
    if isinstance(node, BoolOp):
        for operand in node.operands:
            _need(operand, "bool", f"'{node.op}'", variables, scenes, endings, out)
        return "bool"
    assert isinstance(node, Compare)
    left = _check(node.left, variables, scenes, endings, out)
    right = _check(node.right, variables, scenes, endings, out)
    if node.op in ("==", "!="):
        if left != right:
            raise ConditionError(f"'{node.op}' compares a {_noun(left)} with a {_noun(right)}", node.at)
    elif left != "int" or right != "int":
        raise ConditionError(f"'{node.op}' compares numbers; use == or != for true/false", node.at)
    for one, other in ((node.left, node.right), (node.right, node.left)):
        # Against a number k, every value above k compares alike; against anything else, none do.
        known = isinstance(other, Literal) and not isinstance(other.value, bool)
        cap = int(other.value) + 1 if isinstance(other, Literal) and known else None
        if isinstance(one, Visit) and one.func == "visits":
            _cap(out.visits, one.scene, None if cap is None else max(1, cap))
        elif isinstance(one, Var) and variables[one.name] == "int":
            _cap(out.numbers, one.name, cap)
    return "bool"


def _cap(table: dict[str, int | None], key: str, cap: int | None) -> None:
    """Merge a cap into ``table``: the larger cap wins, and None (no cap) wins over all."""
    table[key] = merge_caps(table[key], cap) if key in table else cap


def merge_caps(one: int | None, other: int | None) -> int | None:
    """The cap that serves two uses: the larger, or None when either has none."""
    return None if one is None or other is None else max(one, other)


def _need(
    node: Node,
    kind: str,
    what: str,
    variables: Mapping[str, str],
    scenes: AbstractSet[str],
    endings: AbstractSet[str],
    out: Condition,
) -> None:
    if _check(node, variables, scenes, endings, out) != kind:
        raise ConditionError(f"{what} needs true/false, but this is a number; compare it, e.g. > 0", node.at)


def _noun(kind: str) -> str:
    return "number" if kind == "int" else "true/false value"


def _suggest(name: str, known: Mapping[str, object] | AbstractSet[str], what: str = "variables") -> str:
    import difflib  # only when a name is wrong: difflib is a slow import

    close = difflib.get_close_matches(name, sorted(known), n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; the {what}: {', '.join(sorted(known))}" if known else f"; no {what} are declared"


# --- compiling --------------------------------------------------------------------------------


def _compile(node: Node) -> Evaluator:
    """A closure per node: evaluated thousands of times a second by the playtest walk."""
    if isinstance(node, Literal):
        value = node.value
        return lambda v, s: value
    if isinstance(node, Var):
        name = node.name
        return lambda v, s: v[name]
    if isinstance(node, Visit):
        scene = node.scene
        if node.func == "visited":
            return lambda v, s: s.get(scene, 0) > 0
        return lambda v, s: s.get(scene, 0)
    if isinstance(node, Not):
        inner = _compile(node.operand)
        return lambda v, s: not inner(v, s)
    if isinstance(node, BoolOp):
        parts = [_compile(n) for n in node.operands]
        if node.op == "and":
            return lambda v, s: all(p(v, s) for p in parts)
        return lambda v, s: any(p(v, s) for p in parts)
    assert isinstance(node, Compare)
    left, right, op = _compile(node.left), _compile(node.right), _COMPARE[node.op]
    return lambda v, s: op(left(v, s), right(v, s))


# --- explaining -------------------------------------------------------------------------------


def render(node: Node, labels: Mapping[str, str] | None = None) -> str:
    """The condition for a player to read: ``supplies ≥ 2 and checkpoint not yet visited``.

    Args:
        node: the parsed condition.
        labels: display names of variables and scenes, where they have one.
    """
    names = labels or {}
    if isinstance(node, Literal):
        return str(node.value).lower()
    if isinstance(node, Var):
        return names.get(node.name, node.name)
    if isinstance(node, Visit):
        scene = names.get(node.scene, node.scene)
        return f"{scene} visited" if node.func == "visited" else f"visits to {scene}"
    if isinstance(node, Not):
        if isinstance(node.operand, Visit) and node.operand.func == "visited":
            return f"{names.get(node.operand.scene, node.operand.scene)} not yet visited"
        return f"not {_wrap(node.operand, names)}"
    if isinstance(node, BoolOp):
        return f" {node.op} ".join(_wrap(n, names) for n in node.operands)
    assert isinstance(node, Compare)
    return f"{render(node.left, names)} {_PRETTY[node.op]} {render(node.right, names)}"


def _wrap(node: Node, names: Mapping[str, str]) -> str:
    text = render(node, names)
    return f"({text})" if isinstance(node, BoolOp) else text


def explain(
    condition: Condition,
    variables: Mapping[str, Value],
    visits: Mapping[str, int],
    labels: Mapping[str, str] | None = None,
) -> str:
    """Why ``condition`` is false now: ``needs supplies ≥ 2 (supplies is 1)``.

    Of a top-level ``and``, only the parts that fail are named.
    """
    node = condition.node
    parts = node.operands if isinstance(node, BoolOp) and node.op == "and" else (node,)
    failing = [p for p in parts if not _compile(p)(variables, visits)] or list(parts)
    names = labels or {}
    shown = render(failing[0], names) if len(failing) == 1 else " and ".join(_wrap(p, names) for p in failing)
    now: list[str] = []
    for part in failing:
        for name, is_visit in _reads(part):
            value = visits.get(name, 0) if is_visit else variables.get(name)
            if isinstance(value, bool) or value is None:
                continue  # "not met_envoy" already says what a true/false value is
            shown_name = f"visits to {names.get(name, name)}" if is_visit else names.get(name, name)
            entry = f"{shown_name} {'are' if is_visit else 'is'} {value}"
            if entry not in now:
                now.append(entry)
    return f"needs {shown}" + (f" ({', '.join(now)})" if now else "")


def _reads(node: Node) -> list[tuple[str, bool]]:
    """The numbers ``node`` reads: (variable name, False) or (scene id, True) for ``visits``."""
    if isinstance(node, Var):
        return [(node.name, False)]
    if isinstance(node, Visit):
        return [(node.scene, True)] if node.func == "visits" else []
    if isinstance(node, Not):
        return _reads(node.operand)
    if isinstance(node, BoolOp):
        return [read for n in node.operands for read in _reads(n)]
    if isinstance(node, Compare):
        return _reads(node.left) + _reads(node.right)
    return []
