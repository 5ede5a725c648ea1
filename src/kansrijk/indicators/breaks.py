"""Breaks in series: the years in which what an indicator counts changed (data, one place).

An indicator lists its breaks in its definition (``Indicator.breaks``); the trend marks the
first year of the new definition, charts leave a gap there, tables footnote it and the API
carries a ``break`` field. A change of definition is never drawn as a real change.
"""

from __future__ import annotations

from kansrijk.indicators.definition import Break

__all__ = ["BREAKS", "EXAM_MASKING", "OLD_AFDELINGEN", "TL_EXAM_SECTOR", "breaks_at"]

#: TL exam candidates carry a sector only from school year 2018-19 on.
TL_EXAM_SECTOR = Break(
    id="tl_exam_sector",
    year=2018,
    reason_nl=(
        "Vanaf schooljaar 2018/19 noemt DUO ook de sector van TL-examenkandidaten; daarvoor "
        "hadden zij geen sector en telden zij niet mee. De reeks met TL is daarom niet "
        "vergelijkbaar met de jaren ervoor."
    ),
    reason_en=(
        "From school year 2018/19 DUO gives the sector of TL exam candidates too; before, "
        "they had none and were left out. The series with TL is therefore not comparable "
        "with the years before."
    ),
    applies=(("track", ("vmbo_tl",)),),
)

#: The 2019-24 release of the exam file masks counts below 5 ('<5'); the 2014-19 one did not.
EXAM_MASKING = Break(
    id="exam_masking",
    year=2019,
    reason_nl=(
        "Vanaf schooljaar 2019/20 (nieuwe uitgave van het DUO-bestand) zijn aantallen onder "
        "de 5 gemaskeerd ('<5') en tellen die cellen niet mee; tot en met 2018/19 telde "
        "elke kandidaat mee."
    ),
    reason_en=(
        "From school year 2019/20 (the newer release of the DUO file) counts below 5 are "
        "masked ('<5') and those cells are left out; up to 2018/19 every candidate counted."
    ),
)

#: The vmbo profiles replaced the old afdelingen from 2016 on (leerjaar 3 in 2016, both
#: leerjaren from 2017): enrollment years up to 2016 hold old afdelingen mapped to profiles.
OLD_AFDELINGEN = Break(
    id="old_afdelingen",
    year=2017,
    reason_nl=(
        "Tot en met peiljaar 2016 zaten vmbo-leerlingen (in 2016: leerjaar 4) nog in de oude "
        "afdelingen van vóór de profielen; die zijn met een vertaaltabel aan profielen "
        "gekoppeld. Vanaf 2017 telt DUO alleen de nieuwe profielen."
    ),
    reason_en=(
        "Up to enrollment year 2016 vmbo pupils (in 2016: leerjaar 4) were still in the old "
        "afdelingen of before the profiles, mapped to profiles with a crosswalk. From 2017 "
        "DUO counts the new profiles only."
    ),
)

BREAKS: tuple[Break, ...] = (TL_EXAM_SECTOR, EXAM_MASKING, OLD_AFDELINGEN)


def breaks_at(
    breaks: tuple[Break, ...], prev_year: int | None, year: int, breakdown: dict[str, str]
) -> tuple[Break, ...]:
    """The breaks between two consecutive points of a series (``prev_year`` < break year <=
    ``year``) that apply to its breakdown values; none for a series' first point."""
    if prev_year is None:
        return ()
    return tuple(b for b in breaks if prev_year < b.year <= year and b.applies_to(breakdown))
