"""The rules of a live class as pure functions: the host's commands as state transitions, what a student sees
now, when the host reveals by itself, and when a name is in use. No I/O: table-tested in tests/store.

Phases: ``lobby`` (students join) → [``pre``] → ``main`` → [``post``] → ``ended``. Teacher-paced, the class
moves through ``main`` one released question at a time (``question``, ``revealed``); the pre- and post-tests
are taken at each student's own pace while the class is in that phase. Self-paced, the class goes from
``lobby`` to ``main`` and each student goes through pre, round and post by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.store.classdb import ClassConfig, ClassState

FRESH_SECONDS = 10.0
"""A name whose heartbeat is younger than this is held by a running game."""
HEARTBEAT_SECONDS = 2.0
"""How often a student's game refreshes its heartbeat (well inside :data:`FRESH_SECONDS`)."""

PHASES = ("pre", "main", "post")


class RuleError(ValueError):
    """A host command that does not apply now; the message says what to do instead."""


def name_in_use(heartbeat: float, now: float) -> bool:
    """Whether a game holding this name is alive (its heartbeat is fresh)."""
    return now - heartbeat < FRESH_SECONDS


# --- the host's commands ------------------------------------------------------------------------------


def last_phase(config: ClassConfig) -> str:
    """The phase a student has finished the class with: the post-test with ``--pre-post``, else the round."""
    return "post" if config.pre_post else "main"


def start(state: ClassState, config: ClassConfig, now: float) -> ClassState:
    """``start``: leave the lobby (to the pre-test when there is one, teacher-paced)."""
    if state.phase != "lobby":
        raise RuleError("the class has already started")
    if config.paced == "teacher" and config.pre_post:
        return replace(state, phase="pre")
    return replace(state, phase="main", question=0, revealed=False, released_at=now)


def reveal(state: ClassState, config: ClassConfig) -> ClassState:
    """``reveal``: show the class the answer to the current question (teacher-paced)."""
    if config.paced != "teacher":
        raise RuleError("self-paced: each student sees their own feedback; there is nothing to reveal")
    if state.phase != "main":
        raise RuleError("there is no question to reveal now")
    if state.revealed:
        raise RuleError("already revealed; type next")
    return replace(state, revealed=True, paused_at=None)


def next_question(state: ClassState, config: ClassConfig, total: int, now: float) -> ClassState:
    """``next``: the next question, or on from the pre-test, or to the post-test / the end after the last."""
    if config.paced != "teacher":
        raise RuleError("self-paced: students move on by themselves; type end to end the class")
    if state.phase == "lobby":
        raise RuleError("the class has not started; type start")
    if state.phase == "ended":
        raise RuleError("the class has ended")
    if state.phase == "pre":
        return replace(state, phase="main", question=0, revealed=False, released_at=now, paused_at=None)
    if state.phase == "post":
        return replace(state, phase="ended", paused_at=None)
    if not state.revealed:
        raise RuleError("reveal the answer first (type reveal)")
    if state.question + 1 < total:
        return replace(state, question=state.question + 1, revealed=False, released_at=now, paused_at=None)
    return replace(state, phase="post" if config.pre_post else "ended", paused_at=None)


def pause(state: ClassState, now: float) -> ClassState:
    """``pause`` toggles: paused, the clock stops; resumed, the question's time is what was left."""
    if state.phase in ("lobby", "ended"):
        raise RuleError("nothing to pause now")
    if state.paused_at is None:
        return replace(state, paused_at=now)
    released = None if state.released_at is None else state.released_at + (now - state.paused_at)
    return replace(state, paused_at=None, released_at=released)


def end(state: ClassState) -> ClassState:
    """``end``: the class is over for everyone (answers so far are kept)."""
    if state.phase == "ended":
        raise RuleError("the class has already ended")
    return replace(state, phase="ended", paused_at=None)


def should_reveal(state: ClassState, config: ClassConfig, *, answered: int, present: int, now: float) -> bool:
    """Whether the host reveals by itself: everyone present has answered, or the time is up."""
    if config.paced != "teacher" or state.phase != "main" or state.revealed or state.paused_at is not None:
        return False
    if present > 0 and answered >= present:
        return True
    return time_left(state, config, now) == 0.0


def time_left(state: ClassState, config: ClassConfig, now: float) -> float | None:
    """Seconds left on the released question (None without a time limit)."""
    if config.time_limit is None or state.released_at is None:
        return None
    clock = state.paused_at if state.paused_at is not None else now
    return max(0.0, config.time_limit - (clock - state.released_at))


# --- what a student sees ------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What a student's screen shows now.

    ``kind``: ``wait`` (waiting for the teacher), ``ask`` (answer item ``index`` of ``phase``), ``locked``
    (answered, waiting for the reveal), ``revealed`` (the reveal of main item ``index``), ``paused``,
    ``done`` (everything answered) or ``ended`` (the teacher ended the class).
    """

    kind: str
    phase: str = ""
    index: int = -1


def student_view(config: ClassConfig, state: ClassState, total: int, answered: dict[str, set[int]]) -> View:
    """What a student sees, from the class state and the items they have answered (indices by phase)."""
    if state.phase == "ended":
        return View("ended")
    if state.phase == "lobby":
        return View("wait")
    if state.paused_at is not None:
        return View("paused")
    if config.paced == "self":
        for phase in PHASES if config.pre_post else ("main",):
            missing = _first_missing(answered.get(phase, set()), total)
            if missing is not None:
                return View("ask", phase, missing)
        return View("done")
    if state.phase in ("pre", "post"):
        missing = _first_missing(answered.get(state.phase, set()), total)
        if missing is not None:
            return View("ask", state.phase, missing)
        return View("done") if state.phase == "post" else View("wait")
    # Teacher-paced main round: a late joiner enters at the current question.
    if state.revealed:
        return View("revealed", "main", state.question)
    if state.question in answered.get("main", set()):
        return View("locked", "main", state.question)
    return View("ask", "main", state.question)


def missed_reveal(config: ClassConfig, state: ClassState, shown: View | None, view: View) -> int | None:
    """The main question whose reveal a student missed, if any: the teacher revealed it and moved on between
    two looks at the store, so the student went from being asked it (``shown``) straight to ``view``.

    ``view`` is what is about to be shown and ``state`` the state it was read from: when ``view`` is that
    question's reveal, the reveal is shown by it.
    """
    if config.paced != "teacher" or shown is None or shown.phase != "main":
        return None
    if shown.kind not in ("ask", "locked") or (view.kind == "revealed" and view.index == shown.index):
        return None
    if state.phase == "main":
        past = state.question > shown.index
    else:
        past = state.phase in ("post", "ended") and state.revealed
    return shown.index if past else None


def _first_missing(done: set[int], total: int) -> int | None:
    return next((i for i in range(total) if i not in done), None)
