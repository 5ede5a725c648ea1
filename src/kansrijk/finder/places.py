"""Where a parent lives: PC4 centroids (with residents) and place names (CBS woonplaatsen of
the PC4 table, plus gemeente names), read once from the warehouse."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from kansrijk.finder.problems import FinderInputError
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import PC4_AREA_SQL

__all__ = ["Pc4Point", "Place", "PlaceIndex", "fold"]


@dataclass(frozen=True, slots=True)
class Pc4Point:
    """A PC4 area's centroid (RD New metres, WGS84 degrees) and residents."""

    pc4: str
    x: float
    y: float
    lon: float
    lat: float
    residents: float | None
    gemeente_code: str | None
    place: str | None


@dataclass(frozen=True, slots=True)
class Place:
    """A place name with the gemeente it lies in and its PC4 areas."""

    name: str
    gemeente_code: str
    gemeente_name: str
    pc4s: tuple[str, ...]

    @property
    def key(self) -> str:
        """What a choice link carries: ``Rotterdam|GM0599``."""
        return f"{self.name}|{self.gemeente_code}"


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``'s-Gravenhage`` -> ``s gravenhage``."""
    t = unicodedata.normalize("NFKD", text.casefold())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in t).split())


_ALIASES = {"den haag": "s gravenhage", "den bosch": "s hertogenbosch"}


class PlaceIndex:
    """PC4 centroids and place names; lookups without further queries."""

    def __init__(self, wh: Warehouse) -> None:
        gm_names = {
            str(c): str(n)
            for c, n in wh.query(
                "SELECT code, arg_max(name, year) FROM region WHERE level = 'gemeente' "
                "GROUP BY code"
            )
        }
        areas = {
            str(pc4): (gm, place)
            for pc4, gm, place in wh.query(
                f"SELECT pc4, gemeente_code, place FROM ({PC4_AREA_SQL})"
            )
        }
        self.points: dict[str, Pc4Point] = {}
        for pc4, x, y, lon, lat, res in wh.query(
            "SELECT pc4, arg_max(x_rd, year), arg_max(y_rd, year), arg_max(lon, year), "
            "arg_max(lat, year), arg_max(residents, year) FROM pc4_centroid GROUP BY pc4"
        ):
            gm, place = areas.get(str(pc4), (None, None))
            self.points[str(pc4)] = Pc4Point(
                str(pc4),
                float(x),
                float(y),
                float(lon),
                float(lat),
                None if res is None else float(res),
                gm,
                place,
            )
        self.known_pc4 = set(areas) | set(self.points)
        by_name: dict[str, dict[str, Place]] = {}
        grouped: dict[tuple[str, str], list[str]] = {}  # (place, gemeente) -> PC4s
        for pc4, (gm, place) in sorted(areas.items()):
            if place and gm:
                grouped.setdefault((str(place), str(gm)), []).append(pc4)
        for (place, gm), codes in grouped.items():
            p = Place(place, gm, gm_names.get(gm, gm), tuple(codes))
            by_name.setdefault(fold(place), {})[p.key] = p
        for gm, gname in gm_names.items():
            in_gm = tuple(pc for pc, (g, _) in sorted(areas.items()) if g == gm)
            entry = by_name.setdefault(fold(gname), {})
            if in_gm and not any(p.gemeente_code == gm for p in entry.values()):
                p = Place(gname, gm, gname, in_gm)
                entry[p.key] = p
        self.places = by_name

    def point(self, pc4: str) -> Pc4Point:
        """The centroid of a PC4 with residents; FinderInputError otherwise."""
        p = self.points.get(pc4)
        if p is None:
            raise FinderInputError(
                "unknown_postcode",
                f"postcode {pc4} is not a known Dutch postcode area (PC4) in the loaded data",
                values={"pc4": pc4},
                status=404,
            )
        if p.residents is not None and p.residents <= 0:
            raise FinderInputError(
                "no_residents",
                f"nobody lives in postcode area {pc4} (an industrial or harbour area); "
                "enter the postcode of a home",
                values={"pc4": pc4},
                status=422,
            )
        return p

    def find_place(self, text: str, gemeente: str | None = None) -> Place:
        """The one place called ``text`` (in ``gemeente`` when given); FinderInputError
        with the candidates when there are several, or none."""
        key = fold(text)
        key = _ALIASES.get(key, key)
        found = list(self.places.get(key, {}).values())
        if not found and len(key) >= 3:
            found = [p for k, ps in self.places.items() if k.startswith(key) for p in ps.values()]
        if gemeente:
            found = [p for p in found if p.gemeente_code == gemeente.strip().upper()]
        found.sort(key=lambda p: (p.name, p.gemeente_name))
        if not found:
            raise FinderInputError(
                "unknown_place",
                f"no place or postcode called {text!r} is known; enter a postcode such as "
                "3083 or a place name such as Rotterdam",
                values={"query": text},
                status=404,
            )
        if len(found) > 1:
            raise FinderInputError(
                "ambiguous_place",
                f"{len(found)} places match {text!r}: "
                + "; ".join(f"{p.name} ({p.gemeente_name})" for p in found[:20]),
                values={"query": text, "n": str(len(found))},
                choices=tuple(
                    (p.name, p.gemeente_code, f"{p.name} ({p.gemeente_name})") for p in found[:20]
                ),
                status=409,
            )
        return found[0]

    def place_centre(self, place: Place) -> tuple[float, float]:
        """Resident-weighted centre (RD New) of a place's PC4 centroids."""
        pts = [self.points[pc] for pc in place.pc4s if pc in self.points]
        if not pts:
            raise FinderInputError(
                "unknown_place",
                f"no coordinates for the postcodes of {place.name}",
                values={"query": place.name},
                status=404,
            )
        w = np.array([max(p.residents or 0.0, 0.0) for p in pts]) + 1e-9
        xy = np.array([[p.x, p.y] for p in pts])
        cx, cy = (xy * w[:, None]).sum(axis=0) / w.sum()
        return float(cx), float(cy)

    def gemeente_name(self, code: str) -> str | None:
        """A gemeente's name (any place entry that carries it)."""
        for ps in self.places.values():
            for p in ps.values():
                if p.gemeente_code == code:
                    return p.gemeente_name
        return None
