"""Fixtures for the command-line tests: the root conftest's ``write_pack`` helper as a fixture.

``import conftest`` is ambiguous once several test folders have a conftest.py, so tests/conftest.py is
loaded by path, once, under a name of its own (the same trick as tests/engine/conftest.py).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def _root_conftest():  # type: ignore[no-untyped-def]
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
write_pack = _root_conftest().write_pack
TINY_ARTICLE: str = _root_conftest().TINY_ARTICLE
TINY_PACK: str = _root_conftest().TINY_PACK


@pytest.fixture(name="write_pack")
def write_pack_fixture() -> Callable[..., Path]:
    """``write_pack(folder, files, *, article=..., pack=...)`` from tests/conftest.py, as a fixture.

    Named apart from the plain ``write_pack`` above, which must stay a plain function.
    """
    return write_pack
