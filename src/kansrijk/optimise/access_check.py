"""The access check: who gains or loses a technical profile within X km when the offer
changes, and the regional access table.

Distances are crow-fly between PC4 centroids (children 10-14 per PC4, CBS) and the PC4
centroid of a location (as the atlas and ``access.distance_to_tech_offer``). Cycling
minutes are an estimate: crow-fly km x ``detour`` (1.3, a common ratio of network to
straight-line distance for cycling in Dutch cities) / ``speed_kmh`` (15 km/h, a typical
speed of a 12-16 year old on a bicycle) x 60. Every location offering the profile in NL
counts (also across the region's border).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

from kansrijk.errors import Message, UnknownLocationError, UnknownRegionError
from kansrijk.geo import nearest_distance_km
from kansrijk.geo.coordinates import rd_to_wgs84
from kansrijk.indicators.access import offer_locations, young_residents
from kansrijk.optimise.errors import OptimiseError
from kansrijk.optimise.exclusions import TECHNICAL
from kansrijk.regions import Region, RegionCatalog
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import LOCATION_YEAR_SQL, PC4_POINT_SQL

DETOUR = 1.3
SPEED_KMH = 15.0
ChangeKind = Literal["stop", "close", "add"]


def minutes_to_km(minutes: float, detour: float = DETOUR, speed_kmh: float = SPEED_KMH) -> float:
    """The crow-fly radius reached in ``minutes`` of cycling."""
    return minutes / 60.0 * speed_kmh / detour


#: The radius of a check: the default and the largest (km; cycling minutes).
DEFAULT_RADIUS_KM = 5.0
MAX_KM = 100
MAX_MINUTES = 300


def radius_km(km: float | None = None, minutes: float | None = None) -> float:
    """The crow-fly radius of a check: ``minutes`` of cycling when given, else ``km``
    (default 5).

    Raises:
        OptimiseError: a radius outside (0, 100] km or (0, 300] minutes, or not a number.
    """
    if minutes is not None:
        if not 0 < minutes <= MAX_MINUTES:  # also NaN
            raise OptimiseError(
                Message(
                    "minutes: expected cycling minutes in (0, {most}]; found {found}",
                    most=MAX_MINUTES,
                    found=minutes,
                )
            )
        return minutes_to_km(minutes)
    radius = DEFAULT_RADIUS_KM if km is None else km
    if not 0 < radius <= MAX_KM:
        raise OptimiseError(
            Message(
                "km: expected a distance in (0, {most}]; found {found}", most=MAX_KM, found=radius
            )
        )
    return radius


def km_to_minutes(km: float, detour: float = DETOUR, speed_kmh: float = SPEED_KMH) -> float:
    return km * detour / speed_kmh * 60.0


@dataclass(frozen=True)
class Change:
    """``stop``: ``location`` stops ``profile``; ``close``: the location closes (every
    profile); ``add``: ``location`` starts ``profile``."""

    kind: ChangeKind
    location: str
    profile: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("stop", "close", "add"):
            raise OptimiseError(
                Message("change: expected stop, close or add; found {kind!r}", kind=self.kind)
            )
        if self.kind != "close" and self.profile not in TECHNICAL:
            raise OptimiseError(
                Message(
                    "change {kind}: expected a profile, one of {profiles}; found {profile!r}",
                    kind=self.kind,
                    profiles=", ".join(TECHNICAL),
                    profile=self.profile,
                )
            )

    def label(self) -> str:
        if self.kind == "close":
            return f"{self.location} closes"
        verb = "stops" if self.kind == "stop" else "adds"
        return f"{self.location} {verb} {self.profile}"


@dataclass(frozen=True)
class AreaChange:
    """One PC4 area whose access to ``profile`` within the radius changes."""

    pc4: str
    gemeente_code: str | None
    gemeente: str | None
    profile: str
    children: float
    km_before: float | None
    km_after: float | None
    minutes_before: float | None
    minutes_after: float | None
    change: Literal["lose", "gain"]
    lon: float | None = None  # the PC4 centroid (WGS84), for maps
    lat: float | None = None


@dataclass(frozen=True)
class AccessCheck:
    """The PC4 areas and children that lose or gain access, per gemeente and in total."""

    change: Change
    year: int
    population_year: int | None
    km: float
    minutes: float
    detour: float
    speed_kmh: float
    areas: tuple[AreaChange, ...]
    notes: tuple[str, ...] = field(default=())
    #: The changed location's PC4 centroid (WGS84), for maps.
    location_lonlat: tuple[float, float] | None = None

    def totals(self) -> dict[str, float]:
        """Sums over (PC4, profile) rows, and ``*_areas``: over distinct PC4 areas (a closure
        can cost one area several profiles)."""
        out = {"children_lose": 0.0, "children_gain": 0.0, "pc4_lose": 0.0, "pc4_gain": 0.0}
        seen: dict[str, dict[str, float]] = {"lose": {}, "gain": {}}
        for a in self.areas:
            out[f"children_{a.change}"] += a.children
            out[f"pc4_{a.change}"] += 1
            seen[a.change][a.pc4] = a.children
        for kind, areas in seen.items():
            out[f"areas_{kind}"] = float(len(areas))
            out[f"children_{kind}_areas"] = float(sum(areas.values()))
        return out

    def by_gemeente(self) -> list[dict[str, Any]]:
        groups: dict[tuple[str, str, str], dict[str, Any]] = {}
        for a in self.areas:
            key = (a.gemeente_code or "", a.profile, a.change)
            g = groups.setdefault(
                key,
                {
                    "gemeente_code": a.gemeente_code,
                    "gemeente": a.gemeente,
                    "profile": a.profile,
                    "change": a.change,
                    "pc4": 0,
                    "children": 0.0,
                },
            )
            g["pc4"] += 1
            g["children"] += a.children
        return sorted(groups.values(), key=lambda g: (-g["children"], g["gemeente_code"] or ""))

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "change": asdict(self.change) | {"label": self.change.label()},
            "year": self.year,
            "population_year": self.population_year,
            "km": self.km,
            "minutes": self.minutes,
            "detour": self.detour,
            "speed_kmh": self.speed_kmh,
            "totals": self.totals(),
            "by_gemeente": self.by_gemeente(),
            "areas": [asdict(a) for a in self.areas],
            "location_lon": None if self.location_lonlat is None else self.location_lonlat[0],
            "location_lat": None if self.location_lonlat is None else self.location_lonlat[1],
            "notes": list(self.notes),
        }


def location_point(wh: Warehouse, year: int, code: str) -> tuple[float, float] | None:
    """RD centroid of a location's PC4 in (or nearest to) ``year``."""
    rows = wh.query(
        f"""
        WITH c AS ({PC4_POINT_SQL})
        SELECT c.x, c.y FROM ({LOCATION_YEAR_SQL}) l JOIN c ON c.pc4 = l.pc4
        WHERE l.loc_code = ? ORDER BY abs(l.year - ?), l.year DESC LIMIT 1
        """,
        [code, year],
    )
    return (float(rows[0][0]), float(rows[0][1])) if rows else None


def _gemeente_name(catalog: RegionCatalog | None, code: str | None) -> str | None:
    if catalog is None or not code:
        return None
    try:
        return catalog.get(code).name
    except UnknownRegionError:
        return None


def access_change(
    wh: Warehouse,
    change: Change,
    *,
    year: int,
    km: float = 5.0,
    catalog: RegionCatalog | None = None,
    region: Region | None = None,
    detour: float = DETOUR,
    speed_kmh: float = SPEED_KMH,
) -> AccessCheck:
    """The PC4 areas (in ``region``, default all) gaining or losing access within ``km``."""
    if not km > 0:
        raise OptimiseError(Message("km: expected a positive distance; found {km}", km=km))
    code = change.location.strip().upper()
    if not wh.query("SELECT 1 FROM location_place WHERE loc_code = ? LIMIT 1", [code]):
        raise UnknownLocationError(
            Message(
                "unknown location {code!r}: not among the school locations of any loaded year; "
                "expected a code like 18BR00 (BRIN + vestiging)",
                code=code,
            )
        )
    offering = {p: offer_locations(wh, year, [p]) for p in TECHNICAL}
    if change.kind == "close":
        profiles = [p for p in TECHNICAL if any(c == code for c, _x, _y in offering[p])]
        if not profiles and location_point(wh, year, code) is None:
            raise OptimiseError(
                Message(
                    "location {code}: not found in the locations of {year}", code=code, year=year
                )
            )
    else:
        assert change.profile is not None
        profiles = [change.profile]
        offers = any(c == code for c, _x, _y in offering[change.profile])
        if change.kind == "stop" and not offers:
            raise OptimiseError(
                Message(
                    "location {code} does not offer {profile} in {year} "
                    "(leerjaar 3-4 pupils); nothing to stop",
                    code=code,
                    profile=change.profile,
                    year=year,
                )
            )
        if change.kind == "add" and offers:
            raise OptimiseError(
                Message(
                    "location {code} already offers {profile} in {year}",
                    code=code,
                    profile=change.profile,
                    year=year,
                )
            )
    point = location_point(wh, year, code) if change.kind == "add" else None
    if change.kind == "add" and point is None:
        raise OptimiseError(
            Message("location {code}: no PC4 centroid known for {year}", code=code, year=year)
        )
    pop_year, pcs = young_residents(wh, year)
    if region is not None:
        pcs = [p for p in pcs if region.contains(p.gemeente_code, p.pc4)]
    xy = np.array([[p.x, p.y] for p in pcs], dtype=float).reshape(-1, 2)
    lon, lat = rd_to_wgs84(xy[:, 0], xy[:, 1]) if len(xy) else (np.zeros(0), np.zeros(0))
    areas: list[AreaChange] = []
    for p in profiles:
        before = np.array([(x, y) for _c, x, y in offering[p]], dtype=float).reshape(-1, 2)
        if change.kind == "add":
            assert point is not None
            after = np.vstack([before, np.array([point])])
        else:
            after = np.array([(x, y) for c, x, y in offering[p] if c != code], dtype=float).reshape(
                -1, 2
            )
        d0, _ = nearest_distance_km(xy, before)
        d1, _ = nearest_distance_km(xy, after)
        lose = (d0 <= km) & (d1 > km)
        gain = (d1 <= km) & (d0 > km)
        for k in np.flatnonzero(lose | gain):
            pc = pcs[k]
            b = float(d0[k]) if np.isfinite(d0[k]) else None
            a = float(d1[k]) if np.isfinite(d1[k]) else None
            areas.append(
                AreaChange(
                    pc4=pc.pc4,
                    gemeente_code=pc.gemeente_code,
                    gemeente=_gemeente_name(catalog, pc.gemeente_code),
                    profile=p,
                    children=pc.residents,
                    km_before=b,
                    km_after=a,
                    minutes_before=None if b is None else km_to_minutes(b, detour, speed_kmh),
                    minutes_after=None if a is None else km_to_minutes(a, detour, speed_kmh),
                    change="lose" if lose[k] else "gain",
                    lon=_finite(lon[k]),
                    lat=_finite(lat[k]),
                )
            )
    areas.sort(key=lambda a: (a.change, a.profile, a.pc4))
    notes = (
        (
            f"crow-fly km between PC4 centroids; cycling minutes = km x {detour:g} (detour) / "
            f"{speed_kmh:g} km/h x 60"
        ),
        (
            f"children 10-14 per PC4 (CBS {pop_year}); offer: locations with leerjaar 3-4 "
            f"pupils in the profile in {year}, anywhere in NL"
        ),
    )
    here = point or location_point(wh, year, code)
    here_ll = None
    if here is not None:
        hl = rd_to_wgs84([here[0]], [here[1]])
        here_ll = (float(hl[0][0]), float(hl[1][0]))
    return AccessCheck(
        location_lonlat=here_ll,
        change=Change(change.kind, code, change.profile),
        year=year,
        population_year=pop_year,
        km=km,
        minutes=km_to_minutes(km, detour, speed_kmh),
        detour=detour,
        speed_kmh=speed_kmh,
        areas=tuple(areas),
        notes=notes,
    )


def _finite(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None


@dataclass(frozen=True)
class AccessRow:
    """Children 10-14 of a region within ``minutes`` cycling of a profile."""

    profile: str
    children: float
    within: float

    @property
    def share(self) -> float | None:
        return 100.0 * self.within / self.children if self.children > 0 else None


def access_table(
    wh: Warehouse,
    region: Region,
    *,
    year: int,
    minutes: float = 60.0,
    profiles: Sequence[str] = TECHNICAL,
    detour: float = DETOUR,
    speed_kmh: float = SPEED_KMH,
) -> list[AccessRow]:
    """Per technical profile: the region's children 10-14 and those within ``minutes``
    cycling (crow-fly radius ``minutes_to_km``) of a location offering it."""
    radius = minutes_to_km(minutes, detour, speed_kmh)
    _, pcs = young_residents(wh, year)
    pcs = [p for p in pcs if region.contains(p.gemeente_code, p.pc4)]
    xy = np.array([[p.x, p.y] for p in pcs], dtype=float).reshape(-1, 2)
    w = np.array([p.residents for p in pcs], dtype=float)
    out = []
    for p in profiles:
        pts = np.array([(x, y) for _c, x, y in offer_locations(wh, year, [p])]).reshape(-1, 2)
        d, _ = nearest_distance_km(xy, pts)
        out.append(AccessRow(p, float(w.sum()), float(w[d <= radius].sum())))
    return out
