"""`quotebound validate`: one `path:line:col: severity: message` line per problem, a summary, exit 0 or 1.

Run in-process through ``game.cli.main`` (fast), plus one real ``python -m game validate`` on broken
files to prove that what a user sees is clean lines and exit status 1, never a traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game import __version__
from game.cli import main
from game.paths import bundled_scenes

LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")
SUMMARY = re.compile(r"^(\d+) files? checked: (\d+) errors?, (\d+) warnings?$")

GOOD_QUIZ = """\
kind: quiz
questions:
  - id: river
    type: single
    topic: facts
    prompt: By how much did the river rise?
    options: [three metres, one metre, "1,000 metres"]
    answer: three metres
    explanation: The mayor gave the figure.
    quotes: ["The river rose by three metres on Monday"]
"""
BAD_QUIZ = GOOD_QUIZ.replace("prompt:", "promt:") + GOOD_QUIZ.split("questions:\n")[1].replace(
    "id: river", "id: second"
).replace("answer: three metres", "answer: two metres")
"""Two bad questions: an unknown key at 6:5, and an answer that is not an option at 16:13."""
ALIAS_BOMB = "kind: quiz\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"

WritePack = Callable[..., Path]
Capsys = pytest.CaptureFixture[str]


def validate(capsys: Capsys, *args: str) -> tuple[int, list[str], tuple[int, int, int]]:
    """Run `quotebound validate ARGS`; returns the status, the problem lines and (files, errors, warnings)."""
    status = main(["validate", *args])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    for line in lines:
        assert LINE.match(line), line
    summary = SUMMARY.match(err.strip().splitlines()[-1])
    assert summary, err
    files, errors, warnings = (int(n) for n in summary.groups())
    assert errors == sum(": error: " in line for line in lines)
    assert warnings == sum(": warning: " in line for line in lines)
    return status, lines, (files, errors, warnings)


def test_bundled_scenes_are_valid(capsys: Capsys) -> None:
    status, lines, (files, errors, _) = validate(capsys)
    assert (status, errors) == (0, 0), lines
    assert files >= 2


def test_bundled_pack_folder(capsys: Capsys) -> None:
    status, lines, (files, errors, warnings) = validate(capsys, str(bundled_scenes() / "panjshir"))
    assert (status, lines, errors, warnings) == (0, [], 0, 0)
    assert files == len(list((bundled_scenes() / "panjshir").glob("*.yaml")))  # pack.yaml included


def test_pack_folder(capsys: Capsys, tiny_pack_dir: Path) -> None:
    assert validate(capsys, str(tiny_pack_dir)) == (0, [], (2, 0, 0))


def test_folder_of_packs(capsys: Capsys, tmp_path: Path, write_pack: WritePack) -> None:
    write_pack(tmp_path / "scenes" / "tiny", {"quiz.yaml": GOOD_QUIZ})
    write_pack(tmp_path / "scenes" / "bad", {"quiz.yaml": BAD_QUIZ}, pack=_pack_yaml("bad"))
    status, lines, counts = validate(capsys, str(tmp_path / "scenes"))
    assert status == 1 and counts == (4, 2, 0)
    assert [re.sub(r"^.*/(?=bad/)", "", line.split(": error: ")[0]) for line in lines] == [
        "bad/quiz.yaml:6:5",
        "bad/quiz.yaml:16:13",
    ]


def test_single_yaml_file(capsys: Capsys, tiny_pack_dir: Path) -> None:
    assert validate(capsys, str(tiny_pack_dir / "quiz.yaml"))[0] == 0
    assert validate(capsys, str(tiny_pack_dir / "pack.yaml"))[0] == 0


def test_single_broken_file(capsys: Capsys, tmp_path: Path, write_pack: WritePack) -> None:
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": BAD_QUIZ})
    status, lines, counts = validate(capsys, str(folder / "quiz.yaml"))
    assert status == 1 and counts == (2, 2, 0)
    assert "unknown key 'promt'; did you mean 'prompt'?" in lines[0]
    assert "answer 'two metres' is not one of the options" in lines[1]


def test_paths_are_shown_as_the_user_typed_them(
    capsys: Capsys, tmp_path: Path, write_pack: WritePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(tmp_path / "tiny", {"quiz.yaml": BAD_QUIZ})
    monkeypatch.chdir(tmp_path)
    _, lines, _ = validate(capsys, "tiny")
    assert lines[0].startswith("tiny/quiz.yaml:6:5: error: ")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(lambda tmp: tmp / "nowhere", "no such file or folder", id="missing-path"),
        pytest.param(lambda tmp: tmp, "no pack here (no pack.yaml found)", id="folder-without-pack"),
        pytest.param(
            lambda tmp: _touch(tmp / "loose.yaml", "kind: quiz\n"), "no pack.yaml beside", id="loose-file"
        ),
    ],
)
def test_nothing_to_validate_is_an_error(
    capsys: Capsys, tmp_path: Path, make: Callable[[Path], Path], fragment: str
) -> None:
    status, lines, (_, errors, _) = validate(capsys, str(make(tmp_path)))
    assert (status, errors) == (1, 1)
    assert fragment in lines[0] and ":1:1: error: " in lines[0]


def test_a_file_the_game_never_reads_is_an_error(capsys: Capsys, tiny_pack_dir: Path) -> None:
    """`quiz.yml` is skipped by the loader: validating it must not say all is well."""
    stray = _touch(tiny_pack_dir / "more.yml", GOOD_QUIZ.replace("river", "other"))
    status, lines, _ = validate(capsys, str(stray))
    assert status == 1 and "does not read this file" in lines[0]


def test_warnings_pass_unless_strict(capsys: Capsys, tmp_path: Path, write_pack: WritePack) -> None:
    folder = write_pack(tmp_path / "renamed", {"quiz.yaml": GOOD_QUIZ})  # pack id "tiny" in folder "renamed"
    status, lines, counts = validate(capsys, str(folder))
    assert (status, counts) == (0, (2, 0, 1))
    assert ": warning: pack id 'tiny' differs from its folder name 'renamed'" in lines[0]
    assert validate(capsys, "--strict", str(folder))[0] == 1


def test_scenes_option_and_environment(
    capsys: Capsys, tmp_path: Path, write_pack: WritePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(tmp_path / "scenes" / "tiny", {"quiz.yaml": BAD_QUIZ})
    assert validate(capsys, "--scenes", str(tmp_path / "scenes"))[0] == 1
    monkeypatch.setenv("QUOTEBOUND_SCENES", str(tmp_path / "scenes"))
    assert validate(capsys)[0] == 1
    assert validate(capsys, str(bundled_scenes() / "panjshir"))[0] == 0  # a PATH wins over the environment


def test_a_pack_named_twice_is_checked_once(capsys: Capsys, tiny_pack_dir: Path) -> None:
    _, _, (files, _, _) = validate(capsys, str(tiny_pack_dir), str(tiny_pack_dir / "quiz.yaml"))
    assert files == 2


def test_hazardous_files_end_as_lines(capsys: Capsys, tmp_path: Path, write_pack: WritePack) -> None:
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": GOOD_QUIZ, "bomb.yaml": ALIAS_BOMB})
    (folder / "junk.yaml").write_bytes(bytes(range(256)))
    (folder / "syntax.yaml").write_text("kind: quiz\nquestions:\n  - prompt: Question: what?\n")
    status, lines, (files, errors, _) = validate(capsys, str(folder))
    assert (status, files, errors) == (1, 5, 3)
    assert [re.sub(r"^.*/", "", line.split(": error: ")[0]) for line in lines] == [
        "bomb.yaml:3:8",
        "junk.yaml:3:115",  # bytes 0-127 hold LF (10) and a lone CR (13): YAML, and editors, break at both
        "syntax.yaml:3:21",
    ]


def test_version(capsys: Capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotebound {__version__}"


def test_real_process_on_broken_files_prints_lines_not_a_traceback(
    tmp_path: Path, write_pack: WritePack
) -> None:
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": BAD_QUIZ, "bomb.yaml": ALIAS_BOMB})
    (folder / "junk.yaml").write_bytes(b"kind: quiz\n\xff\xfe\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", "tiny/quiz.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": error: ")[0] for line in lines] == [
        "tiny/bomb.yaml:3:8",
        "tiny/junk.yaml:2:1",
        "tiny/quiz.yaml:6:5",
        "tiny/quiz.yaml:16:13",
    ]
    assert all(LINE.match(line) for line in lines)
    assert SUMMARY.match(result.stderr.strip()) and "4 errors" in result.stderr


def _touch(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _pack_yaml(ident: str) -> str:
    return (
        f"id: {ident}\ntitle: A pack\ndescription: A pack for tests.\narticle: article.txt\n"
        "boilerplate_starts: Source link\ntopics:\n  - id: facts\n    title: Facts\n"
    )
