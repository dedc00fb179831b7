"""What one live-class student game spends at a release, in process: CPU time and function calls.

`python benchmarks/profile_class_release.py [--releases 11] [--profile] [--top 30]` runs the full-screen
student game (``ClassStudentApp``, 80×24, headless) against a class store in a temporary folder, with a host
control in the same process. For each release (question 2 onwards): the student answers, the host reveals,
the game settles (its next question is built while the reveal is on show), then the host's ``next``; the
CPU time (``process_time``) from ``next`` to the first frame that holds the question, and to 250 ms after
``next``, is taken, with every frame encoded for a terminal as the web driver does. Prints the medians, the
frames and bytes a release; with ``--profile``, cProfile's function calls from ``next`` to the frame (the
deterministic figure to compare) and the ``--top`` functions by own time.

This is the figure the 30-browser median hangs on (thirty games on two cores finish together at about
their total CPU over two); the real pipeline's is ``bench_class.py --students 0 --browsers 1 --cpu``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.classroom.host import HostControl  # noqa: E402
from game.classroom.session import ClassSession  # noqa: E402
from game.engine.packs import load_pack  # noqa: E402
from game.engine.quiz.types import AnswerShape  # noqa: E402
from game.paths import bundled_scenes  # noqa: E402
from game.store.classdb import ClassConfig, ClassStore  # noqa: E402
from game.ui.class_student_app import ClassStudentApp  # noqa: E402
from game.ui.screens.class_student_screen import StudentScreen  # noqa: E402

SEED = 10


async def run(releases: int, profile: bool, top: int) -> None:
    pack = load_pack(bundled_scenes() / "panjshir")
    questions = releases + 1
    to_frame: list[float] = []
    to_window: list[float] = []
    frames: list[tuple[int, int]] = []
    profiler = cProfile.Profile() if profile else None
    with tempfile.TemporaryDirectory(prefix="qb-prof-class-") as tmp:
        folder = Path(tmp) / "class"
        config = ClassConfig("panjshir", SEED, questions, None, "teacher", False, None, pack.article.sha256)
        host = ClassSession(ClassStore.create(folder, config, time.time()), pack)
        control = HostControl(host)
        student = ClassSession(ClassStore.open(folder), pack)
        app = ClassStudentApp(student, player="Ana")
        app.CURSOR_BLINK = False
        written: list[tuple[float, str]] = []
        async with app.run_test(size=(80, 24)) as pilot:
            display = app._display

            def _display(screen: Any, renderable: Any) -> None:
                display(screen, renderable)
                if renderable is not None and not app._batch_count and hasattr(renderable, "render_segments"):
                    text = renderable.render_segments(app.console)  # as a real driver encodes a frame
                    written.append((time.process_time(), text))

            app._display = _display  # type: ignore[method-assign]

            async def until(words: str) -> None:
                for _ in range(400):
                    await pilot.pause(0.01)
                    if words in "\n".join(s.text for s in app.screen._compositor.render_strips()):
                        return
                raise RuntimeError(f"{words!r} never shown")

            await until("Waiting for the teacher")
            mark, started, started_wall = 0, 0.0, 0.0
            control.apply("start", time.time())
            for q in range(1, questions + 1):
                if q == 1:
                    await until(f"Question {q} of {questions}")
                else:
                    # No Pilot waits in the window: each posts a message to every widget of the screen.
                    for _ in range(2000):
                        if any(f"Question {q} of" in text for _, text in written[mark:]):
                            break
                        await asyncio.sleep(0.005)
                if q > 1:
                    # The window: 250 ms after `next` (the game only waits meanwhile).
                    await asyncio.sleep(max(0.0, 0.25 - (time.monotonic() - started_wall)))
                    if profiler is not None:
                        profiler.disable()
                    end = time.process_time()
                    shown = [(t, s) for t, s in written[mark:] if f"Question {q} of" in s]
                    to_frame.append((shown[0][0] - started) * 1000 if shown else float("nan"))
                    to_window.append((end - started) * 1000)
                    frames.append((len(written) - mark, sum(len(s.encode()) for _, s in written[mark:])))
                if q == questions:
                    break
                screen = app.screen
                assert isinstance(screen, StudentScreen) and screen.shown is not None
                if screen.shown.shape is AnswerShape.PICK_ONE:
                    await pilot.press("1")  # as the benchmark's browsers answer
                else:
                    screen.submit(None)  # a time-out: what follows the release is the same
                await until("locked in")
                control.apply("reveal", time.time())
                await until("From the article:")
                await pilot.pause(0.3)  # the next question is built while the reveal is on show
                mark = len(written)
                if profiler is not None:
                    profiler.enable()
                started_wall = time.monotonic()
                started = time.process_time()
                control.apply("next", time.time())
            await pilot.press("ctrl+q")
        student.close()
        host.close()
    print(
        f"{releases} releases: CPU from `next` to the question's frame median "
        f"{statistics.median(to_frame):.1f} ms "
        f"(of {', '.join(f'{x:.1f}' for x in to_frame)}); to 250 ms after median "
        f"{statistics.median(to_window):.1f} ms; frames a release {[f for f, _ in frames]}, "
        f"bytes {[b for _, b in frames]}"
    )
    if profiler is not None:
        stats = pstats.Stats(profiler)
        total = sum(s[1] for s in stats.stats.values())
        print(f"function calls from `next` to 250 ms after: {total / releases:.0f} a release ({total} all)")
        stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=11)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(run(args.releases, args.profile, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
