"""The figures a class host shows add up: answered k of n, the reveal's bars, the top five."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.classroom import lines
from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import ClassConfig, ClassStore

# Seed 10 deals the Panjshir pack's first questions as pick-one questions.
CONFIG = ClassConfig("panjshir", 10, 3, None, "teacher", False, None, "sha")
FRESH = 10.0


def _class(folder: Path, pack: Pack) -> tuple[ClassStore, ClassSession, HostControl]:
    store = ClassStore.create(folder, replace(CONFIG, article_sha256=pack.article.sha256), 1.0)
    session = ClassSession(store, pack)
    return store, session, HostControl(session)


def test_answered_k_of_n_counts_who_left_and_waits_for_who_is_here(tmp_path: Path, panjshir: Pack) -> None:
    """A student who answered and left still counts in "answered k of n" (k never exceeds n), but their
    answer does not stand in for a present student who has not answered: no automatic reveal yet."""
    store, session, control = _class(tmp_path, panjshir)
    with store:
        for name in ("Ana", "Bo"):
            store.claim(name, 1.0, FRESH)
        control.apply("start", 2.0)
        session.answer("ana", "main", 0, 0, 1.0, 3.0)
        store.release("ana")  # Ana answered and closed her game
        store.claim("Chen", 3.0, FRESH)  # Chen joined late
        assert control.answered_of(4.0) == (1, 3)  # Ana answered; Bo and Chen are here
        assert not control.auto_reveal(4.0)  # two present students, neither has answered
        session.answer("bo", "main", 0, 1, 1.0, 4.0)
        assert control.answered_of(4.5) == (2, 3)
        assert not control.auto_reveal(4.5)  # Chen is still thinking
        session.answer("chen", "main", 0, 1, 1.0, 5.0)
        assert control.auto_reveal(5.5) and store.state().revealed


def test_reveal_bars_add_up_and_mark_the_right_option(tmp_path: Path, panjshir: Pack) -> None:
    """Each answer is in one bar (a time-out in its own row), and the right option is known."""
    store, session, control = _class(tmp_path, panjshir)
    with store:
        control.apply("start", 2.0)
        shown = session.round.presented("main", 0)
        right = next(i for i in range(len(shown.choices)) if session.round.judge("main", 0, i).correct)
        for i, response in enumerate([right, right, (right + 1) % len(shown.choices), None]):
            store.claim(f"S{i}", 2.0, FRESH)
            session.answer(f"s{i}", "main", 0, response, 1.0, 3.0)
        figures = session.reveal_figures(0)
        assert sum(n for _a, n in figures.counts) + figures.blank == figures.answered == 4
        assert figures.blank == 1 and figures.right == 2
        assert figures.correct == [i == right for i in range(len(shown.choices))]
        text = "\n".join(t for _i, t in lines.reveal_lines(session, 0))
        assert lines.NO_ANSWER in text and "Reveal, question 1 of 3: 2 of 4 answers right." in text


def test_a_reveal_nobody_answered_says_so_rather_than_0_of_0(tmp_path: Path, panjshir: Pack) -> None:
    store, session, control = _class(tmp_path, panjshir)
    with store:
        store.claim("Ana", 1.0, FRESH)
        control.apply("start", 2.0)
        text = "\n".join(t for _i, t in lines.reveal_lines(session, 0))
        assert "Reveal, question 1 of 3: no one answered." in text and "0 of 0" not in text


def test_top_five_shares_ranks_and_never_shows_the_bottom(tmp_path: Path, panjshir: Pack) -> None:
    store, session, control = _class(tmp_path, panjshir)
    with store:
        control.apply("start", 2.0)
        right = next(
            i
            for i in range(len(session.round.presented("main", 0).choices))
            if session.round.judge("main", 0, i).correct
        )
        names = ["Ana", "Bo", "Chen", "Dee", "Eve", "Fay", "Gus"]
        for i, name in enumerate(names):
            store.claim(name, 2.0, FRESH)
            if i < 2:
                session.answer(name.casefold(), "main", 0, right, 1.0, 3.0)
        top = lines.leaders(session, 3.0)
        assert len(top) == 5
        assert [rank for rank, _n, _s in top] == [1, 1, 3, 3, 3]
        assert [name for _r, name, _s in top][:2] == ["Ana", "Bo"]


def test_the_dashboard_figures_and_the_plain_lines(tmp_path: Path, panjshir: Pack) -> None:
    """One function computes each student's figures (both hosts lay them out): finished, playing, away,
    and once the class has ended "unfinished" (the plain host said "playing" of a student cut short)."""
    store, session, control = _class(tmp_path, panjshir)
    with store:
        for name in ("Ana", "Bo", "Chen"):
            store.claim(name, 100.0, FRESH)
        control.apply("start", 100.0)
        for index in range(3):
            session.answer("ana", "main", index, 0, 1.0, 101.0)
        session.answer("bo", "main", 0, 0, 1.0, 101.0)
        store.release("chen")
        figures = lines.student_figures(session, 102.0)
        assert [(f.name, f.state, f.done) for f in figures] == [
            ("Ana", "finished", {"main": 3}),
            ("Bo", "playing", {"main": 1}),
            ("Chen", "away", {"main": 0}),
        ]
        playing = lines.dashboard_lines(session, 102.0)
        assert ("  ", f"Bo (playing): round 1 of 3, score {figures[1].score}.") in playing
        control.apply("end", 103.0)
        ended = lines.dashboard_lines(session, 103.0)
        assert [t.split(":")[0] for _i, t in ended[1:4]] == [
            "Ana (finished)",
            "Bo (unfinished)",
            "Chen (unfinished)",
        ]


def test_a_question_nobody_answered_is_not_awaited_once_the_class_has_ended(
    tmp_path: Path, panjshir: Pack
) -> None:
    """The plain host's last dashboard said "not answered yet" of a class that had ended."""
    store, session, control = _class(tmp_path, panjshir)
    with store:
        control.apply("start", 100.0)
        assert ("  ", "1. not answered yet") in lines.dashboard_lines(session, 101.0)
        control.apply("end", 102.0)
        assert ("  ", "1. not answered") in lines.dashboard_lines(session, 103.0)
