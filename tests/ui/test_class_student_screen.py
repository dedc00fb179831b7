"""The live class's full-screen student game against a real class store: a host control drives the class in
the same event loop, the student app shows what the store says and commits its answers there."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import ClassConfig, ClassStore
from game.ui.class_student_app import ClassStudentApp, run_student_app

SIZE = (80, 24)
SEED = 10
"""Seed 10 deals the Panjshir pack's first questions as pick-one questions."""


def _text(app: ClassStudentApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def _until(pilot, app: ClassStudentApp, words: str) -> str:  # type: ignore[no-untyped-def]
    """Wait (at most 10 s) until ``words`` are on screen; the student screen polls the store every 50 ms."""
    for _ in range(100):
        await pilot.pause(0.1)
        if words in _text(app):
            return _text(app)
    raise AssertionError(f"{words!r} never shown:\n{_text(app)}")


class Class:
    """A class in a folder: the host's session and control, and a second connection for each student."""

    def __init__(
        self, folder: Path, pack: Pack, *, paced: str = "teacher", pre_post: bool = False, seed: int = SEED
    ) -> None:
        questions = 2 if seed == SEED else 4
        config = ClassConfig("panjshir", seed, questions, None, paced, pre_post, None, pack.article.sha256)
        self.pack = pack
        self.folder = folder
        self.host = ClassSession(ClassStore.create(folder, config, time.time()), pack)
        self.control = HostControl(self.host)
        self.sessions: list[ClassSession] = []

    def student(self, player: str | None = None) -> ClassStudentApp:
        session = ClassSession(ClassStore.open(self.folder), self.pack)
        self.sessions.append(session)
        return ClassStudentApp(session, player=player)

    def do(self, command: str) -> None:
        self.control.apply(command, time.time())

    def right(self, phase: str, index: int) -> int:
        shown = self.host.round.presented(phase, index)
        return next(i for i in range(len(shown.choices)) if self.host.round.judge(phase, index, i).correct)

    def close(self) -> None:
        for session in [self.host, *self.sessions]:
            session.close()


@pytest.fixture
def klass(tmp_path: Path, panjshir: Pack) -> Iterator[Class]:
    made = Class(tmp_path / "class", panjshir)
    yield made
    made.close()


async def test_teacher_paced_waiting_question_locked_reveal_end(klass: Class) -> None:
    """Waiting, the question the moment it is released, the answer locked in, the reveal with the quote."""
    app = klass.student("Ana")
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, app, "Waiting for the teacher…")
        assert [s.name for s in klass.host.present(time.time())] == ["Ana"]
        klass.do("start")
        await _until(pilot, app, "Question 1 of 2")
        assert "What concern does the article mention" in _text(app)
        wrong = (klass.right("main", 0) + 1) % 4
        await pilot.press(str(wrong + 1))
        locked = await _until(pilot, app, "Your answer is locked in")
        assert "Wait for the reveal." in locked
        [row] = klass.host.store.answers(student="ana")
        assert (row.phase, row.response, row.correct) == ("main", wrong, False)
        await pilot.press(str(klass.right("main", 0) + 1))  # locked: a second key changes nothing
        klass.do("reveal")
        shown = await _until(pilot, app, "From the article:")
        assert "✘ Wrong" in shown and "Right answer: That it could inflame relations" in shown
        assert "¶22" in shown
        assert len(klass.host.store.answers(student="ana")) == 1
        klass.do("next")
        await _until(pilot, app, "Question 2 of 2")
        klass.do("end")
        await _until(pilot, app, "The teacher has ended the class. Your score: 0 (0 of 2 right).")


async def test_a_reveal_missed_between_two_looks_stays_reachable(klass: Class) -> None:
    """The teacher reveals and releases the next question between two looks at the store: the next question
    shows at once (the class's clock runs), with the missed reveal's verdict, and F2 opens its feedback."""
    app = klass.student("Ana")
    async with app.run_test(size=SIZE) as pilot:
        klass.do("start")
        await _until(pilot, app, "Question 1 of 2")
        await pilot.press(str((klass.right("main", 0) + 1) % 4 + 1))
        await _until(pilot, app, "locked in")
        klass.do("reveal")
        klass.do("next")  # no await between: the game cannot have looked at the store in between
        shown = await _until(pilot, app, "Question 2 of 2")
        assert "Question 1 was revealed while you were away (wrong): F2 shows your feedback." in shown
        await pilot.press("f2")
        feedback = await _until(pilot, app, "From the article:")
        assert "Question 1 of 2: the reveal" in feedback and "✘ Wrong" in feedback
        assert "Right answer: That it could inflame relations" in feedback
        await pilot.press("escape")
        back = await _until(pilot, app, "Question 2 of 2")
        assert "From the article:" not in back
        await pilot.press(str(klass.right("main", 1) + 1))  # the question is still asked, and answered
        await _until(pilot, app, "locked in")
        klass.do("reveal")
        revealed = await _until(pilot, app, "✔ Right")
        assert "while you were away" not in revealed


async def test_a_student_who_joins_during_a_reveal_is_not_told_they_did_not_answer(klass: Class) -> None:
    """Ana is asked question 1 and lets it go by: at the reveal she is told she did not answer. Chen joins
    during that reveal and never saw the question: he is shown it with its answer, in the plain game's
    words, and told the next question comes when the teacher moves the class on."""
    ana = klass.student("Ana")
    async with ana.run_test(size=SIZE) as pilot:
        klass.do("start")
        await _until(pilot, ana, "Question 1 of 2")
        klass.do("reveal")
        shown = await _until(pilot, ana, "From the article:")
        assert "You did not answer this one" in shown and "You joined during" not in shown
    chen = klass.student("Chen")
    async with chen.run_test(size=SIZE) as pilot:
        shown = await _until(pilot, chen, "Right answer: That it could inflame relations")
        assert "You did not answer" not in shown
        assert "You joined during the reveal of question 1 of 2:" in shown
        assert "What concern does the article mention" in shown
        assert "The next question comes when the teacher moves the class on." in shown
        klass.do("next")
        asked = await _until(pilot, chen, "Question 2 of 2")
        assert "You joined during" not in asked and "moves the class on" not in asked


async def test_the_keys_scroll_the_reveal_without_focusing_it(klass: Class) -> None:
    """The reveal's feedback is not focused (a release then restyles nothing on blur); the arrow and end
    keys scroll it all the same."""
    app = klass.student("Ana")
    async with app.run_test(size=(40, 12)) as pilot:
        klass.do("start")
        await _until(pilot, app, "Question 1 of 2")
        await pilot.press(str((klass.right("main", 0) + 1) % 4 + 1))
        await _until(pilot, app, "locked in")
        klass.do("reveal")
        await _until(pilot, app, "Wrong")
        scroll = app.screen.query_one("#student-feedback")
        focused = app.screen.focused
        assert scroll.max_scroll_y > 0
        # Nothing on show is focused (the answer list, hidden or under the feedback, may keep the focus; it
        # takes no keys).
        assert focused is None or (
            focused.id == "student-pick" and (not focused.display or getattr(focused, "covered", False))
        )
        await pilot.press("end")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("up")
        assert scroll.scroll_y == scroll.max_scroll_y - 1


async def test_the_name_is_asked_and_a_name_in_use_refused(klass: Class) -> None:
    """Without --player the game asks the name; a name whose game is running is refused, another taken."""
    klass.host.store.claim("Ana", time.time(), 10.0)  # Ana's game is running elsewhere
    app = klass.student()
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, app, "Type your name and press Enter.")
        await pilot.press(*"ANA", "enter")
        await _until(pilot, app, "The name ANA is in use by a running game in this class")
        await pilot.press(*["backspace"] * 3, *"[b]Bo", "enter")  # markup is shown literally
        await _until(pilot, app, "Waiting for the teacher…")
        assert "[b]Bo" in _text(app)
    names = sorted(s.name for s in klass.host.store.students())
    assert names == ["Ana", "[b]Bo"]


async def test_a_late_joiner_enters_at_the_current_question(klass: Class) -> None:
    klass.do("start")
    klass.do("reveal")
    klass.do("next")
    app = klass.student("Chen")
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, app, "Question 2 of 2")


async def test_a_killed_student_rejoins_with_answers_kept(klass: Class) -> None:
    """The name of a game that stopped without leaving is free once its heartbeat is stale; answers kept."""
    klass.do("start")
    first = klass.student("Ana")
    async with first.run_test(size=SIZE) as pilot:
        await _until(pilot, first, "Question 1 of 2")
        await pilot.press(str(klass.right("main", 0) + 1))
        await _until(pilot, first, "locked in")
    # Killed: never released. Its heartbeat ages past the ten seconds a name is held.
    with klass.host.store._write() as conn:
        conn.execute("UPDATE students SET heartbeat = heartbeat - 60")
    again = klass.student("ana")
    async with again.run_test(size=SIZE) as pilot:
        shown = await _until(pilot, again, "Your answer is locked in")
        assert "Score 0" in shown  # not revealed yet: the score does not give the answer away
        assert [n.message for n in again._notifications] == ["Welcome back: your answers so far are kept."]
    assert len(klass.host.store.answers(student="ana")) == 1


def test_leaving_frees_the_name_at_once(klass: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    """run_student_app releases the name when the game ends, so a reloaded browser joins again at once."""

    def run(self: ClassStudentApp) -> None:
        self.key = self.session.store.claim("Ana", time.time(), 10.0).key  # type: ignore[union-attr]

    monkeypatch.setattr(ClassStudentApp, "run", run)
    session = ClassSession(ClassStore.open(klass.folder), klass.pack)
    klass.sessions.append(session)
    assert run_student_app(session, "Ana") == 0
    assert klass.host.present(time.time()) == []


async def test_self_paced_with_pre_and_post_test(tmp_path: Path, panjshir: Pack) -> None:
    """Pre-test items with no feedback and no score, the round with feedback after each answer, then the
    post-test."""
    made = Class(tmp_path / "class", panjshir, paced="self", pre_post=True)
    try:
        made.do("start")
        app = made.student("Ana")
        async with app.run_test(size=SIZE) as pilot:
            shown = await _until(pilot, app, "Pre-test: item 1 of 2")
            assert "Score" not in shown
            await pilot.press("1")
            shown = await _until(pilot, app, "Pre-test: item 2 of 2")
            assert "Right" not in shown and "Wrong" not in shown and "Score" not in shown
            await pilot.press("1")
            await _until(pilot, app, "Question 1 of 2")
            await pilot.press(str(made.right("main", 0) + 1))
            shown = await _until(pilot, app, "✔ Right")
            assert "From the article:" in shown and "Score 10" in shown and "Press Enter to go on." in shown
            await pilot.press("enter")
            await _until(pilot, app, "Question 2 of 2")
            await pilot.press("1")
            await _until(pilot, app, "From the article:")
            await pilot.press("enter")
            shown = await _until(pilot, app, "Post-test: item 1 of 2")
            assert "Score" not in shown
            await pilot.press("1", "1")
            await _until(pilot, app, "You have finished.")
        store = made.host.store
        done = {phase: len(store.answers(student="ana", phase=phase)) for phase in ("pre", "main", "post")}
        assert done == {"pre": 2, "main": 2, "post": 2}
    finally:
        made.close()


async def test_find_the_line_closed_when_the_class_moves_on(tmp_path: Path, panjshir: Pack) -> None:
    """A find-the-line question opens the article to pick the sentence (the pick is the answer); a student
    still reading it when the teacher moves on is taken to the next question, with nothing answered for
    the one they were reading for."""
    made = Class(tmp_path / "class", panjshir, seed=1)
    try:
        made.do("start")
        for _ in range(2):  # seed 1 deals a find-the-line question third
            made.do("reveal")
            made.do("next")
        ana, bo = made.student("Ana"), made.student("Bo")
        async with ana.run_test(size=SIZE) as pilot:
            await _until(pilot, ana, "Press Enter to open the article and pick the sentence.")
            await pilot.press("enter")
            await _until(pilot, ana, "Claim:")
            await pilot.press("down", "enter")
            await _until(pilot, ana, "Your answer is locked in")
        [row] = made.host.store.answers(student="ana")
        assert row.response == "2.1"  # the article's second sentence: the first of paragraph 2
        async with bo.run_test(size=SIZE) as pilot:
            await _until(pilot, bo, "Press Enter to open the article")
            await pilot.press("enter")
            await _until(pilot, bo, "Claim:")
            made.do("reveal")
            made.do("next")  # both before the student's screen looks again
            await _until(pilot, bo, "Question 4 of 4")
            await pilot.press("1")
        fourth = made.host.round.main.order[3]
        assert [r.question_id for r in made.host.store.answers(student="bo")] == [fourth]
    finally:
        made.close()


async def test_the_key_hint_follows_the_screen_height(klass: Class) -> None:
    """The answer keys' hint shows under a question, not on a short screen, and comes back when the screen
    grows again (it is shown by `display`, which the short screen's rule cannot override)."""
    app = klass.student("Ana")
    async with app.run_test(size=SIZE) as pilot:
        klass.do("start")
        await _until(pilot, app, "Question 1 of 2")
        hint = app.screen.query_one("#student-hint")
        assert hint.display
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert not hint.display
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert hint.display
        await pilot.press("1")
        await _until(pilot, app, "locked in")
        assert not hint.display
