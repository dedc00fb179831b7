"""The live-class student's stage: what comes next is built and painted under what is on show.

A locked-in answer's feedback is built under its question, and the next question under the reveal (see
``StudentLayout._show_reveal_side``). These tests count the lines Textual paints (no timing): the reveal and
the release paint nothing of what was built under, and what is under takes no keys.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_class_student_screen import _text, _until
from textual._styles_cache import StylesCache
from textual.widget import Widget

from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import ClassConfig, ClassStore
from game.ui.class_student_app import ClassStudentApp
from game.ui.screens import class_student_screen
from game.ui.widgets.choice_list import ChoiceList

SIZE = (80, 24)
SEED = 10
"""Seed 10 deals the Panjshir pack's first questions as pick-one questions."""
ASK_SIDE = ("student-type", "student-prompt", "student-statement", "student-pick", "student-hint")


class Painted:
    """Counts the lines each widget paints (Textual's per-widget line cache misses)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.lines: Counter[str] = Counter()
        self._owners: dict[int, str] = {}
        painted = StylesCache.render_line

        def render_line(cache: StylesCache, *args: object, **kwargs: object) -> object:
            self.lines[self._owners.get(id(cache), "?")] += 1
            return painted(cache, *args, **kwargs)

        monkeypatch.setattr(StylesCache, "render_line", render_line)

    def start(self, app: ClassStudentApp) -> None:
        """Count from now, naming each widget of the screen by its id."""
        self.lines.clear()
        self._owners = {id(w._styles_cache): w.id or type(w).__name__ for w in app.screen.query("*")}


@pytest.fixture
def klass(tmp_path: Path, panjshir: Pack) -> Iterator[tuple[ClassSession, HostControl, Path, Pack]]:
    config = ClassConfig("panjshir", SEED, 2, None, "teacher", False, None, panjshir.article.sha256)
    host = ClassSession(ClassStore.create(tmp_path / "class", config, time.time()), panjshir)
    yield host, HostControl(host), tmp_path / "class", panjshir
    host.close()


def _student(folder: Path, pack: Pack) -> ClassStudentApp:
    return ClassStudentApp(ClassSession(ClassStore.open(folder), pack), player="Ana")


async def _until_built(pilot, app: ClassStudentApp, built: Callable[[], bool]) -> None:  # type: ignore[no-untyped-def]
    """Wait (at most 10 s) until ``built()``, then for its frame: conditions, not a fixed pause, so a loaded
    machine only makes the test slower."""
    for _ in range(200):
        if built():
            await pilot.pause(0.3)  # laid out and painted (under what is on show) in the next frames
            return
        await pilot.pause(0.05)
    raise AssertionError("never built")


async def _lock_in(pilot, app: ClassStudentApp, control: HostControl) -> list[Widget]:  # type: ignore[no-untyped-def]
    """Start the class and answer question 1 with option 1; wait while the class is still answering, for
    the feedback built meanwhile under the question. Returns its paragraphs."""
    control.apply("start", time.time())
    await _until(pilot, app, "Question 1 of 2")
    await pilot.press("1")
    await _until(pilot, app, "locked in")
    await _until_built(pilot, app, lambda: bool(app.screen.query("#student-feedback > Static")))
    return list(app.screen.query("#student-feedback > Static"))


async def _answer_and_reveal(  # type: ignore[no-untyped-def]
    pilot, app: ClassStudentApp, control: HostControl, shown: str
) -> None:
    """Start the class, answer question 1 with option 1 (wrong at this seed), reveal it, await ``shown``."""
    control.apply("start", time.time())
    await _until(pilot, app, "Question 1 of 2")
    await pilot.press("1")
    await _until(pilot, app, "locked in")
    control.apply("reveal", time.time())
    await _until(pilot, app, shown)


async def test_the_release_paints_nothing_of_the_question_built_under_the_reveal(
    klass: tuple[ClassSession, HostControl, Path, Pack], monkeypatch: pytest.MonkeyPatch
) -> None:
    host, control, folder, pack = klass
    monkeypatch.setattr(class_student_screen, "PREPARE_NEXT_AFTER", 0.05)
    painted = Painted(monkeypatch)
    app = _student(folder, pack)
    async with app.run_test(size=SIZE) as pilot:
        await _answer_and_reveal(pilot, app, control, "From the article:")
        await _until_built(pilot, app, lambda: app.screen.prepared == ("main", 1))  # under the reveal
        assert "From the article:" in _text(app)  # and the reveal is still what shows
        painted.start(app)
        control.apply("next", time.time())
        shown = await _until(pilot, app, "Question 2 of 2")
        prompt = host.round.presented("main", 1).question.prompt
        assert prompt.split()[0] in shown and "From the article:" not in shown
        assert not [name for name in ASK_SIDE if painted.lines[name]], painted.lines
        await pilot.press("1")  # the question built under the reveal takes its answer
        await _until(pilot, app, "locked in")
    assert host.answered(host.store.students()[0].key).get("main") == {0, 1}


async def test_the_reveal_shows_the_feedback_built_when_the_answer_was_locked_in(
    klass: tuple[ClassSession, HostControl, Path, Pack], monkeypatch: pytest.MonkeyPatch
) -> None:
    host, control, folder, pack = klass
    painted = Painted(monkeypatch)
    app = _student(folder, pack)
    async with app.run_test(size=SIZE) as pilot:
        built = await _lock_in(pilot, app, control)
        assert built and "From the article:" not in _text(app)  # built, under the question
        painted.start(app)
        control.apply("reveal", time.time())
        await _until(pilot, app, "From the article:")
        assert list(app.screen.query("#student-feedback > Static")) == built  # the same widgets
        fresh = [name for name in painted.lines if name not in ("student-count", "student-score", "?")]
        assert not fresh, painted.lines


async def test_the_next_question_under_the_reveal_takes_no_keys(
    klass: tuple[ClassSession, HostControl, Path, Pack], monkeypatch: pytest.MonkeyPatch
) -> None:
    host, control, folder, pack = klass
    monkeypatch.setattr(class_student_screen, "PREPARE_NEXT_AFTER", 0.05)
    app = _student(folder, pack)
    async with app.run_test(size=(40, 12)) as pilot:
        await _answer_and_reveal(pilot, app, control, "Wrong")  # the quote is further down at 40x12
        await _until_built(pilot, app, lambda: app.screen.prepared == ("main", 1))
        pick = app.screen.query_one("#student-pick", ChoiceList)
        assert pick.display and pick.covered and pick.highlighted == 0  # the next question, under
        scroll = app.screen.query_one("#student-feedback")
        await pilot.press("down", "enter", "2", "space")
        assert pick.highlighted == 0
        assert scroll.scroll_y == 1  # the arrow scrolled the feedback
        assert "Right answer:" in _text(app)
    key = host.store.students()[0].key
    assert host.answered(key).get("main", set()) == {0}  # nothing answered for question 2


async def test_a_release_before_the_next_question_is_built_shows_it_all_the_same(
    klass: tuple[ClassSession, HostControl, Path, Pack], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A teacher who moves on the moment the reveal shows: the question is built at its release."""
    host, control, folder, pack = klass
    monkeypatch.setattr(class_student_screen, "PREPARE_NEXT_AFTER", 60.0)
    app = _student(folder, pack)
    async with app.run_test(size=SIZE) as pilot:
        await _answer_and_reveal(pilot, app, control, "From the article:")
        control.apply("next", time.time())
        shown = await _until(pilot, app, "Question 2 of 2")
        assert host.round.presented("main", 1).question.prompt.split()[0] in shown
        await pilot.press("1")
        await _until(pilot, app, "locked in")


async def test_a_look_that_draws_a_new_view_leaves_the_heartbeat_to_the_next(
    klass: tuple[ClassSession, HostControl, Path, Pack], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heartbeat is a write that may wait for the store's write lock: a release (thirty games looking at
    once, the first to see the question answering it) is drawn first; the beat comes at the next look."""
    host, control, folder, pack = klass
    monkeypatch.setattr(class_student_screen.rules, "HEARTBEAT_SECONDS", 0.0)  # every look is due a beat
    log: list[str] = []
    screen_class = class_student_screen.StudentScreen
    polled, shown = screen_class.poll, screen_class.show

    def poll(screen: class_student_screen.StudentScreen) -> None:
        log.append("look")
        polled(screen)

    def show(screen: class_student_screen.StudentScreen, view: object) -> None:
        log.append("show")
        shown(screen, view)  # type: ignore[arg-type]

    monkeypatch.setattr(screen_class, "poll", poll)
    monkeypatch.setattr(screen_class, "show", show)
    app = _student(folder, pack)
    beat = app.session.store.heartbeat

    def heartbeat(key: str, now: float, *, wait: bool = True) -> bool:
        log.append("beat")
        return beat(key, now, wait=wait)

    monkeypatch.setattr(app.session.store, "heartbeat", heartbeat)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        control.apply("start", time.time())
        await _until(pilot, app, "Question 1 of 2")
        await pilot.pause(0.3)
    looks = " ".join(log).split("look")
    assert any("show" in each for each in looks) and any("beat" in each for each in looks)
    assert not [each for each in looks if "show" in each and "beat" in each], log


async def test_a_pause_while_locked_in_and_during_the_reveal_keeps_what_was_built(
    klass: tuple[ClassSession, HostControl, Path, Pack], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pause hides the feedback's side; resumed, the locked-in answer's feedback (built before the pause)
    is what the reveal shows, and a pause during the reveal brings the same reveal back."""
    host, control, folder, pack = klass
    monkeypatch.setattr(class_student_screen, "PREPARE_NEXT_AFTER", 0.05)
    app = _student(folder, pack)
    async with app.run_test(size=SIZE) as pilot:
        built = await _lock_in(pilot, app, control)
        control.apply("pause", time.time())
        paused = await _until(pilot, app, "Paused by the teacher.")
        assert "Wrong" not in paused and "From the article:" not in paused
        control.apply("pause", time.time())  # resumed: the answer is still locked in
        await _until(pilot, app, "locked in")
        control.apply("reveal", time.time())
        await _until(pilot, app, "From the article:")
        assert list(app.screen.query("#student-feedback > Static")) == built
        control.apply("pause", time.time())
        paused = await _until(pilot, app, "Paused by the teacher.")
        assert "From the article:" not in paused
        control.apply("pause", time.time())
        shown = await _until(pilot, app, "From the article:")
        assert "Wrong" in shown and "Paused" not in shown
        control.apply("next", time.time())
        await _until(pilot, app, "Question 2 of 2")
        await pilot.press("1")
        await _until(pilot, app, "locked in")


async def test_a_student_out_of_time_sees_the_reveal_built_at_the_reveal(
    tmp_path: Path, panjshir: Pack
) -> None:
    """Nothing answered, nothing built in advance: the reveal builds "You did not answer" itself."""
    config = ClassConfig("panjshir", SEED, 2, 1.0, "teacher", False, None, panjshir.article.sha256)
    host = ClassSession(ClassStore.create(tmp_path / "class", config, time.time()), panjshir)
    control = HostControl(host)
    app = _student(tmp_path / "class", panjshir)
    try:
        async with app.run_test(size=SIZE) as pilot:
            control.apply("start", time.time())
            await _until(pilot, app, "Question 1 of 2")
            await pilot.pause(1.2)  # the question's second runs out; the host reveals
            control.apply("reveal", time.time())
            shown = await _until(pilot, app, "From the article:")
            assert "did not answer" in shown.lower() or "no answer" in shown.lower(), shown
    finally:
        host.close()
