"""Indicator definitions: data, not code (the engine is separate)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

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


class SetVocab(StrEnum):
    """What the codes of an indicator's set are: vmbo profiles (``BWI``, ...) or mbo
    sectorkamers (``TGO``, ...)."""

    PROFILES = "profiles"
    SECTORKAMERS = "sectorkamers"


class DistanceKind(StrEnum):
    """Distance indicators (indicators/access.py): to the nearest vmbo location offering a
    profile of the set, or to the nearest mbo location offering one of its sectorkamers."""

    VMBO = "vmbo"
    MBO = "mbo"


class QueryFn(Protocol):
    """An indicator's SQL: years, breakdowns and the set's codes in, a query out returning
    ``region, year, <breakdown columns>, num, den, masked_cells`` over the registered
    membership tables (indicators/membership.py). ``mapped`` = count old afdelingen through
    the crosswalk (only queries of indicators with ``crosswalk`` use it)."""

    def __call__(
        self,
        years: Sequence[int],
        by: Sequence[Breakdown],
        pset: Sequence[str],
        *,
        mapped: bool = True,
    ) -> str: ...


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

    How it is computed is data too: ``query`` builds its SQL (indicators/queries.py,
    mbo_queries.py), or ``distance`` names the distance computation (indicators/access.py);
    ``table`` is the canonical table whose loaded years are the indicator's years;
    ``set_vocab`` says whether the set's codes are vmbo profiles or mbo sectorkamers and
    ``fixed_set`` names a set the indicator always uses; ``crosswalk`` marks indicators whose
    values depend on old afdelingen counted through the crosswalk. The engine reads these
    attributes and has no case by indicator id.
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
    query: QueryFn | None = None
    distance: DistanceKind | None = None
    table: str = "vo_enrollment"
    set_vocab: SetVocab = SetVocab.PROFILES
    fixed_set: str | None = None
    crosswalk: bool = False

    @property
    def ratio(self) -> bool:
        """Whether the value is 100 x numerator / denominator (a share) rather than the
        numerator itself (counts; distance statistics arrive as values)."""
        return self.unit is Unit.PERCENT and self.distance is None

    def label(self, lang: str = "nl") -> str:
        """The label in ``nl`` or ``en``."""
        return self.label_en if lang == "en" else self.label_nl
