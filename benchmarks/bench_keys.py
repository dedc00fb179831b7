"""Key press to repaint: the quiz's answer list against a bare Textual OptionList, in the same run.

Target (issue 7, again issue 15): <= 1.1x. Both apps run in this process, headless at 80x24, one after
the other, ``repeat`` rounds, the order swapped every round. For each key the clock starts when a ``down``
or ``up`` key event is posted to the app (the message the terminal driver posts for a real key) and stops
when the app hands its next screen update to the display. Headless Textual skips turning that update into
terminal text, so the benchmark does it (``render_segments``) for both apps: the time is what a terminal
would wait for, minus the write. Between keys the app is left to go idle, so every key is measured on its
own. Both apps run as in a terminal, with Textual's tooltips and notifications (``run_test`` leaves
them out unless asked; without them Textual's key handling looked for the screen's tooltip in vain at every
key, at a cost that grows with the screen's widgets); the garbage of one app is collected before the next.

- subject: the game's quiz screen on a single-choice question with four options (``tests/snapshots/pack``,
  question ``cost``), keys moving the highlight in its answer list;
- baseline: ``minimal_keys_app.py``: an App with one OptionList of four options, nothing else.

The figure is the median over rounds of each round's ratio (quiz median / bare median), so load that
drifts between rounds cancels; the CPU time of the same windows (``time.process_time``, which other
jobs on the machine do not inflate) is given beside it, and the range of the rounds' ratios.
``python benchmarks/bench_keys.py [--keys 100] [--repeat 10]`` prints it; ``benchmarks/run.py`` includes it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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


@dataclass
class Keys:
    """One app's keys in one round: seconds from posting each key to the repaint, wall and CPU."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


async def _time_keys(app: App[Any], focus: Callable[[App[Any]], OptionList], keys: int) -> Keys:
    """``keys`` keys after 20 warm-up keys."""
    global _repainted
    timed = Keys()
    async with app.run_test(size=SIZE, tooltips=True, notifications=True) as pilot:
        await pilot.pause()
        choices = focus(app)
        assert choices.has_focus and choices.option_count == 4, "the list must hold the focus"
        for n in range(20 + keys):
            key = "down" if n % 2 == 0 else "up"  # between the first two options: every key repaints
            _repainted = asyncio.Event()
            started, cpu_started = time.perf_counter(), time.process_time()
            app.post_message(events.Key(key, None))
            await asyncio.wait_for(_repainted.wait(), timeout=5)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            _repainted = None
            if n >= 20:
                timed.wall.append(elapsed)
                timed.cpu.append(cpu)
            await pilot.pause()  # idle again before the next key
        app.exit()
    return timed


async def _quiz_keys(keys: int) -> Keys:
    from game.engine.packs import load_pack
    from game.engine.quiz.run import QuizRun
    from game.ui.app import make_app

    pack = load_pack(UI_PACK)
    with tempfile.TemporaryDirectory(prefix="qb-bench-keys-") as data:
        app = make_app(packs=[pack], player="Bench", data_dir=Path(data))
        app.CURSOR_BLINK = False

        def start() -> None:
            app.show_round(QuizRun(pack, seed=1, question_ids=[QUESTION]))

        app.call_later(start)
        return await _time_keys(app, _quiz_focus, keys)


async def _minimal_keys(keys: int) -> Keys:
    return await _time_keys(MinimalOptionList(), _minimal_focus, keys)


def _quiz_focus(app: App[Any]) -> OptionList:
    from game.ui.screens.quiz_screen import QuizScreen

    assert isinstance(app.screen, QuizScreen), type(app.screen)
    return app.screen.query_one("#quiz-pick", OptionList)


def _minimal_focus(app: App[Any]) -> OptionList:
    return app.screen.query_one(OptionList)


@dataclass
class Result:
    """Both apps' keys, round by round."""

    quiz: list[Keys]
    minimal: list[Keys]

    def median(self, side: str, clock: str = "wall") -> float:
        """Median seconds per key over every round of one side."""
        rounds: list[Keys] = getattr(self, side)
        return float(statistics.median(t for r in rounds for t in getattr(r, clock)))

    def ratios(self, clock: str = "wall") -> list[float]:
        """Each round's quiz median over its bare median."""
        median = statistics.median
        pairs = zip(self.quiz, self.minimal, strict=True)
        return [median(getattr(q, clock)) / median(getattr(m, clock)) for q, m in pairs]


async def _measure(keys: int, repeat: int) -> Result:
    App._display = _display  # type: ignore[method-assign]
    try:
        result = Result([], [])
        # A warm-up of each, then rounds in swapped order, so neither side always follows the other.
        await _minimal_keys(20)
        await _quiz_keys(20)
        for round_ in range(repeat):
            sides = [("minimal", _minimal_keys), ("quiz", _quiz_keys)]
            for side, run in sides if round_ % 2 == 0 else reversed(sides):
                gc.collect()  # the last app's garbage is not this one's to collect
                getattr(result, side).append(await run(keys))
        return result
    finally:
        App._display = _real_display  # type: ignore[method-assign]


def measure(keys: int = 100, repeat: int = 10) -> Result:
    """Both apps' keys, ``repeat`` rounds of ``keys`` keys each."""
    return asyncio.run(_measure(keys, repeat))


def main(repeat: int) -> list[str]:
    """The benchmark's result line (``benchmarks/run.py`` calls this)."""
    return [_row(measure(keys=100, repeat=max(3, repeat)))]


def _row(result: Result) -> str:
    wall, cpu = result.ratios("wall"), result.ratios("cpu")
    ratio = statistics.median(wall)
    verdict = "met" if ratio <= TARGET else "MISSED"
    quiz, minimal = result.median("quiz") * 1000, result.median("minimal") * 1000
    return (
        f"key press to repaint, quiz answer list vs bare OptionList: {quiz:.2f} ms vs {minimal:.2f} ms = "
        f"{ratio:.2f}x (rounds {min(wall):.2f}-{max(wall):.2f}x; "
        f"CPU {statistics.median(cpu):.2f}x, {result.median('quiz', 'cpu') * 1000:.2f} vs "
        f"{result.median('minimal', 'cpu') * 1000:.2f} ms) (target <= {TARGET}x: {verdict})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keys", type=int, default=100, help="keys per round (default 100)")
    parser.add_argument("--repeat", type=int, default=10, help="rounds of each app (default 10)")
    args = parser.parse_args()
    print(_row(measure(args.keys, args.repeat)))
