"""Fixtures for the engine tests: the root conftest's pack helpers, and a pack with every question type.

``import conftest`` is ambiguous once several test folders have a conftest.py (pytest's default import
mode puts each folder on ``sys.path`` as the plain module name ``conftest``), so the helpers of
``tests/conftest.py`` are loaded here by path, once, under a name of their own.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack


def root_conftest() -> ModuleType:
    """``tests/conftest.py`` as a module (its fixtures are registered by pytest; this is for its helpers)."""
    name = "_quotebound_tests_root_conftest"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "conftest.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# Plain re-exports, so that a test's `from conftest import write_pack` works whichever conftest.py
# pytest imported last under that name.
write_pack = root_conftest().write_pack
TINY_ARTICLE: str = root_conftest().TINY_ARTICLE
TINY_PACK: str = root_conftest().TINY_PACK


@pytest.fixture(name="write_pack")
def write_pack_fixture() -> Callable[..., Path]:
    """``write_pack(folder, files, *, article=..., pack=...)`` from tests/conftest.py, as a fixture.

    Named apart from the plain ``write_pack`` above, which must stay a plain function.
    """
    return write_pack


@pytest.fixture
def tiny_article() -> str:
    return TINY_ARTICLE


ALL_TYPES_QUIZ = """\
kind: quiz
questions:
  - id: single
    type: single
    topic: facts
    prompt: By how much did the river rise?
    options:
      - three metres
      - text: one metre
        feedback: That is a third of the rise.
      - "1,000 metres"
    answer: three metres
    explanation: The mayor gave the figure.
    quotes: ["The river rose by three metres on Monday"]
  - id: attribution
    type: attribution
    topic: claims
    prompt: Who said it?
    statement: We are ready.
    options: [Ana Ruiz, The mayor, Officials]
    answer: Ana Ruiz
    explanation: Ana Ruiz is quoted.
    quotes: ["“We are ready,” said Ana Ruiz"]
  - id: truefalse
    type: true_false
    topic: facts
    prompt: The river rose on Monday.
    answer: true
    explanation: So the article says.
    quotes: ["The river rose by three metres on Monday"]
  - id: claimfact
    type: claim_fact
    topic: claims
    prompt: Fact or claim?
    statement: 1,000 homes were safe.
    answer: claim
    explanation: Officials claimed it.
    quotes: ["Officials claimed that 1,000 homes were safe."]
  - id: multi
    type: multi
    topic: facts
    prompt: Which are in the article?
    options:
      - The river rose
      - Homes were safe
      - text: A dam broke
        feedback: No dam is mentioned.
      - The mayor resigned
    answers: [The river rose, Homes were safe]
    explanation: Both are reported.
    quotes: ["The river rose", "homes were safe"]
  - id: short
    type: short
    topic: facts
    prompt: How many homes were safe, by the officials' claim?
    answers: ["1,000"]
    explanation: Officials gave the number.
    quotes: ["1,000 homes were safe"]
  - id: order
    type: order
    topic: facts
    prompt: Put in the article's order.
    items: [The river rose, Officials claimed, Ana Ruiz spoke]
    explanation: That is the order of the paragraphs.
    quotes: ["The river rose", "Officials claimed"]
"""

ALL_TYPES_PACK = """\
id: all
title: Every type
description: One question of each type.
article: article.txt
boilerplate_starts: Source link
topics:
  - id: facts
    title: Facts
  - id: claims
    title: Claims
"""


@pytest.fixture
def all_types_quiz() -> str:
    """The text of the every-type quiz file, to make variants of."""
    return ALL_TYPES_QUIZ


@pytest.fixture
def make_all_types_pack(tmp_path: Path, write_pack: Callable[..., Path]) -> Callable[..., Pack]:
    """``make(quiz=ALL_TYPES_QUIZ, folder="all")`` writes and loads a variant of the every-type pack."""

    def make(quiz: str = ALL_TYPES_QUIZ, folder: str = "all") -> Pack:
        return load_pack(write_pack(tmp_path / folder, {"quiz.yaml": quiz}, pack=ALL_TYPES_PACK))

    return make


@pytest.fixture
def all_types_pack(make_all_types_pack: Callable[..., Pack]) -> Pack:
    """A pack on the tiny article with one question of every type, in the order above."""
    return make_all_types_pack()
