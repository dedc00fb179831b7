"""Cleaning of text that comes from content files before any of it reaches a screen.

Content text is data. Terminal control sequences inside a quoted YAML string (an OSC 52 clipboard
write, a window-title change, a screen clear, a C1 CSI, a bidi override) would otherwise pass through
every Textual widget straight to the terminal, so they are removed once, at load time.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, the C1 range, and the Unicode bidi/formatting controls
# that can make text display in an order other than the one it is stored in.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_text(value: str) -> str:
    """Return ``value`` without control characters; ``\\r\\n`` and lone ``\\r`` become ``\\n``.

    Args:
        value: text read from a content file.

    Returns:
        The same text, safe to print to a terminal.
    """
    if value.isprintable():
        # Exact, and most content text takes this path: str.isprintable() is False for every
        # character _UNSAFE matches (all of them are Unicode Cc or Cf), and for \r. It is also False
        # for \n, \t and non-ASCII spaces, which take the slow path and are kept there.
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", value)


def has_unsafe(value: str) -> bool:
    """Whether ``value`` holds characters that :func:`clean_text` would remove."""
    return _UNSAFE.search(value) is not None


CONTEXT_LABEL = "Context (not from the article):"
"""What every front end and export writes before a ``context`` text, so background never passes for the
article. The texts themselves do not say it again (the bundled packs' contexts are plain sentences)."""
