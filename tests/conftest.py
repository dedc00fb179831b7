"""Shared fixtures: keep the tester's own machine out, and give tests packs to load.

Every test runs with ``QUOTEBOUND_DATA`` and ``QUOTEBOUND_CACHE`` pointing at temporary folders and no
``QUOTEBOUND_SCENES``, so no test reads or writes the real user data or cache folder or picks up someone's
own packs.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.paths import bundled_scenes

ROOT = Path(__file__).resolve().parent.parent
PANJSHIR = ROOT / "scenes" / "panjshir"

TINY_ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""

TINY_PACK = """\
id: tiny
title: Tiny pack
description: A pack for tests.
article: article.txt
boilerplate_starts: Source link
topics:
  - id: facts
    title: Facts
"""


@pytest.fixture(autouse=True, scope="session")
def _no_real_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The cache of validated packs for fixtures wider than a test (the wheel's venv runs validate),
    which are set up before :func:`_isolate`: never the tester's own."""
    before = os.environ.get("QUOTEBOUND_CACHE")
    os.environ["QUOTEBOUND_CACHE"] = str(tmp_path_factory.mktemp("session-cache"))
    yield
    if before is None:
        del os.environ["QUOTEBOUND_CACHE"]
    else:
        os.environ["QUOTEBOUND_CACHE"] = before


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("QUOTEBOUND_DATA", str(tmp_path_factory.mktemp("data")))
    # The cache of validated packs (game.engine.pack_cache): never the tester's own.
    monkeypatch.setenv("QUOTEBOUND_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("QUOTEBOUND_SCENES", raising=False)


@pytest.fixture(scope="session")
def panjshir() -> Pack:
    """The bundled Panjshir pack, loaded once."""
    return load_pack(bundled_scenes() / "panjshir")


def write_pack(
    folder: Path, files: dict[str, str], *, article: str = TINY_ARTICLE, pack: str = TINY_PACK
) -> Path:
    """Write a small pack: ``pack.yaml``, ``article.txt`` and the given content files (dedented)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    (folder / "article.txt").write_text(article, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def tiny_pack_dir(tmp_path: Path) -> Path:
    """A valid one-question pack in a temporary folder."""
    return write_pack(
        tmp_path / "tiny",
        {
            "quiz.yaml": """\
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
        },
    )


@pytest.fixture
def pack_writer():  # type: ignore[no-untyped-def]
    """:func:`write_pack`, for tests that build their own packs."""
    return write_pack
