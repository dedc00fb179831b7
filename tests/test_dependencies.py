"""Every dependency has a tested range, and CI's lowest-versions run installs exactly the lower bounds.

A fresh machine installs whatever pip picks today; an open-ended range let a new msgspec change the
generated schema unseen. These tests keep pyproject.toml and .ci/lowest-constraints.txt honest.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = PYPROJECT["project"]["dependencies"]
TEST_TOOLS = PYPROJECT["project"]["optional-dependencies"]["test"]
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)(?P<spec>.*)$")


def _split(requirement: str) -> tuple[str, dict[str, str]]:
    match = REQUIREMENT.match(requirement.replace(" ", ""))
    assert match, requirement
    bounds = {}
    for part in filter(None, match["spec"].split(",")):
        operator = re.match(r"^(==|>=|<=|<|>|~=|!=)", part)
        assert operator, f"{requirement}: cannot read {part!r}"
        bounds[operator[1]] = part[len(operator[1]) :]
    return match["name"].lower(), bounds


def _lowest_constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


@pytest.mark.parametrize("requirement", RUNTIME + TEST_TOOLS)
def test_every_dependency_has_a_bounded_range(requirement: str) -> None:
    _name, bounds = _split(requirement)
    assert "==" in bounds or (">=" in bounds and "<" in bounds), (
        f"{requirement} needs a lower and an upper bound"
    )


@pytest.mark.parametrize("requirement", RUNTIME)
def test_a_zero_major_package_stops_below_its_next_minor(requirement: str) -> None:
    _name, bounds = _split(requirement)
    if "<" in bounds and bounds["<"].startswith("0."):
        assert bounds["<"].count(".") == 1, f"{requirement}: a 0.x package may break at each minor"


def test_lowest_constraints_pin_every_runtime_dependency_at_its_lower_bound() -> None:
    pins = _lowest_constraints()
    expected = {}
    for requirement in RUNTIME:
        name, bounds = _split(requirement)
        expected[name] = bounds.get("==") or bounds[">="]
    # "6.0" and "6.0.0" name the same release; compare release tuples padded to three parts.
    def release(version: str) -> tuple[int, ...]:
        parts = [int(p) for p in version.split(".")]
        return tuple(parts + [0] * (3 - len(parts)))

    assert {n: release(v) for n, v in pins.items()} == {n: release(v) for n, v in expected.items()}


def _third_party_imports() -> dict[str, str]:
    """Each top-level module the game's own code imports that is neither the standard library nor the
    game itself, with one file that imports it (for the failure message)."""
    import ast
    import sys

    found: dict[str, str] = {}
    for path in sorted((ROOT / "game").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".", 1)[0]
                if top != "game" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_package_the_game_imports_is_a_declared_dependency() -> None:
    """A package the game imports but only gets through another one (aiohttp through textual-serve,
    Rich through Textual) would follow that package's range, not ours: a new major could arrive unseen."""
    from importlib.metadata import packages_distributions

    declared = {_split(requirement)[0].replace("_", "-") for requirement in RUNTIME}
    distributions = packages_distributions()
    missing = {}
    for module, where in _third_party_imports().items():
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not names & declared:
            missing[module] = where
    assert not missing, f"imported by the game but not in pyproject.toml's dependencies: {missing}"
