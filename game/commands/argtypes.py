"""Argument types the commands share (argparse ``type=`` callables), each refusing bad input in one line."""

from __future__ import annotations

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
