"""``quotebound new``: what it prints, what it refuses, and that every author tool accepts its pack."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "seeds" / "riverside-bridge-vote.txt"
GUIDE = ROOT / "docs" / "authoring.md"

Capsys = pytest.CaptureFixture[str]


def _run(capsys: Capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "bridge-vote.txt"
    path.parent.mkdir()
    shutil.copy(RIVERSIDE, path)
    return path


def test_new_writes_a_pack_that_every_author_tool_accepts(
    capsys: Capsys, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(article.parent)
    status, out, err = _run(capsys, "new", "bridge-vote.txt")
    assert (status, err) == (0, "")
    assert out.startswith("New pack 'bridge-vote':\n")
    for line in ("seeds/bridge-vote.txt", "scenes/bridge-vote/pack.yaml", "schemas/"):
        assert f"  {line}" in out
    # Every "next step" the command prints runs cleanly on what it wrote.
    steps = re.findall(r"^  quotebound (validate|coverage|playtest) (.*)$", out, re.M)
    assert [s[0] for s in steps] == ["validate", "coverage", "playtest"]
    for command, rest in steps:
        status, step_out, step_err = _run(capsys, command, *rest.split())
        assert status == 0, step_out + step_err
    assert "0 errors, 0 warnings" in _run(capsys, "validate", "--strict", "scenes/bridge-vote")[2]
    assert (article.parent / "seeds" / "bridge-vote.txt").read_bytes() == RIVERSIDE.read_bytes()


def test_the_guide_shows_the_real_output(
    capsys: Capsys, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(article.parent)
    _status, out, _err = _run(capsys, "new", "bridge-vote.txt")
    _status, _out, err = _run(capsys, "new", "bridge-vote.txt")
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"```text\n$ quotebound new bridge-vote.txt\n{out}```" in guide
    assert f"```text\n$ quotebound new bridge-vote.txt\n{err}```" in guide


def test_name_and_root(capsys: Capsys, article: Path, tmp_path: Path) -> None:
    root = tmp_path / "elsewhere"
    root.mkdir()
    status, out, _err = _run(capsys, "new", str(article), "--name", "bridge_2", "--root", str(root))
    assert status == 0 and "New pack 'bridge_2':" in out
    assert sorted(p.name for p in (root / "scenes" / "bridge_2").iterdir()) == [
        "pack.yaml",
        "quiz-sample.yaml",
        "story-sample.yaml",
    ]
    assert sorted(p.name for p in (root / "schemas").iterdir()) == [
        "pack.schema.json",
        "quiz.schema.json",
        "scenario.schema.json",
    ]
    assert _run(capsys, "validate", str(root / "scenes"))[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Bad Name"], "--name 'Bad Name': a pack name is lowercase letters"),
        (["--root", "no-such-folder"], "no folder 'no-such-folder'"),
    ],
)
def test_bad_arguments_exit_1_with_a_message(
    capsys: Capsys, article: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(article.parent)
    status, out, err = _run(capsys, "new", "bridge-vote.txt", *args)
    assert (status, out) == (1, "")
    assert err.startswith("quotebound new: ") and message in err and "Traceback" not in err
    assert sorted(p.name for p in article.parent.iterdir()) == ["bridge-vote.txt"]


def test_an_existing_pack_is_never_overwritten(
    capsys: Capsys, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(article.parent)
    assert _run(capsys, "new", "bridge-vote.txt")[0] == 0
    quiz = article.parent / "scenes" / "bridge-vote" / "quiz-sample.yaml"
    quiz.write_text("# my own work\n", encoding="utf-8")
    (article.parent / "seeds" / "bridge-vote.txt").unlink()
    status, _out, err = _run(capsys, "new", "bridge-vote.txt")
    assert status == 1 and "scenes/bridge-vote already exists" in err
    assert quiz.read_text(encoding="utf-8") == "# my own work\n"
    assert not (article.parent / "seeds" / "bridge-vote.txt").exists()


def test_a_missing_or_unreadable_article(capsys: Capsys, tmp_path: Path) -> None:
    status, _out, err = _run(capsys, "new", str(tmp_path / "nope.txt"), "--root", str(tmp_path))
    assert status == 1 and "no article file" in err
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    status, _out, err = _run(capsys, "new", str(binary), "--root", str(tmp_path))
    assert status == 1 and "is not UTF-8 text" in err


def test_help_describes_the_command(capsys: Capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert "ARTICLE.txt" in out and "--name" in out and "--root" in out
    assert "new" in _help(capsys)


def _help(capsys: Capsys) -> str:
    with pytest.raises(SystemExit):
        main(["--help"])
    return capsys.readouterr().out


PROBE = """
import json, sys
from game.cli import main
status = main(["new", sys.argv[1], "--root", sys.argv[2]])
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("game.ui"))
print(json.dumps({"status": status, "ui": ui}))
"""


def test_new_never_imports_the_ui(article: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(article), str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"status": 0, "ui": []}
