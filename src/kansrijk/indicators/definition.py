"""Indicator definitions: data, not code (the engine is separate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kansrijk.vocab import ProfileSet


class Breakdown(StrEnum):
    """Dimensions an indicator can be broken down by."""

    PROFILE = "profile"
    TRACK = "track"
    SEX = "sex"
    SECTOR = "sector"
    GRADE = "grade"
    STATISTIC = "statistic"


class Unit(StrEnum):
    """Units of indicator values."""

    PERCENT = "percent"
    COUNT = "count"
    KM = "km"


@dataclass(frozen=True, slots=True)
class Break:
    """A change of definition in a series: values from ``year`` on are not counted as those
    before, so a chart must not join them and a table must footnote them.

    ``applies`` limits the break to series of some breakdown values (e.g. ``track`` =
    ``vmbo_tl``): a series broken down by that dimension carries the break only for those
    values; a series not broken down by it (the total) always carries it.
    """

    id: str
    year: int
    reason_nl: str
    reason_en: str
    applies: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def reason(self, lang: str = "nl") -> str:
        """The reason in ``nl`` or ``en``."""
        return self.reason_en if lang == "en" else self.reason_nl

    def applies_to(self, breakdown: dict[str, str]) -> bool:
        """Whether a series with these breakdown values carries this break."""
        return all(breakdown.get(dim, values[0]) in values for dim, values in self.applies)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: what it measures, exactly, and from which data.

    ``numerator``/``denominator`` describe the counts whose ratio (of sums, never a mean of
    ratios) is the value; ``breakdowns`` lists the dimensions it can be split by, with
    ``required`` ones always present in the output; ``profile_set`` is the default set for
    indicators that take one (``--set``); ``breaks`` are the years its definition changed
    (see ``indicators.breaks``).
    """

    id: str
    label_nl: str
    label_en: str
    unit: Unit
    definition: str
    numerator: str
    denominator: str
    population: str
    source_datasets: tuple[str, ...]
    breakdowns: tuple[Breakdown, ...] = ()
    required: tuple[Breakdown, ...] = ()
    profile_set: ProfileSet | None = None
    suppression: str = (
        "A cell whose numerator or denominator is 1-4 pupils is suppressed: its value is "
        "hidden and the flag set; the pupils still count in every total."
    )
    references: tuple[str, ...] = ()
    suppress_small: bool = True
    computable: bool = True
    higher_is_better: bool = True
    breaks: tuple[Break, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str = "nl") -> str:
        """The label in ``nl`` or ``en``."""
        return self.label_en if lang == "en" else self.label_nl
