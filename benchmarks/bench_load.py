"""Load + validate a generated 10,000-question pack vs a bare CSafeLoader parse of the same files.

Target (issue 7): ``load_pack`` (read, safe parse with positions, schema, ids, answers, quotes) within
1.5x of ``yaml.load(..., Loader=yaml.CSafeLoader)`` over the same 21 files. Both sides run in this
process, interleaved, after one warm-up each; the median of ``repeat`` runs is used. The garbage
collector is in the same state on both sides: collected before every run, then enabled (as in a real
process) for the main row, disabled on both sides for the "work only" row. ``yaml.compose`` (the C
composer alone, no Python constructor) is shown as the floor.

    python benchmarks/bench_load.py [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pack import generate  # noqa: E402

from game.engine.packs import load_pack  # noqa: E402

QUESTIONS = 10_000
TARGET = 1.5


def _timed(fn: Callable[[], object], gc_enabled: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU time tells when other work shares the machine)."""
    gc.collect()
    was = gc.isenabled()
    if gc_enabled:
        gc.enable()
    else:
        gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        del result  # freeing the result is not part of either side's time
        return wall, cpu
    finally:
        if was:
            gc.enable()


def measure(
    sides: dict[str, Callable[[], object]], repeat: int, gc_enabled: bool
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each side; runs are interleaved so drift hits all sides alike."""
    for fn in sides.values():
        _timed(fn, gc_enabled)  # warm-up: page cache, lazy imports, regex compilation
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for _ in range(repeat):
        for name, fn in sides.items():
            samples[name].append(_timed(fn, gc_enabled))
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in samples.items()
    }


def make_sides(folder: Path) -> dict[str, Callable[[], object]]:
    files = sorted(folder.glob("*.yaml"))
    loader = yaml.CSafeLoader

    def bare_load() -> object:
        return [yaml.load(f.read_bytes(), Loader=loader) for f in files]  # noqa: S506 - CSafeLoader

    def bare_compose() -> object:
        return [yaml.compose(f.read_bytes(), Loader=loader) for f in files]

    def subject() -> object:
        pack = load_pack(folder)
        assert len(pack.questions) == QUESTIONS, len(pack.questions)
        return pack

    return {"load_pack": subject, "yaml.load": bare_load, "yaml.compose": bare_compose}


def rows_for(label: str, medians: dict[str, tuple[float, float]], target: float | None) -> list[str]:
    (subject, subject_cpu), (base, base_cpu) = medians["load_pack"], medians["yaml.load"]
    floor, floor_cpu = medians["yaml.compose"]
    ratio = subject / base
    verdict = f" (target <= {target}x: {'met' if ratio <= target else 'MISSED'})" if target else ""
    return [
        f"{label}: {subject * 1000:.0f} ms vs CSafeLoader yaml.load {base * 1000:.0f} ms"
        f" = {ratio:.2f}x{verdict} [cpu {subject_cpu / base_cpu:.2f}x]",
        f"{label}: vs yaml.compose alone (C composer, no constructor) {floor * 1000:.0f} ms"
        f" = {subject / floor:.2f}x [cpu {subject_cpu / floor_cpu:.2f}x]",
    ]


def profile(folder: Path, top: int = 25) -> str:
    """cProfile of one ``load_pack``, by own time and by cumulative time."""
    gc.collect()
    profiler = cProfile.Profile()
    profiler.runcall(load_pack, folder)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(repeat: int) -> list[str]:
    """Rows for benchmarks/run.py."""
    with tempfile.TemporaryDirectory(prefix="qb-bench-") as tmp:
        folder = generate(Path(tmp) / "bench", QUESTIONS)
        size = sum(f.stat().st_size for f in folder.glob("*.yaml"))
        count = len(list(folder.glob("*.yaml")))
        label = f"load+validate {QUESTIONS:,} questions ({count} files, {size / 1e6:.1f} MB)"
        sides = make_sides(folder)
        rows = rows_for(label, measure(sides, repeat, gc_enabled=True), TARGET)
        rows += rows_for(f"{label}, gc off on both sides", measure(sides, repeat, gc_enabled=False), None)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of load_pack")
    args = parser.parse_args()
    for row in main(args.repeat):
        print(row)
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="qb-bench-") as tmp:
            print(profile(generate(Path(tmp) / "bench", QUESTIONS)))
