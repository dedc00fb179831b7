"""Instructions (valgrind) of each no-UI command against its import floor with the game's modules.

    python benchmarks/count_commands.py [--only export,report,...] [--keep DIR]

The same commands, data and floors as ``bench_packs.py --commands-only`` (the floor with the game's
modules: ``python -c "import <every module the command imports>"``, found by imported_by.py), each run
under ``valgrind --tool=callgrind`` once, whole process. Instruction counts do not care what else the
machine runs, where CPU times on a shared machine move by ±0.05 of a ratio between runs. Bytecode is
cached as the harness caches it and the pack cache is warm (each command runs once first), except for
``validate`` (full), which runs with the cache off as bench_packs times it. ``PYTHONHASHSEED=0`` on both
sides: with random hashing the floors move by ~±1M instructions between runs. ``--keep DIR`` keeps the
callgrind.out files (read them with ``callgrind_annotate``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_packs import _floors, _progress, _results  # noqa: E402
from harness import PYCACHE, PYTHON, ROOT  # noqa: E402


def _instructions(argv: list[str], env: dict[str, str], out: Path) -> int:
    full = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "",
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
        "PYTHONHASHSEED": "0",
        **env,
    }
    subprocess.run(argv, cwd=ROOT, env=full, check=False, capture_output=True)  # warm bytecode, cache
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.findall(r"Collected : (\d+)", proc.stderr)
    if not found:
        raise RuntimeError(proc.stderr[-2000:])
    return int(found[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", help="comma-separated: validate,export,report,coverage,stats")
    parser.add_argument("--keep", type=Path, help="keep the callgrind.out files here")
    args = parser.parse_args()
    os.environ.pop("QUOTEBOUND_SCENES", None)
    with tempfile.TemporaryDirectory(prefix="qb-count-cmds-") as tmp_name:
        tmp = Path(tmp_name)
        keep = args.keep or tmp
        keep.mkdir(parents=True, exist_ok=True)
        env = {"QUOTEBOUND_DATA": str(tmp / "data"), "QUOTEBOUND_CACHE": str(tmp / "cache")}
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "validate": (["validate"], {**env, "QUOTEBOUND_CACHE": ""}),
            "export": (["export", "--format", "gift", "--pack", "panjshir"], env),
            "report": (["report", str(_results(tmp / "results"))], env),
            "coverage": (["coverage"], env),
        }
        wanted = set(args.only.split(",")) if args.only else None
        if wanted is None or "stats" in wanted:
            cases["stats"] = (["stats"], {**env, "QUOTEBOUND_DATA": str(_progress(tmp / "played"))})
        for name, (argv, case_env) in cases.items():
            if wanted is not None and name not in wanted:
                continue
            _third, both, _n, _own = _floors(argv, case_env, tmp)
            command = _instructions([PYTHON, "-m", "game", *argv], case_env, keep / f"{name}.cmd.out")
            floor = _instructions(both, case_env, keep / f"{name}.floor.out")
            print(
                f"{name}: command {command / 1e6:.1f}M, floor with the game's modules {floor / 1e6:.1f}M,"
                f" {command / floor:.3f}x, work {(command - floor) / 1e6:.1f}M",
                flush=True,
            )
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
