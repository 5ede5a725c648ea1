"""Centroids of the CBS PC4 polygons in RD New (``pc4-centroids-rd.csv``).

Format quirks (seen in the real file, 4,068 rows):

- ``,``-separated, CRLF line ends, header ``postcode,inwoners,oppervlakte_km2,x_rd,y_rd``.
- ``postcode`` is written as a float (``1011.0``); ``inwoners`` too (``9630.0``), with
  ``nan`` where CBS has no figure (stored as NULL); ``oppervlakte_km2`` in km2.
- ``x_rd``/``y_rd`` are RD New (EPSG:28992) metres. One sliver polygon (PC4 5028, area
  0.0001 km2) has no centroid at all: such rows (both coordinates empty) are skipped and
  listed in the notes. Coordinates must lie in the Netherlands' RD bounds
  (x 0..300000, y 289000..629000); lon/lat are computed with pyproj.
- The file name carries no year. The year comes from the file name if it has one, else
  from ``--year``, else 2022: the vintage of the CBS PC4 polygons these centroids were taken
  from ('2021/22' in the data README); the notes say so.
"""

from __future__ import annotations

import re
from pathlib import Path

from kansrijk.errors import InputError
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.pdok_geometry import RD_X, RD_Y, rd_to_wgs84
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, parse_decimal, year_from_name

REQUIRED = ("POSTCODE", "X_RD", "Y_RD")
#: Year of the CBS PC4 polygon set the centroids come from, when nothing else says.
DEFAULT_YEAR = 2022
_POSTCODE = re.compile(r"^([0-9]{4})(?:\.0+)?$")
#: Upper bounds: residents of all of the Netherlands, its area in km2, RD New metres.
_MAX = {"INWONERS": 20_000_000, "OPPERVLAKTE_KM2": 42_000, "X_RD": 1e6, "Y_RD": 1e6}


class Pc4CentroidsReader:
    """Reads PC4 centroids (RD New) and adds WGS84 lon/lat."""

    info = DatasetInfo(
        name="cbs_pc4_centroids",
        title="Centroids of CBS postcode (PC4) areas",
        publisher="CBS en PDOK",
        licence="CC BY 4.0",
        tables=("pc4_centroid",),
        url="https://www.pdok.nl/introductie/-/article/cbs-postcode-statistieken",
    )

    def matches(self, sniff: Sniff) -> bool:
        """A CSV with postcode, x_rd and y_rd columns."""
        return sniff.suffix.lower().lstrip(".") == "csv" and set(REQUIRED) <= set(sniff.header)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse, check RD bounds, transform to lon/lat."""
        notes: list[str] = []
        year = context.year or year_from_name(path)
        if year is None:
            year = DEFAULT_YEAR
            notes.append(
                f"no year in the file name and no --year: using {DEFAULT_YEAR}, the vintage "
                "of the CBS PC4 polygons the centroids were computed from"
            )
        f = DelimitedFile(path, encoding="utf-8")  # CBS writes UTF-8 only
        f.require((*REQUIRED, "INWONERS", "OPPERVLAKTE_KM2"))  # every column read
        has_residents = has_area = True
        out: list[dict[str, object]] = []
        seen: dict[str, int] = {}
        no_centroid: list[str] = []
        no_residents: list[str] = []
        for row in f.rows():
            raw = row.get("POSTCODE")
            m = _POSTCODE.match(raw)
            if not m:
                raise InputError(
                    f"expected a 4-digit postcode (e.g. 1011 or 1011.0), found {raw!r}",
                    file=path,
                    line=row.line,
                    column="POSTCODE",
                )
            pc = m.group(1)
            if pc in seen:
                raise InputError(
                    f"postcode {pc} appears twice (first at line {seen[pc]})",
                    file=path,
                    line=row.line,
                )
            seen[pc] = row.line
            if not row.get("X_RD") and not row.get("Y_RD"):
                no_centroid.append(f"{pc} (line {row.line})")
                continue
            x = self._number(row.get("X_RD"), path, row.line, "X_RD")
            y = self._number(row.get("Y_RD"), path, row.line, "Y_RD")
            if x is None or y is None:
                raise InputError(
                    "expected both x_rd and y_rd, found only one",
                    file=path,
                    line=row.line,
                )
            if not (RD_X[0] <= x <= RD_X[1] and RD_Y[0] <= y <= RD_Y[1]):
                raise InputError(
                    f"RD New coordinates ({x}, {y}) lie outside the Netherlands "
                    f"(x {RD_X[0]:.0f}..{RD_X[1]:.0f}, y {RD_Y[0]:.0f}..{RD_Y[1]:.0f})",
                    file=path,
                    line=row.line,
                )
            residents = (
                self._number(row.get("INWONERS"), path, row.line, "INWONERS")
                if has_residents
                else None
            )
            if has_residents and residents is None:
                no_residents.append(pc)
            area = (
                self._number(row.get("OPPERVLAKTE_KM2"), path, row.line, "OPPERVLAKTE_KM2")
                if has_area
                else None
            )
            out.append(
                {
                    "dataset": self.info.name,
                    "year": year,
                    "pc4": pc,
                    "residents": residents,
                    "area_km2": area,
                    "x_rd": x,
                    "y_rd": y,
                }
            )
        if not out:
            raise InputError("no centroid rows", file=path)
        lon, lat = rd_to_wgs84().transform([r["x_rd"] for r in out], [r["y_rd"] for r in out])
        for r, lo, la in zip(out, lon, lat, strict=True):
            r["lon"] = round(float(lo), 6)
            r["lat"] = round(float(la), 6)
        notes.insert(0, f"{len(out)} PC4 centroids, RD New transformed to WGS84 with pyproj")
        if no_centroid:
            notes.append(
                f"skipped {len(no_centroid)} postcode(s) without coordinates: "
                + ", ".join(no_centroid)
            )
        if no_residents:
            notes.append(
                f"{len(no_residents)} postcode(s) without residents figure ('nan' or empty), "
                f"stored as NULL: {', '.join(no_residents)}"
            )
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"pc4_centroid": to_arrow("pc4_centroid", out)},
            notes=tuple(notes),
        )

    @staticmethod
    def _number(value: str, path: Path, line: int, column: str) -> float | None:
        if value.strip().lower() in {"nan", ""}:
            return None
        number = parse_decimal(value, file=path, line=line, column=column)
        if number is not None and number != number:  # noqa: PLR0124 - NaN check
            return None
        if number is not None and not 0 <= number <= _MAX[column]:
            raise InputError(
                f"expected a value from 0 to {_MAX[column]:,}, found {value!r}",
                file=path,
                line=line,
                column=column,
            )
        return number
