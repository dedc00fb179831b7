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
