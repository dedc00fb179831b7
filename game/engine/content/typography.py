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


_CURLY_TO_SINGLE = str.maketrans({"“": "‘", "„": "‘", "”": "’"})


def inner(text: str) -> str:
    """``text`` with its double quotation marks made single, as inside a quotation."""
    if not any(mark in text for mark in _DOUBLE):
        return text
    # The curly and low marks by one table, then each straight mark by what stands before it (a Python
    # step per mark, not per character: every export and report quotes each quote it cites).
    parts = text.translate(_CURLY_TO_SINGLE).split('"')
    out = [parts[0]]
    for k in range(1, len(parts)):
        before = parts[k - 1]
        if before:
            opening = before[-1] in _OPENING_CONTEXT
        else:  # the mark starts the text, or follows another straight mark (which opens nothing)
            opening = k == 1
        out.append("‘" if opening else "’")
        out.append(parts[k])
    return "".join(out)


def _is_whole_quotation(text: str) -> bool:
    """Whether ``text`` is one quotation in double marks: it opens and closes with one, none between."""
    if len(text) < 2 or text[0] not in '“"' or text[-1] not in '”"':
        return False
    return not any(mark in text[1:-1] for mark in _DOUBLE)
