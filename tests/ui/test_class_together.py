"""The live class end to end in one event loop: the real host app and three student apps on one class store.

Each app runs under its own ``run_test`` (nested), each with its own connection to the store in
``tmp_path``, all on one controllable clock, so what one app writes is what the others must show: the
roster, the released question, "answered k of n", the reveal's bars, each student's own feedback, the next
question, and the self-paced dashboard's progress and scores. Waits are bounded loops over the apps' own
refreshes (the host every 200 ms, the students every 50 ms): no fixed sleeps.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import ClassConfig, ClassStore
from game.ui.class_host_app import ClassHostApp
from game.ui.class_student_app import ClassStudentApp

HOST_SIZE = (110, 40)
STUDENT_SIZE = (80, 24)
SEED = 10
"""Seed 10 deals the Panjshir pack's first two questions as pick-one questions."""
START = 1_000.0
WAIT_SECONDS = 20.0
"""The most a wait lasts: a bound for a loaded machine, never a timing under test."""


class Clock:
    """One clock for every app: time moves only when the test moves it, so no heartbeat goes stale."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


class Room:
    """An app with its pilot, driven and read inside the app's own context.

    Nested ``run_test`` blocks leave the innermost app as Textual's active app in the test's task, and a
    widget finds "its" app there (its theme, its console): without entering the right app's context, the
    host's screen would be read off as drawn by the last student's app. (Each app's own handlers run in
    its own task, with its own context: entering it here only matters for what the test body calls.)
    """

    def __init__(self, app: App[int], pilot: Pilot[int]) -> None:
        self.app = app
        self.pilot = pilot

    def text(self) -> str:
        with self.app._context():
            return "\n".join(strip.text for strip in self.app.screen._compositor.render_strips())

    async def press(self, *keys: str) -> None:
        with self.app._context():
            await self.pilot.press(*keys)

    async def until(self, *words: str) -> str:
        """Wait until all ``words`` are on this app's screen: the app's pending work first, then its next
        refreshes, for at most ``WAIT_SECONDS`` (a bound for a loaded machine, not a timing)."""
        deadline = time.monotonic() + WAIT_SECONDS
        delay = None  # first only until the app is idle: what it was already doing may be enough
        while True:
            with self.app._context():
                await self.pilot.pause(delay)
            shown = self.text()
            if all(w in shown for w in words):
                return shown
            if time.monotonic() > deadline:
                break
            delay = 0.05
        raise AssertionError(f"{words!r} never shown on {type(self.app).__name__}:\n{self.text()}")


class Class:
    """A class folder: the host's session and a session (its own store connection) for each student."""

    def __init__(self, folder: Path, pack: Pack, paced: str) -> None:
        config = ClassConfig("panjshir", SEED, 2, None, paced, False, None, pack.article.sha256)
        self.clock = Clock()
        self.pack = pack
        self.folder = folder
        self.host = ClassSession(ClassStore.create(folder, config, START), pack)
        self.sessions = [self.host]

    def student_app(self, player: str | None = None) -> ClassStudentApp:
        session = ClassSession(ClassStore.open(self.folder), self.pack)
        self.sessions.append(session)
        return ClassStudentApp(session, player=player, clock=self.clock)

    def key_of(self, index: int, *, right: bool) -> str:
        """The number key that answers main question ``index`` right (or a wrong one)."""
        shown = self.host.round.presented("main", index)
        good = next(i for i in range(len(shown.choices)) if self.host.round.judge("main", index, i).correct)
        return str((good if right else (good + 1) % len(shown.choices)) + 1)

    def prompt(self, index: int) -> str:
        return self.host.round.presented("main", index).question.prompt[:30]

    def close(self) -> None:
        for session in self.sessions:
            session.close()


@asynccontextmanager
async def running(klass: Class, students: list[str | None]) -> AsyncIterator[tuple[Room, list[Room]]]:
    """The host app and one student app per entry of ``students`` (a name given, or None: typed later),
    opened together, nested, in this event loop."""
    async with AsyncExitStack() as stack:
        host_app = ClassHostApp(klass.host, clock=klass.clock)
        host = Room(host_app, await stack.enter_async_context(host_app.run_test(size=HOST_SIZE)))
        rooms = []
        for player in students:
            app = klass.student_app(player)
            rooms.append(Room(app, await stack.enter_async_context(app.run_test(size=STUDENT_SIZE))))
        yield host, rooms


BAR_ROW = re.compile(r"(✓| ) (\d)\. .*? (\d+)(?: █*)?$")
"""A first line of the reveal's bar chart: the right-answer mark, the option's number, its count."""


def bar_counts(host_text: str) -> tuple[dict[int, int], list[int]]:
    """The reveal's bars read off the host's screen: {option number: count}, and the marked option(s)."""
    counts: dict[int, int] = {}
    marked = []
    for line in host_text.splitlines():
        found = BAR_ROW.search(line.rstrip())
        if found:
            counts[int(found[2])] = int(found[3])
            if found[1] == "✓":
                marked.append(int(found[2]))
    return counts, marked


async def test_teacher_paced_round_with_three_students(tmp_path: Path, panjshir: Pack) -> None:
    """Join by name, the roster, start, everyone answers by keys, the automatic reveal on the host with bars
    that add up to the class, each student's own feedback with the quote's ¶, next for everyone."""
    klass = Class(tmp_path / "class", panjshir, "teacher")
    try:
        async with running(klass, [None, None, "Chen"]) as (host, (ana, bo, chen)):
            await chen.until("Waiting for the teacher…")
            for room, name in ((ana, "Ana"), (bo, "Bo")):
                await room.until("Type your name and press Enter.")
                klass.clock.now += 1  # joined one after another: the roster keeps that order
                await room.press(*name, "enter")
                await room.until("Waiting for the teacher…", name)
            await host.until("Joined (3): Chen, Ana, Bo", "Lobby · 3 joined")

            await host.press("s")
            await host.until("Question 1 of 2 · answered 0 of 3", klass.prompt(0))
            for room in (ana, bo, chen):
                await room.until("Question 1 of 2", klass.prompt(0))

            for count, (room, right) in enumerate(((ana, True), (bo, True)), start=1):
                await room.press(klass.key_of(0, right=right))
                await room.until("Your answer is locked in")
                await host.until(f"answered {count} of 3")
            await chen.press(klass.key_of(0, right=False))
            # The last answer in: the host reveals by itself at its next look at the store.
            shown = await host.until("Question 1 of 2 · 2 of 3 answers right", "From the article:", "¶22")
            counts, marked = bar_counts(shown)
            assert sorted(counts) == [1, 2, 3, 4] and sum(counts.values()) == 3
            right_option = int(klass.key_of(0, right=True))
            wrong_option = int(klass.key_of(0, right=False))
            assert marked == [right_option]
            assert counts[right_option] == 2 and counts[wrong_option] == 1
            # The footer follows a frame later: once it offers n, it no longer offers r.
            assert "r Reveal" not in await host.until("n Next")

            for room in (ana, bo):
                mine = await room.until("✔ Right", "From the article:", "¶22")
                assert "Your answer:" not in mine
            mine = await chen.until("✘ Wrong", "Your answer:", "From the article:", "¶22")
            assert "Right answer: That it could inflame relations" in mine

            await host.press("n")
            await host.until("Question 2 of 2 · answered 0 of 3", klass.prompt(1))
            for room in (ana, bo, chen):
                await room.until("Question 2 of 2", klass.prompt(1))
        given = sorted((r.student, r.correct) for r in klass.host.store.answers(phase="main"))
        assert given == [("ana", True), ("bo", True), ("chen", False)]  # each answer committed once
    finally:
        klass.close()


async def test_self_paced_dashboard_follows_each_student(tmp_path: Path, panjshir: Pack) -> None:
    """Each student at their own pace; the host's dashboard shows each one's k of N and score as they go,
    the same score the student's own screen shows."""
    klass = Class(tmp_path / "class", panjshir, "self")
    try:
        async with running(klass, ["Ana", "Bo", "Chen"]) as (host, (ana, bo, chen)):
            await host.until("Joined (3): Ana, Bo, Chen")
            await host.press("s")
            await host.until("Self-paced round · finished 0 of 3")
            for room in (ana, bo, chen):
                await room.until("Question 1 of 2", klass.prompt(0))

            # Ana: both right and finished; Bo: the first wrong, still on the second; Chen: nothing yet.
            await ana.press(klass.key_of(0, right=True))
            await ana.until("✔ Right", "¶22")
            await ana.press("enter")
            await ana.until("Question 2 of 2", klass.prompt(1))
            await ana.press(klass.key_of(1, right=True))
            ana_score = re.search(r"Score (\d+)", await ana.until("✔ Right"))
            await ana.press("enter")
            await ana.until("You have finished.")
            await bo.press(klass.key_of(0, right=False))
            await bo.until("✘ Wrong", "Score 0")
            await bo.press("enter")
            await bo.until("Question 2 of 2")

            assert ana_score is not None and int(ana_score[1]) > 0
            shown = await host.until("Self-paced round · finished 1 of 3", " 2. 1 of 1 right (100%)")
            rows = {
                "Ana": rf"Ana\s+round 2 of 2\s+score\s+{ana_score[1]}\s+finished",
                "Bo": r"Bo\s+round 1 of 2\s+score\s+0\s+playing",
                "Chen": r"Chen\s+round 0 of 2\s+score\s+0\s+playing",
            }
            for name, row in rows.items():
                assert re.search(row, shown), f"{name}'s row not as played:\n{shown}"
            assert re.search(r" 1\. 1 of 2 right \(50%\)\s+wrong \(1\): ", shown)
    finally:
        klass.close()
