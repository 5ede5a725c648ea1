"""Statistical disclosure control of the registry's published aggregates: primary and
secondary (complementary) suppression, one rule for every view of the same figures.

A published table of non-public registry data (shortages by field and by gemeente, survey
results by location) is one or more **additive groups**: parts that add up to a total that
is shown beside them. Hiding a small part (primary suppression) is not enough when the total
is shown: total minus the shown parts is the hidden part. The rule here:

1. **Primary**: a part from 1 to ``small - 1`` is hidden (0 is shown as 0: "hidden" never
   means zero, and zero is never hidden).
2. **Secondary**: the hidden parts of a group together (what a reader gets as the total
   minus the shown parts) must be (a) at least two parts, (b) at least ``small`` in sum, and
   (c) more than the sum of what a reader can tell of each hidden part's least value (its
   ``floor``: 1, or e.g. the number of reporting locations shown beside it, as each reports
   at least one pupil). While one fails, the smallest shown non-zero part is hidden too (the
   next-smallest cell, the standard complement).
3. **Total**: a total from 1 to ``small - 1`` is hidden; when a group cannot be protected
   even with all its parts hidden (e.g. five parts of 1 each: their sum 5 may be shown but
   every part would then be known to be 1), the total is hidden. A hidden total hides every
   part of every group that shares it (otherwise a fully shown group would give the total
   back).

With (a)-(c) each hidden part can take at least two values consistent with everything
shown: every part is at least its floor, the slack ``sum - sum(floors)`` is at least 1 and
can go to any of the two or more hidden parts. The figures that are shown stay exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kansrijk.indicators.engine import SMALL


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an additive group: its value and the least value a reader can tell it
    has from what is shown beside it (``floor``: 1 for a count that is hidden, never zero;
    0 where the value itself is shown and what is hidden is behind it, as a survey
    location's number of responses is shown and its answers are hidden)."""

    value: int
    floor: int = 1


@dataclass(frozen=True, slots=True)
class Protected:
    """The outcome for one total and its groups: whether the total is shown, and per group
    the indices of the hidden parts (all of them when the total is hidden)."""

    total_shown: bool
    hidden: tuple[frozenset[int], ...]

    def shown(self, group: int, index: int) -> bool:
        """Whether part ``index`` of group ``group`` is shown."""
        return index not in self.hidden[group]


def primary(n: int, small: int = SMALL) -> bool:
    """Whether a count is small enough to hide on its own (1 to small - 1)."""
    return 0 < n < small


def _safe(parts: Sequence[Part], hidden: set[int], small: int) -> bool:
    if not hidden:
        return True
    rest = sum(parts[i].value for i in hidden)
    floors = sum(parts[i].floor for i in hidden)
    return len(hidden) >= 2 and rest >= small and rest > floors


def hide_group(parts: Sequence[Part], small: int = SMALL) -> frozenset[int] | None:
    """The indices of the parts to hide in one group whose total is shown (primary, then
    the smallest shown non-zero parts until the hidden rest is safe); None when no choice
    of parts is safe and the total must be hidden."""
    hidden = {i for i, p in enumerate(parts) if primary(p.value, small)}
    while not _safe(parts, hidden, small):
        candidates = [i for i, p in enumerate(parts) if i not in hidden and p.value > 0]
        if not candidates:
            return None
        hidden.add(min(candidates, key=lambda i: (parts[i].value, i)))
    return frozenset(hidden)


def protect(total: int, groups: Sequence[Sequence[Part]], small: int = SMALL) -> Protected:
    """Primary and secondary suppression for a total and the groups that add up to it."""
    everything = tuple(frozenset(i for i, p in enumerate(g) if p.value > 0) for g in groups)
    if primary(total, small):
        return Protected(total_shown=False, hidden=everything)
    found = [hide_group(g, small) for g in groups]
    if any(h is None for h in found):
        return Protected(total_shown=False, hidden=everything)
    return Protected(total_shown=True, hidden=tuple(h for h in found if h is not None))
