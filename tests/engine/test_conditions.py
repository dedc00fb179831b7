"""The condition language of story choices: values, precedence, types, errors with offsets, explanations."""

from __future__ import annotations

import pytest

from game.engine.story.conditions import ConditionError, explain, parse_condition, render

TYPES = {"supplies": "int", "trust": "int", "met": "bool", "armed": "bool"}
SCENES = {"start", "checkpoint", "market"}
ENDINGS = {"home"}
VARS = {"supplies": 2, "trust": -1, "met": True, "armed": False}
VISITS = {"start": 1, "market": 3}


def holds(source: str, variables: dict[str, int | bool] = VARS, visits: dict[str, int] = VISITS) -> bool:
    return parse_condition(source, TYPES, SCENES, ENDINGS)(variables, visits)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("supplies >= 2", True),
        ("supplies > 2", False),
        ("supplies <= 2 and supplies < 3", True),
        ("supplies == 2", True),
        ("supplies != 2", False),
        ("trust == -1", True),
        ("trust < 0", True),
        ("met", True),
        ("armed", False),
        ("not armed", True),
        ("not not met", True),
        ("met == true", True),
        ("armed != false", False),
        ("true", True),
        ("false or met", True),
        ("armed or supplies > 5", False),
        # `and` binds tighter than `or`; parentheses override.
        ("met or armed and false", True),
        ("(met or armed) and false", False),
        ("not armed and met", True),
        ("not (armed or met)", False),
        ('visited("start")', True),
        ('visited("checkpoint")', False),
        ('not visited("checkpoint") and supplies >= 2', True),
        ('visits("market") == 3', True),
        ('visits("checkpoint") == 0', True),
        ("visits('market') > visits('start')", True),
    ],
)
def test_values(source: str, expected: bool) -> None:
    assert holds(source) is expected


def test_whitespace_and_quotes_do_not_matter() -> None:
    assert holds("  supplies>=2   and\tmet ") is True
    assert holds("visited('start')") == holds('visited("start")')


def test_condition_records_what_it_reads() -> None:
    condition = parse_condition(
        'met and supplies > 1 or visits("market") > 2 and visited("market")', TYPES, SCENES
    )
    assert condition.variables == {"met", "supplies"}
    assert condition.visits == {"market": 3}


@pytest.mark.parametrize(
    ("source", "caps"),
    [
        ('visited("market")', {"market": 1}),
        ('visits("market") < 3', {"market": 4}),
        ('visits("market") < 3 or 5 == visits("market")', {"market": 6}),
        ('visits("market") > -4', {"market": 1}),
        ('visits("market") > supplies', {"market": None}),
        ('visits("market") == visits("start")', {"market": None, "start": None}),
        ('visits("market") > supplies or visited("market")', {"market": None}),
        ('visited("start") and visits("market") >= 2', {"start": 1, "market": 3}),
    ],
)
def test_visit_caps_bound_what_the_playtest_tracks(source: str, caps: dict[str, int | None]) -> None:
    """Counts above the cap compare alike with every literal, so the walk may saturate them there."""
    assert parse_condition(source, TYPES, SCENES).visits == caps


@pytest.mark.parametrize(
    ("source", "offset", "message"),
    [
        ("", 0, "the condition is empty"),
        ("   ", 0, "the condition is empty"),
        ("supplies >=", 11, "expected a value, found the end of the condition"),
        ("supplies >= 2 annd met", 14, "unexpected 'annd'; join conditions with 'and' or 'or'"),
        ("supplies && met", 9, "'&&' is not an operator here; write 'and'"),
        ("met || armed", 4, "write 'or'"),
        ("!met", 0, "write 'not'"),
        ("supplies = 2", 9, "write '=='"),
        ("(met and armed", 14, "expected ')'"),
        ("met)", 3, "unexpected ')'"),
        ("1 < supplies < 3", 13, "chained comparisons are not supported"),
        ("supplies > 2 met", 13, "unexpected 'met'"),
        ("visited(start)", 8, "takes a scene id in quotes"),
        ('visited "start"', 8, "expected '(' after visited"),
        ('"start"', 0, "text in quotes only goes inside visited(...)"),
        ('visited("start', 8, "text in quotes is not closed"),
        ("supplies > 2 $", 13, "unexpected character '$'"),
        ("True", 0, "write 'true', not 'True'"),
        ("met AND armed", 4, "write 'and'"),
        ("supplies > 1234567890", 11, "is too large"),
        ("(" * 25 + "met" + ")" * 25, 20, "nested more than 20 levels deep"),
        ("not " * 25 + "met", 80, "nested more than 20 levels deep"),
        ("x" * 501, 500, "longer than 500 characters"),
    ],
)
def test_syntax_errors_say_where(source: str, offset: int, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(source, TYPES, SCENES, ENDINGS)
    assert message in caught.value.message
    assert caught.value.offset == offset


@pytest.mark.parametrize(
    ("source", "offset", "message"),
    [
        ("suplies > 1", 0, "unknown variable 'suplies'; did you mean 'supplies'?"),
        ("zzz", 0, "unknown variable 'zzz'; the variables: armed, met, supplies, trust"),
        ('visited("markt")', 0, "'markt' is not a scene; did you mean 'market'?"),
        ('visited("home")', 0, "'home' is an ending"),
        ("supplies", 0, "must be true or false, but this is a number; compare it, e.g. supplies > 0"),
        ('visits("market")', 0, "must be true or false"),
        ("met > 1", 4, "'>' compares numbers"),
        ("met == 1", 4, "compares a true/false value with a number"),
        ("not supplies", 4, "'not' needs true/false"),
        ("met and trust", 8, "'and' needs true/false"),
        ("supplies or met", 0, "'or' needs true/false"),
    ],
)
def test_type_and_name_errors_say_where(source: str, offset: int, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(source, TYPES, SCENES, ENDINGS)
    assert message in caught.value.message
    assert caught.value.offset == offset


def test_no_eval_names_are_only_variables() -> None:
    """Python names and calls are not reachable: anything but a declared variable is an error."""
    for source in ("__import__('os')", "open('x')", "supplies.__class__", "exit()"):
        with pytest.raises(ConditionError):
            parse_condition(source, TYPES, SCENES)


def test_render_uses_symbols_and_labels() -> None:
    condition = parse_condition('supplies >= 2 and not visited("checkpoint") or met != armed', TYPES, SCENES)
    # A nested and/or is bracketed, so a reader never has to know the precedence.
    assert render(condition.node) == "(supplies ≥ 2 and checkpoint not yet visited) or met ≠ armed"
    labels = {"supplies": "Supplies", "checkpoint": "the checkpoint"}
    assert render(condition.node, labels).startswith("(Supplies ≥ 2 and the checkpoint not yet visited)")


@pytest.mark.parametrize(
    ("source", "variables", "visits", "reason"),
    [
        ("supplies >= 3", VARS, VISITS, "needs supplies ≥ 3 (supplies is 2)"),
        # Of an `and`, only the failing parts are named.
        ("met and supplies >= 3", VARS, VISITS, "needs supplies ≥ 3 (supplies is 2)"),
        (
            'armed and visits("market") > 5',
            VARS,
            VISITS,
            "needs armed and visits to market > 5 (visits to market are 3)",
        ),
        ('not visited("start")', VARS, VISITS, "needs start not yet visited"),
        ("armed or supplies > 5", VARS, VISITS, "needs armed or supplies > 5 (supplies is 2)"),
    ],
)
def test_explain_names_what_fails(source: str, variables: dict, visits: dict, reason: str) -> None:
    condition = parse_condition(source, TYPES, SCENES)
    assert not condition(variables, visits)
    assert explain(condition, variables, visits) == reason


@pytest.mark.parametrize(
    ("source", "caps"),
    [
        ("supplies >= 2", {"supplies": 3}),
        ("supplies >= 2 or 7 == supplies", {"supplies": 8}),
        ("supplies > trust", {"supplies": None, "trust": None}),
        ('supplies < visits("market")', {"supplies": None}),
        ("met and not armed", {}),
    ],
)
def test_number_caps_of_int_variables(source: str, caps: dict[str, int | None]) -> None:
    assert parse_condition(source, TYPES, SCENES).numbers == caps
