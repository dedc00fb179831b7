"""Run every benchmark: `python benchmarks/run.py [--quick]`. Prints ratios against same-run baselines.

Targets (issues 2 and 7):
  start to painted title screen vs a minimal Textual app: <= 1.3x time, <= 1.25x peak memory
  `quotebound validate` (and the other no-UI commands) vs `python -c "import yaml"`: <= 2x time
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import PYTHON, compare  # noqa: E402


def core(repeat: int) -> list[str]:
    """Start-up and validate benchmarks."""
    rows: list[str] = []
    startup = compare(
        "start to painted title",
        [PYTHON, str(HERE / "quotebound_app.py")],
        [PYTHON, str(HERE / "minimal_app.py")],
        repeat=repeat,
        target_time=1.3,
        target_memory=1.25,
    )
    rows += startup.rows()
    validate = compare(
        "quotebound validate",
        [PYTHON, "-m", "game", "validate"],
        [PYTHON, "-c", "import yaml"],
        repeat=repeat,
        target_time=2.0,
    )
    rows += validate.rows()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 3 if args.quick else 9
    rows = core(repeat)
    # Other benchmark modules (bench_*.py) each expose main(repeat) -> list[str].
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "main"):
            rows += module.main(repeat)
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
