"""``export`` and ``report`` read a plain command line without argparse (game.commands.fastargs) into the
namespace argparse makes of it, and leave every other line (``--help``, abbreviations, every error) to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from game.cli import build_parser, main
from game.commands import export, report, validate

ACCEPTED: dict[str, list[list[str]]] = {
    "export": [
        ["--format", "gift"],
        ["--format=gift"],
        ["--format", "gift", "--pack", "panjshir"],
        ["--pack", "panjshir", "--format", "json"],
        ["--format", "markdown", "--answers", "--seed", "7", "--questions", "3"],
        ["--format", "tsv", "--flavor", "quizlet", "-o", "out.tsv"],
        ["--format", "tsv", "--output", "out.tsv", "--scenes", "some dir"],
        ["--format", "aiken", "--seed", " 3 "],
        ["--format", "gift", "--pack", ""],
        ["--format", "gift", "--pack=-x"],
        ["--format", "gift", "--seed=-3"],
    ],
    "report": [
        ["results"],
        ["a", "b", "c"],
        ["--csv", "a"],
        ["a", "b", "--markdown"],
        ["--html", "a", "--top", "3"],
        ["--top", "0", "-o", "out.html", "--html", "a"],
        ["--scenes", "s", "a", "--output=x"],
        ["-", "a"],
        [""],
    ],
    "validate": [
        [],
        ["scenes"],
        ["a", "b/pack.yaml", "--strict"],
        ["--scenes", "s"],
        ["--strict", "--scenes=s", "x"],
    ],
}
"""Lines after the command that it reads itself."""

LEFT_TO_ARGPARSE: dict[str, list[list[str]]] = {
    "export": [
        [],
        ["-h"],
        ["--help"],
        ["--format"],
        ["--format", "gif"],
        ["--form", "gift"],
        ["--format", "gift", "--format", "json"],
        ["--format", "gift", "--seed", "x"],
        ["--format", "gift", "--seed", "-3"],
        ["--format", "gift", "--questions", "0"],
        ["--format", "gift", "--pack"],
        ["--format", "gift", "--pack", "-x"],
        ["--format", "gift", "-ofile"],
        ["--format", "gift", "-o=file"],
        ["--format", "gift", "-o", "-"],
        ["--format", "gift", "--answers=yes"],
        ["--format", "gift", "extra"],
        ["--format", "gift", "--"],
        ["--format", "gift", "--version"],
        ["--Format", "gift"],
    ],
    "report": [
        [],
        ["-h"],
        ["a", "--help"],
        ["--csv"],
        ["--csv", "--markdown", "a"],
        ["--csv", "--csv", "a"],
        ["a", "--csv", "b"],
        ["--top", "x", "a"],
        ["--top", "-1", "a"],
        ["--to", "3", "a"],
        ["--csv=1", "a"],
        ["--", "a"],
        ["-x"],
    ],
    "validate": [
        ["--help"],
        ["--strict", "--strict"],
        ["--strict=1"],
        ["--scen", "s"],
        ["a", "--strict", "b"],
        ["--scenes"],
    ],
}
"""Every other line: argparse parses these (and reports the errors among them)."""

MODULES: dict[str, ModuleType] = {"export": export, "report": report, "validate": validate}


def _argparse(command: str, argv: list[str]) -> dict[str, object]:
    return vars(build_parser(load=[command]).parse_args([command, *argv]))


@pytest.mark.parametrize(("command", "argv"), [(c, a) for c, lines in ACCEPTED.items() for a in lines])
def test_a_plain_line_reads_as_argparse_reads_it(command: str, argv: list[str]) -> None:
    """Each line read without argparse gives the namespace argparse gives, every default included."""
    fast = MODULES[command].fast_args(argv)
    assert fast is not None
    assert vars(fast) == _argparse(command, argv)


@pytest.mark.parametrize(
    ("command", "argv"), [(c, a) for c, lines in LEFT_TO_ARGPARSE.items() for a in lines]
)
def test_every_other_line_is_left_to_argparse(command: str, argv: list[str]) -> None:
    assert MODULES[command].fast_args(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "gif"],
        ["export", "--form", "gift", "x"],
        ["report"],
        ["report", "a", "--csv", "b"],
    ],
)
def test_errors_are_argparse_s(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A bad line is argparse's error with status 2, through the command line itself."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: quotebound") and "error:" in err


@pytest.mark.parametrize("command", ["export", "report"])
def test_help_is_argparse_s(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: quotebound {command} [-h]")


def test_export_runs_without_argparse(tmp_path: Path) -> None:
    """A plain ``export`` line imports neither argparse nor gettext, and writes what argparse's would."""
    code = (
        "import sys\n"
        "from game.cli import main\n"
        "status = main(['export', '--format', 'aiken', '--pack', 'panjshir', '-o', sys.argv[1]])\n"
        "print(status, 'argparse' in sys.modules, 'gettext' in sys.modules)\n"
    )
    env = {
        **os.environ,
        "QUOTEBOUND_DATA": str(tmp_path / "data"),
        "QUOTEBOUND_CACHE": str(tmp_path / "cache"),
    }
    fast = tmp_path / "fast.txt"
    out = subprocess.run(
        [sys.executable, "-c", code, str(fast)], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "False", "False"]
    slow = tmp_path / "slow.txt"
    # An abbreviation goes through argparse: the same file.
    assert main(["export", "--form", "aiken", "--pack", "panjshir", "-o", str(slow)]) == 0
    assert fast.read_bytes() == slow.read_bytes()
