"""Argument types the commands share (argparse ``type=`` callables), each refusing bad input in one line, and
the serving options ``serve`` and ``class start`` both take."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the fast start imports this module without argparse
    import argparse

DEFAULT_MAX_PLAYERS = 60
"""Browser games at once for ``serve`` and a served ``class start`` (``--max-players``)."""


def positive_int(text: str) -> int:
    """A whole number of 1 or more (``--questions``, ``--max-players``)."""
    value = int(text)
    if value < 1:
        import argparse  # only on an error: `quotebound --player NAME` starts without argparse

        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def seconds(text: str) -> float:
    """A number of seconds above 0 and below a day (``--time-limit``)."""
    from argparse import ArgumentTypeError  # argparse is loaded already: it is calling this

    try:
        value = float(text)
    except ValueError:
        raise ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < 86_400:
        raise ArgumentTypeError("must be more than 0 seconds (and less than a day)")
    return value


def add_serving_arguments(parser: argparse.ArgumentParser, *, who: str) -> None:
    """``--host``, ``--port``, ``--public-url`` and ``--max-players``, for a command that serves browsers.

    Args:
        who: what connects, as the help words it ("browsers"; "students' browsers").
    """
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help=f"address to serve {who} on (default: 127.0.0.1, this machine; 0.0.0.0 for the network)",
    )
    parser.add_argument("--port", type=int, default=8000, help=f"port to serve {who} on (default: 8000)")
    parser.add_argument(
        "--public-url", metavar="URL", help=f"the address {who} open, when it is not http://HOST:PORT/"
    )
    parser.add_argument(
        "--max-players",
        type=positive_int,
        default=DEFAULT_MAX_PLAYERS,
        metavar="N",
        help=f"games in {who} at once; one more is told the class is full (default: {DEFAULT_MAX_PLAYERS})",
    )
