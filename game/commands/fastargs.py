"""A command's arguments as one table that argparse reads, and a reader of plain lines without argparse.

``export`` and ``report`` (like ``play``'s fast start, :func:`game.commands.play.fast_play_args`) define
their arguments once, as :class:`Arg` rows. :func:`add_arguments` gives the rows to argparse (``--help``,
every error and every unusual line); :func:`fast_parse` reads the plain lines people type (each flag spelt
out in full, given once, values that do not start with ``-``) into the namespace argparse would make, and
returns None for anything else, which argparse then parses. Importing argparse and building one command's
parser is ~5M instructions, a sixth of what ``export`` does beyond its imports. tests/cli/test_fast_args.py
checks that argparse makes the same namespace of every line read here, and refuses the lines left to it.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence


class Arg:
    """One ``add_argument`` call: its names and keywords as argparse takes them, and the mutually exclusive
    group it belongs to (by name; None for none)."""

    __slots__ = ("names", "kwargs", "group")

    def __init__(self, *names: str, group: str | None = None, **kwargs: Any) -> None:
        self.names = names
        self.kwargs = kwargs
        self.group = group

    @property
    def positional(self) -> bool:
        return not self.names[0].startswith("-")

    @property
    def dest(self) -> str:
        """The attribute argparse stores it in: ``dest=``, else the first long name (``--data-dir`` →
        ``data_dir``), else the first name."""
        if "dest" in self.kwargs:
            return str(self.kwargs["dest"])
        if self.positional:
            return self.names[0]
        long = next((name for name in self.names if name.startswith("--")), self.names[0])
        return long.lstrip("-").replace("-", "_")


def add_arguments(parser: argparse.ArgumentParser, table: Sequence[Arg]) -> None:
    """Add every row of ``table`` to ``parser`` (groups made as their first row comes)."""
    groups: dict[str, Any] = {}
    for arg in table:
        target: Any = parser
        if arg.group is not None:
            target = groups.get(arg.group)
            if target is None:
                target = groups[arg.group] = parser.add_mutually_exclusive_group()
        target.add_argument(*arg.names, **arg.kwargs)


_SIMPLE_ACTIONS = (None, "store", "store_true", "store_const")


def fast_parse(
    command: str, table: Sequence[Arg], defaults: dict[str, Any], argv: Sequence[str]
) -> SimpleNamespace | None:
    """What ``build_parser().parse_args([command, *argv])`` gives, for a plain line; None for anything else.

    A plain line: every option named in full (no abbreviation, no ``-oFILE``), ``--name=value`` only for a
    long option that takes a value, no option twice (nor two of one group), no value starting with ``-``,
    no ``--``, positionals in one run, every value converting and within its ``choices``, every required
    option given. Anything else (``--help`` and every error included) is left to argparse.

    Args:
        command: the command's name (argparse's ``command`` attribute).
        table: the command's arguments, as :func:`add_arguments` registers them.
        defaults: the parser's ``set_defaults`` keywords.
        argv: the arguments after the command's name.
    """
    options: dict[str, Arg] = {}
    positionals = [arg for arg in table if arg.positional]
    for arg in table:
        unknown = arg.kwargs.get("action") not in _SIMPLE_ACTIONS
        if unknown or (not arg.positional and "nargs" in arg.kwargs) or len(positionals) > 1:
            return None  # a kind of argument this reader does not know: argparse's
        if not arg.positional:
            options.update((name, arg) for name in arg.names)
    values: dict[str, Any] = {}
    seen: set[str] = set()
    words: list[str] = []
    run_ended = False
    i = 0
    while i < len(argv):
        word = argv[i]
        i += 1
        if not word.startswith("-") or word == "-":
            if run_ended:
                return None  # positionals apart: argparse reads that as an error
            words.append(word)
            continue
        if words:
            run_ended = True
        name, eq, value = word.partition("=")
        found = options.get(name if eq and name.startswith("--") else word)
        if found is None:
            return None
        arg = found
        key = arg.group or arg.dest
        if key in seen:
            return None
        seen.add(key)
        action = arg.kwargs.get("action")
        if action in ("store_true", "store_const"):
            if eq and name.startswith("--"):
                return None  # a flag given a value: argparse's error
            values[arg.dest] = True if action == "store_true" else arg.kwargs["const"]
            continue
        if not eq or not name.startswith("--"):
            if i >= len(argv) or argv[i].startswith("-"):
                return None
            value = argv[i]
            i += 1
        converted = _convert(arg, value)
        if converted is None:
            return None
        values[arg.dest] = converted[0]
    for arg in positionals:
        nargs = arg.kwargs.get("nargs")
        if nargs == "+" and words:
            items = [_convert(arg, word) for word in words]
            if any(item is None for item in items):
                return None
            values[arg.dest] = [item[0] for item in items if item is not None]
        elif nargs == "*":
            items = [_convert(arg, word) for word in words]
            if any(item is None for item in items):
                return None
            values[arg.dest] = [item[0] for item in items if item is not None]
        else:
            return None  # a missing positional, or a kind this reader does not know
        words = []
    if words:
        return None  # positionals where the command takes none: argparse's error
    namespace: dict[str, Any] = {"command": command}
    for arg in table:
        if arg.dest not in values and arg.kwargs.get("required"):
            return None
        default = defaults.get(arg.dest, _default(arg))
        namespace.setdefault(arg.dest, values.get(arg.dest, default))
    for key, value in defaults.items():
        namespace.setdefault(key, value)
    return SimpleNamespace(**namespace)


def _default(arg: Arg) -> Any:
    if "default" not in arg.kwargs:
        return False if arg.kwargs.get("action") == "store_true" else None
    default = arg.kwargs["default"]
    convert = arg.kwargs.get("type")
    # argparse passes a string default through type= (not through choices=), as if it had been typed.
    return convert(default) if isinstance(default, str) and convert is not None else default


def _convert(arg: Arg, value: str) -> tuple[Any] | None:
    """``(value converted by type=)`` when it converts and is one of ``choices=``, else None."""
    convert: Callable[[str], Any] | None = arg.kwargs.get("type")
    if convert is not None:
        try:
            converted = convert(value)
        except Exception:  # noqa: BLE001 - any failure is argparse's to report, in its words
            return None
    else:
        converted = value
    choices = arg.kwargs.get("choices")
    if choices is not None and converted not in choices:
        return None
    return (converted,)
