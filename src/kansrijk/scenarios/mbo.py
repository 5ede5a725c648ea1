"""Technical mbo locations: from the warehouse (DUO 'Adressen mbo' or the demo) or a
scenario's own list; and the distance from vmbo locations to the nearest one.

The warehouse table ``mbo_location`` holds DUO's mbo addresses (``kansrijk fetch
duo_mbo_addresses`` then ``kansrijk ingest``) or the demo's fictional locations. DUO's
address file does not say what a location offers: its sectorkamers are those the
institution has students in at that place (``mbo_student``, DUO 'Mbo-studenten per
instelling'), or anywhere when the place does not match. With no mbo locations loaded
the list is empty and says so (``MboList.missing``): distances to technical mbo are then
unknown and the planner notes that the distance effect is not applied. The hand-written
MRDH list Kansrijk had before is gone. A scenario may give its own list instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from kansrijk.geo import nearest_distance_km, wgs84_to_rd
from kansrijk.scenarios.errors import ScenarioError
from kansrijk.vocab import MBO_TECHNIEK, MBO_TECHNIEK_ICT, SECTORKAMERS
from kansrijk.warehouse import Warehouse, pc4_rd
from kansrijk.warehouse.mbo_locations import NO_MBO_LOCATIONS, mbo_sites

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class MboLocation:
    """An mbo location and the sectorkamers it offers; ``x_rd``/``y_rd`` in RD metres."""

    code: str
    name: str
    sectorkamers: frozenset[str]
    pc4: str | None = None
    x_rd: float | None = None
    y_rd: float | None = None
    institution: str = ""
    gemeente_code: str | None = None
    note: str = field(default="")

    @property
    def has_point(self) -> bool:
        return self.x_rd is not None and self.y_rd is not None

    def offers(self, kamers: frozenset[str]) -> bool:
        return bool(self.sectorkamers & kamers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "institution": self.institution,
            "pc4": self.pc4,
            "gemeente_code": self.gemeente_code,
            "sectorkamers": sorted(self.sectorkamers),
            "x_rd": self.x_rd,
            "y_rd": self.y_rd,
        }


@dataclass(frozen=True)
class MboList:
    """The technical mbo locations a scenario uses, and where they come from."""

    locations: tuple[MboLocation, ...]
    source: str
    indicative: bool

    @property
    def missing(self) -> bool:
        """True when there are no mbo locations at all (nothing loaded, none given)."""
        return not self.locations

    def points(self, kamers: frozenset[str]) -> FloatArray:
        """RD coordinates (m x 2) of the locations with a point offering one of ``kamers``."""
        pts = [
            (loc.x_rd, loc.y_rd) for loc in self.locations if loc.has_point and loc.offers(kamers)
        ]
        return np.array(pts, dtype=np.float64).reshape(-1, 2)

    def with_location(self, loc: MboLocation) -> MboList:
        return MboList((*self.locations, loc), self.source, self.indicative)


def parse_sectorkamers(values: Iterable[object], where: str, file: str | None) -> frozenset[str]:
    """Sectorkamer codes, checked against the vocabulary."""
    out = frozenset(str(v).strip().upper() for v in values)
    unknown = sorted(out - set(SECTORKAMERS))
    if unknown:
        raise ScenarioError(
            f"{where}: unknown sectorkamers {unknown}; expected some of {', '.join(SECTORKAMERS)}",
            file=file,
        )
    if not out:
        raise ScenarioError(f"{where}: no sectorkamers given", file=file)
    return out


def parse_entries(
    entries: Sequence[Mapping[str, Any]], *, file: str | None, where: str = "locations"
) -> tuple[MboLocation, ...]:
    """mbo locations from YAML-like mappings (code, name, pc4 or x_rd/y_rd or lon/lat, ...)."""
    out = []
    for i, item in enumerate(entries):
        here = f"{where}[{i}]"
        if not isinstance(item, Mapping) or "code" not in item:
            raise ScenarioError(
                f"{here}: expected a mapping with 'code' and 'sectorkamers'", file=file
            )
        x, y = item.get("x_rd"), item.get("y_rd")
        if x is None and item.get("lon") is not None and item.get("lat") is not None:
            xs, ys = wgs84_to_rd([float(item["lon"])], [float(item["lat"])])
            x, y = float(xs[0]), float(ys[0])
        pc4 = item.get("pc4")
        if pc4 is None and x is None:
            raise ScenarioError(f"{here}: give pc4, x_rd/y_rd or lon/lat", file=file)
        out.append(
            MboLocation(
                code=str(item["code"]),
                name=str(item.get("name", item["code"])),
                sectorkamers=parse_sectorkamers(item.get("sectorkamers") or [], here, file),
                pc4=None if pc4 is None else f"{int(str(pc4)):04d}",
                x_rd=None if x is None else float(x),
                y_rd=None if y is None else float(y),
                institution=str(item.get("institution", "")),
                gemeente_code=item.get("gemeente_code"),
            )
        )
    return tuple(out)


def read_mbo_file(path: str | Path) -> tuple[tuple[MboLocation, ...], bool, str]:
    """Locations of a scenario's mbo list file, whether it is marked indicative
    (``status: indicative`` or ``checked: false``), and a label for messages."""
    p = Path(path)
    if not p.is_file():
        raise ScenarioError("mbo location file not found", file=str(p))
    text, label = p.read_text(encoding="utf-8"), str(p)
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(f"not valid YAML: {exc}", file=label) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("locations"), list):
        raise ScenarioError("expected a mapping with a list 'locations'", file=label)
    indicative = str(doc.get("status", "")).lower() == "indicative" or not doc.get("checked", True)
    return parse_entries(doc["locations"], file=label), indicative, label


def warehouse_mbo(wh: Warehouse) -> tuple[MboLocation, ...]:
    """The newest year of the warehouse table ``mbo_location`` (empty when none), with what
    each location offers (``warehouse.mbo_sites``: listed, or from the students per
    institution). Points are the source's; locations without one are placed later at their
    PC4 centroid (``place_locations``)."""
    return tuple(
        MboLocation(
            code=site.code,
            name=site.name,
            sectorkamers=site.sectorkamers,
            pc4=site.pc4,
            x_rd=site.x_rd if site.own_point else None,
            y_rd=site.y_rd if site.own_point else None,
            institution=site.brin,
            gemeente_code=site.gemeente_code,
        )
        for site in mbo_sites(wh)
    )


def place_locations(
    locations: Iterable[MboLocation], centroids: Mapping[str, tuple[float, float]]
) -> tuple[tuple[MboLocation, ...], list[str]]:
    """Give locations without a point the centroid of their PC4; list those left without."""
    out, missing = [], []
    for loc in locations:
        if not loc.has_point and loc.pc4 and loc.pc4 in centroids:
            x, y = centroids[loc.pc4]
            loc = MboLocation(  # noqa: PLW2901
                loc.code,
                loc.name,
                loc.sectorkamers,
                loc.pc4,
                x,
                y,
                loc.institution,
                loc.gemeente_code,
                loc.note,
            )
        if not loc.has_point:
            missing.append(loc.code)
        out.append(loc)
    return tuple(out), missing


def pc4_centroids(wh: Warehouse) -> dict[str, tuple[float, float]]:
    """PC4 -> RD centroid (newest year)."""
    return pc4_rd(wh)


def default_mbo_list(wh: Warehouse) -> MboList:
    """The warehouse's mbo locations; an empty list whose ``source`` says that none are
    loaded (``NO_MBO_LOCATIONS``) otherwise."""
    loaded = warehouse_mbo(wh)
    if loaded:
        return MboList(loaded, "warehouse table mbo_location", indicative=False)
    return MboList((), NO_MBO_LOCATIONS, indicative=False)


def nearest_km(xy: FloatArray, mbo: MboList, kamers: frozenset[str]) -> FloatArray:
    """km from each location (n x 2 RD, NaN allowed) to the nearest mbo location offering
    one of ``kamers``; NaN where the location has no point or no such mbo location exists."""
    out = np.full(xy.shape[0], np.nan)
    ok = np.isfinite(xy).all(axis=1)
    pts = mbo.points(kamers)
    if ok.any() and len(pts):
        d, _ = nearest_distance_km(xy[ok], pts)
        out[ok] = d
    return out


TECHNIEK_KAMERS: frozenset[str] = MBO_TECHNIEK
TECHNIEK_ICT_KAMERS: frozenset[str] = MBO_TECHNIEK_ICT
