"""DUO 'geslaagden, gezakten en gemiddelde examencijfers per instelling': exam results per
school location x track x sector x department for one school year (table
``vo_exam_result``).

Format (``geslaagden-gezakten-en-cijfers-2018-2019.csv``): ``;``-separated, unquoted,
latin-1, LF; one row per location (``VESTIGINGSNUMMER``, already the 6-char code) x
``ONDERWIJSTYPE VO`` (HAVO, VWO, VMBO) x ``LEERWEG VMBO`` (BL, KL, GL, TL; blank for
havo/vwo) x ``VMBO SECTOR`` (Economie, Techniek, Zorg & Welzijn, Landbouw, Intersect.
programma; blank for havo/vwo and for some TL rows) x ``AFDELING``. Counts
``EXAMENKANDIDATEN``, ``GESLAAGDEN``, ``GEZAKTEN`` (not masked in 2018-2019, but ``<5``
is accepted and stored as NULL with ``masked`` = true) and mean grades with a decimal
comma (``6,4``; blank -> NULL). The school year is not in the file: it comes from
``--year`` (``context.year``, which overrides) or from the file name (``...-2018-2019.csv``
-> 2018, the first calendar year of the school year).

``AFDELING`` is stored as printed in ``department``; ``profile`` is derived from it:

* havo/vwo: the profile name(s) -> code, combinations joined by ``/``
  (``'Natuur en Techniek / Natuur en Gezondheid'`` -> ``'NT/NG'``);
* vmbo BL/KL/GL: a profile code (``PIE``, ``BWI``, ``MTR``, ``ZWE``, ``G``, ``MTE`` ...)
  -> the vocab.Profile code (``PIE``, ``BWI``, ``MT``, ``ZW``, ``GR``, ``MAT`` ...);
* vmbo pre-2016 departments (``Metaaltechniek``, ``Handel en Administratie -ISP``, ``ICT
  -route`` ...: the last candidates of the old programmes) and blank AFDELING (TL): NULL.

``sector`` is the vocab.OldSector value of ``VMBO SECTOR`` (NULL when blank). Validation:
candidates = passed + failed when none is masked; mean grades between 1 and 10.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kansrijk.errors import InputError, MissingColumnError, UnknownCodeError
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import (
    DelimitedFile,
    KeyLines,
    Row,
    parse_count,
    parse_decimal,
    row_key,
)
from kansrijk.vocab import (
    LEERWEG_CODES,
    PROFILE_TRACKS,
    Profile,
    Track,
    parse_havo_vwo_profile,
    parse_profile_code,
    parse_sector,
)

INFO = DatasetInfo(
    name="duo_vo_exam_results",
    title="DUO geslaagden, gezakten en gemiddelde examencijfers vo per vestiging",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("vo_exam_result",),
    url="https://duo.nl/open_onderwijsdata/databestanden/vo/",
)

#: Role -> accepted header names (normalised, upper case), first match wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "brin": ("BRIN NUMMER", "INSTELLINGSCODE", "BRINNUMMER"),
    "location": ("VESTIGINGSNUMMER", "VESTIGINGSCODE"),
    "name": ("INSTELLINGSNAAM VESTIGING", "VESTIGINGSNAAM"),
    "type": ("ONDERWIJSTYPE VO", "ONDERWIJSTYPE"),
    "leerweg": ("LEERWEG VMBO", "LEERWEG"),
    "sector": ("VMBO SECTOR", "SECTOR"),
    "department": ("AFDELING",),
    "candidates": ("EXAMENKANDIDATEN", "AANTAL EXAMENKANDIDATEN"),
    "passed": ("GESLAAGDEN", "AANTAL GESLAAGDEN"),
    "failed": ("GEZAKTEN", "AANTAL GEZAKTEN"),
    "mean_school_exam": ("GEMIDDELD CIJFER SCHOOLEXAMEN",),
    "mean_central_exam": ("GEMIDDELD CIJFER CENTRAAL EXAMEN",),
    "mean_final": ("GEMIDDELD CIJFER CIJFERLIJST",),
}
_REQUIRED = (
    "location",
    "name",
    "type",
    "leerweg",
    "sector",
    "department",
    "candidates",
    "passed",
    "failed",
    "mean_school_exam",
    "mean_central_exam",
    "mean_final",
)
_MEANS = ("mean_school_exam", "mean_central_exam", "mean_final")
_KEY = ("location", "type", "leerweg", "sector", "department")

#: ONDERWIJSTYPE VO -> track (None: vmbo, the track is in LEERWEG VMBO).
EDUCATION_TYPES: dict[str, Track | None] = {"HAVO": Track.HAVO, "VWO": Track.VWO, "VMBO": None}

#: Profile codes in this file that vocab.PROFILE_ALIASES lacks (reported to the vocab
#: owner): ``G`` = Groen, ``MTE`` = Maritiem en techniek (2018-2019 file).
LOCAL_PROFILE_CODES: dict[str, Profile] = {"G": Profile.GR, "MTE": Profile.MAT}

_CODE = re.compile(r"^[A-Z&]{1,4}$")  # AFDELING values shaped like a profile code
_LOC = re.compile(r"^[0-9A-Z]{4}\d{2}$")
_SCHOOL_YEAR = re.compile(r"(?<!\d)(\d{4})[-_](\d{4})(?!\d)")


def school_year_from_name(path: Path) -> int | None:
    """``...-2018-2019.csv`` -> 2018 (consecutive years only), else None."""
    for m in _SCHOOL_YEAR.finditer(path.name):
        if int(m.group(2)) == int(m.group(1)) + 1:
            return int(m.group(1))
    return None


def _vmbo_profile(department: str, path: Path, row: Row, column: str) -> str | None:
    """A profile code -> Profile code; an old department name or blank -> None."""
    if not _CODE.match(department):
        return None
    if department in LOCAL_PROFILE_CODES:
        return LOCAL_PROFILE_CODES[department].value
    try:
        return parse_profile_code(department).value
    except UnknownCodeError as exc:
        raise UnknownCodeError(
            f"{exc.detail}, {', '.join(LOCAL_PROFILE_CODES)}",
            file=path,
            line=row.line,
            column=column,
        ) from None


def _classify(row: Row, cols: dict[str, str], path: Path) -> tuple[Track, str | None, str | None]:
    """(track, sector, profile) from ONDERWIJSTYPE VO, LEERWEG VMBO, VMBO SECTOR, AFDELING."""
    etype = row.get(cols["type"])
    if etype.upper() not in EDUCATION_TYPES:
        raise UnknownCodeError(
            f"unknown onderwijstype {etype!r}; expected one of {', '.join(EDUCATION_TYPES)}",
            file=path,
            line=row.line,
            column=cols["type"],
        )
    try:
        sector = parse_sector(row.get(cols["sector"]))
    except UnknownCodeError as exc:
        raise UnknownCodeError(
            exc.detail, file=path, line=row.line, column=cols["sector"]
        ) from None
    department = row.get(cols["department"])
    track = EDUCATION_TYPES[etype.upper()]
    if track is not None:
        try:
            parts = [parse_havo_vwo_profile(p) for p in department.split("/")] if department else []
        except UnknownCodeError as exc:
            raise UnknownCodeError(
                exc.detail, file=path, line=row.line, column=cols["department"]
            ) from None
        return track, sector.value if sector else None, "/".join(parts) or None
    leerweg = row.get(cols["leerweg"]).upper()
    track = LEERWEG_CODES.get(leerweg)
    if track is None:
        raise UnknownCodeError(
            f"unknown vmbo leerweg {leerweg!r}; expected one of {', '.join(LEERWEG_CODES)}",
            file=path,
            line=row.line,
            column=cols["leerweg"],
        )
    profile = _vmbo_profile(department, path, row, cols["department"])
    return track, sector.value if sector else None, profile


class DuoExamResultsReader:
    """Reader for DUO geslaagden, gezakten en cijfers (table ``vo_exam_result``)."""

    info: DatasetInfo = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Header has EXAMENKANDIDATEN, GESLAAGDEN, GEZAKTEN and AFDELING."""
        return {"EXAMENKANDIDATEN", "GESLAAGDEN", "GEZAKTEN", "AFDELING"} <= set(sniff.header)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse, validate and convert the whole file to ``vo_exam_result`` rows."""
        from_name = school_year_from_name(path)
        year = context.year if context.year is not None else from_name
        if year is None:
            raise InputError(
                "the school year is not in the file and not in its name (expected e.g. "
                "'...-2018-2019.csv'); pass --year with the first calendar year "
                "of the school year (e.g. --year 2018 for 2018-2019)",
                file=path,
            )
        df = DelimitedFile(path)
        cols = {r: c for r, a in ALIASES.items() for c in reversed(a) if c in df.header}
        missing = [role for role in _REQUIRED if role not in cols]
        if missing:
            wanted = "; ".join(" or ".join(repr(a) for a in ALIASES[r]) for r in missing)
            raise MissingColumnError(f"missing column(s): {wanted}", file=path, line=1)
        keys = KeyLines(path, "location x type x leerweg x sector x department")
        out = []
        for row in df.rows():
            out.append(self._row(row, cols, path, year))
            keys.add(*row_key(row, cols, ("brin", *_KEY)))
        if not out:
            raise InputError("no data rows; expected one row per location x department", file=path)
        notes = []
        if from_name is not None and year != from_name:
            notes.append(f"year {year} from --year overrides {from_name} from the file name")
        old = sum(1 for r in out if r["track"] in PROFILE_TRACKS and r["profile"] is None)
        if old:
            notes.append(
                f"{old} vmbo rows with a pre-2016 department (AFDELING not a profile code) "
                "have profile NULL"
            )
        masked = sum(1 for r in out if r["masked"])
        if masked:
            notes.append(f"{masked} rows with masked counts ('<5') stored as NULL")
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"vo_exam_result": to_arrow("vo_exam_result", out)},
            notes=tuple(notes),
        )

    def _row(self, row: Row, cols: dict[str, str], path: Path, year: int) -> dict[str, Any]:
        """One file row -> one canonical row (validated)."""
        loc = row.get(cols["location"]).upper()
        brin = row.get(cols.get("brin", "")).upper()
        if loc.isdigit() and len(loc) <= 2 and brin:
            loc = brin + loc.zfill(2)
        if not _LOC.match(loc) or not loc.startswith(brin):
            raise InputError(
                f"expected a location code of BRIN (4 chars) + 2 digits, found {loc!r}",
                file=path,
                line=row.line,
                column=cols["location"],
            )
        track, sector, profile = _classify(row, cols, path)
        department = row.get(cols["department"])
        counts: dict[str, int | None] = {}
        masked = False
        for key in ("candidates", "passed", "failed"):
            if key not in cols:  # GEZAKTEN is optional: derived when absent
                counts[key] = None
                continue
            counts[key], m = parse_count(
                row.get(cols[key]), file=path, line=row.line, column=cols[key]
            )
            masked |= m
        cand, passed, failed = counts["candidates"], counts["passed"], counts["failed"]
        if cand is not None and passed is not None:
            if "failed" not in cols:
                failed = cand - passed
            if failed is not None and (passed + failed != cand or failed < 0):
                raise InputError(
                    f"passed ({passed}) + failed ({failed}) != candidates ({cand})",
                    file=path,
                    line=row.line,
                    column=cols.get("failed", cols["passed"]),
                )
        means: dict[str, float | None] = {}
        for key in _MEANS:
            col = cols.get(key)
            value = (
                parse_decimal(row.get(col), file=path, line=row.line, column=col) if col else None
            )
            if value is not None and not 1.0 <= value <= 10.0:
                raise InputError(
                    f"expected a mean grade between 1 and 10, found {value}",
                    file=path,
                    line=row.line,
                    column=col,
                )
            means[key] = value
        return {
            "dataset": INFO.name,
            "year": year,
            "loc_code": loc,
            "loc_name": row.get(cols.get("name", "")) or None,
            "track": track.value,
            "sector": sector,
            "profile": profile,
            "department": department or None,
            "candidates": cand,
            "passed": passed,
            "failed": failed,
            "masked": masked,
            **means,
        }
