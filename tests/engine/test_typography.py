"""Quotation marks (issue 12, item 8): a passage is wrapped only where it has no marks of its own, and
marks inside a quote are single, as English typography sets them."""

from __future__ import annotations

import pytest

from game.engine.content.typography import quoted


@pytest.mark.parametrize(
    ("passage", "shown"),
    [
        ("plain words", "“plain words”"),
        # The article's own quotation inside the passage: single marks inside double.
        (
            "they had “thousands of forces ready for the resistance”",
            "“they had ‘thousands of forces ready for the resistance’”",
        ),
        # A quotation the passage cuts before its end: opened once, never doubled.
        (
            "He said: “We prefer peace, we prioritise peace and negotiations.",
            "“He said: ‘We prefer peace, we prioritise peace and negotiations.”",
        ),
        # Already one whole quotation: kept as it is, not wrapped again.
        ("“We prefer peace.”", "“We prefer peace.”"),
        ('"We prefer peace."', "“We prefer peace.”"),
        # Straight marks inside: opening and closing single marks by position.
        ('the gates "block the boats" at low tide', "“the gates ‘block the boats’ at low tide”"),
        # Apostrophes are left alone.
        ("Afghanistan’s last safe haven", "“Afghanistan’s last safe haven”"),
    ],
)
def test_quoted(passage: str, shown: str) -> None:
    assert quoted(passage) == shown


def test_two_quotations_are_not_taken_for_one() -> None:
    assert quoted("“yes” and “no”") == "“‘yes’ and ‘no’”"


def _inner_by_character(text: str) -> str:
    """The character walk :func:`inner` replaced: each mark decided by the character before it."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "“„":
            out.append("‘")
        elif ch == "”":
            out.append("’")
        elif ch == '"':
            out.append("‘" if i == 0 or text[i - 1] in " \t\n([{—–-/" else "’")
        else:
            out.append(ch)
    return "".join(out)


def test_inner_agrees_with_the_character_walk() -> None:
    """Straight marks at the start, doubled, after each opening context, next to curly ones."""
    import random

    from game.engine.content.typography import inner

    alphabet = ['"', '"', "“", "”", "„", "a", "b", " ", "\t", "\n", "(", "[", "{", "—", "–", "-", "/", "’"]
    rng = random.Random(15)
    texts = ['"', '""', '"a"', 'a""b', ' "', '("x")', "“a” „b“"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(3000)]
    for text in texts:
        assert inner(text) == _inner_by_character(text), text
