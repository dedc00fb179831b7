"""Run every benchmark: `python benchmarks/run.py [--quick]`. Prints ratios against same-run baselines.

Targets (issues 2 and 7):
  start to painted title screen vs a minimal Textual app: <= 1.3x time, <= 1.25x peak memory (here)
  `quotebound validate` (and the other no-UI commands) vs `python -c "import yaml"`: <= 2x time
  (bench_cli.py)
  load + validate a generated 10,000-question pack vs a bare CSafeLoader parse: <= 1.5x (bench_load.py)
  30 browsers joining `serve` at once, warm worker vs cold starts (--no-warm): every first screen
  within 3 s on 2 cores, <= 15 MB PSS per player beyond the first (bench_serve.py)
Targets (issues 13 and 15, bench_packs.py): validate with nothing changed <= 1.0x `import yaml`; the no-UI
  commands <= 1.1x their import floor; a 10,000-question pack installed <= 1.2x start time; 1,000 packs
  installed <= 1.1x start memory; validate of 5,000 packs < 50 MB.
Target (issue 16, bench_class.py): a live class's `next` to the question on 30 students' screens, plain
  and in browsers: median <= 300 ms, max <= 1 s on 2 cores.
Results and what limits each missed target: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import PYTHON, compare, compare_pty  # noqa: E402

MINIMAL_TERMINAL = ([PYTHON, str(HERE / "minimal_app.py"), "--terminal"], "Hello")
"""The floor in a terminal, and the text its first screen shows."""


def quotebound_command() -> list[str]:
    """The ``quotebound`` command as a player runs it (the venv's script), else ``python -m game``."""
    script = Path(PYTHON).with_name("quotebound")
    return [str(script)] if script.exists() else [PYTHON, "-m", "game"]


def core(repeat: int, *, first_paint_only: bool = False) -> list[str]:
    """Start-up benchmarks (``first_paint_only``: the two first-painted-screen rows alone)."""
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="qb-bench-data-") as data:
        # Never the real progress database or pack cache (the cache is warm: compare() warms up first).
        env = {"QUOTEBOUND_DATA": data, "QUOTEBOUND_CACHE": str(Path(data) / "cache")}
        game = quotebound_command()
        first_screens = [
            ("returning player (quotebound --player NAME: the title)", ["--player", "Bench"], "QUOTEBOUND"),
            ("newcomer (quotebound: who is playing?)", [], "Who is playing?"),
        ]
        for who, args, shown in first_screens:
            rows += compare_pty(
                f"first painted screen, {who}",
                (game + args, shown),
                MINIMAL_TERMINAL,
                repeat=repeat,
                target_time=1.3,
                target_memory=1.25,
                env=env,
            ).rows()
        if first_paint_only:
            return rows
        startup = compare(
            "headless, start to idle after the title (quotebound --player NAME)",
            [PYTHON, str(HERE / "quotebound_app.py"), "Bench"],
            [PYTHON, str(HERE / "minimal_app.py")],
            repeat=repeat,
            env=env,
        )
        rows += startup.rows(memory=True)
        first_run = compare(
            "headless, start to idle after the player screen (quotebound, no --player)",
            [PYTHON, str(HERE / "quotebound_app.py")],
            [PYTHON, str(HERE / "minimal_app.py")],
            repeat=repeat,
            env=env,
        )
        rows += first_run.rows(memory=True)
    return rows  # `quotebound validate` and the other no-UI commands: bench_cli.py


def bench_modules() -> list[ModuleType]:
    """The other benchmark modules (bench_*.py) with a ``main(repeat) -> list[str]``, imported.

    Each is put in ``sys.modules`` under its name as it runs: a dataclass in it looks its module up there
    (bench_keys and bench_serve stopped the whole run without).
    """
    found = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        if hasattr(module, "main"):
            found.append(module)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--first-paint", action="store_true", help="only the two first-painted-screen rows (pty)"
    )
    parser.add_argument("--repeat", type=int, help="interleaved pairs a row (default 9; 3 with --quick)")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 9)
    rows = core(repeat, first_paint_only=args.first_paint)
    if args.first_paint:
        print("\n".join(rows))
        return 0
    for module in bench_modules():
        rows += module.main(repeat)
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
