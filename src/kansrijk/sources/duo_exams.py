"""DUO 'examenkandidaten en geslaagden vo per vestiging per opleiding': exam candidates
and passes per school location x programme x school year x sex (table ``vo_exam``).

DUO publishes this dataset in two layouts; both are read by the same code:

* ``examenkandidaten-en-geslaagden-2014-2019.csv``: ``;``-separated, unquoted, latin-1
  (in practice ASCII), LF. Key columns ``BRIN NUMMER`` and ``VESTIGINGSNUMMER`` (already
  the 6-char location code, e.g. ``00AH00``). Per school year the sexes MAN, VROUW,
  ONBEKEND and TOTAAL; no masking; percentages with a decimal comma (``66,7%``, ``,0%``).
* ``examenkandidaten-per-opleiding-2019-2024.csv``: ``;``-separated, every field quoted,
  UTF-8 (a BOM is accepted), CRLF. Key columns ``INSTELLINGSCODE``/``VESTIGINGSCODE``.
  Sexes MAN, VROUW and TOTAAL only; counts of 1-4 are masked as ``<5``; percentages with
  a decimal point (``90.9``). TOTAAL includes pupils whose sex is unknown, so it can
  exceed MAN + VROUW (by 1, rarely more); those pupils are not stored (see ``notes``).

Count columns are discovered from the header, for any number of school years:
``EXAMENKANDIDATEN|GESLAAGDEN SCHOOLJAAR YYYY-YYYY - MAN|VROUW|ONBEKEND|TOTAAL``.
``SLAAGPERC ...`` columns (pass rates) are derived figures and are not read; unknown
extra columns are ignored. Key columns are matched with known renamings (ALIASES).

Output: one row per location x programme x school year x sex, sex ``m`` (MAN), ``f``
(VROUW), ``u`` (ONBEKEND, only when the file has it) and ``all`` (TOTAAL: indicators use
these rows, because TOTAAL is masked far less often than the sexes). TOTAAL is also used
to validate: the sexes must add up to TOTAAL (exactly when the file has ONBEKEND and no
cell is masked; otherwise within what masking and unknown sex allow). A cell where
candidates and passed are both 0 is not stored. A masked count is NULL with
``candidates_masked``/``passed_masked`` = true, never 0. ``year`` is the first calendar
year of the school year (2014 = 2014-2015).

``track`` comes from ``ONDERWIJSTYPE VO`` (HAVO, VWO, VMBO) and, for vmbo, from the
leerweg in the ``OPLEIDINGSNAAM`` prefix: ``VMBO B``/``BB``/``BL`` -> vmbo_bb,
``VMBO LWT`` (leerwerktraject, a BB variant with BB exams) -> vmbo_bb, ``VMBO K``/``KB``/
``KL`` -> vmbo_kb, ``VMBO G``/``GL`` -> vmbo_gl, ``VMBO T``/``GT``/``TL`` -> vmbo_tl.
``programme`` keeps OPLEIDINGSNAAM as printed, so LWT rows stay distinguishable.

``profile`` contains exactly one of:

* havo/vwo: the profile code from the part after ``' - '``: ``NT``, ``NG``, ``EM``,
  ``CM``, or a combination in printed order joined by ``/`` (``'HAVO - N&T / N&G'`` ->
  ``'NT/NG'``, ``'VWO - E&M / C&M'`` -> ``'EM/CM'``);
* vmbo with an old sector name (``'VMBO B - techniek'``): the vocab.OldSector value
  ``techniek``, ``zorg_welzijn``, ``economie``, ``landbouw`` or ``intersectoraal``;
* vmbo with a new profile name (not seen in the 2014-2024 files, accepted if it appears):
  the vocab.Profile code (``PIE``, ``BWI``, ...), or for a Vakmanschaps-/Beroepsroute the
  OldSector value of the route;
* NULL for a programme without a sector or profile (``'VMBO T'``, ``'HAVO'``). Note: up
  to 2017-2018 DUO puts all TL candidates under ``'VMBO T'``; sectors start in 2018-2019.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kansrijk.errors import InputError, MissingColumnError, UnknownCodeError
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import DelimitedFile, KeyLines, Row, parse_count
from kansrijk.vocab import (
    LEERWEG_CODES,
    SECTOR_NAMES,
    Track,
    known_programme_names,
    parse_havo_vwo_profile,
    parse_programme,
    parse_sector,
)

INFO = DatasetInfo(
    name="duo_vo_exam_candidates",
    title="DUO examenkandidaten en geslaagden vo per vestiging per opleiding",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("vo_exam",),
    url="https://duo.nl/open_onderwijsdata/voortgezet-onderwijs/aantal-leerlingen/examenkandidaten-en-geslaagden.jsp",
)

#: Role -> accepted header names (normalised, upper case), first match wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "brin": ("BRIN NUMMER", "INSTELLINGSCODE", "BRINNUMMER", "BRIN"),
    "location": ("VESTIGINGSNUMMER", "VESTIGINGSCODE"),
    "name": ("INSTELLINGSNAAM VESTIGING", "VESTIGINGSNAAM"),
    "gemeente": ("GEMEENTENAAM", "GEMEENTENAAM VESTIGING"),
    "type": ("ONDERWIJSTYPE VO", "ONDERWIJSTYPE"),
    "programme": ("OPLEIDINGSNAAM",),
}
_REQUIRED = ("location", "name", "gemeente", "type", "programme")
_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)-((?:19|20)\d\d)(?!\d)")

_COUNT = re.compile(
    r"^(?P<kind>EXAMENKANDIDATEN|GESLAAGDEN) SCHOOLJAAR (?P<y1>\d{4}) ?- ?(?P<y2>\d{4})"
    r" ?- ?(?P<sex>MAN|VROUW|ONBEKEND|TOTAAL)$"
)
_KINDS = ("EXAMENKANDIDATEN", "GESLAAGDEN")
_SEX = {"MAN": "m", "VROUW": "f", "ONBEKEND": "u"}
_SEX_ALL = _SEX | {"TOTAAL": "all"}
_MASK = re.compile(r"^<\s*(\d+)$")
_LOC = re.compile(r"^[0-9A-Z]{4}\d{2}$")

#: ONDERWIJSTYPE VO -> track (None: vmbo, the leerweg is in the programme name).
EDUCATION_TYPES: dict[str, Track | None] = {"HAVO": Track.HAVO, "VWO": Track.VWO, "VMBO": None}
#: vmbo leerwegen in programme names besides vocab.LEERWEG_CODES. The leerwerktraject
#: (LWT) is a variant of the basisberoepsgerichte leerweg; its pupils sit the BB exams.
VMBO_LEERWEGEN: dict[str, Track] = {**LEERWEG_CODES, "LWT": Track.VMBO_BB}


@dataclass(frozen=True, slots=True)
class _Count:
    """One count cell: value (None when masked) and the bounds it stands for."""

    value: int | None
    masked: bool
    lo: int
    hi: int

    def __str__(self) -> str:
        return f"<{self.hi + 1}" if self.masked else str(self.value)


@dataclass(frozen=True, slots=True)
class _Year:
    """The count columns of one school year: (kind, sex) -> header name."""

    year: int
    columns: dict[tuple[str, str], str]
    sexes: tuple[str, ...]  # stored sexes present (MAN, VROUW[, ONBEKEND])

    @property
    def complete(self) -> bool:
        """True when every pupil is in one of the stored sexes (ONBEKEND present)."""
        return "ONBEKEND" in self.sexes


def _school_years(df: DelimitedFile) -> list[_Year]:
    """Discover the count columns per school year; raise on malformed or partial ones."""
    found: dict[int, dict[tuple[str, str], str]] = {}
    for col in df.header:
        if not col.startswith(_KINDS):
            continue
        m = _COUNT.match(col)
        if m is None or int(m["y2"]) != int(m["y1"]) + 1:
            raise InputError(
                "unexpected count column; expected 'EXAMENKANDIDATEN|GESLAAGDEN SCHOOLJAAR "
                "YYYY-YYYY - MAN|VROUW|ONBEKEND|TOTAAL' with consecutive years",
                file=df.path,
                line=1,
                column=col,
            )
        found.setdefault(int(m["y1"]), {})[(m["kind"], m["sex"])] = col
    if not found:
        raise MissingColumnError(
            "no count columns found; expected columns like "
            "'EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - MAN' and 'GESLAAGDEN SCHOOLJAAR ...'",
            file=df.path,
            line=1,
        )
    years = []
    for year, cols in sorted(found.items()):
        label = f"SCHOOLJAAR {year}-{year + 1}"
        sexes = tuple(s for s in _SEX if any((k, s) in cols for k in _KINDS))
        needed = [(k, s) for k in _KINDS for s in ("MAN", "VROUW", *sexes)]
        if any((k, "TOTAAL") in cols for k in _KINDS):
            needed += [(k, "TOTAAL") for k in _KINDS]
        missing = sorted({f"{k} {label} - {s}" for k, s in needed if (k, s) not in cols})
        if missing:
            raise MissingColumnError(
                f"missing column(s) {', '.join(repr(c) for c in missing)}",
                file=df.path,
                line=1,
            )
        years.append(_Year(year, cols, sexes))
    _check_complete(df, years)
    return years


def _check_complete(df: DelimitedFile, years: list[_Year]) -> None:
    """Every school year with the same sexes, no year missing in between, and the years of
    the file name (``...-2014-2019.csv`` = 2014-15 .. 2018-19) all present."""
    first = years[0]
    for sy in years[1:]:
        if sy.sexes != first.sexes:
            raise MissingColumnError(
                f"school year {sy.year}-{sy.year + 1} has count columns for "
                f"{', '.join(sy.sexes)} but {first.year}-{first.year + 1} for "
                f"{', '.join(first.sexes)}; expected the same columns for every school year",
                file=df.path,
                line=1,
            )
    have = [sy.year for sy in years]
    expected = list(range(have[0], have[-1] + 1))
    span = [(int(a), int(b)) for a, b in _SPAN.findall(df.path.name) if int(b) > int(a)]
    if span:
        expected = list(range(min(expected[0], span[-1][0]), max(expected[-1] + 1, span[-1][1])))
    absent = [y for y in expected if y not in have]
    if absent:
        raise MissingColumnError(
            "no count columns for school year(s) "
            + ", ".join(f"{y}-{y + 1}" for y in absent)
            + (f" although the file name says {span[-1][0]}-{span[-1][1]}" if span else "")
            + "; expected every school year in between",
            file=df.path,
            line=1,
        )


def _count(row: Row, column: str, path: Path) -> _Count:
    raw = row.get(column)
    value, masked = parse_count(raw, file=path, line=row.line, column=column)
    if masked:
        m = _MASK.match(raw.strip('"').strip())
        return _Count(None, masked=True, lo=1, hi=int(m.group(1)) - 1 if m else 4)
    assert value is not None
    return _Count(value, masked=False, lo=value, hi=value)


def _havo_vwo_profile(text: str, path: Path, row: Row, column: str) -> str:
    """``'N&T / N&G'`` -> ``'NT/NG'`` (vocab parses one profile or ' / '-joined names)."""
    try:
        return "/".join(parse_havo_vwo_profile(part) for part in text.split("/"))
    except UnknownCodeError as exc:
        raise UnknownCodeError(exc.detail, file=path, line=row.line, column=column) from None


def _vmbo_profile(text: str, path: Path, row: Row, column: str) -> str | None:
    """An old sector name -> OldSector value; a new profile name -> Profile code."""
    try:
        sector = parse_sector(text)
        return sector.value if sector is not None else None
    except UnknownCodeError:
        pass
    try:
        parsed = parse_programme(text)
    except UnknownCodeError:
        sectors = ", ".join(nl.lower() for nl, _ in SECTOR_NAMES.values())
        raise UnknownCodeError(
            f"unknown vmbo sector or profile {text!r} in programme name; expected a sector "
            f"({sectors}) or a profile ({'; '.join(known_programme_names())})",
            file=path,
            line=row.line,
            column=column,
        ) from None
    if parsed.profile is not None:
        return parsed.profile.value
    return parsed.route.value if parsed.route is not None else None


def _classify(
    etype: str, programme: str, path: Path, row: Row, cols: dict[str, str]
) -> tuple[Track, str | None]:
    """(track, profile) from ONDERWIJSTYPE VO and OPLEIDINGSNAAM."""
    key = etype.upper()
    if key not in EDUCATION_TYPES:
        raise UnknownCodeError(
            f"unknown onderwijstype {etype!r}; expected one of {', '.join(EDUCATION_TYPES)}",
            file=path,
            line=row.line,
            column=cols["type"],
        )
    head, _, rest = programme.partition(" - ")
    words = head.upper().split()
    if not words or words[0] != key:
        raise InputError(
            f"programme name {programme!r} does not start with its onderwijstype {etype!r}",
            file=path,
            line=row.line,
            column=cols["programme"],
        )
    rest = rest.strip()
    base = EDUCATION_TYPES[key]
    if base is not None:
        if len(words) > 1:
            raise UnknownCodeError(
                f"unexpected programme name {programme!r}; expected '{key}' or "
                f"'{key} - <profile>' (e.g. '{key} - N&T')",
                file=path,
                line=row.line,
                column=cols["programme"],
            )
        return base, _havo_vwo_profile(rest, path, row, cols["programme"]) if rest else None
    leerweg = " ".join(words[1:])
    track = VMBO_LEERWEGEN.get(leerweg)
    if track is None:
        raise UnknownCodeError(
            f"unknown vmbo leerweg {leerweg!r} in programme name {programme!r}; expected "
            f"'VMBO X' with X one of {', '.join(VMBO_LEERWEGEN)}",
            file=path,
            line=row.line,
            column=cols["programme"],
        )
    return track, _vmbo_profile(rest, path, row, cols["programme"]) if rest else None


def _validate(counts: dict[tuple[str, str], _Count], sy: _Year, path: Path, row: Row) -> int:
    """Check passed <= candidates and the sexes against TOTAAL.

    Returns the number of pupils in TOTAAL beyond the stored sexes (sex unknown and not
    in the file) when that is exactly known, else 0.
    """
    for (kind, sex), cand in counts.items():
        if kind != "EXAMENKANDIDATEN":
            continue
        passed = counts[("GESLAAGDEN", sex)]
        if passed.lo > cand.hi:
            raise InputError(
                f"more passed ({passed}) than candidates ({cand})",
                file=path,
                line=row.line,
                column=sy.columns[("GESLAAGDEN", sex)],
            )
    unknown = 0
    for kind in _KINDS:
        total = counts.get((kind, "TOTAAL"))
        if total is None:
            continue
        parts = [counts[(kind, s)] for s in sy.sexes]
        lo, hi = sum(p.lo for p in parts), sum(p.hi for p in parts)
        if lo > total.hi or (sy.complete and hi < total.lo):
            shown = " + ".join(f"{s} {p}" for s, p in zip(sy.sexes, parts, strict=True))
            raise InputError(
                f"{shown} does not add up to TOTAAL {total}",
                file=path,
                line=row.line,
                column=sy.columns[(kind, "TOTAAL")],
            )
        if kind == "EXAMENKANDIDATEN" and not total.masked and lo == hi:
            unknown = total.hi - hi
    return unknown


class DuoExamCandidatesReader:
    """Reader for both layouts of DUO examenkandidaten en geslaagden (table ``vo_exam``)."""

    info: DatasetInfo = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Header has ``EXAMENKANDIDATEN SCHOOLJAAR ...`` columns and OPLEIDINGSNAAM."""
        return "OPLEIDINGSNAAM" in sniff.header and any(
            h.startswith("EXAMENKANDIDATEN SCHOOLJAAR") for h in sniff.header
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:  # noqa: ARG002
        """Parse, validate and convert the whole file to ``vo_exam`` rows.

        The school years come from the header, so ``context.year`` is not used.
        """
        df = DelimitedFile(path)
        cols = {r: c for r, a in ALIASES.items() for c in reversed(a) if c in df.header}
        missing = [role for role in _REQUIRED if role not in cols]
        if missing:
            wanted = "; ".join(" or ".join(repr(a) for a in ALIASES[r]) for r in missing)
            raise MissingColumnError(f"missing column(s): {wanted}", file=path, line=1)
        years = _school_years(df)
        out: list[dict[str, Any]] = []
        masked_cells = unknown_cells = unknown_pupils = 0
        keys = KeyLines(path, "location x programme")
        for row in df.rows():
            loc = _location(row, cols, path)
            keys.add(
                (loc, row.get(cols["programme"])),
                row.line,
                f"{loc} / {row.get(cols['programme'])!r}",
            )
            programme = row.get(cols["programme"])
            track, profile = _classify(row.get(cols["type"]), programme, path, row, cols)
            base = {
                "dataset": INFO.name,
                "loc_code": loc,
                "loc_name": row.get(cols.get("name", "")) or None,
                "gemeente_name_source": row.get(cols.get("gemeente", "")) or None,
                "track": track.value,
                "programme": programme,
                "profile": profile,
            }
            for sy in years:
                counts = {key: _count(row, col, path) for key, col in sy.columns.items()}
                unknown = _validate(counts, sy, path, row)
                if unknown and not sy.complete:
                    unknown_cells += 1
                    unknown_pupils += unknown
                stored = (
                    (*sy.sexes, "TOTAAL") if ("EXAMENKANDIDATEN", "TOTAAL") in counts else sy.sexes
                )
                for sex in stored:
                    cand = counts[("EXAMENKANDIDATEN", sex)]
                    passed = counts[("GESLAAGDEN", sex)]
                    if not cand.masked and not passed.masked and cand.hi == 0 == passed.hi:
                        continue
                    masked_cells += cand.masked + passed.masked
                    out.append(
                        base
                        | {
                            "year": sy.year,
                            "sex": _SEX_ALL[sex],
                            "candidates": cand.value,
                            "candidates_masked": cand.masked,
                            "passed": passed.value,
                            "passed_masked": passed.masked,
                        }
                    )
        if not len(keys):
            raise InputError("no data rows; expected one row per location x programme", file=path)
        notes = []
        if masked_cells:
            notes.append(
                f"{masked_cells} masked count cells ('<5': 1-4 pupils) stored as NULL "
                "with candidates_masked/passed_masked = true"
            )
        if unknown_cells:
            notes.append(
                f"TOTAAL exceeds MAN + VROUW in {unknown_cells} location x programme x year "
                f"cells ({unknown_pupils} candidates in all): pupils of unknown sex are "
                "counted in the TOTAAL rows (sex 'all') only"
            )
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=tuple(sy.year for sy in years),
            tables={"vo_exam": to_arrow("vo_exam", out)},
            notes=tuple(notes),
        )


def _location(row: Row, cols: dict[str, str], path: Path) -> str:
    """The 6-char location code: the vestiging column, or BRIN + a 1-2 digit number."""
    loc = row.get(cols["location"]).upper()
    brin = row.get(cols["brin"]).upper() if "brin" in cols else ""
    if loc.isdigit() and len(loc) <= 2 and brin:
        loc = brin + loc.zfill(2)
    if not _LOC.match(loc) or (brin and not loc.startswith(brin)):
        raise InputError(
            f"expected a location code of BRIN (4 chars) + 2 digits"
            f"{' starting with BRIN ' + repr(brin) if brin else ''}, found {loc!r}",
            file=path,
            line=row.line,
            column=cols["location"],
        )
    return loc
