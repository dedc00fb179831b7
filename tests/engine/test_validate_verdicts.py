"""``validate`` with the cache on keeps each pack's verdict: a pack none of whose files changed gives its
last verdict (diagnostics and notes) without being validated again, and any change, or the cache off,
validates it again. The verdict is always the one a full validation gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.authoring import validate
from game.authoring.validate import validate_paths
from game.engine.content.diagnostics import Diagnostic
from game.engine.packs import PackCache
from tests.engine.test_pack_shelf import BAD_QUIZ, GOOD_QUIZ, scenes_with


def errors(found: tuple[list[Diagnostic], int]) -> list[Diagnostic]:
    return [d for d in found[0] if d.severity == "error"]


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packs validated from their files, by folder name, from now on."""
    seen: list[str] = []
    real = validate.validate_pack

    def spy(folder: Path, note: object = validate._to_stderr) -> object:
        seen.append(folder.name)
        return real(folder, note)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "validate_pack", spy)
    return seen


def test_only_the_changed_pack_is_validated_again(
    tmp_path: Path, checked: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    root = scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ, cc=GOOD_QUIZ)
    cache = PackCache(tmp_path / "cache")
    first = validate_paths([root], cache)
    first_notes = capsys.readouterr().err
    assert checked == ["aa", "bb", "cc"] and errors(first)  # aa's
    checked.clear()
    assert validate_paths([root], cache) == first
    assert checked == [] and capsys.readouterr().err == first_notes  # the notes again, in order
    quiz = root / "bb" / "quiz.yaml"
    quiz.write_text(BAD_QUIZ, encoding="utf-8")
    again = validate_paths([root], cache)
    assert checked == ["bb"]
    checked.clear()
    capsys.readouterr()
    assert again == validate_paths([root]) and checked == ["aa", "bb", "cc"]  # as a full validation


def test_the_cache_off_validates_every_pack(tmp_path: Path, checked: list[str]) -> None:
    root = scenes_with(tmp_path, aa=GOOD_QUIZ, bb=GOOD_QUIZ)
    validate_paths([root], PackCache(tmp_path / "cache"))
    checked.clear()
    validate_paths([root])
    assert checked == ["aa", "bb"]


def test_same_size_and_mtime_but_other_bytes_validates_again(tmp_path: Path, checked: list[str]) -> None:
    root = scenes_with(tmp_path, bb=GOOD_QUIZ)
    cache = PackCache(tmp_path / "cache")
    assert errors(validate_paths([root], cache)) == []
    quiz = root / "bb" / "quiz.yaml"
    before = os.stat(quiz)
    quiz.write_text(GOOD_QUIZ.replace("on Monday", "on Sunday"), encoding="utf-8")  # a quote not found
    os.utime(quiz, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(quiz).st_size == before.st_size
    checked.clear()
    assert errors(validate_paths([root], cache)) != []
    assert checked == ["bb"]


def test_a_changed_article_validates_again(tmp_path: Path, checked: list[str]) -> None:
    root = scenes_with(tmp_path, bb=GOOD_QUIZ)
    cache = PackCache(tmp_path / "cache")
    assert errors(validate_paths([root], cache)) == []
    article = root / "bb" / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("three metres", "two metres"), "utf-8")
    checked.clear()
    assert errors(validate_paths([root], cache)) != []
    assert checked == ["bb"]
