"""`quotebound graph` and `quotebound playtest`: output, scenario selection, exit status, and no UI imports.

Run in-process through ``game.cli.main`` (fast), plus one fresh interpreter proving that neither
command loads textual or rich.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import bundled_scenes

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "bad_inputs" / "story"
ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""
PACK = "id: tiny\ntitle: Tiny\ndescription: Tests.\narticle: article.txt\nboilerplate_starts: Source link\n"

Capsys = pytest.CaptureFixture[str]


def cli(capsys: Capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def scenes(tmp_path: Path) -> Path:
    """A scenes folder with one pack holding the warnings fixture: it loads, but an ending is unreachable."""
    folder = tmp_path / "scenes" / "tiny"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(FIXTURES / "warnings.yaml", folder / "story.yaml")
    return tmp_path / "scenes"


# --- graph ------------------------------------------------------------------------------------


def test_graph_mermaid_of_a_bundled_scenario(capsys: Capsys) -> None:
    status, out, _ = cli(capsys, "graph", "reporter-notebook")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("%% reporter-notebook: ") and "every state walked" in lines[0]
    assert lines[1] == "flowchart TD"
    assert "    entry((start)) --> s0" in lines
    assert '    s0["briefing<br/>The assignment"]' in lines
    assert '    e0(["good: Clean copy"]):::good' in lines
    assert '    e3(["bad: Spiked"]):::bad' in lines
    # A conditional choice is dashed and shows its condition; quotes in labels are escaped.
    assert any(
        line.startswith('    s1 -.->|"1. Write: who the resistance is [if who not yet visited]')
        for line in lines
    )
    assert any("#quot;Last Saf" in line for line in lines)
    assert "    class " not in out  # every scene and ending is reachable


def test_graph_marks_unreachable_scenes_endings_and_never_open_choices(capsys: Capsys, scenes: Path) -> None:
    status, out, _ = cli(capsys, "graph", "lint-warnings", "--scenes", str(scenes))
    assert status == 0
    assert "    class s2,e1 unreachable" in out
    assert "%% unreachable: island, lost" in out
    assert '    s0 -.->|"2. Wait for a sixth call [if calls #gt; 5] (never open)"| e1' in out


def test_graph_dot(capsys: Capsys, scenes: Path) -> None:
    status, out, _ = cli(capsys, "graph", "tiny/lint-warnings", "--scenes", str(scenes), "--format", "dot")
    assert status == 0
    assert out.splitlines()[1] == 'digraph "lint-warnings" {' and out.rstrip().endswith("}")
    assert '"__start" -> "bank";' in out
    assert '"island" [label="island\\n(unreachable)", style="rounded,dashed"' in out
    assert '"lost" [label="bad: Lost\\n(unreachable)", shape=box, peripheries=2' in out
    assert (
        '"bank" -> "lost" [label="2. Wait for a sixth call [if calls > 5] (never open)", style=dashed];'
        in out
    )
    if shutil.which("dot"):  # Graphviz, where installed, must accept it
        result = subprocess.run(["dot", "-Tsvg"], input=out, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr


def test_graph_by_file_path(capsys: Capsys, scenes: Path) -> None:
    status, out, _ = cli(capsys, "graph", str(scenes / "tiny" / "story.yaml"))
    assert status == 0 and "flowchart TD" in out


def test_graph_of_an_unknown_scenario_lists_the_known_ones(capsys: Capsys) -> None:
    status, out, err = cli(capsys, "graph", "nope")
    assert status == 1 and out == ""
    assert "no scenario 'nope'" in err and "panjshir/reporter-notebook" in err


def test_graph_of_a_broken_pack_prints_its_problems(capsys: Capsys, tmp_path: Path) -> None:
    folder = tmp_path / "scenes" / "tiny"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(FIXTURES / "refs.yaml", folder / "story.yaml")
    status, out, err = cli(capsys, "graph", "bad-refs", "--scenes", str(tmp_path / "scenes"))
    assert status == 1 and out == ""
    assert re.search(r"story\.yaml:\d+:3: error: variable name 'Bad-Name'", err)
    assert "quotebound validate" in err


def test_graph_draws_a_story_that_loads_but_fails_its_lint(capsys: Capsys, tmp_path: Path) -> None:
    """Loading does not lint, so the graph of a story with a trap is drawn: it helps to find the trap."""
    folder = tmp_path / "scenes" / "tiny"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(FIXTURES / "stuck.yaml", folder / "story.yaml")
    status, out, _ = cli(capsys, "graph", "lint-stuck", "--scenes", str(tmp_path / "scenes"))
    assert status == 0 and "flowchart TD" in out and "road" in out


# --- playtest ---------------------------------------------------------------------------------


def test_playtest_every_bundled_scenario(capsys: Capsys) -> None:
    status, out, _ = cli(capsys, "playtest")
    assert status == 0, out
    assert out.count("  exhaustive walk: every reachable state visited") >= 2
    assert "FAIL" not in out
    assert out.rstrip().endswith("scenarios playtested: all passed")
    for pack_dir in bundled_scenes().iterdir():
        for story in pack_dir.glob("story-*.yaml"):
            assert f"({story.relative_to(ROOT)})" in out or str(story) in out


def test_playtest_reports_coverage_and_paths(capsys: Capsys) -> None:
    status, out, _ = cli(capsys, "playtest", "envoy-quiet-capitals", "--paths")
    assert status == 0
    assert "  scenes   11/11\n  choices  36/36\n" in out
    assert "  endings  4/4: trusted (good), accurate-gap (mixed), corrections (mixed), sent-back (bad)" in out
    assert "  path to 'trusted': brief 1 → the-group 1 → " in out
    assert out.rstrip().endswith("1 scenario playtested: all passed")


def test_playtest_fails_on_an_unreachable_ending(capsys: Capsys, scenes: Path) -> None:
    status, out, _ = cli(capsys, "playtest", "--scenes", str(scenes))
    assert status == 1
    assert "  scene 'island' never reached" in out
    assert re.search(
        r"  choice 2 of 'bank' \('Wait for a sixth call'\) never reached  .*story\.yaml:20:9", out
    )
    assert re.search(r"  FAIL: ending 'lost' can never be reached  .*story\.yaml:41:5", out)
    assert "  FAILED" in out and "1 failed" in out


def test_playtest_bound_hit_is_said_plainly(capsys: Capsys) -> None:
    status, out, _ = cli(capsys, "playtest", "reporter-notebook", "--max-states", "20")
    assert status == 1
    assert "BOUND HIT: stopped at 20 states before visiting every state" in out
    assert "raise --max-states, or play random games with --random N" in out
    assert "was not reached within the bound" in out


def test_playtest_random_is_seeded(capsys: Capsys) -> None:
    first = cli(capsys, "playtest", "reporter-notebook", "--random", "40", "--seed", "5")
    second = cli(capsys, "playtest", "reporter-notebook", "--random", "40", "--seed", "5")
    assert first == second and first[0] == 0
    assert "  random games: 40 (seed 5)" in first[1] and "  endings reached: " in first[1]


def test_playtest_random_without_a_seed_prints_the_one_it_used(capsys: Capsys) -> None:
    status, out, _ = cli(capsys, "playtest", "envoy-quiet-capitals", "--random", "3")
    seed = re.search(r"random games: 3 \(seed (\d+)\)", out)
    assert status == 0 and seed
    again = cli(capsys, "playtest", "envoy-quiet-capitals", "--random", "3", "--seed", seed[1])
    assert again[1] == out


def test_playtest_random_needs_a_positive_count(capsys: Capsys) -> None:
    status, out, _ = cli(capsys, "playtest", "--random", "0")
    assert status == 1 and "at least 1" in out


# --- no UI ------------------------------------------------------------------------------------

PROBE = """
import json, sys
from game.cli import main
statuses = [main(["graph", "reporter-notebook"]), main(["graph", "envoy-quiet-capitals", "--format", "dot"]),
            main(["playtest"]), main(["playtest", "--random", "5", "--seed", "1"])]
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("game.ui"))
print(json.dumps({"statuses": statuses, "ui": ui}))
"""


def test_graph_and_playtest_never_import_the_ui() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"statuses": [0, 0, 0, 0], "ui": []}
