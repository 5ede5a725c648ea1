"""Reach: per school year and region, which vmbo locations had at least one activity (an
accepted match with a request of that location) and which had none; and the two registry
indicators ``partners.reached_location_share`` and ``partners.activities_per_100_pupils``.

A match counts in the school year (1 August - 31 July) of its activity's start date, or of
the day it was accepted when the activity has no start date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.regions import Region
from kansrijk.registry.models import Activity, Match, SchoolRequest
from kansrijk.registry.places import Places, VmboLocation

INDICATOR_IDS: tuple[str, ...] = (
    "partners.reached_location_share",
    "partners.activities_per_100_pupils",
)


def school_year_of(day: dt.date) -> int:
    """The school year (its first calendar year) a day falls in: August starts a year."""
    return day.year if day.month >= 8 else day.year - 1


def current_school_year(today: dt.date | None = None) -> int:
    """The school year of today."""
    return school_year_of(today or dt.datetime.now(dt.UTC).date())


def school_year_label(year: int) -> str:
    """``2024`` -> ``'2024-2025'``."""
    return f"{year}-{year + 1}"


@dataclass(frozen=True, slots=True)
class LocationReach:
    """One vmbo location and the activities it had in the school year."""

    location: VmboLocation
    activities: int

    @property
    def reached(self) -> bool:
        """Whether it had at least one activity."""
        return self.activities > 0

    @property
    def technical(self) -> bool:
        """Whether it offers a technical profile (incl. ICT)."""
        return bool(self.location.tech_profiles)


@dataclass(frozen=True, slots=True)
class Reach:
    """Reach of a region in a school year."""

    region: str
    school_year: int
    warehouse_year: int | None
    locations: tuple[LocationReach, ...]

    @property
    def reached(self) -> list[LocationReach]:
        """Reached locations, by code."""
        return [r for r in self.locations if r.reached]

    @property
    def unreached(self) -> list[LocationReach]:
        """Locations without any activity: those without a technical profile first."""
        rows = [r for r in self.locations if not r.reached]
        return sorted(rows, key=lambda r: (r.technical, r.location.loc_code))

    @property
    def activities(self) -> int:
        """Activities (accepted matches) at the region's locations."""
        return sum(r.activities for r in self.locations)

    @property
    def pupils(self) -> int:
        """vmbo pupils (all years, BB/KB/GL/TL) of the region's locations."""
        return sum(r.location.pupils for r in self.locations)

    @property
    def reached_location_share(self) -> float | None:
        """Reached locations / vmbo locations (None without locations)."""
        n = len(self.locations)
        return len(self.reached) / n if n else None

    @property
    def activities_per_100_pupils(self) -> float | None:
        """Activities per 100 vmbo pupils (None without pupils)."""
        return 100.0 * self.activities / self.pupils if self.pupils else None


def activity_counts(session: Session, school_year: int) -> dict[str, int]:
    """Accepted matches per location code in a school year."""
    q = (
        select(SchoolRequest.loc_code, Activity.start_date, Match.updated_at)
        .select_from(Match)
        .join(Activity, Activity.id == Match.activity_id)
        .join(SchoolRequest, SchoolRequest.id == Match.request_id)
        .where(Match.status == "accepted")
    )
    out: dict[str, int] = {}
    for loc, start, accepted in session.execute(q):
        day = start or accepted.date()
        if school_year_of(day) == school_year:
            out[loc] = out.get(loc, 0) + 1
    return out


def reach(session: Session, places: Places, region: Region, school_year: int) -> Reach:
    """The reach of a region in a school year."""
    counts = activity_counts(session, school_year)
    locs = places.in_region(region, school_year)
    return Reach(
        region.code,
        school_year,
        places.year_for(school_year),
        tuple(LocationReach(loc, counts.get(loc.loc_code, 0)) for loc in locs),
    )


def indicator_value(
    session: Session, places: Places, indicator_id: str, region: Region, school_year: int
) -> tuple[float | None, int, int]:
    """(value, numerator, denominator) of a registry indicator for a region and school
    year: ``partners.reached_location_share`` = reached vmbo locations / vmbo locations;
    ``partners.activities_per_100_pupils`` = 100 x activities / vmbo pupils. The share is in
    percent (0-100), like the catalogue's unit."""
    r = reach(session, places, region, school_year)
    if indicator_id == INDICATOR_IDS[0]:
        share = r.reached_location_share
        return (None if share is None else 100.0 * share), len(r.reached), len(r.locations)
    if indicator_id == INDICATOR_IDS[1]:
        return r.activities_per_100_pupils, 100 * r.activities, r.pupils
    from kansrijk.errors import UnknownIndicatorError

    raise UnknownIndicatorError(
        Message(
            "expected one of {allowed}; found {found!r}",
            allowed=", ".join(INDICATOR_IDS),
            found=indicator_id,
        )
    )
