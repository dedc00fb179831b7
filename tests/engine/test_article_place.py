"""Where an article may live (issue 13, items 1 and 2).

After every symlink is followed, ``article:`` must name a file inside the pack's own folder or inside
``<pack folder>/../../seeds/``. Anything else, and any failure to resolve the path (a symlink loop), is
an error at the ``article:`` line of ``pack.yaml``; other packs in the same scenes folder still load.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.diagnostics import ContentError
from game.engine.packs import load_pack, load_packs

WritePack = Callable[..., Path]

QUIZ = """\
kind: quiz
questions:
  - id: q1
    type: single
    topic: facts
    prompt: What does the file say?
    options: ["{quote}", something else]
    answer: "{quote}"
    explanation: It is in the file.
    quotes: ["{quote}"]
"""

PACK = """\
id: {ident}
title: Tiny pack
description: A pack for tests.
article: {article}
topics:
  - id: facts
    title: Facts
"""


def _pack(folder: Path, article: str, quote: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK.format(ident=folder.name, article=article), encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ.format(quote=quote), encoding="utf-8")
    return folder


def _error(folder: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.path.endswith("pack.yaml") and (diagnostic.line, diagnostic.col) == (4, 10)
    return diagnostic.message


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
@pytest.mark.parametrize("article", ["/etc/passwd", "../../../../../../../../../../etc/passwd"])
def test_a_system_file_is_refused(tmp_path: Path, article: str) -> None:
    """Predictable text matches the quote, so only the place can refuse it."""
    folder = _pack(tmp_path / "scenes" / "evil", article, "root:x:0:0")
    assert "is outside the pack" in _error(folder)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_the_process_environment_is_refused(tmp_path: Path) -> None:
    """/proc/self/environ is a regular file: the place decides, not the type."""
    folder = _pack(tmp_path / "scenes" / "evil", "/proc/self/environ", "QUOTEBOUND_DATA=")
    assert "is outside the pack" in _error(folder)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_out_of_the_pack_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("A secret line of text.\n", encoding="utf-8")
    folder = _pack(tmp_path / "scenes" / "evil", "article.txt", "A secret line of text.")
    (folder / "article.txt").symlink_to(secret)
    assert "is outside the pack" in _error(folder)


def test_a_sibling_packs_folder_is_not_the_packs_own(tmp_path: Path) -> None:
    other = tmp_path / "scenes" / "other"
    other.mkdir(parents=True)
    (other / "article.txt").write_text("Some words in another pack.\n", encoding="utf-8")
    folder = _pack(tmp_path / "scenes" / "evil", "../other/article.txt", "Some words in another pack.")
    assert "is outside the pack" in _error(folder)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_articles_in_the_pack_or_in_seeds_load(tmp_path: Path) -> None:
    """The layout `new` writes (../../seeds/), a file in the pack, and a symlink that stays in seeds."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("The river rose on Monday.\n", encoding="utf-8")
    (seeds / "link.txt").symlink_to("a.txt")
    scenes = tmp_path / "scenes"
    _pack(scenes / "seeded", "../../seeds/a.txt", "The river rose on Monday.")
    _pack(scenes / "linked", "../../seeds/link.txt", "The river rose on Monday.")
    own = _pack(scenes / "own", "texts/article.txt", "The river rose on Monday.")
    (own / "texts").mkdir()
    (own / "texts" / "article.txt").write_text("The river rose on Monday.\n", encoding="utf-8")
    for name in ("seeded", "linked", "own"):
        assert load_pack(scenes / name).questions


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_loop_is_that_packs_error_and_other_packs_load(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "l1").symlink_to("l2")
    (seeds / "l2").symlink_to("l1")
    (seeds / "good.txt").write_text("The river rose on Monday.\n", encoding="utf-8")
    scenes = tmp_path / "scenes"
    loop = _pack(scenes / "loop", "../../seeds/l1", "The river rose on Monday.")
    _pack(scenes / "good", "../../seeds/good.txt", "The river rose on Monday.")
    assert "symlink loop" in _error(loop)
    packs, problems = load_packs(scenes)
    assert [pack.id for pack in packs] == ["good"]
    assert len(problems) == 1 and "symlink loop" in problems[0].message


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
def test_validate_reports_the_line_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path / "scenes" / "evil", "/etc/passwd", "root:x:0:0")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert "pack.yaml:4:10: error: the article '/etc/passwd' is outside the pack" in out.out + out.err
    assert "root:" not in out.out + out.err


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), RuntimeError("Symlink loop from 'x'")])
def test_any_failure_reading_a_packs_files_is_that_packs_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """The loader's safety net: whatever else fails while a pack's files are resolved or read (simulated
    here in listing the broken pack's content files) is reported at its pack.yaml; other packs load."""
    import game.engine.content.loader as loader

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("The river rose on Monday.\n", encoding="utf-8")
    scenes = tmp_path / "scenes"
    broken = _pack(scenes / "broken", "../../seeds/a.txt", "The river rose on Monday.")
    _pack(scenes / "good", "../../seeds/a.txt", "The river rose on Monday.")
    real = loader.content_files

    def content_files(folder: Path) -> list[Path]:
        if folder.name == "broken":
            raise error
        return real(folder)

    monkeypatch.setattr(loader, "content_files", content_files)
    packs, problems = load_packs(scenes)
    assert [pack.id for pack in packs] == ["good"]
    (problem,) = problems
    assert problem.path.endswith(os.path.join(broken.name, "pack.yaml"))
    assert (problem.line, problem.col) == (1, 1) and problem.message.startswith("cannot read this pack: ")
