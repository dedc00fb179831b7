"""The benchmarks still run: two of them had stopped (a widget id renamed, a generated pack the hardened
loader refuses) without any test noticing. Each is run once, briefly; no timing is asserted."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.parametrize(
    ("script", "args", "row"),
    [
        ("bench_story.py", ["--repeat", "1"], "load + lint + playtest"),
        ("bench_keys.py", ["--keys", "2", "--repeat", "1"], "key press to repaint"),
    ],
)
def test_benchmark_runs(tmp_path: Path, script: str, args: list[str], row: str) -> None:
    scratch = {"QUOTEBOUND_DATA": str(tmp_path / "data"), "QUOTEBOUND_CACHE": str(tmp_path / "cache")}
    env = {**os.environ, **scratch}
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert row in done.stdout


@pytest.mark.parametrize("which", [["game", "--player", "Bench"], ["game"], ["minimal"]])
def test_first_frame_exits_at_the_first_frame(tmp_path: Path, which: list[str]) -> None:
    """count_first_paint.py counts each program up to the first frame first_frame.py stops it at: each of
    them, in an 80x24 terminal, gets there and exits 0 (without valgrind, which this does not need)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from count_first_paint import _run_all
    finally:
        sys.path.remove(str(BENCHMARKS))
    env = {
        **os.environ,
        "QUOTEBOUND_DATA": str(tmp_path / "data"),
        "QUOTEBOUND_CACHE": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    status = _run_all({"it": [sys.executable, str(BENCHMARKS / "first_frame.py"), *which]}, env, timeout=120)
    assert status == {"it": 0}


def test_every_benchmark_takes_the_repeat_run_py_gives_it() -> None:
    """`benchmarks/run.py` imports each bench_*.py and calls its ``main(repeat)``: bench_keys and bench_serve
    failed to import that way (a dataclass looks its module up in sys.modules), and bench_class's main took
    no argument; the one command that runs every benchmark stopped at the first of them."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import run

        modules = run.bench_modules()
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert {m.__name__ for m in modules} >= {"bench_class", "bench_keys", "bench_serve", "bench_cli"}
    for module in modules:
        inspect.signature(module.main).bind(1)  # TypeError if it cannot take run.py's call
