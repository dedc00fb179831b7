"""Quotation marks, as English typography sets them: one function every front end and export uses.

A quote from the article is shown in double marks, ``“…”``. Article passages often contain quotation
marks of their own (``they had “thousands of forces…”``) or are a whole quotation already; wrapping
those again printed ``““…””``. :func:`quoted` wraps a passage only where it has no marks of its own and
shows quotation marks inside a quote as single marks (``“they had ‘thousands of forces…’”``).
"""

from __future__ import annotations

_DOUBLE = '“”"„'
"""Double quotation marks a passage may contain (curly, straight, low)."""
_OPENING_CONTEXT = " \t\n([{—–-/"
"""What comes before an opening straight mark ("): the start, a space or an opening bracket or dash."""


def quoted(text: str) -> str:
    """``text`` as a quotation in double marks, its own double marks made single.

    Already a whole quotation (``“We prefer peace.”``): kept as it is. Otherwise ``“`` + ``text`` + ``”``,
    any double mark inside shown as ``‘`` or ``’``.
    """
    text = text.strip()
    if _is_whole_quotation(text):
        return f"“{text[1:-1]}”"
    return f"“{inner(text)}”"


def inner(text: str) -> str:
    """``text`` with its double quotation marks made single, as inside a quotation."""
    if not any(mark in text for mark in _DOUBLE):
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "“„":
            out.append("‘")
        elif ch == "”":
            out.append("’")
        elif ch == '"':
            out.append("‘" if i == 0 or text[i - 1] in _OPENING_CONTEXT else "’")
        else:
            out.append(ch)
    return "".join(out)


def _is_whole_quotation(text: str) -> bool:
    """Whether ``text`` is one quotation in double marks: it opens and closes with one, none between."""
    if len(text) < 2 or text[0] not in '“"' or text[-1] not in '”"':
        return False
    return not any(mark in text[1:-1] for mark in _DOUBLE)
