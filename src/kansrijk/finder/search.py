"""The finder: vmbo locations within a distance of a home (or of several points), nearest
first, with each location's offer and, for a location without a technical profile, the
nearest location offering each technical profile.

Distances are straight lines between PC4 centroids in RD New (``geo.nearest_distance_km``);
the cycling time is an estimate (``cycling``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kansrijk.finder.cycling import cycling_minutes, cycling_parameters
from kansrijk.finder.offer import (
    TECHNICAL_PROFILES,
    VmboOffer,
    newest_offer_year,
    vmbo_offer,
)
from kansrijk.finder.places import PlaceIndex
from kansrijk.finder.postcode import Postcode, clean_query, parse_postcode
from kansrijk.finder.problems import FinderInputError
from kansrijk.geo import nearest_distance_km, rd_to_wgs84
from kansrijk.warehouse import Warehouse

__all__ = [
    "DEFAULT_KM",
    "MAX_KM",
    "Alternative",
    "Finder",
    "Found",
    "Origin",
    "parse_km",
]

DEFAULT_KM = 10.0
MAX_KM = 50.0


@dataclass(frozen=True, slots=True)
class Origin:
    """Where distances are measured from: one or more points (RD New) and a label."""

    kind: str  # 'pc4', 'pc6', 'place', 'school', 'gemeente'
    label: str
    points: tuple[tuple[float, float], ...]
    pc4: str | None = None
    gemeente_code: str | None = None

    @property
    def centre_wgs84(self) -> tuple[float, float]:
        """(lon, lat) of the mean point."""
        xy = np.array(self.points, dtype=float)
        lon, lat = rd_to_wgs84(xy[:, 0].mean(), xy[:, 1].mean())
        return float(lon), float(lat)


@dataclass(frozen=True, slots=True)
class Alternative:
    """The nearest location offering one technical profile."""

    profile: str
    location: VmboOffer | None
    km: float | None

    def to_json(self) -> dict[str, Any]:
        """As in the JSON twin."""
        return {
            "profile": self.profile,
            "loc_code": self.location.loc_code if self.location else None,
            "name": self.location.name if self.location else None,
            "km": None if self.km is None else round(self.km, 2),
            "cycling_minutes": None if self.km is None else cycling_minutes(self.km),
        }


@dataclass(frozen=True, slots=True)
class Found:
    """One location in the result: the offer, its distance and cycling estimate."""

    location: VmboOffer
    km: float
    alternatives: tuple[Alternative, ...] = field(default=())

    @property
    def minutes(self) -> int:
        """Estimated cycling minutes."""
        return cycling_minutes(self.km)

    def to_json(self) -> dict[str, Any]:
        """As in the JSON twin."""
        return {
            **self.location.to_json(),
            "km": round(self.km, 2),
            "cycling_minutes": self.minutes,
            "nearest_with_missing_technical_profile": [a.to_json() for a in self.alternatives],
        }


def parse_km(text: str | None) -> float:
    """The distance a user asked for (default 10 km, 1-50 km)."""
    if text is None or not text.strip():
        return DEFAULT_KM
    try:
        km = float(text.strip().replace(",", "."))
    except ValueError:
        km = float("nan")
    if not (1.0 <= km <= MAX_KM):
        raise FinderInputError(
            "bad_distance",
            f"expected a distance of 1 to {MAX_KM:g} km, found {text.strip()[:20]!r}",
            values={"max": f"{MAX_KM:g}"},
        )
    return km


class Finder:
    """Everything the finder needs, read once from a (read-only) warehouse."""

    def __init__(self, wh: Warehouse, year: int | None = None) -> None:
        self.year = year if year is not None else newest_offer_year(wh)
        self.places = PlaceIndex(wh)
        offer = vmbo_offer(wh, self.year) if self.year is not None else []
        self.unplaced = tuple(o for o in offer if o.x is None)
        self.offer = tuple(o for o in offer if o.x is not None)
        self._xy = np.array([[o.x, o.y] for o in self.offer], dtype=float).reshape(-1, 2)
        self._by_profile = {
            p: np.array([i for i, o in enumerate(self.offer) if p in o.profiles], dtype=np.intp)
            for p in TECHNICAL_PROFILES
        }
        self.cycling = cycling_parameters()

    # -- where from ---------------------------------------------------------------------

    def origin(self, query: str | None, gemeente: str | None = None) -> Origin:
        """The origin of what a parent typed: a postcode, else a place name."""
        text = clean_query(query)
        pc = parse_postcode(text)
        if pc is not None:
            return self.postcode_origin(pc)
        place = self.places.find_place(text, gemeente)
        return Origin(
            "place",
            f"{place.name} ({place.gemeente_name})",
            (self.places.place_centre(place),),
            gemeente_code=place.gemeente_code,
        )

    def postcode_origin(self, pc: Postcode) -> Origin:
        """A PC4's centroid (a PC6 is placed at the centroid of its PC4)."""
        point = self.places.point(pc.pc4)
        return Origin(
            "pc6" if pc.pc6 else "pc4",
            pc.display,
            ((point.x, point.y),),
            pc4=pc.pc4,
            gemeente_code=point.gemeente_code,
        )

    # -- what is near ---------------------------------------------------------------------

    def distances(self, origin: Origin) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Km from the nearest origin point to every location (``self.offer`` order)."""
        km, _ = nearest_distance_km(self._xy, np.array(origin.points, dtype=float))
        return km

    def near(self, origin: Origin, km: float = DEFAULT_KM, limit: int | None = None) -> list[Found]:
        """Locations within ``km``, nearest first (ties by name); each location without a
        technical profile carries the nearest location offering each technical profile."""
        dist = self.distances(origin)
        idx = [int(i) for i in np.flatnonzero(dist <= km)]
        idx.sort(key=lambda i: (float(dist[i]), self.offer[i].name))
        if limit is not None:
            idx = idx[:limit]
        alternatives = self.nearest_per_profile(origin, dist)
        return [
            Found(
                self.offer[i],
                float(dist[i]),
                () if self.offer[i].technical else alternatives,
            )
            for i in idx
        ]

    def nearest_per_profile(
        self,
        origin: Origin,
        dist: np.ndarray[Any, np.dtype[np.float64]] | None = None,
        profiles: Sequence[str] = TECHNICAL_PROFILES,
    ) -> tuple[Alternative, ...]:
        """For each technical profile, the location offering it nearest to the origin."""
        d = self.distances(origin) if dist is None else dist
        out = []
        for p in profiles:
            cand = self._by_profile.get(p, np.array([], dtype=np.intp))
            if len(cand) == 0:
                out.append(Alternative(p, None, None))
                continue
            best = min(cand.tolist(), key=lambda i: (float(d[i]), self.offer[i].name))
            out.append(Alternative(p, self.offer[best], float(d[best])))
        return tuple(out)
