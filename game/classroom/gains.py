"""Pre-test/post-test gains: pre, post, gain and Hake's normalized gain ``(post − pre) / (max − pre)``.

Computed per student and per topic over the items a student answered in both tests (an item skipped in
either is left out of both, so a student who left early is not counted as having forgotten). Scores are
credits (partial credit counts), one point an item. A student already at the maximum in the pre-test has no
normalized gain (0/0): they are counted apart, never averaged in as 0 or 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean


@dataclass(frozen=True)
class Gain:
    """One student's (or one student-topic's) pre and post over the items answered in both."""

    pre: float
    post: float
    items: int
    """The maximum: one point an item answered in both tests."""

    @property
    def gain(self) -> float:
        return self.post - self.pre

    @property
    def at_max(self) -> bool:
        """Full marks in the pre-test: no room to gain, no normalized gain."""
        return self.items > 0 and self.pre >= self.items

    @property
    def normalized(self) -> float | None:
        """``(post − pre) / (max − pre)``; None with no items, or at the maximum in the pre-test."""
        if self.items == 0 or self.at_max:
            return None
        return (self.post - self.pre) / (self.items - self.pre)


@dataclass(frozen=True)
class ClassGain:
    """The class's mean normalized gain, how many students it covers, and how many were counted apart."""

    mean: float | None
    covered: int
    at_max: int


def gain_of(pre: dict[str, float], post: dict[str, float], items: Iterable[str] | None = None) -> Gain:
    """A gain from item id → credit in each test, over the items in both (and in ``items`` when given)."""
    both = set(pre) & set(post)
    if items is not None:
        both &= set(items)
    return Gain(sum(pre[i] for i in both), sum(post[i] for i in both), len(both))


def class_gain(gains: Iterable[Gain]) -> ClassGain:
    """The mean of the students' normalized gains; at-max students are counted apart, empty ones left out."""
    values: list[float] = []
    at_max = 0
    for gain in gains:
        if gain.at_max:
            at_max += 1
        elif gain.normalized is not None:
            values.append(gain.normalized)
    return ClassGain(mean(values) if values else None, len(values), at_max)
