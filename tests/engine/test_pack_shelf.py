"""Lazy pack loading (issue 13 item 6): starting reads each ``pack.yaml`` alone, a pack's content loads
when it is opened, and a pack whose content fails stays on the shelf saying why it cannot open."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from game.engine.content.diagnostics import ContentError
from game.engine.packs import PackShelf, pack_shelf
from tests.conftest import TINY_PACK, write_pack

GOOD_QUIZ = """\
kind: quiz
questions:
  - id: river
    type: single
    topic: facts
    prompt: By how much did the river rise?
    options: [three metres, one metre]
    answer: three metres
    explanation: The mayor gave the figure.
    quotes: ["The river rose by three metres on Monday"]
"""

BAD_QUIZ = GOOD_QUIZ.replace("three metres on Monday", "ten metres on Sunday")


def scenes_with(tmp_path: Path, **quizzes: str) -> Path:
    """A scenes folder with one pack per keyword (its id), each holding the given quiz file."""
    root = tmp_path / "scenes"
    for pack_id, quiz in quizzes.items():
        pack = TINY_PACK.replace("id: tiny", f"id: {pack_id}").replace("Tiny pack", f"Pack {pack_id}")
        write_pack(root / pack_id, {"quiz.yaml": quiz}, pack=pack)
    return root


def test_the_shelf_reads_pack_yaml_only(tmp_path: Path) -> None:
    """A pack whose content is broken is on the shelf with its title; nothing is loaded yet."""
    shelf, problems = pack_shelf(scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ))
    assert problems == []
    assert [(info.id, info.title, info.description) for info in shelf.infos] == [
        ("aa", "Pack aa", "A pack for tests."),
        ("bb", "Pack bb", "A pack for tests."),
    ]
    assert shelf.opened() == []


def test_opening_loads_once_and_keeps_the_pack(tmp_path: Path) -> None:
    shelf, _ = pack_shelf(scenes_with(tmp_path, bb=GOOD_QUIZ))
    pack = shelf.open(0)
    assert pack.questions[0].id == "river"
    assert shelf.open(0) is pack and shelf.opened() == [pack]


def test_a_pack_that_fails_says_its_first_error(tmp_path: Path) -> None:
    shelf, _ = pack_shelf(scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ))
    assert shelf.problem(0) is None  # not tried yet
    with pytest.raises(ContentError):
        shelf.open(0)
    problem = shelf.problem(0)
    assert problem is not None and "quote not found in the article" in problem
    assert problem.startswith(str(Path("scenes/aa/quiz.yaml"))) or "aa/quiz.yaml:" in problem
    with pytest.raises(ContentError):  # the failure is remembered, not retried
        shelf.open(0)
    assert shelf.first_openable() == 1


def test_only_broken_packs_have_no_openable_pack(tmp_path: Path) -> None:
    shelf, _ = pack_shelf(scenes_with(tmp_path, aa=BAD_QUIZ))
    assert shelf.first_openable() is None
    assert any(d.severity == "error" for d in shelf.errors())


def test_a_broken_pack_yaml_is_a_problem_not_a_shelf_entry(tmp_path: Path) -> None:
    root = scenes_with(tmp_path, bb=GOOD_QUIZ)
    write_pack(root / "cc", {}, pack="id: cc\ntitle: [not text\n")
    shelf, problems = pack_shelf(root)
    assert [info.id for info in shelf.infos] == ["bb"]
    assert problems and "cc/pack.yaml" in str(problems[0])


def test_a_shelf_of_loaded_packs(tmp_path: Path) -> None:
    shelf, _ = pack_shelf(scenes_with(tmp_path, bb=GOOD_QUIZ))
    pack = shelf.open(0)
    again = PackShelf.of([pack])
    assert again.open(0) is pack and again[0].title == "Pack bb" and again.index_of("bb") == 0


def test_memory_grows_with_packs_opened_not_installed(tmp_path: Path) -> None:
    """Scanning 60 packs keeps only their infos: far less than loading one pack's content."""
    root = scenes_with(tmp_path, **{f"p{i:02}": GOOD_QUIZ for i in range(60)})
    tracemalloc.start()
    try:
        shelf, _ = pack_shelf(root)
        scanned = tracemalloc.get_traced_memory()[0]
        shelf.open(0)
        shelf.open(1)
        opened = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(shelf.opened()) == 2
    # Per pack, an info is a few hundred bytes; a loaded pack holds its article, questions and spans.
    assert (opened - scanned) / 2 > (scanned / 60)
