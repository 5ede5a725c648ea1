"""The registry's indicators for a region and school year, each with its numerator and
denominator: the reach of vmbo locations (``kansrijk.registry.reach``) and the internship
shortage, suppressed below the indicators' threshold (``kansrijk.registry.shortages``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kansrijk.regions import Region
from kansrijk.registry import shortages
from kansrijk.registry.places import Places
from kansrijk.registry.reach import INDICATOR_IDS, indicator_value


def indicator_values(
    session: Session, places: Places, region: Region, school_year: int
) -> list[dict[str, Any]]:
    """One row per registry indicator: id, region, school year, value, numerator and
    denominator; the shortage also with its reporting locations and whether it is
    suppressed (no denominator: it is a count)."""
    out = []
    for ind in INDICATOR_IDS:
        value, num, den = indicator_value(session, places, ind, region, school_year)
        out.append(
            {
                "indicator": ind,
                "region": region.code,
                "school_year": school_year,
                "value": value,
                "numerator": num,
                "denominator": den,
            }
        )
    value, pupils, locations, hidden = shortages.indicator_value(
        session, places, region, school_year
    )
    out.append(
        {
            "indicator": shortages.INDICATOR_ID,
            "region": region.code,
            "school_year": school_year,
            "value": value,
            "numerator": pupils,
            "denominator": None,
            "reporting_locations": locations,
            "suppressed": hidden,
        }
    )
    return out
