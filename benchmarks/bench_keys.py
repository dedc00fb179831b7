"""Key press to repaint: the quiz's answer list against a bare Textual OptionList, in the same run.

Target (issue 7): <= 1.1x. Both apps run in this process, headless at 80x24, one after the other and
interleaved ``repeat`` times. For each key the clock starts when a ``down`` or ``up`` key event is posted
to the app (the message the terminal driver posts for a real key) and stops when the app hands its next
screen update to the display. Headless Textual skips turning that update into terminal text, so the
benchmark does it (``render_segments``) for both apps: the time is what a terminal would wait for,
minus the write. Between keys the app is left to go idle, so every key is measured on its own.

- subject: the game's quiz screen on a single-choice question with four options (``tests/snapshots/pack``,
  question ``cost``), keys moving the highlight in its answer list;
- baseline: ``minimal_keys_app.py``: an App with one OptionList of four options, nothing else.

The figure is the ratio of the medians (over keys and rounds). ``python benchmarks/bench_keys.py
[--keys 200] [--repeat 5]`` prints it; ``benchmarks/run.py`` includes it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from minimal_keys_app import MinimalOptionList  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import OptionList  # noqa: E402

TARGET = 1.1
SIZE = (80, 24)
UI_PACK = HERE.parent / "tests" / "snapshots" / "pack"
QUESTION = "cost"
"""A single-choice question with four options."""

_repainted: asyncio.Event | None = None
_real_display = App._display


def _display(self: App[Any], screen: Any, renderable: Any) -> None:
    """App._display, plus the terminal text a real driver would build, and a signal that it happened."""
    _real_display(self, screen, renderable)
    if renderable is None or self._batch_count:
        return
    if self.is_headless and hasattr(renderable, "render_segments"):
        renderable.render_segments(self.console)
    if _repainted is not None:
        _repainted.set()


async def _time_keys(app: App[Any], focus: Callable[[App[Any]], OptionList], keys: int) -> list[float]:
    """Seconds from posting each key to the app's next repaint, ``keys`` keys after 20 warm-up keys."""
    global _repainted
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        choices = focus(app)
        assert choices.has_focus and choices.option_count == 4, "the list must hold the focus"
        for n in range(20 + keys):
            key = "down" if n % 2 == 0 else "up"  # between the first two options: every key repaints
            _repainted = asyncio.Event()
            started = time.perf_counter()
            app.post_message(events.Key(key, None))
            await asyncio.wait_for(_repainted.wait(), timeout=5)
            elapsed = time.perf_counter() - started
            _repainted = None
            if n >= 20:
                times.append(elapsed)
            await pilot.pause()  # idle again before the next key
        app.exit()
    return times


def _quiz_app() -> App[Any]:
    from game.engine.packs import load_pack
    from game.engine.quiz.run import QuizRun
    from game.ui.app import make_app

    pack = load_pack(UI_PACK)
    data = tempfile.mkdtemp(prefix="qb-bench-keys-")
    app = make_app(packs=[pack], player="Bench", data_dir=Path(data))
    app.CURSOR_BLINK = False

    def start() -> None:
        app.show_round(QuizRun(pack, seed=1, question_ids=[QUESTION]))

    app.call_later(start)
    return app


def _quiz_focus(app: App[Any]) -> OptionList:
    from game.ui.screens.quiz_screen import QuizScreen

    assert isinstance(app.screen, QuizScreen), type(app.screen)
    return app.screen.query_one("#quiz-pick", OptionList)


def _minimal_focus(app: App[Any]) -> OptionList:
    return app.screen.query_one(OptionList)


async def _measure(keys: int, repeat: int) -> tuple[list[float], list[float]]:
    App._display = _display  # type: ignore[method-assign]
    try:
        quiz: list[float] = []
        minimal: list[float] = []
        # A warm-up of each, then interleaved rounds so machine load drifts over both alike.
        await _time_keys(MinimalOptionList(), _minimal_focus, 20)
        await _time_keys(_quiz_app(), _quiz_focus, 20)
        for _ in range(repeat):
            minimal += await _time_keys(MinimalOptionList(), _minimal_focus, keys)
            quiz += await _time_keys(_quiz_app(), _quiz_focus, keys)
        return quiz, minimal
    finally:
        App._display = _real_display  # type: ignore[method-assign]


def measure(keys: int = 200, repeat: int = 5) -> tuple[float, float]:
    """Median seconds per key: (quiz, minimal)."""
    quiz, minimal = asyncio.run(_measure(keys, repeat))
    return statistics.median(quiz), statistics.median(minimal)


def main(repeat: int) -> list[str]:
    """The benchmark's result line (``benchmarks/run.py`` calls this)."""
    return [_row(*measure(keys=200, repeat=max(1, repeat // 2)))]


def _row(quiz: float, minimal: float) -> str:
    ratio = quiz / minimal
    verdict = "met" if ratio <= TARGET else "MISSED"
    return (
        f"key press to repaint, quiz answer list vs bare OptionList: {quiz * 1000:.2f} ms vs "
        f"{minimal * 1000:.2f} ms = {ratio:.2f}x (target <= {TARGET}x: {verdict})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keys", type=int, default=200, help="keys per round (default 200)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each app (default 5)")
    args = parser.parse_args()
    print(_row(*measure(args.keys, args.repeat)))
