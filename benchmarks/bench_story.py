"""Load + lint + exhaustive playtest of a generated 1,000-scene scenario, against loading it alone.

The scenario is generated in the style of the bundled ones (block mappings, folded feedback, verbatim
quotes from the Panjshir article) with int and bool variables, conditions on variables and visits,
skips, back-edges bounded by a variable's ``max``, and three endings. "Loading it alone" is
``load_pack`` with the story lint switched off: read, safe parse with positions, schema, ids, targets,
conditions compiled, quotes verified. The subject is ``load_pack`` as ``quotebound validate`` runs it
(with the lint, which walks every state once) followed by the exhaustive walk of ``quotebound
playtest``. Both run in this process, interleaved after a warm-up; the median of ``repeat`` runs is used.

    python benchmarks/bench_story.py [--scenes 1000] [--repeat 5] [--keep]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from game.authoring.validate import load_linted_pack  # noqa: E402
from game.engine.content.pack import Pack  # noqa: E402
from game.engine.packs import load_pack  # noqa: E402
from game.engine.story.explore import Exploration, explore  # noqa: E402
from game.engine.story.model import Scenario  # noqa: E402

ARTICLE = HERE.parent / "seeds" / "panjshir-valley-resistance.txt"
QUOTES = [
    "National Resistance Front (NRF) is made up of former Afghan government forces",
    "The district is currently housing more than 1,000 displaced people",
    "having fought off Soviet threats between 1979 and 1989",
    "fought off the USSR in the 90s",
    "The Taliban maintain that they have now surrounded the Panjshir valley",
    "So far, all countries we talked to are quiet.",
    "There are concerns that backing Taliban resisters could inflame relations with the Taliban.",
    "We prefer peace, we prioritise peace and negotiations.",
]


def scene_id(i: int) -> str:
    return f"s{i:04d}"


def choice(label: str, target: str, n: int, *, cond: str | None = None, effects: str | None = None) -> str:
    lines = [f'      - label: "{label}"', f"        target: {target}"]
    if cond:
        lines.append(f"        if: '{cond}'")
    if effects:
        lines.append(f"        effects: {effects}")
    lines += [
        "        points: 5",
        "        feedback: >-",
        f"          Generated feedback for choice {n}, explaining the fact behind it with",
        "          a quote from the article.",
        f'        quotes: ["{QUOTES[n % len(QUOTES)]}"]',
    ]
    return "\n".join(lines)


def generate(scenes: int) -> str:
    """A valid scenario of ``scenes`` scenes that every lint check passes."""
    last = scenes - 1
    out = [
        "kind: scenario",
        "id: generated",
        f'title: "A generated {scenes:,}-scene scenario"',
        "role: A benchmark.",
        "intro: Every scene offers a step, a skip that costs supplies, and now and then a detour.",
        "variables:",
        "  supplies: {type: int, start: 2, min: 0, max: 3, label: Supplies}",
        "  trust: {type: int, start: 0, min: 0, max: 2, label: Trust}",
        "  met: {type: bool, start: false, label: Met the guide}",
        f"start: {scene_id(0)}",
        "scenes:",
    ]
    n = 0
    for i in range(scenes):
        out += [f"  - id: {scene_id(i)}", f"    text: Scene {i} of the generated story.", "    choices:"]
        if i == last:
            out.append(choice("Finish well", "good", n, cond="met and trust >= 1"))
            out.append(choice("Finish", "mixed", n + 1, cond="not (met and trust >= 1) and supplies >= 1"))
            out.append(
                choice("Finish empty-handed", "bad", n + 2, cond="not (met and trust >= 1) and supplies < 1")
            )
            n += 3
            continue
        gain = "{add: {supplies: -1}}" if i % 3 == 2 else "{add: {supplies: 1}}"
        out.append(choice("Step on", scene_id(i + 1), n, effects=gain))
        n += 1
        if i + 2 <= last:
            out.append(
                choice(
                    "Skip ahead", scene_id(i + 2), n, cond="supplies >= 2", effects="{add: {supplies: -2}}"
                )
            )
            n += 1
        if i % 10 == 5:
            cond = f'not met and visited("{scene_id(i - 1)}")'
            out.append(choice("Meet the envoy", scene_id(i + 1), n, cond=cond, effects="{set: {met: true}}"))
            n += 1
        if i % 50 == 25:
            out.append(choice("Turn back", scene_id(i - 3), n, cond="trust < 2", effects="{add: {trust: 1}}"))
            n += 1
    out.append("endings:")
    for kind in ("good", "mixed", "bad"):
        out += [
            f"  - id: {kind}",
            f"    title: The {kind} ending",
            f"    kind: {kind}",
            "    debrief: The end of the generated story.",
            f'    quotes: ["{QUOTES[0]}"]',
        ]
    return "\n".join(out) + "\n"


def write_pack(folder: Path, scenes: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # A pack's article must be inside its folder (or the seeds/ beside it): a copy, byte for byte.
    (folder / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    (folder / "pack.yaml").write_text(
        "id: bench\ntitle: Story benchmark\ndescription: A generated scenario.\n"
        f"article: {ARTICLE.name}\nboilerplate_starts: Source link\n",
        encoding="utf-8",
    )
    (folder / "story.yaml").write_text(generate(scenes), encoding="utf-8")
    return folder


def _timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(scenes: int, repeat: int, keep: bool = False) -> list[str]:
    """Generate a ``scenes``-scene pack, time each side ``repeat`` times, and return the result rows."""
    tmp = Path(tempfile.mkdtemp(prefix="quotebound-story-bench-"))
    folder = write_pack(tmp / "bench", scenes)

    def load_alone() -> Pack:
        return load_pack(folder)  # loading does not lint

    def full() -> Exploration:
        pack = load_linted_pack(folder)
        assert not pack.warnings, pack.warnings[:3]
        walk = explore(pack.scenarios[0])
        assert walk.complete and not walk.stuck and len(walk.endings) == 3
        return walk

    try:
        scenario: Scenario = load_alone().scenarios[0]
        walk = full()
        sides: dict[str, Callable[[], object]] = {
            "load alone": load_alone,
            "load + lint + playtest": full,
            "playtest walk alone": lambda: explore(scenario),
        }
        samples: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(repeat):
            for name, fn in sides.items():
                samples[name].append(_timed(fn))
        median = {name: statistics.median(values) for name, values in samples.items()}
        size = (folder / "story.yaml").stat().st_size
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    choices = sum(len(s.choices) for s in scenario.scenes.values())
    rows = [
        f"story {len(scenario.scenes):,} scenes ({choices:,} choices, {size:,} bytes, "
        f"{walk.states:,} reachable states, each walked twice by the subject: lint, then playtest)"
    ]
    rows += [f"story: {name} {seconds * 1000:.1f} ms" for name, seconds in median.items()]
    ratio = median["load + lint + playtest"] / median["load alone"]
    rows.append(f"story: (load + lint + playtest) / (load alone) = {ratio:.2f}x")
    if keep:
        rows.append(f"story: pack kept in {folder}")
    return rows


def main(repeat: int) -> list[str]:
    """Rows for benchmarks/run.py: the default 1,000-scene scenario."""
    return measure(1000, repeat)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated pack and print its folder")
    args = parser.parse_args()
    for row in measure(args.scenes, args.repeat, args.keep):
        print(row)
