"""game.paths.data_dir: --data-dir beats $QUOTEBOUND_DATA beats the platform folder; the folder is created."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from game import paths


@pytest.fixture
def platform_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "platform"
    calls: list[tuple[object, ...]] = []

    def fake(*args: object, **kwargs: object) -> str:
        calls.append(args)
        return str(folder)

    monkeypatch.setattr(platformdirs, "user_data_dir", fake)
    return folder


def test_override_wins_and_is_created(tmp_path: Path, platform_dir: Path) -> None:
    target = tmp_path / "a" / "b"
    assert paths.data_dir(target) == target.resolve()
    assert target.is_dir()
    assert paths.data_dir(str(target)) == target.resolve()


def test_env_then_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform_dir: Path) -> None:
    env = tmp_path / "env"
    monkeypatch.setenv(paths.DATA_ENV_VAR, str(env))
    assert paths.data_dir() == env.resolve()
    assert paths.data_dir("") == env.resolve()  # an empty --data-dir counts as not given
    monkeypatch.setenv(paths.DATA_ENV_VAR, "")
    assert paths.data_dir() == platform_dir.resolve()
    monkeypatch.delenv(paths.DATA_ENV_VAR)
    assert paths.data_dir(None) == platform_dir.resolve()
    assert platform_dir.is_dir()


def test_relative_override_is_made_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert paths.data_dir("rel") == tmp_path.resolve() / "rel"
