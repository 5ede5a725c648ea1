"""DUO ``01.-leerlingen-vo-per-vestiging-naar-onderwijstype-YYYY``: pupils per school
location x education type x programme, per leerjaar and sex, on 1 October of YYYY.

Format (2019 layout): ``;``-separated, latin-1, unquoted; one row per location x
``ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR`` x ``ELEMENTCODE``; counts in columns
``LEER- OF VERBLIJFSJAAR n - MAN|VROUW`` for n = 1..6. The location key is BRIN NUMMER +
2-digit VESTIGINGSNUMMER. vmbo profiles are in ``AFDELING`` (the ten profiles, plus
``Vakmanschapsroute ...``/``Beroepsroute ...``), old sectors in ``VMBO SECTOR``, variants
(LWOO, LWT, ENT) in ``OPLEIDINGSNAAM``.

Layouts seen (each loads with no code change for any year that has it):

- 2016 (peildatum 1 October 2016, name ``...-2016-2017.csv``): an extra ``LWOO INDICATIE``
  (J/N) column, ``VESTIGINGSNUMMER`` not zero-padded (``0``, ``7``), the extra type
  ``VMBO-MBO2 lj 3-6``, and in ``AFDELING`` the old afdelingen and intra-/intersectoral
  programmes next to the new profiles: these are mapped through the crosswalk
  (``vocab/data/old_afdelingen.yaml``) and flagged ``profile_mapped``.
- 2019: as described above.
- 2023 (newer releases): quoted, UTF-8 with BOM, ``INSTELLINGSCODE``/``VESTIGINGSCODE`` (full
  6-character code), ``OPLEIDINGSCODE``, an extra ``BEKOSTIGING`` column, ``<5`` masks.

Header names are matched case- and space-insensitively; masked counts (``<5``) are stored as
NULL with ``masked`` = true. A column of none of these layouts is an error naming it (a new
layout must be looked at before it is loaded). Rows with a count of 0 are not stored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from kansrijk.errors import InputError, UnknownCodeError
from kansrijk.sources.arrow import TableBuilder, arrow_schema
from kansrijk.sources.columnar import ColumnarCsv, NotColumnar, sql_text
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import (
    DelimitedFile,
    KeyLines,
    Row,
    parse_count,
    reference_year,
    row_key,
)

if TYPE_CHECKING:
    import pyarrow as pa

from kansrijk.vocab import (
    PROFILE_TRACKS,
    OldSector,
    ParsedProgramme,
    Track,
    find_old_afdeling,
    known_programme_names,
    old_afdelingen,
    parse_havo_vwo_profile,
    parse_programme,
    parse_sector,
)

INFO = DatasetInfo(
    name="duo_vo_enrollment",
    title="DUO leerlingen vo per vestiging naar onderwijstype",
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("vo_enrollment",),
    url="https://duo.nl/open_onderwijsdata/voortgezet-onderwijs/aantal-leerlingen/aantal-leerlingen.jsp",
)

#: Canonical column -> accepted header names (normalised, upper case).
ALIASES: dict[str, tuple[str, ...]] = {
    "brin": ("BRIN NUMMER", "INSTELLINGSCODE", "BRINNUMMER"),
    "vestiging": ("VESTIGINGSNUMMER", "VESTIGINGSCODE"),
    "name": ("INSTELLINGSNAAM VESTIGING", "VESTIGINGSNAAM"),
    "place": ("PLAATSNAAM VESTIGING", "PLAATSNAAM"),
    "type": (
        "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR",
        "ONDERWIJSTYPE VO EN LEER- EN VERBLIJFSJAAR",
        "ONDERWIJSTYPE VO",
    ),
    "sector": ("VMBO SECTOR",),
    "afdeling": ("AFDELING",),
    "element": ("ELEMENTCODE", "OPLEIDINGSCODE"),
    "programme": ("OPLEIDINGSNAAM",),
    "province": ("PROVINCIE VESTIGING", "PROVINCIE"),
    "lwoo_flag": ("LWOO INDICATIE",),
}
#: Columns of a seen layout that the reader does not need (2023: funding status).
IGNORED_COLUMNS = frozenset({"BEKOSTIGING"})
_KNOWN = frozenset(n for names in ALIASES.values() for n in names) | IGNORED_COLUMNS
_COUNT = re.compile(r"^LEER- OF VERBLIJFSJAAR (\d) - (MAN|VROUW)$")
_SEX = {"MAN": "m", "VROUW": "f"}
#: A count column: (normalised header, leerjaar, sex).
Count = tuple[str, int, str]
#: Every count column: a file without one of them would lose those pupils.
REQUIRED_COUNTS = tuple(
    f"LEER- OF VERBLIJFSJAAR {n} - {sex}" for n in range(1, 7) for sex in ("MAN", "VROUW")
)

#: ``ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR`` -> track (None: outside the tracks).
EDUCATION_TYPES: dict[str, Track | None] = {
    "Brugjaar 1-2": Track.BRUG,
    "Praktijkonderwijs alle vj": Track.PRO,
    "VMBO BL lj 3-4": Track.VMBO_BB,
    "VMBO KL lj 3-4": Track.VMBO_KB,
    "VMBO GL lj 3-4": Track.VMBO_GL,
    "VMBO TL lj 3-4": Track.VMBO_TL,
    "HAVO/VWO lj 3": None,  # havo/vwo year 3 before the profile choice: combined
    "HAVO lj 4-5": Track.HAVO,
    "VWO lj 4-6": Track.VWO,
    "VMBO uitbest. aan VAVO": None,
    "HAVO uitbest. aan VAVO": None,
    "VWO uitbest. aan VAVO": None,
    "Engelse Stroom": None,
    "Int. Baccelaureaat": None,
    "Int. Baccalaureaat": None,
    "European Secondary School": None,
    # 2016: the vmbo-mbo2 experiment (vakmanschapsroute pupils in leerjaar 5-6): outside the
    # tracks, so it never counts among the BB/KB/GL pupils of leerjaar 3-4.
    "VMBO-MBO2 lj 3-6": None,
}
_TYPES_FOLDED = {" ".join(k.lower().split()): v for k, v in EDUCATION_TYPES.items()}


def _resolve_columns(df: DelimitedFile) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, names in ALIASES.items():
        for n in names:
            if n in df.header:
                found[key] = n
                break
    # every column read (LWOO INDICATIE only in the 2016 layout) and every count column
    missing = [ALIASES[k][0] for k in ALIASES if k not in found and k != "lwoo_flag"]
    df.require([*missing, *REQUIRED_COUNTS])
    unknown = [h for h in df.header if h and h not in _KNOWN and not _COUNT.match(h)]
    if unknown:
        raise InputError(
            f"column {unknown[0]!r} is in no layout of this dataset seen so far (2016, 2019, "
            "2023)"
            + (f" (nor are {', '.join(repr(u) for u in unknown[1:])})" if unknown[1:] else "")
            + "; expected only the columns "
            + ", ".join(repr(n) for n in sorted(_KNOWN))
            + " and 'LEER- OF VERBLIJFSJAAR n - MAN|VROUW'. A new DUO layout must be checked "
            "before it is loaded",
            file=df.path,
            line=1,
            column=unknown[0],
        )
    return found


def _flags(programme: str) -> ParsedProgramme:
    """Variant flags of an OPLEIDINGSNAAM that is not a profile name (old programmes, e.g.
    ``LWOO Basisbg Lw LWT T & C``): LWOO from the prefix, LWT/ENT from the words."""
    words = programme.upper().replace("-", " ").split()
    return ParsedProgramme(
        None, lwoo=bool(words) and words[0] == "LWOO", lwt="LWT" in words, ent="ENT" in words
    )


def _old_afdeling_error(afdeling: str) -> UnknownCodeError:
    return UnknownCodeError(
        f"unknown vmbo profile, route or old afdeling {afdeling!r}; expected one of: "
        + "; ".join(known_programme_names())
        + " (optionally preceded by VMBO/LWOO, BB/KB/GL and LWT/ENT), or an afdeling of before "
        "the 2016 reform: " + "; ".join(e.name for e in old_afdelingen())
    )


def _loc_code(brin: str, vestiging: str, line: int | None, path: Path) -> str:
    brin = brin.strip().upper()
    vest = vestiging.strip().upper()
    if len(vest) == 6 and vest.startswith(brin):  # newer files give the full code
        vest = vest[4:]
    if len(brin) != 4 or not vest.isdigit() or len(vest) > 2:
        raise InputError(
            f"expected a 4-character BRIN and a 2-digit vestigingsnummer, found {brin!r} and "
            f"{vestiging!r}",
            file=path,
            line=line,
        )
    return brin + vest.zfill(2)


class _UnknownTypeError(UnknownCodeError):
    """An ONDERWIJSTYPE that is in no layout seen so far."""


#: What a row's education type, sector, afdeling and programme (and 2016's LWOO INDICATIE)
#: give: track, sector, profile, afdeling, profile_mapped, old_category, route, lwoo, lwt, ent.
Classes = tuple[
    str | None, str | None, str | None, str | None, bool, str | None, str | None, bool, bool, bool
]


def classify(
    etype: str, sector_raw: str, afdeling: str, programme: str, lwoo_flag: str | None
) -> Classes:
    """The canonical codes of one combination of (trimmed) values; raises _UnknownTypeError for an
    unknown education type, UnknownCodeError for an unknown sector, profile or afdeling."""
    key = " ".join(etype.lower().split())
    if key not in _TYPES_FOLDED:
        raise _UnknownTypeError(
            f"unknown education type {etype!r}; expected one of "
            + ", ".join(repr(k) for k in EDUCATION_TYPES)
        )
    track = _TYPES_FOLDED[key]
    profile: str | None = None
    route: str | None = None
    mapped = False
    old_category: str | None = None
    lwoo = lwt = ent = False
    sector = parse_sector(sector_raw)
    if track in PROFILE_TRACKS:
        parsed, mapped, old_category = _profile_or_old(afdeling, sector)
        flags = _programme_flags(programme, parsed, mapped)
        profile = parsed.profile.value if parsed.profile else None
        route = parsed.route.value if parsed.route else None
        lwoo, lwt, ent = flags.lwoo, flags.lwt, flags.ent
    elif track is Track.VMBO_TL and afdeling.lower().startswith("beroepsroute"):
        parsed = parse_programme(afdeling)
        route = parsed.route.value if parsed.route else None
    elif track in (Track.HAVO, Track.VWO) and afdeling.lower() not in {"n.v.t.", ""}:
        profile = parse_havo_vwo_profile(afdeling)
    elif track is Track.BRUG and afdeling.lower() not in {"n.v.t.", ""}:
        parsed, mapped, old_category = _profile_or_old(afdeling, sector)
        profile = parsed.profile.value if parsed.profile else None
    if lwoo_flag is not None:  # 2016 layout: LWOO INDICATIE J/N
        lwoo = lwoo_flag.upper() == "J"
    return (
        track.value if track else None,
        sector.value if sector else None,
        profile,
        afdeling or None,
        mapped,
        old_category,
        route,
        lwoo,
        lwt,
        ent,
    )


class DuoVoEnrollmentReader:
    """Reader for DUO pupils per location x education type (dataset ``duo_vo_enrollment``)."""

    info = INFO

    def matches(self, sniff: Sniff) -> bool:
        """Header has the location key, education type and per-leerjaar count columns."""
        h = set(sniff.header)
        return (
            any(n in h for n in ALIASES["type"])
            and "AFDELING" in h
            and any(_COUNT.match(c) for c in h)
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse, validate and return the ``vo_enrollment`` table."""
        year = reference_year(
            path, context.year, "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
        )
        df = DelimitedFile(path)
        cols = _resolve_columns(df)
        counts = [
            (h, int(m.group(1)), _SEX[m.group(2)]) for h in df.header if (m := _COUNT.match(h))
        ]
        try:
            table = read_columns(df, cols, counts, year)
        except NotColumnar:
            table = self.read_rows(df, cols, counts, year)
        return ReadResult(
            dataset=INFO,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={"vo_enrollment": table},
        )

    def read_rows(
        self, df: DelimitedFile, cols: dict[str, str], counts: list[Count], year: int
    ) -> pa.Table:
        """The row-wise path: every row checked in Python, every problem named with its line
        (see ``sources.columnar`` for when it is taken)."""
        path = df.path
        rows = TableBuilder("vo_enrollment")
        keys = KeyLines(path, "location x education type x programme")
        for row in df.rows():
            converted = self._convert(row, cols, counts, year, path)
            keys.add(
                *row_key(
                    row, cols, ("brin", "vestiging", "type", "element", "afdeling", "programme")
                )
            )
            rows.extend(converted)
        if not len(keys):
            raise InputError("no data rows; expected at least one location x programme", file=path)
        return rows.table()

    def _convert(
        self,
        row: Row,
        cols: dict[str, str],
        counts: list[Count],
        year: int,
        path: Path,
    ) -> list[dict[str, object]]:
        loc = _loc_code(row.get(cols["brin"]), row.get(cols["vestiging"]), row.line, path)
        etype = row.get(cols["type"])
        afdeling = row.get(cols["afdeling"])
        programme = row.get(cols["programme"])
        try:
            track, sector, profile, afd, mapped, old_category, route, lwoo, lwt, ent = classify(
                etype,
                row.get(cols["sector"]) if "sector" in cols else "",
                afdeling,
                programme,
                row.get(cols["lwoo_flag"]) if "lwoo_flag" in cols else None,
            )
        except _UnknownTypeError as exc:
            raise UnknownCodeError(
                exc.detail, file=path, line=row.line, column=cols["type"]
            ) from None
        except UnknownCodeError as exc:
            raise UnknownCodeError(
                exc.detail, file=path, line=row.line, column=cols["afdeling"]
            ) from None
        out: list[dict[str, object]] = []
        for header, grade, sex in counts:
            n, masked = parse_count(row.get(header), file=path, line=row.line, column=header)
            if n == 0 and not masked:
                continue
            out.append(
                {
                    "dataset": INFO.name,
                    "year": year,
                    "loc_code": loc,
                    "loc_name": row.get(cols["name"]) if "name" in cols else None,
                    "place": row.get(cols["place"]) if "place" in cols else None,
                    "province": row.get(cols["province"]) or None if "province" in cols else None,
                    "track": track,
                    "education_type": etype,
                    "grade": grade,
                    "sector": sector,
                    "profile": profile,
                    "afdeling": afd,
                    "profile_mapped": mapped,
                    "old_category": old_category,
                    "route": route,
                    "programme_code": row.get(cols["element"]) if "element" in cols else None,
                    "programme_name": programme,
                    "lwoo": lwoo,
                    "lwt": lwt,
                    "ent": ent,
                    "sex": sex,
                    "count": n,
                    "masked": masked,
                }
            )
        return out


def _profile_or_old(
    afdeling: str, sector: OldSector | None
) -> tuple[ParsedProgramme, bool, str | None]:
    """(parsed profile/route, mapped from an old afdeling?, own category of an old one)."""
    try:
        return parse_programme(afdeling), False, None
    except UnknownCodeError:
        old = find_old_afdeling(afdeling)
        if old is None:
            raise _old_afdeling_error(afdeling) from None
        return ParsedProgramme(old.profile), True, old.category_for(sector)


def _programme_flags(programme: str, parsed: ParsedProgramme, mapped: bool) -> ParsedProgramme:
    """Variant flags from OPLEIDINGSNAAM; old programmes' names are not profile names."""
    if not programme:
        return parsed
    if mapped:
        return _flags(programme)
    try:
        return parse_programme(programme)
    except UnknownCodeError:
        return _flags(programme)


def _norm(value: str) -> str:
    """A value as it counts in the duplicate check (``row_key``)."""
    if value.isalnum():  # no spaces to trim or collapse
        return value.upper()
    return " ".join(value.strip().upper().split())


def _plain_loc_code(brin: str, vestiging: str) -> str | None:
    """The location code of a plain BRIN (4 ASCII letters/digits) and vestigingsnummer (1-2
    digits) without the checks of ``_loc_code``, which gives the same; None otherwise."""
    plain = len(brin) == 4 and len(vestiging) <= 2 and brin.isascii() and vestiging.isascii()
    if plain and brin.isalnum() and vestiging.isdigit():
        return brin.upper() + vestiging.zfill(2)
    return None


_KEY_ROLES = ("brin", "vestiging", "type", "element", "afdeling", "programme")


def _unique_keys(cf: ColumnarCsv, cols: dict[str, str]) -> bool:
    """No two rows with the same location x education type x programme as the row-wise
    duplicate check compares them (trimmed, upper case, inner spaces collapsed). When that
    normalisation merges no two distinct values of any key column, the raw values decide;
    otherwise the normalised values (``j``) do."""
    for role in _KEY_ROLES:
        values = cf.distinct(cols[role])
        if len({_norm(v) for v in values}) != len(values):
            row = cf.con.execute(
                "SELECT count(*), count(DISTINCT (nb, nv, nt, ne, na, np)) FROM j"
            ).fetchall()[0]
            return bool(row[0] == cf.rows and row[1] == cf.rows)
    return cf.unique([cf.col(cols[r]) for r in _KEY_ROLES])


def _none_if_empty(value: str) -> str | None:
    return value.strip() or None


def read_columns(
    df: DelimitedFile, cols: dict[str, str], counts: list[Count], year: int
) -> pa.Table:
    """The column-wise path: DuckDB parses the file; the distinct locations, education types
    x programmes and count values are checked and classified in Python; one SQL statement
    joins them back and unpivots the counts. Raises NotColumnar wherever the row-wise path
    must decide (a value it would refuse, a duplicate key, an unusual file)."""
    import pyarrow as pa

    path = df.path
    with ColumnarCsv(df) as cf:
        # counts: every distinct cell of every count column
        count_raw: list[str] = []
        count_n: list[int | None] = []
        count_masked: list[bool] = []
        for v in sorted({v for h, _, _ in counts for v in cf.distinct(h)}):
            try:
                n, masked = parse_count(v, file=path, line=0, column="")
            except InputError:
                raise NotColumnar(f"count {v!r}") from None
            if n == 0 and not masked:
                continue  # rows with a count of 0 are not stored
            count_raw.append(v)
            count_n.append(n)
            count_masked.append(masked)
        cf.register(
            "count_map",
            pa.table(
                {
                    "raw": pa.array(count_raw, pa.string()),
                    "count": pa.array(count_n, pa.int32()),
                    "masked": pa.array(count_masked, pa.bool_()),
                }
            ),
        )
        cf.register(
            "count_col",
            pa.table(
                {
                    "col": [cf.col(h) for h, _, _ in counts],
                    "grade": pa.array([g for _, g, _ in counts], pa.int32()),
                    "sex": [x for _, _, x in counts],
                }
            ),
        )
        # locations
        brin, vest = cols["brin"], cols["vestiging"]
        locs = cf.distinct_rows([brin, vest])
        try:
            codes = [_plain_loc_code(b, v) or _loc_code(b, v, None, path) for b, v in locs]
        except InputError:
            raise NotColumnar("location code") from None
        cf.register(
            "loc_map",
            pa.table(
                {
                    "b": [b for b, _ in locs],
                    "v": [v for _, v in locs],
                    "loc_code": codes,
                    "nb": [_norm(b) for b, _ in locs],
                    "nv": [_norm(v) for _, v in locs],
                }
            ),
        )
        # education type x sector x afdeling x programme (x LWOO INDICATIE)
        roles = [r for r in ("type", "sector", "afdeling", "programme", "lwoo_flag") if r in cols]
        combos = cf.distinct_rows([cols[r] for r in roles])
        out: list[tuple[object, ...]] = []
        for combo in combos:
            vals = dict(zip(roles, (x.strip() for x in combo), strict=True))
            try:
                classes = classify(
                    vals["type"],
                    vals.get("sector", ""),
                    vals["afdeling"],
                    vals["programme"],
                    vals.get("lwoo_flag"),
                )
            except UnknownCodeError:
                raise NotColumnar("education type, sector or afdeling") from None
            norms = (_norm(vals["type"]), _norm(vals["afdeling"]), _norm(vals["programme"]))
            out.append((*combo, vals["type"], vals["programme"], *classes, *norms))
        names = [f"k_{r}" for r in roles] + [
            "education_type",
            "programme_name",
            "track",
            "sector",
            "profile",
            "afdeling",
            "profile_mapped",
            "old_category",
            "route",
            "lwoo",
            "lwt",
            "ent",
            "nt",
            "na",
            "np",
        ]
        types = {n: pa.bool_() for n in ("profile_mapped", "lwoo", "lwt", "ent")}
        cf.register(
            "class_map",
            pa.table(
                {
                    n: pa.array([o[i] for o in out], types.get(n, pa.string()))
                    for i, n in enumerate(names)
                }
            ),
        )
        name = cf.mapped(cols["name"], str.strip, "name_map")
        place = cf.mapped(cols["place"], str.strip, "place_map")
        province = cf.mapped(cols["province"], _none_if_empty, "province_map")
        element = cf.mapped(cols["element"], str.strip, "element_map")
        element_norm = cf.mapped(cols["element"], _norm, "element_norm_map")
        on = " AND ".join(f"r.{cf.col(cols[r])} = k.k_{r}" for r in roles)
        kept = [cf.col(h) for h, _, _ in counts]
        cf.con.execute(
            f"""CREATE VIEW j AS SELECT l.loc_code, l.nb, l.nv, k.*,
                {name} AS loc_name, {place} AS place, {province} AS province,
                {element} AS programme_code, {element_norm} AS ne, {", ".join(kept)}
            FROM raw r JOIN loc_map l ON r.{cf.col(brin)} = l.b AND r.{cf.col(vest)} = l.v
            JOIN class_map k ON {on}"""
        )
        if not _unique_keys(cf, cols):
            raise NotColumnar("duplicate location x education type x programme")
        schema = arrow_schema("vo_enrollment")
        select = {
            "dataset": sql_text(INFO.name),
            "year": f"CAST({int(year)} AS INTEGER)",
            "grade": "c.grade",
            "sex": "c.sex",
            "count": "n.count",
            "masked": "n.masked",
        }
        sql = ", ".join(f"{select.get(f, 'u.' + f)} AS {f}" for f in schema.names)
        table = cf.con.sql(
            f"""SELECT {sql} FROM (UNPIVOT j ON {", ".join(kept)} INTO NAME col VALUE cell) u
            JOIN count_map n ON u.cell = n.raw JOIN count_col c ON u.col = c.col"""
        ).to_arrow_table()
    return table.cast(schema)
