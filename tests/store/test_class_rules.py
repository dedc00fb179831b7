"""The live class's rules as tables: host commands as transitions, what a student sees, auto-reveal, names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.classroom import rules
from game.classroom.gains import Gain, class_gain, gain_of
from game.classroom.rules import RuleError, View
from game.store.classdb import ClassConfig, ClassState

TEACHER = ClassConfig("tiny", 7, 3, None, "teacher", False, None, "sha")
TEACHER_PP = replace(TEACHER, pre_post=True)
TEACHER_TIMED = replace(TEACHER, time_limit=20.0)
SELF = replace(TEACHER, paced="self")
SELF_PP = replace(SELF, pre_post=True)
LOBBY = ClassState()
LOCKED_1 = View("locked", "main", 1)
ASK_2 = View("ask", "main", 2)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (TEACHER, ClassState("main", 0, False, 100.0)),
        (TEACHER_PP, ClassState("pre")),
        (SELF, ClassState("main", 0, False, 100.0)),
        (SELF_PP, ClassState("main", 0, False, 100.0)),
    ],
)
def test_start_leaves_the_lobby(config: ClassConfig, expected: ClassState) -> None:
    """Teacher-paced with a pre-test starts with the pre-test; otherwise question 1 is released."""
    assert rules.start(LOBBY, config, 100.0) == expected


@pytest.mark.parametrize(
    ("state", "config", "expected"),
    [
        (ClassState("pre"), TEACHER_PP, ClassState("main", 0, False, 50.0)),
        (ClassState("main", 0, True, 1.0), TEACHER, ClassState("main", 1, False, 50.0)),
        (ClassState("main", 2, True, 1.0), TEACHER, ClassState("ended", 2, True, 1.0)),
        (ClassState("main", 2, True, 1.0), TEACHER_PP, ClassState("post", 2, True, 1.0)),
        (ClassState("post", 2, True, 1.0), TEACHER_PP, ClassState("ended", 2, True, 1.0)),
    ],
)
def test_next(state: ClassState, config: ClassConfig, expected: ClassState) -> None:
    """next: on from the pre-test, to the next question, after the last to the post-test or the end."""
    assert rules.next_question(state, config, 3, 50.0) == expected


@pytest.mark.parametrize(
    ("state", "config", "message"),
    [
        (LOBBY, TEACHER, "type start"),
        (ClassState("main", 0, False, 1.0), TEACHER, "reveal the answer first"),
        (ClassState("main", 0, False, 1.0), SELF, "self-paced"),
        (ClassState("ended"), TEACHER, "ended"),
    ],
)
def test_next_refused(state: ClassState, config: ClassConfig, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        rules.next_question(state, config, 3, 50.0)


def test_reveal_and_its_refusals() -> None:
    released = ClassState("main", 1, False, 1.0)
    assert rules.reveal(released, TEACHER).revealed
    for state, config in [(LOBBY, TEACHER), (replace(released, revealed=True), TEACHER), (released, SELF)]:
        with pytest.raises(RuleError):
            rules.reveal(state, config)


def test_pause_stops_the_clock() -> None:
    """Paused for 30 s, a 20 s question with 15 s left still has 15 s left on resuming."""
    released = ClassState("main", 0, False, 100.0)
    paused = rules.pause(released, 105.0)
    assert rules.time_left(paused, TEACHER_TIMED, 135.0) == 15.0
    resumed = rules.pause(paused, 135.0)
    assert resumed.paused_at is None
    assert rules.time_left(resumed, TEACHER_TIMED, 135.0) == 15.0


@pytest.mark.parametrize(
    ("state", "config", "answered", "present", "now", "expected"),
    [
        (ClassState("main", 0, False, 0.0), TEACHER, 3, 3, 1.0, True),
        (ClassState("main", 0, False, 0.0), TEACHER, 2, 3, 1.0, False),
        (ClassState("main", 0, False, 0.0), TEACHER, 0, 0, 1.0, False),
        (ClassState("main", 0, False, 0.0), TEACHER_TIMED, 1, 3, 20.0, True),
        (ClassState("main", 0, False, 0.0), TEACHER_TIMED, 1, 3, 19.0, False),
        (ClassState("main", 0, False, 0.0, paused_at=5.0), TEACHER_TIMED, 3, 3, 99.0, False),
        (ClassState("main", 0, True, 0.0), TEACHER, 3, 3, 1.0, False),
        (ClassState("main", 0, False, 0.0), SELF, 3, 3, 1.0, False),
    ],
)
def test_should_reveal(
    state: ClassState, config: ClassConfig, answered: int, present: int, now: float, expected: bool
) -> None:
    """The host reveals by itself when everyone present has answered or the time is up, never paused."""
    assert rules.should_reveal(state, config, answered=answered, present=present, now=now) is expected


@pytest.mark.parametrize(
    ("config", "state", "answered", "expected"),
    [
        (TEACHER, LOBBY, {}, View("wait")),
        (TEACHER, ClassState("main", 1, False, 0.0), {}, View("ask", "main", 1)),  # a late joiner
        (TEACHER, ClassState("main", 1, False, 0.0), {"main": {1}}, View("locked", "main", 1)),
        (TEACHER, ClassState("main", 1, True, 0.0), {}, View("revealed", "main", 1)),
        (TEACHER, ClassState("main", 1, False, 0.0, paused_at=3.0), {}, View("paused")),
        (TEACHER_PP, ClassState("pre"), {"pre": {0}}, View("ask", "pre", 1)),
        (TEACHER_PP, ClassState("pre"), {"pre": {0, 1, 2}}, View("wait")),
        (TEACHER_PP, ClassState("post"), {"post": {0, 1, 2}}, View("done")),
        (TEACHER, ClassState("ended"), {}, View("ended")),
        (SELF, ClassState("main"), {"main": {0, 2}}, View("ask", "main", 1)),
        (SELF, ClassState("main"), {"main": {0, 1, 2}}, View("done")),
        (SELF_PP, ClassState("main"), {}, View("ask", "pre", 0)),
        (SELF_PP, ClassState("main"), {"pre": {0, 1, 2}}, View("ask", "main", 0)),
        (SELF_PP, ClassState("main"), {"pre": {0, 1, 2}, "main": {0, 1, 2}}, View("ask", "post", 0)),
    ],
)
def test_student_view(
    config: ClassConfig, state: ClassState, answered: dict[str, set[int]], expected: View
) -> None:
    assert rules.student_view(config, state, 3, answered) == expected


@pytest.mark.parametrize(
    ("config", "state", "shown", "view", "expected"),
    [
        # Revealed and moved on between two looks: locked on 1 (or still asked it), now asked 2.
        (TEACHER, ClassState("main", 2, False, 0.0), View("locked", "main", 1), View("ask", "main", 2), 1),
        (TEACHER, ClassState("main", 2, False, 0.0), View("ask", "main", 1), View("ask", "main", 2), 1),
        # The last question revealed and the class ended (or on to the post-test) at once.
        (TEACHER, ClassState("ended", 2, True, 0.0), View("locked", "main", 2), View("ended"), 2),
        (TEACHER_PP, ClassState("post", 2, True, 0.0), View("locked", "main", 2), View("ask", "post", 0), 2),
        # Seen: the reveal itself is what comes next.
        (TEACHER, ClassState("main", 1, True, 0.0), LOCKED_1, View("revealed", "main", 1), None),
        # From the reveal to the next question, a pause, ended before any reveal, self-paced: nothing missed.
        (TEACHER, ClassState("main", 2, False, 0.0), View("revealed", "main", 1), ASK_2, None),
        (TEACHER, ClassState("main", 1, False, 0.0, 3.0), View("locked", "main", 1), View("paused"), None),
        (TEACHER, ClassState("ended", 1, False, 0.0), View("locked", "main", 1), View("ended"), None),
        (SELF, ClassState("main"), View("ask", "main", 0), View("ask", "main", 1), None),
        (TEACHER, ClassState("main", 0, False, 0.0), None, View("ask", "main", 0), None),
    ],
)
def test_missed_reveal(
    config: ClassConfig, state: ClassState, shown: View | None, view: View, expected: int | None
) -> None:
    assert rules.missed_reveal(config, state, shown, view) == expected


@pytest.mark.parametrize(("age", "in_use"), [(0.0, True), (9.9, True), (10.0, False), (300.0, False)])
def test_name_in_use_while_the_heartbeat_is_fresh(age: float, in_use: bool) -> None:
    assert rules.name_in_use(1000.0 - age, 1000.0) is in_use


@pytest.mark.parametrize(
    ("pre", "post", "expected"),
    [
        ({"a": 0, "b": 0, "c": 0, "d": 0}, {"a": 1, "b": 1, "c": 0, "d": 0}, (0, 2, 4, 0.5)),
        ({"a": 1, "b": 0}, {"a": 1, "b": 1}, (1, 2, 2, 1.0)),
        ({"a": 1, "b": 1}, {"a": 0, "b": 1}, (2, 1, 2, None)),  # at the maximum: no normalized gain
        ({"a": 0.5, "b": 0}, {"a": 1, "b": 0}, (0.5, 1, 2, 1 / 3)),  # partial credit counts
        ({"a": 0, "b": 0}, {"a": 0, "b": 0}, (0, 0, 2, 0.0)),
        ({"a": 0, "b": 1}, {"a": 1}, (0, 1, 1, 1.0)),  # only the items answered in both
        ({"a": 1}, {"b": 1}, (0, 0, 0, None)),
    ],
)
def test_gain_of(
    pre: dict[str, float], post: dict[str, float], expected: tuple[float, float, int, float | None]
) -> None:
    gain = gain_of(pre, post)
    normalized = gain.normalized
    assert (gain.pre, gain.post, gain.items) == expected[:3]
    assert normalized == pytest.approx(expected[3]) if expected[3] is not None else normalized is None


def test_class_gain_counts_students_at_max_apart() -> None:
    """Students at the maximum in the pre-test are counted apart, not averaged in; empty ones left out."""
    gains = [Gain(0, 2, 4), Gain(2, 4, 4), Gain(3, 3, 3), Gain(0, 0, 0)]
    result = class_gain(gains)
    assert result.mean == pytest.approx(0.75)
    assert (result.covered, result.at_max) == (2, 1)
    assert class_gain([Gain(1, 1, 1)]).mean is None
