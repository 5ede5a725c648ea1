"""Profile events: which vmbo profiles a school location started and stopped, when, with how
many pupils, and a licence watch (profiles without pupils for 1, 2, 3+ years: a licence
lapses after three years without pupils).

A location *offers* a profile in a year when it has at least one BB/KB/GL pupil in leerjaar
3-4 in it (or a cell the source masked as '<5'), as the indicators count the offer; it is in
the region in a year when it is placed there in that year (``location_place``). Between
two consecutive loaded enrollment years (``prev_year`` < ``year``; years may be apart):

- *started*: pupils in ``year``, none in ``prev_year``; ``pupils`` = those of ``year``;
  ``new_location`` when the location had no pupils at all in ``prev_year``.
- *stopped*: pupils in ``prev_year``, none in ``year``; ``pupils`` = those of ``prev_year``;
  ``location_closed`` when the location has no pupils at all in ``year``.

The first loaded year has no events (what came before is unknown). An event across the
change from old afdelingen to profiles (2016 -> 2017 or later) carries that break: in 2016
leerjaar 4 was in old afdelingen, mapped to profiles by the crosswalk, and programmes of no
single profile ('techniek breed', intersectoral) count as no profile.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kansrijk.indicators.breaks import OLD_AFDELINGEN, breaks_at
from kansrijk.indicators.definition import Break
from kansrijk.indicators.membership import member_sql, membership_tables
from kansrijk.regions import Region, RegionCatalog
from kansrijk.vocab import PUPIL_FILTER, ProfileSet, parse_profile_set
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import LOCATION_CURRENT_SQL

__all__ = ["LICENCE_YEARS", "LicenceWatch", "ProfileEvent", "ProfileEvents", "profile_events"]

#: A profile licence lapses after this many years without pupils.
LICENCE_YEARS = 3
#: Changes of definition of the enrollment profiles: an event across one compares a year of
#: old afdelingen (mapped to profiles through the crosswalk) with one of new profiles.
ENROLLMENT_BREAKS: tuple[Break, ...] = (OLD_AFDELINGEN,)

_SQL = f"""
WITH bb AS (
    SELECT year, loc_code, profile, count, masked FROM vo_enrollment
    WHERE {PUPIL_FILTER}
),
m AS ({member_sql("bb")}),
p AS (SELECT loc_code, gemeente_code AS gm FROM ({LOCATION_CURRENT_SQL})),
l AS (SELECT loc_code, arg_max(name, year) AS name FROM location GROUP BY loc_code),
e AS (SELECT loc_code, arg_max(loc_name, year) AS name FROM vo_enrollment GROUP BY loc_code)
SELECT b.loc_code, coalesce(any_value(l.name), any_value(e.name), b.loc_code),
       any_value(p.gm), b.year, b.profile,
       coalesce(sum(b.count), 0) AS pupils, bool_or(b.masked) AS masked
FROM bb b JOIN (SELECT DISTINCT year, loc_code FROM m WHERE region = ?) r
    USING (year, loc_code)
LEFT JOIN p USING (loc_code) LEFT JOIN l USING (loc_code) LEFT JOIN e USING (loc_code)
GROUP BY b.loc_code, b.year, b.profile
HAVING coalesce(sum(b.count), 0) > 0 OR bool_or(b.masked)
"""


@dataclass(frozen=True, slots=True)
class ProfileEvent:
    """A profile started or stopped at a location between ``prev_year`` and ``year``."""

    loc_code: str
    name: str
    gemeente_code: str | None
    gemeente_name: str | None
    profile: str
    kind: str  # 'started' or 'stopped'
    year: int
    prev_year: int
    pupils: int  # of ``year`` (started) or ``prev_year`` (stopped), unmasked cells
    masked: bool  # some of those cells were masked '<5' (1-4 pupils each, not in pupils)
    technical: bool
    new_location: bool
    location_closed: bool
    breaks: tuple[Break, ...] = ()  # changes of definition between prev_year and year

    def to_json(self) -> dict[str, Any]:
        """The API shape; ``break`` is null or says why ``prev_year`` counted differently."""
        return {
            "loc_code": self.loc_code,
            "name": self.name,
            "gemeente_code": self.gemeente_code,
            "gemeente_name": self.gemeente_name,
            "profile": self.profile,
            "kind": self.kind,
            "year": self.year,
            "prev_year": self.prev_year,
            "pupils": self.pupils,
            "masked": self.masked,
            "technical": self.technical,
            "new_location": self.new_location,
            "location_closed": self.location_closed,
            "break": (
                {
                    "ids": [b.id for b in self.breaks],
                    "reason_nl": " ".join(b.reason_nl for b in self.breaks),
                    "reason_en": " ".join(b.reason_en for b in self.breaks),
                }
                if self.breaks
                else None
            ),
        }


@dataclass(frozen=True, slots=True)
class LicenceWatch:
    """A profile a location had pupils in, without pupils in the newest loaded year(s)."""

    loc_code: str
    name: str
    gemeente_code: str | None
    gemeente_name: str | None
    profile: str
    last_year: int  # the last year with pupils
    last_pupils: int
    years_without: int  # newest loaded year - last_year
    technical: bool
    location_active: bool  # the location has pupils in the newest loaded year
    unloaded_years: tuple[int, ...] = ()  # years after last_year not loaded: not seen

    @property
    def lapsed(self) -> bool:
        """Three or more years without pupils: the licence lapses (when ``unloaded_years``
        is not empty, only if there were no pupils in those years either)."""
        return self.years_without >= LICENCE_YEARS

    def to_json(self) -> dict[str, Any]:
        """The API shape."""
        return {
            "loc_code": self.loc_code,
            "name": self.name,
            "gemeente_code": self.gemeente_code,
            "gemeente_name": self.gemeente_name,
            "profile": self.profile,
            "last_year": self.last_year,
            "last_pupils": self.last_pupils,
            "years_without": self.years_without,
            "lapsed": self.lapsed,
            "unloaded_years": list(self.unloaded_years),
            "technical": self.technical,
            "location_active": self.location_active,
        }


@dataclass(frozen=True, slots=True)
class ProfileEvents:
    """The events of a region between loaded years, and its licence watch."""

    region: str
    region_name: str
    years: tuple[int, ...]  # loaded enrollment years
    since: int | None
    until: int | None
    profile_set: str | None  # None: every profile
    events: tuple[ProfileEvent, ...]
    watch: tuple[LicenceWatch, ...]

    def totals(self) -> dict[str, int]:
        """Numbers of events and pupils by kind."""
        out = {"started": 0, "stopped": 0, "pupils_started": 0, "pupils_stopped": 0}
        for e in self.events:
            out[e.kind] += 1
            out[f"pupils_{e.kind}"] += e.pupils
        return out

    def to_json(self) -> dict[str, Any]:
        """The document of ``kansrijk events --json`` and the API."""
        return {
            "ok": True,
            "region": self.region,
            "region_name": self.region_name,
            "years": list(self.years),
            "since": self.since,
            "until": self.until,
            "profile_set": self.profile_set,
            "population": "vmbo BB/KB/GL pupils in leerjaar 3-4",
            "licence_years": LICENCE_YEARS,
            "totals": self.totals(),
            "events": [e.to_json() for e in self.events],
            "licence_watch": [w.to_json() for w in self.watch],
        }


def _rows(
    wh: Warehouse, region: Region
) -> list[tuple[str, str, str | None, int, str | None, int, bool]]:
    tables = membership_tables([region])
    for name, t in tables.items():
        wh.con.register(name, t)
    try:
        data = wh.con.execute(_SQL, [region.code]).fetchall()
    finally:
        for name in tables:
            wh.con.unregister(name)
    return [(str(c), str(n), g, int(y), p, int(k), bool(m)) for c, n, g, y, p, k, m in data]


def profile_events(
    wh: Warehouse,
    catalog: RegionCatalog,
    region_code: str,
    *,
    since: int | None = None,
    until: int | None = None,
    profile_set: str | None = "techniek_ict",
) -> ProfileEvents:
    """Profiles started and stopped at the region's locations with ``since`` <= prev_year
    and year <= ``until`` (each optional), restricted to a profile set (None: every
    profile), newest first; and the licence watch of the newest loaded year.

    Raises:
        UnknownRegionError: for an unknown region code.
        InputError: for an unknown profile set.
    """
    region = catalog.get(region_code)
    pset: ProfileSet | None = parse_profile_set(profile_set) if profile_set else None
    tech = set(ProfileSet.TECHNIEK_ICT.codes)
    wanted = set(pset.codes) if pset else None
    years = [int(r[0]) for r in wh.query("SELECT DISTINCT year FROM vo_enrollment ORDER BY 1")]
    rows = _rows(wh, region)
    names: dict[str, tuple[str, str | None]] = {}
    active: dict[int, set[str]] = defaultdict(set)
    cells: dict[tuple[str, str], dict[int, tuple[int, bool]]] = defaultdict(dict)
    for code, name, gm, year, profile, pupils, masked in rows:
        names[code] = (name, gm)
        active[year].add(code)
        if profile is not None:
            cells[(code, profile)][year] = (pupils, masked)

    def gm_name(gm: str | None) -> str | None:
        return catalog.get(gm).name if gm and gm in catalog else None

    events: list[ProfileEvent] = []
    for (code, profile), per_year in cells.items():
        if wanted is not None and profile not in wanted:
            continue
        name, gm = names[code]
        for prev, year in itertools.pairwise(years):
            if (since is not None and prev < since) or (until is not None and year > until):
                continue
            before, now = per_year.get(prev), per_year.get(year)
            if (before is None) == (now is None):
                continue
            kind, cell = ("started", now) if now is not None else ("stopped", before)
            assert cell is not None
            events.append(
                ProfileEvent(
                    loc_code=code,
                    name=name,
                    gemeente_code=gm,
                    gemeente_name=gm_name(gm),
                    profile=profile,
                    kind=kind,
                    year=year,
                    prev_year=prev,
                    pupils=cell[0],
                    masked=cell[1],
                    technical=profile in tech,
                    new_location=kind == "started" and code not in active[prev],
                    location_closed=kind == "stopped" and code not in active[year],
                    breaks=breaks_at(ENROLLMENT_BREAKS, prev, year, {}),
                )
            )
    events.sort(key=lambda e: (-e.year, e.kind, e.name, e.loc_code, e.profile))
    watch: list[LicenceWatch] = []
    newest = years[-1] if years else None
    for (code, profile), per_year in cells.items():
        if newest is None or (wanted is not None and profile not in wanted):
            continue
        last = max(per_year)
        if last >= newest:
            continue
        name, gm = names[code]
        watch.append(
            LicenceWatch(
                loc_code=code,
                name=name,
                gemeente_code=gm,
                gemeente_name=gm_name(gm),
                profile=profile,
                last_year=last,
                last_pupils=per_year[last][0],
                years_without=newest - last,
                technical=profile in tech,
                location_active=code in active[newest],
                unloaded_years=tuple(y for y in range(last + 1, newest) if y not in years),
            )
        )
    watch.sort(key=lambda w: (w.years_without, w.name, w.loc_code, w.profile))
    return ProfileEvents(
        region=region.code,
        region_name=region.name,
        years=tuple(years),
        since=since,
        until=until,
        profile_set=pset.value if pset else None,
        events=tuple(events),
        watch=tuple(watch),
    )


def location_events(events: Sequence[ProfileEvent], loc_code: str) -> list[ProfileEvent]:
    """The events of one location."""
    return [e for e in events if e.loc_code == loc_code]
