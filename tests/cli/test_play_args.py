"""``quotebound play`` flags: what reaches the Textual app, the class-play rule, and bad values refused."""

from __future__ import annotations

import argparse
import gc
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.commands.play import streak_bonus_for


class FakeApp:
    """Stands in for the Textual app: records that it ran and exits with a chosen code."""

    def __init__(self, return_code: int | None) -> None:
        self.return_code = return_code
        self.ran = False
        self.collecting = True

    def run(self) -> None:
        self.ran = True
        self.collecting = gc.isenabled()


@pytest.fixture
def fake_ui(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace game.ui.app with a module whose make_app records its keyword arguments."""
    seen: dict[str, Any] = {"return_code": 0}

    def make_app(
        *,
        packs: list[Any],
        pack_index: int = 0,
        seed: int | None = None,
        count: int | None = None,
        mode: str = "quiz",
        time_limit: float | None = None,
        streak_bonus: bool = True,
        player: str | None = None,
        data_dir: Path | None = None,
        results_dir: Path | None = None,
    ) -> FakeApp:
        seen.update(
            packs=packs,
            pack_index=pack_index,
            seed=seed,
            count=count,
            mode=mode,
            time_limit=time_limit,
            streak_bonus=streak_bonus,
            player=player,
            data_dir=data_dir,
            results_dir=results_dir,
        )
        seen["app"] = FakeApp(seen["return_code"])
        return seen["app"]

    module = types.ModuleType("game.ui.app")
    module.make_app = make_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "game.ui.app", module)
    return seen


def test_every_flag_reaches_the_app(fake_ui: dict[str, Any], tmp_path: Path) -> None:
    status = main(
        [
            "play",
            "--player",
            "Ana",
            "--seed",
            "42",
            "--questions",
            "10",
            "--time-limit",
            "45",
            "--results",
            str(tmp_path / "class"),
            "--data-dir",
            str(tmp_path / "data"),
            "--pack",
            "panjshir",
        ]
    )
    assert status == 0 and fake_ui["app"].ran
    assert (fake_ui["seed"], fake_ui["count"], fake_ui["time_limit"], fake_ui["player"]) == (
        42,
        10,
        45.0,
        "Ana",
    )
    assert fake_ui["results_dir"] == tmp_path / "class" and fake_ui["data_dir"] == tmp_path / "data"
    assert fake_ui["streak_bonus"] is False  # --results: class play
    assert fake_ui["packs"][fake_ui["pack_index"]].id == "panjshir"


def test_the_default_command_is_play(fake_ui: dict[str, Any]) -> None:
    assert main(["--seed", "3"]) == 0
    assert fake_ui["seed"] == 3 and fake_ui["streak_bonus"] is True
    assert (fake_ui["player"], fake_ui["results_dir"], fake_ui["time_limit"]) == (None, None, None)


def test_a_crashed_app_exits_non_zero(fake_ui: dict[str, Any]) -> None:
    fake_ui["return_code"] = 1
    assert main(["play"]) == 1


def test_the_collector_waits_for_the_first_screen_and_runs_after(fake_ui: dict[str, Any]) -> None:
    # Paused while the game starts (game.startup; the real app resumes it at its first frame, see
    # tests/ui/test_start_gc.py), and never left off: not after the game, nor after a refused flag.
    assert gc.isenabled()
    assert main(["play", "--seed", "1"]) == 0
    assert fake_ui["app"].collecting is False
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["play", "--questions", "zero"])
    assert gc.isenabled()


def test_mode_is_passed_once_the_app_takes_it(
    fake_ui: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    got: dict[str, Any] = {}

    def make_app(*, packs: list[Any], mode: str = "quiz", **kwargs: Any) -> FakeApp:
        got["mode"] = mode
        return FakeApp(0)

    monkeypatch.setattr(sys.modules["game.ui.app"], "make_app", make_app)
    assert main(["play", "--mode", "story"]) == 0 and got["mode"] == "story"


@pytest.mark.parametrize(
    ("results", "flag", "expected"),
    [
        (None, None, True),  # playing alone: bonus on
        ("class", None, False),  # class play: off
        ("class", True, True),  # --streak-bonus wins
        (None, False, False),  # --no-streak-bonus wins
    ],
)
def test_class_play_rule(results: str | None, flag: bool | None, expected: bool) -> None:
    assert streak_bonus_for(argparse.Namespace(results=results, streak_bonus=flag)) is expected


def test_streak_flags_reach_the_app(fake_ui: dict[str, Any], tmp_path: Path) -> None:
    main(["play", "--results", str(tmp_path), "--streak-bonus"])
    assert fake_ui["streak_bonus"] is True
    main(["play", "--no-streak-bonus"])
    assert fake_ui["streak_bonus"] is False


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--questions", "0"],
        ["play", "--questions", "many"],
        ["play", "--time-limit", "0"],
        ["play", "--time-limit", "-5"],
        ["play", "--time-limit", "nan"],
        ["play", "--mode", "arcade"],
        ["play", "--seed", "1.5"],
    ],
)
def test_bad_values_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and "error:" in capsys.readouterr().err


def test_unknown_pack(fake_ui: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--pack", "nope"]) == 1
    assert "no pack 'nope'" in capsys.readouterr().err and "app" not in fake_ui


def test_round_size_and_mode_defaults_reach_the_app(fake_ui: dict[str, Any]) -> None:
    """Without --questions a round has the default size (the same in plain mode); --mode is passed on."""
    from game.engine.quiz.run import DEFAULT_ROUND_SIZE

    assert main(["play", "--player", "Ana"]) == 0
    assert (fake_ui["count"], fake_ui["mode"]) == (DEFAULT_ROUND_SIZE, "quiz")
    assert main(["play", "--player", "Ana", "--mode", "story"]) == 0
    assert fake_ui["mode"] == "story"
