"""``validate`` with nothing changed since its last run prints the recorded verdict (issue 15 item 3);
any change to what it read, a fresh file or a damaged record runs the full validation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.commands import validate_fast
from game.paths import cache_dir
from tests.engine.test_pack_shelf import BAD_QUIZ, GOOD_QUIZ, scenes_with

ROOT = Path(__file__).resolve().parents[2]
HOUR_AGO = time.time_ns() - 3600 * 10**9


def settle(root: Path) -> None:
    """Date every file and folder under ``root`` an hour back, as files edited before this run are."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(HOUR_AGO, HOUR_AGO))


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["validate", *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def scenes(tmp_path: Path) -> Path:
    root = scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ)
    settle(root)
    return root


def replays(argv: list[str]) -> bool:
    """Whether the fast path has a verdict for ``validate ARGV`` (it prints it if so)."""
    return validate_fast.replay(argv) is not None


def test_nothing_changed_prints_the_same_verdict(scenes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = validate(capsys, str(scenes))
    assert first[0] == 1 and "quote not found" in first[1] and "error" in first[2]
    assert replays([str(scenes)])
    capsys.readouterr()
    assert validate(capsys, str(scenes)) == first


def test_an_edited_file_is_validated_again(scenes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, str(scenes))
    (scenes / "aa" / "quiz.yaml").write_text(GOOD_QUIZ, encoding="utf-8")
    status, out, err = validate(capsys, str(scenes))
    assert status == 0 and "quote not found" not in out and "0 errors" in err


def test_an_edited_article_is_validated_again(scenes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, str(scenes / "bb"))
    article = scenes / "bb" / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("three", "four"), encoding="utf-8")
    status, out, _err = validate(capsys, str(scenes / "bb"))
    assert status == 1 and "quote not found" in out


def test_a_new_pack_is_validated(scenes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, str(scenes))
    scenes_with(scenes.parent, cc=BAD_QUIZ)  # scenes/cc: the scenes folder's mtime changes
    assert not replays([str(scenes)])
    assert "cc/quiz.yaml" in validate(capsys, str(scenes))[1]


def test_other_arguments_are_another_verdict(scenes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, str(scenes / "bb"))
    assert not replays([str(scenes / "bb"), "--strict"])
    assert replays([str(scenes / "bb")])


def test_files_changed_just_now_are_not_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An mtime within the timestamp tick of the run could hide a later edit: no verdict is kept."""
    root = scenes_with(tmp_path, bb=GOOD_QUIZ)
    validate(capsys, str(root))
    assert not replays([str(root)])


@pytest.mark.parametrize("damage", [b"", b"garbage", b"quotebound-validate-1\0", "truncate"])
def test_a_damaged_record_runs_the_full_validation(
    scenes: Path, capsys: pytest.CaptureFixture[str], damage: bytes | str
) -> None:
    first = validate(capsys, str(scenes))
    (record,) = Path(os.environ["QUOTEBOUND_CACHE"]).glob("validate-*.rec")
    data = record.read_bytes()
    record.write_bytes(data[: len(data) - 40] if damage == "truncate" else damage)  # type: ignore[arg-type]
    assert validate(capsys, str(scenes)) == first


def test_the_fast_path_finds_the_cache_folder_as_the_game_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUOTEBOUND_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert validate_fast.cache_dir() == str(cache_dir())
    monkeypatch.setenv("QUOTEBOUND_CACHE", "")
    assert validate_fast.cache_dir() is None and cache_dir() is None


def test_the_fast_path_imports_no_parser_nor_validator(scenes: Path) -> None:
    """Issue 15: with nothing changed, validate imports neither msgspec, argparse, hashlib nor YAML."""
    script = (
        "import sys\nfrom game.cli import main\nstatus = main(['validate', sys.argv[1]])\n"
        "print(sorted(m for m in ('argparse', 'msgspec', 'hashlib', 'yaml') if m in sys.modules))\n"
    )

    def run() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", script, str(scenes)], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0 and "quote not found" in done.stdout, done.stderr
        return done.stdout.splitlines()

    assert run()[-1] != "[]"  # the full run
    assert run()[-1] == "[]"
