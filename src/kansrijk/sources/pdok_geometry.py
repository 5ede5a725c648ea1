"""CBS/PDOK gemeente boundaries as GeoJSON, in degrees or in RD New metres.

Two shapes are met (seen in ``gemeenten-2023.geojson`` and ``gemeenten-2022-rd.geojson``):

- Degrees: ``crs`` ``urn:ogc:def:crs:EPSG::4289`` (Amersfoort geographic), properties
  ``gemeenteCode`` (GM0014) and ``gemeenteNaam`` ('Groningen (gemeente)'). The coordinates
  are effectively WGS84 (the declared datum is not applied by the publisher's export), so
  they are taken as lon/lat without a datum shift. EPSG:4326, 4258, CRS84 or no ``crs``
  member (RFC 7946) are read the same way.
- RD New: ``crs`` ``urn:ogc:def:crs:EPSG::28992``, metres, property ``gemeente`` with the
  NAME only ('s-Gravenhage, Hoekse Waard [sic]) plus ``inwoners`` and ``oppervlakte_km2``
  (not stored here). Coordinates are transformed to WGS84 lon/lat with pyproj. Without the
  NSGI RDNAPTRANS grid installed PROJ uses its 7-parameter Helmert transformation (about
  0.2-0.3 m from RDNAPTRANS at Amersfoort: irrelevant at map scale). Names are resolved
  to current codes with ``context.gemeente_names``.

Every feature must be a Polygon or MultiPolygon. Output: one ``geometry`` row per source
feature, area_code = current gemeente code (older sets map several features to one code,
e.g. Brielle, Hellevoetsluis and Westvoorne to GM1992 Voorne aan Zee), area_code_source =
the code as printed or, for name-only files, the former code of a merged gemeente (NULL
for others), name as printed, coordinates rounded to 6 decimals. Year from the file name.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from pyproj import Transformer

from kansrijk.errors import InputError, MissingColumnError, UnknownCodeError
from kansrijk.regions import current_code, fold_name, normalise_gemeente_code, successions
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.limits import check_file, check_time
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import reference_year

_CODE_KEYS = ("gemeentecode", "statcode", "gm_code", "code")
_NAME_KEYS = ("gemeentenaam", "gemeente", "statnaam", "gm_naam", "naam")
_DEGREES = {"4326", "4258", "4289", "CRS84"}
_RD = "28992"
#: RD New bounds of the Netherlands (metres), for a sanity check of RD coordinates.
RD_X = (5_000.0, 300_000.0)
RD_Y = (289_000.0, 629_000.0)
#: WGS84 bounds of the European Netherlands with its territorial waters (degrees).
NL_LON = (3.0, 7.6)
NL_LAT = (50.6, 53.8)


class _FeatureKeys:
    """Each gemeente once per file: a second feature for a code or name is an error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, int] = {}

    def add(self, key: str, index: int, shown: str) -> None:
        first = self.seen.setdefault(key, index)
        if first != index:
            raise InputError(
                f"duplicate gemeente {shown} in features {first} and {index}; expected each "
                "gemeente once",
                file=self.path,
            )


@cache
def rd_to_wgs84() -> Transformer:
    """The RD New (EPSG:28992) -> WGS84 (EPSG:4326) transformer, x/y -> lon/lat."""
    return Transformer.from_crs(28992, 4326, always_xy=True)


def _crs_name(data: dict[str, Any]) -> str:
    crs = data.get("crs")
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        return str(crs["properties"].get("name", ""))
    return ""


def _epsg(crs_name: str) -> str:
    """'urn:ogc:def:crs:EPSG::28992' -> '28992'; CRS84 or absent -> 'CRS84'."""
    if not crs_name or crs_name.upper().endswith("CRS84"):
        return "CRS84"
    m = re.search(r"EPSG:+(?:[\d.]*:)?(\d+)$", crs_name, re.IGNORECASE)
    return m.group(1) if m else crs_name


def _load(path: Path) -> dict[str, Any]:
    check_file(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"invalid UTF-8 byte 0x{raw[exc.start]:02X}; expected UTF-8 as GeoJSON requires",
            file=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    del raw
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(
            "the JSON is nested too deeply; expected a GeoJSON FeatureCollection of "
            "Polygon/MultiPolygon features",
            file=path,
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON ({exc.msg}); expected a GeoJSON FeatureCollection "
            "(is the file truncated?)",
            file=path,
            line=exc.lineno,
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("expected a GeoJSON FeatureCollection", file=path)
    if not isinstance(data.get("features"), list):
        raise InputError("expected a 'features' list", file=path)
    return data


def sniff_geojson(path: Path) -> tuple[str, ...]:
    """Property names of the first feature plus ``'CRS:<crs name as printed>'``
    (``'CRS:'`` alone when the file declares none)."""
    data = _load(path)  # a damaged file is reported as such, not as an unknown dataset
    features = data["features"]
    props = features[0].get("properties") if features and isinstance(features[0], dict) else {}
    names = tuple(str(k) for k in props) if isinstance(props, dict) else ()
    return (*names, f"CRS:{_crs_name(data)}")


def _key(props: dict[str, Any], candidates: tuple[str, ...]) -> str | None:
    lower = {k.lower(): k for k in props}
    return next((lower[c] for c in candidates if c in lower), None)


class GemeenteBoundariesReader:
    """Reads gemeente boundary polygons into WGS84 GeoJSON geometry rows."""

    info = DatasetInfo(
        name="cbs_gemeentegrenzen",
        title="CBS/PDOK gemeentegrenzen (gebiedsindelingen)",
        publisher="CBS en PDOK",
        licence="CC BY 4.0",
        tables=("geometry",),
        url="https://www.pdok.nl/introductie/-/article/cbs-gebiedsindelingen",
    )

    def matches(self, sniff: Sniff) -> bool:
        """A .geojson/.json whose features carry a gemeente code or name property."""
        if sniff.suffix.lower().lstrip(".") not in {"geojson", "json"}:
            return False
        lower = {h.lower() for h in sniff.header}
        # PDOK's WFS output names the gemeente statcode/statnaam and may omit crs (RFC 7946)
        return bool(lower & {"gemeentecode", "gemeentenaam", "gemeente", "statcode", "statnaam"})

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Validate geometry types, transform RD New, resolve codes."""
        year = reference_year(path, context.year, "gemeenten-2023.geojson")
        data = _load(path)
        features: list[Any] = data["features"]
        if not features:
            raise InputError("the FeatureCollection has no features", file=path)
        crs_name = _crs_name(data)
        epsg = _epsg(crs_name)
        if epsg not in _DEGREES and epsg != _RD:
            raise InputError(
                f"unsupported crs {crs_name!r}; expected WGS84/EPSG:4326, EPSG:4289 or RD New "
                "EPSG:28992",
                file=path,
            )
        first = features[0].get("properties") if isinstance(features[0], dict) else None
        props0: dict[str, Any] = first if isinstance(first, dict) else {}
        code_key = _key(props0, _CODE_KEYS)
        name_key = _key(props0, _NAME_KEYS)
        if code_key is None and name_key is None:
            raise MissingColumnError(
                f"feature 0 has no gemeente code or name property; found {sorted(props0)}",
                file=path,
                column="properties",
            )
        names = context.gemeente_names
        if code_key is None and names is None:
            raise InputError(
                "this file gives gemeenten by name only; CBS 'Gebieden in Nederland' must be "
                "ingested first (or in the same run) to resolve names to codes",
                file=path,
            )
        former = {fold_name(s.old_name): s.old_code for s in successions()}
        out: list[dict[str, object]] = []
        unknown: dict[str, int] = {}
        keys = _FeatureKeys(path)
        for index, feature in enumerate(features):
            geometry = feature.get("geometry") if isinstance(feature, dict) else None
            gtype = geometry.get("type") if isinstance(geometry, dict) else None
            if gtype not in {"Polygon", "MultiPolygon"}:
                raise InputError(
                    f"feature {index}: expected a Polygon or MultiPolygon geometry, found "
                    f"{gtype or 'none'}",
                    file=path,
                    column="geometry",
                )
            assert isinstance(geometry, dict)
            props = feature.get("properties") or {}
            if not isinstance(props, dict):
                raise InputError(
                    f"feature {index}: expected 'properties' to be an object, found "
                    f"{type(props).__name__}",
                    file=path,
                    column="properties",
                )
            if index % 64 == 0:
                check_time(path)
            name = str(props.get(name_key, "")).strip() if name_key else ""
            if code_key is not None:
                try:
                    source = normalise_gemeente_code(str(props.get(code_key, "")))
                except ValueError:
                    raise InputError(
                        f"feature {index}: expected a gemeente code like GM0599, found "
                        f"{props.get(code_key)!r}",
                        file=path,
                        column=code_key,
                    ) from None
                code: str | None = current_code(source)
                source_code: str | None = source
                keys.add(source, index, source)
            else:
                assert names is not None
                code = names.code_for(name) if name else None
                if code is None:
                    unknown.setdefault(name, index)
                    continue
                keys.add(fold_name(name), index, repr(name))
                source_code = former.get(fold_name(name))
                if source_code is not None and current_code(source_code) != code:
                    source_code = None
            coords = self._coordinates(geometry, gtype, epsg, path, index)
            out.append(
                {
                    "dataset": self.info.name,
                    "year": year,
                    "area_level": "gemeente",
                    "area_code": code,
                    "area_code_source": source_code,
                    "name": name or None,
                    "geojson": json.dumps(
                        {"type": gtype, "coordinates": coords}, separators=(",", ":")
                    ),
                }
            )
        if unknown:
            listed = ", ".join(f"{n!r} (feature {i})" for n, i in unknown.items())
            raise UnknownCodeError(
                f"{len(unknown)} gemeente name(s) match no current or former gemeente: "
                f"{listed}; expected names as in CBS Gebieden in Nederland",
                file=path,
                column=name_key,
            )
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"geometry": to_arrow("geometry", out)},
            notes=tuple(self._notes(out, epsg, crs_name)),
        )

    @staticmethod
    def _notes(out: list[dict[str, object]], epsg: str, crs_name: str) -> list[str]:
        codes = [str(r["area_code"]) for r in out]
        notes = [f"{len(out)} features, {len(set(codes))} current gemeenten"]
        if epsg == _RD:
            notes.append("RD New (EPSG:28992) transformed to WGS84 lon/lat with pyproj")
        elif epsg == "4289":
            notes.append(f"crs {crs_name} taken as WGS84 lon/lat (no datum shift applied)")
        shared = sorted({c for c in codes if codes.count(c) > 1})
        if shared:
            notes.append(
                "features of gemeenten merged since share a current code: "
                + "; ".join(
                    f"{c} <- " + ", ".join(str(r["name"]) for r in out if r["area_code"] == c)
                    for c in shared
                )
            )
        return notes

    @staticmethod
    def _coordinates(
        geometry: dict[str, Any], gtype: str, epsg: str, path: Path, index: int
    ) -> list[Any]:
        """Polygon rings (or polygons of rings) as rounded lon/lat lists."""
        raw = geometry.get("coordinates")
        polygons = [raw] if gtype == "Polygon" else raw
        if not isinstance(polygons, list) or not polygons:
            raise InputError(
                f"feature {index}: {gtype} without coordinates", file=path, column="geometry"
            )
        out = []
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                raise InputError(
                    f"feature {index}: expected a list of rings", file=path, column="geometry"
                )
            rings = []
            for ring in polygon:
                try:
                    xs = [float(p[0]) for p in ring]
                    ys = [float(p[1]) for p in ring]
                except (TypeError, ValueError, IndexError):
                    raise InputError(
                        f"feature {index}: expected rings of [x, y] positions",
                        file=path,
                        column="geometry",
                    ) from None
                if len(xs) < 4:
                    raise InputError(
                        f"feature {index}: a ring needs at least 4 positions, found {len(xs)}",
                        file=path,
                        column="geometry",
                    )
                if epsg == _RD:
                    if not (
                        RD_X[0] <= min(xs)
                        and max(xs) <= RD_X[1]
                        and RD_Y[0] <= min(ys)
                        and max(ys) <= RD_Y[1]
                    ):
                        raise InputError(
                            f"feature {index}: RD New coordinates outside the Netherlands "
                            f"(x {RD_X[0]:.0f}..{RD_X[1]:.0f}, y {RD_Y[0]:.0f}..{RD_Y[1]:.0f})",
                            file=path,
                            column="geometry",
                        )
                    lon, lat = rd_to_wgs84().transform(xs, ys)
                    xs, ys = list(lon), list(lat)
                elif not (all(-180 <= x <= 180 for x in xs) and all(-90 <= y <= 90 for y in ys)):
                    raise InputError(
                        f"feature {index}: coordinates are not degrees (metres? then the file "
                        "should declare EPSG:28992)",
                        file=path,
                        column="geometry",
                    )
                if not (
                    NL_LON[0] <= min(xs)
                    and max(xs) <= NL_LON[1]
                    and NL_LAT[0] <= min(ys)
                    and max(ys) <= NL_LAT[1]
                ):
                    raise InputError(
                        f"feature {index}: coordinates outside the Netherlands (lon "
                        f"{NL_LON[0]}..{NL_LON[1]}, lat {NL_LAT[0]}..{NL_LAT[1]})",
                        file=path,
                        column="geometry",
                    )
                rings.append([[round(x, 6), round(y, 6)] for x, y in zip(xs, ys, strict=True)])
            out.append(rings)
        return out[0] if gtype == "Polygon" else out
