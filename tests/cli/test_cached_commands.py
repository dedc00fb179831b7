"""``coverage`` and ``stats`` take unchanged packs from the cache of validated packs (issue 15), and a
stale or damaged cache never shows what the files no longer say; with a warm cache, the no-UI commands
import no YAML parser and no OpenSSL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.progress.service import ProgressService
from game.store.results import write_results
from tests.engine.test_pack_cache import no_loading
from tests.engine.test_pack_shelf import GOOD_QUIZ, scenes_with

OTHER_QUOTE = GOOD_QUIZ.replace(
    "The river rose by three metres on Monday", "Officials claimed that 1,000 homes were safe"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return scenes_with(tmp_path, bb=GOOD_QUIZ) / "bb"


def test_coverage_takes_an_unchanged_pack_from_the_cache(
    pack_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(capsys, "coverage", str(pack_dir))
    no_loading(monkeypatch)
    assert run(capsys, "coverage", str(pack_dir)) == first


def test_coverage_after_an_edit_counts_the_new_quotes(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = run(capsys, "coverage", str(pack_dir))
    assert "¶2: The river rose" not in before and "¶3: Officials claimed" in before
    (pack_dir / "quiz.yaml").write_text(OTHER_QUOTE, encoding="utf-8")
    after = run(capsys, "coverage", str(pack_dir))
    assert "¶2: The river rose" in after and "¶3: Officials claimed" not in after


@pytest.mark.parametrize("damage", [b"", b"\x92\x01garbage"])
def test_coverage_with_a_damaged_cache_reads_the_files(
    pack_dir: Path, capsys: pytest.CaptureFixture[str], damage: bytes
) -> None:
    first = run(capsys, "coverage", str(pack_dir))
    entries = list(Path(os.environ["QUOTEBOUND_CACHE"]).glob("*.pack"))
    assert entries
    for entry in entries:
        entry.write_bytes(damage)
    assert run(capsys, "coverage", str(pack_dir)) == first


@pytest.fixture
def played(pack_dir: Path, tmp_path: Path) -> Path:
    """A data folder where Ana answered every question of pack bb."""
    data = tmp_path / "data"
    service = ProgressService.open(data)
    service.use_player("Ana")
    quiz = QuizRun(load_pack(pack_dir), seed=1)
    service.round_started(quiz)
    while quiz.current is not None:
        quiz.answer(None, 1.0)
        service.answered(quiz)
    service.round_finished(quiz)
    service.close()
    return data


def test_stats_takes_titles_from_the_cache_and_sees_an_edit(
    pack_dir: Path, played: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("stats", "--data-dir", str(played), "--scenes", str(pack_dir.parent))
    first = run(capsys, *argv)
    assert "Pack: Pack bb (bb)" in first and "Topic Facts:" in first
    with monkeypatch.context() as patch:
        no_loading(patch)
        assert run(capsys, *argv) == first
    pack_yaml = pack_dir / "pack.yaml"
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8").replace("title: Facts", "title: Plain facts"), "utf-8"
    )
    assert "Topic Plain facts:" in run(capsys, *argv)


def test_stats_with_a_broken_pack_after_caching_it_shows_ids(
    pack_dir: Path, played: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack that no longer loads is not served from the cache: its ids stand in for its titles."""
    argv = ("stats", "--data-dir", str(played), "--scenes", str(pack_dir.parent))
    assert "Pack: Pack bb (bb)" in run(capsys, *argv)
    (pack_dir / "quiz.yaml").write_text(
        GOOD_QUIZ.replace("three metres on Monday", "ten metres on Sunday"), encoding="utf-8"
    )
    assert "Pack: bb (bb)" in run(capsys, *argv)


IMPORTS_PROBE = """
import sys
from game.cli import main
status = main(sys.argv[1:])
print(" ".join(sorted(m for m in ("yaml", "_hashlib", "sqlite3") if m in sys.modules)), file=sys.stderr)
sys.exit(status)
"""


@pytest.mark.parametrize(
    ("argv", "absent"),
    [
        (["export", "--format", "gift", "--pack", "panjshir"], {"yaml", "_hashlib", "sqlite3"}),
        (["coverage"], {"yaml", "_hashlib", "sqlite3"}),
        (["report", "RESULTS"], {"yaml", "_hashlib", "sqlite3"}),
        (["stats", "--data-dir", "DATA", "--scenes", "SCENES"], {"yaml", "_hashlib"}),
    ],
    ids=["export", "coverage", "report", "stats"],
)
def test_with_a_warm_cache_no_yaml_parser_or_openssl_is_imported(
    argv: list[str], absent: set[str], tmp_path: Path, panjshir: Pack, played: Path, pack_dir: Path
) -> None:
    """What keeps a warm run quick: no YAML parser (the pack comes from the cache), no OpenSSL (the
    cache's hash is BLAKE2's built-in module), and no SQLite for a report on results files alone."""
    quiz = QuizRun(panjshir, seed=1)
    while quiz.current is not None:
        quiz.answer(None, 1.0)
    started = datetime(2025, 1, 1, tzinfo=UTC)
    results = write_results(tmp_path / "results", run=quiz, player="Ana", started=started).parent
    given = {"RESULTS": str(results), "DATA": str(played), "SCENES": str(pack_dir.parent)}
    argv = [given.get(a, a) for a in argv]

    def imported() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", IMPORTS_PROBE, *argv],
            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return set(done.stderr.splitlines()[-1].split())

    assert "yaml" in imported()  # cold: read from the files
    assert imported() & absent == set()
