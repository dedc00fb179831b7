"""The no-UI commands vs ``python -c "import yaml"``: start-up and work of each, target <= 2x (issue 7).

Which commands exist is read from ``quotebound --help`` at run time: ``validate``, ``coverage``,
``report``, ``export``, ``stats``, ``graph`` and ``playtest`` are measured when present, with arguments
that succeed on the bundled packs (``report`` reads a results file written here first). Each runs as
``python -m game ...`` through :func:`harness.compare`, interleaved with the baseline in the same run,
with ``QUOTEBOUND_DATA`` in a temporary folder.

    python benchmarks/bench_cli.py [--repeat 5] [--importtime [N]]

``--importtime`` also prints the slowest imports of ``python -X importtime -m game validate`` (the
minimum over N runs of each module's own and cumulative time, so a busy machine does not inflate them).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from harness import PYCACHE, PYTHON, ROOT, compare  # noqa: E402

TARGET = 2.0
BASELINE = [PYTHON, "-c", "import yaml"]
NO_UI = ("validate", "coverage", "report", "export", "stats", "graph", "playtest")


def available_commands(env: dict[str, str]) -> list[str]:
    """Subcommands listed by ``quotebound --help`` (the COMMAND block of argparse's help)."""
    out = subprocess.run(
        [PYTHON, "-m", "game", "--help"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"(?m)^ {4}([a-z][\w-]*)(?=\s)", out)


def _results_folder(folder: Path) -> Path:
    """One results file of a round on the bundled pack (every question timed out), for ``report``."""
    from datetime import UTC, datetime

    from game.engine.packs import load_pack
    from game.engine.quiz.run import QuizRun
    from game.paths import bundled_scenes
    from game.store.results import write_results

    pack = load_pack(bundled_scenes() / "panjshir")
    run = QuizRun(pack, seed=1)
    while run.current is not None:
        run.answer(None, 1.0)
    write_results(folder, run=run, player="Bench", started=datetime(2025, 1, 1, tzinfo=UTC))
    return folder


def _first_scenario() -> str:
    from game.engine.packs import load_packs
    from game.paths import bundled_scenes

    packs, _problems = load_packs(bundled_scenes())
    for pack in packs:
        for scenario in pack.scenarios:
            return str(scenario.head.id)
    raise LookupError("the bundled packs have no scenario")


def arguments(tmp: Path) -> dict[str, Callable[[], list[str]]]:
    """How to call each command so that it does real work and exits 0 (built lazily: APIs move)."""
    return {
        "validate": lambda: ["validate"],
        "coverage": lambda: ["coverage"],
        "report": lambda: ["report", str(_results_folder(tmp / "results"))],
        "export": lambda: ["export", "--format", "gift", "--pack", "panjshir"],
        "stats": lambda: ["stats"],
        "graph": lambda: ["graph", _first_scenario()],
        "playtest": lambda: ["playtest"],
    }


def main(repeat: int) -> list[str]:
    """Rows for benchmarks/run.py."""
    import os

    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="qb-bench-cli-") as tmp_name:
        tmp = Path(tmp_name)
        env = {"QUOTEBOUND_DATA": str(tmp / "data")}
        present = available_commands({**os.environ, **env})
        how = arguments(tmp)
        for name in NO_UI:
            if name not in present:
                rows.append(f"quotebound {name}: not a command yet (absent from --help), skipped")
                continue
            try:
                args = how[name]()
                result = compare(
                    f"quotebound {' '.join(args[:1] + [a for a in args[1:] if not a.startswith('/')])}",
                    [PYTHON, "-m", "game", *args],
                    BASELINE,
                    repeat=repeat,
                    target_time=TARGET,
                    env=env,
                )
            except Exception as exc:  # noqa: BLE001 - one broken command must not hide the others' figures
                rows.append(f"quotebound {name}: skipped, {exc.__class__.__name__}: {str(exc)[:200]}")
                continue
            rows += result.rows()
    return rows


def importtime(runs: int = 5, top: int = 20, argv: tuple[str, ...] = ("validate",)) -> list[str]:
    """The slowest imports of ``python -X importtime -m game ARGV``: min over ``runs`` of each figure."""
    own: dict[str, int] = {}
    cumulative: dict[str, int] = {}
    depth: dict[str, int] = {}
    import os

    # Bytecode cached as harness.run_child does, so compiling the game's sources is not counted.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    command = [PYTHON, "-X", "importtime", "-m", "game", *argv]
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)  # warm-up
    for _ in range(runs):
        err = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False).stderr
        for match in re.finditer(r"(?m)^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$", err):
            self_us, cum_us, indent, module = int(match[1]), int(match[2]), match[3], match[4]
            own[module] = min(own.get(module, self_us), self_us)
            cumulative[module] = min(cumulative.get(module, cum_us), cum_us)
            depth[module] = (len(indent) - 1) // 2
    total = sum(cumulative[m] for m in cumulative if depth[m] == 0)
    lines = [
        f"python -X importtime -m game {' '.join(argv)}: {total / 1000:.1f} ms of imports"
        f" (min of {runs} runs)"
    ]
    lines.append(f"{'cumulative':>11} {'own':>8}  module (top-level imports flush left)")
    for module in sorted(cumulative, key=cumulative.__getitem__, reverse=True)[:top]:
        lines.append(
            f"{cumulative[module] / 1000:9.1f}ms {own[module] / 1000:6.1f}ms  {'  ' * depth[module]}{module}"
        )
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--importtime", type=int, nargs="?", const=7, metavar="N", help="also profile imports"
    )
    args = parser.parse_args()
    for row in main(args.repeat):
        print(row)
    if args.importtime:
        for row in importtime(args.importtime):
            print(row)
