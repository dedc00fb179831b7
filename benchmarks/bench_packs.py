"""Many and big packs installed, the cache of validated packs, and the no-UI commands' import floor.

Targets (issue 13 item 6, issue 15 items 2-4), each a ratio to a baseline measured in this run:

* ``validate`` with nothing changed since its last run vs ``python -c "import yaml"``: <= 1.0x.
* ``validate`` (full: cache off), ``export``, ``report``, ``coverage``, ``stats`` (warm cache): the whole
  process vs the import floor of the modules it imports (``python -c "import <them>"``, found by
  imported_by.py): <= 1.1x. Two floors are printed, interleaved with the command in the same run: the
  other packages' modules alone (standard library and third parties), and those plus the game's own
  modules the command imports; the difference between them is the game's imports, and what the command
  takes beyond the second is its work. Each command is also timed against ``import yaml``, a reference
  that does not move when a command stops importing something.
* start to painted title with a 10,000-question pack installed (not opened) vs the bundled packs alone:
  <= 1.2x time; memory grows with the packs opened, not installed.
* start to painted title with 1,000 small packs installed vs the bundled packs alone: peak memory <= 1.1x.
* ``validate`` of 5,000 small packs: peak memory < 50 MB (one run; an absolute target).

Every child runs with ``QUOTEBOUND_DATA`` and ``QUOTEBOUND_CACHE`` in scratch folders (the cache warm:
:func:`harness.compare` runs each side once before timing).

    python benchmarks/bench_packs.py [--repeat 5] [--no-5000] [--commands-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pack import generate  # noqa: E402
from harness import PYTHON, ROOT, Sample, compare, run_child  # noqa: E402

YAML = [PYTHON, "-c", "import yaml"]
APP = [PYTHON, str(HERE / "quotebound_app.py"), "Bench"]


def _scenes(folder: Path, extra: dict[str, tuple[int, int]]) -> Path:
    """A scenes folder: the bundled packs (linked) and generated packs, name -> (questions, sentences)."""
    folder.mkdir(parents=True)
    for pack in (ROOT / "scenes").iterdir():
        (folder / pack.name).symlink_to(pack, target_is_directory=True)
    for name, (questions, sentences) in extra.items():
        generate(folder / name, questions, files=max(1, min(20, questions // 500)), sentences=sentences)
    return folder


def _floors(args: list[str], env: dict[str, str], tmp: Path) -> tuple[list[str], list[str], int, int]:
    """The two import floors of ``python -m game ARGS``: ``python -c "import ..."`` of the other packages'
    modules it imports (standard library and third parties), and of those plus the game's own modules it
    imports; with how many modules each list names."""
    out = tmp / "modules.txt"
    # Once first, so a cache of validated packs is warm: a cold run imports the YAML parser and the
    # loader, which the timed (warm) runs do not.
    run_child([PYTHON, "-m", "game", *args], env=env)
    run_child([PYTHON, str(HERE / "imported_by.py"), str(out), *args], env=env)
    others = out.read_text(encoding="utf-8").split()
    own = Path(f"{out}.game").read_text(encoding="utf-8").split()
    return (
        [PYTHON, "-c", "import " + ", ".join(others)],
        [PYTHON, "-c", "import " + ", ".join(others + own)],
        len(others),
        len(own),
    )


def _results(folder: Path) -> Path:
    from bench_cli import _results_folder

    return _results_folder(folder)


def _progress(data: Path) -> Path:
    """A data folder where one player finished a round of the bundled pack, for ``stats``."""
    from game.engine.packs import load_pack
    from game.engine.quiz.run import QuizRun
    from game.paths import bundled_scenes
    from game.progress.service import ProgressService

    service = ProgressService.open(data)
    service.use_player("Bench")
    run = QuizRun(load_pack(bundled_scenes() / "panjshir"), seed=1)
    service.round_started(run)
    while run.current is not None:
        run.answer(None, 1.0)
        service.answered(run)
    service.round_finished(run)
    service.close()
    return data


def _three_way(
    name: str, subject: list[str], floors: list[list[str]], env: dict[str, str], repeat: int
) -> list[str]:
    """Rows for ``subject`` against each floor, all three interleaved in the same run (medians): wall
    time, and CPU time (user + system), which other jobs on a shared machine disturb less."""
    from statistics import median

    for argv in (*floors, subject):
        run_child(argv, env=env)  # warm-up
    samples: list[list[Sample]] = [[], [], []]
    for _ in range(repeat):
        for i, argv in enumerate((*floors, subject)):
            samples[i].append(run_child(argv, env=env))
    rows = []
    for what, key in (("wall", "seconds"), ("CPU", "cpu")):
        third, both, whole = (median(getattr(s, key) for s in side) * 1000 for side in samples)
        verdict = "met" if whole <= 1.1 * both else "MISSED"
        rows += [
            f"quotebound {name}, {what}: {whole:.0f} ms; third-party import floor {third:.0f} ms"
            f" ({whole / third:.2f}x); floor with the game's modules {both:.0f} ms ({whole / both:.2f}x;"
            f" target <= 1.1x: {verdict})",
            f"  the game's own imports {both - third:.0f} ms, the work {whole - both:.0f} ms",
        ]
    return rows


class _Rows(list[str]):
    """Rows, each also printed on stderr as it comes (a full run takes minutes)."""

    def append(self, row: str) -> None:
        print(row, file=sys.stderr, flush=True)
        super().append(row)

    def __iadd__(self, rows: object) -> _Rows:  # type: ignore[override]
        for row in rows:  # type: ignore[attr-defined]
            self.append(row)
        return self


def commands(repeat: int, tmp: Path) -> list[str]:
    rows = _Rows()
    env = {"QUOTEBOUND_DATA": str(tmp / "data"), "QUOTEBOUND_CACHE": str(tmp / "cache")}
    fast = compare(
        "quotebound validate, nothing changed (fast path) vs import yaml",
        [PYTHON, "-m", "game", "validate"],
        YAML,
        repeat=repeat,
        target_time=1.0,
        env=env,
    )
    rows += fast.rows(cpu=True)
    played = {**env, "QUOTEBOUND_DATA": str(_progress(tmp / "played"))}
    cases = {
        "validate (full: cache off)": (["validate"], {**env, "QUOTEBOUND_CACHE": ""}),
        "export --format gift --pack panjshir": (["export", "--format", "gift", "--pack", "panjshir"], env),
        "report RESULTS": (["report", str(_results(tmp / "results"))], env),
        "coverage": (["coverage"], env),
        "stats (one player, one round)": (["stats"], played),
    }
    for label, (args, case_env) in cases.items():
        try:
            third, both, n_third, n_own = _floors(args, case_env, tmp)
            rows += _three_way(label, [PYTHON, "-m", "game", *args], [third, both], case_env, repeat)
        except Exception as exc:  # noqa: BLE001 - one broken command must not hide the others' figures
            rows.append(f"quotebound {label}: skipped, {exc.__class__.__name__}: {str(exc)[:200]}")
            continue
        rows.append(f"  (floors: {n_third} top-level modules of other packages, + {n_own} of the game's)")
    # The same commands against one fixed reference, so figures compare across versions of the game
    # (each floor above moves when the command stops importing something).
    for label, (args, case_env) in cases.items():
        if label.startswith("validate"):
            continue
        result = compare(f"quotebound {label} vs import yaml", [PYTHON, "-m", "game", *args], YAML,
                         repeat=repeat, env=case_env)  # fmt: skip
        rows += result.rows(cpu=True)
    return rows


def installed(repeat: int, tmp: Path, many: bool) -> list[str]:
    rows = _Rows()
    env = {"QUOTEBOUND_DATA": str(tmp / "data"), "QUOTEBOUND_CACHE": str(tmp / "cache")}
    bundled = {**env, "QUOTEBOUND_SCENES": str(ROOT / "scenes")}
    # "zz-" sorts last: installed, not opened at start (the first pack that opens is offered first).
    big = _scenes(tmp / "big", {"zz-big": (10_000, 1_000)})
    result = compare(
        "start to painted title, a 10,000-question pack installed vs bundled packs only",
        APP,
        APP,
        repeat=repeat,
        target_time=1.2,
        env={**env, "QUOTEBOUND_SCENES": str(big)},
        baseline_env=bundled,
    )
    rows += result.rows(memory=True)
    small = _scenes(tmp / "small", {f"p{i:04d}": (10, 20) for i in range(1_000)})
    result = compare(
        "start to painted title, 1,000 small packs installed vs bundled packs only",
        APP,
        APP,
        repeat=repeat,
        target_memory=1.1,
        env={**env, "QUOTEBOUND_SCENES": str(small)},
        baseline_env=bundled,
    )
    rows += result.rows(memory=True)
    if many:
        shutil.rmtree(small)
        packs = _scenes(tmp / "many", {f"p{i:04d}": (10, 20) for i in range(5_000)})
        no_cache = {**env, "QUOTEBOUND_CACHE": ""}
        sample = run_child([PYTHON, "-m", "game", "validate", str(packs)], env=no_cache, check=False)
        mib = sample.peak_kib / 1024
        rows.append(
            f"quotebound validate of 5,000 small packs: {sample.seconds:.1f} s, peak memory {mib:.1f} MiB"
            f" (target < 50 MB = 47.7 MiB: {'met' if mib * 1024 * 1024 < 50e6 else 'MISSED'})"
        )
    return rows


def main(repeat: int, many: bool = True) -> list[str]:
    """Rows for benchmarks/run.py."""
    with tempfile.TemporaryDirectory(prefix="qb-bench-packs-") as tmp_name:
        tmp = Path(tmp_name)
        return commands(repeat, tmp) + installed(repeat, tmp, many)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-5000", action="store_true", help="skip validating 5,000 packs (slow)")
    parser.add_argument("--commands-only", action="store_true", help="only the no-UI commands")
    args = parser.parse_args()
    os.environ.pop("QUOTEBOUND_SCENES", None)
    if args.commands_only:
        with tempfile.TemporaryDirectory(prefix="qb-bench-packs-") as tmp_name:
            commands(args.repeat, Path(tmp_name))  # each row is printed as it comes
    else:
        main(args.repeat, many=not args.no_5000)
