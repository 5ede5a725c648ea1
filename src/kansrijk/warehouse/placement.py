"""Where each school location is, per year of data: the one table (``location_place``) that
region membership, the status report and the pages read.

For every (year, location) in the fact tables (enrollment, exam candidates, exam results):

1. ``locations_file``: the DUO locations snapshot nearest in time that has the location
   (ties go to the newer snapshot): its current gemeente code and PC4.
2. ``place_name``: a location in no locations file is placed by the enrollment file's own
   PLAATSNAAM + PROVINCIE (of the same year; for a year without enrollment data, e.g. an
   exam year, of the newest enrollment year that has the location) through CBS
   woonplaatsen -> gemeente (the province of each gemeente from CBS Gebieden in Nederland;
   woonplaats names repeat across provinces). Such a location
   gets a gemeente but no PC4 and no coordinates: a woonplaats has no single postcode, and a
   made-up point (e.g. the gemeente's centre, up to 25 km off in Rotterdam) would distort
   distances. It counts in gemeente-based regions, not in PC4-defined ones nor on the map.
3. ``gemeente_name``: a location in no snapshot that the place name did not place (or that
   has no enrollment data, e.g. exam-only locations) and whose DUO exam file gives its
   gemeente by name (``GEMEENTENAAM``): that name resolved to the current code with CBS
   Gebieden in Nederland plus the packaged former names (mergers). No PC4, as in 2.
4. ``unplaced``: none of these; the location counts in NL totals only and is listed with
   its pupils by ``kansrijk status``.

The table is rebuilt inside every load transaction (and when an older warehouse is
migrated), so it always matches the loaded data.
"""

from __future__ import annotations

import duckdb

from kansrijk.regions import GemeenteNames, fold_name

#: The derived table (not a reader's canonical table).
LOCATION_PLACE_DDL = """
CREATE TABLE IF NOT EXISTS location_place (
    year INTEGER NOT NULL,
    loc_code VARCHAR NOT NULL,
    gemeente_code VARCHAR,      -- current code; NULL when unplaced
    pc4 VARCHAR,                -- NULL unless placed by a locations file
    placed_by VARCHAR NOT NULL, -- 'locations_file' | 'place_name' | 'unplaced'
    source_year INTEGER,        -- year of the locations snapshot or woonplaatsen table used
    place VARCHAR,
    province VARCHAR
)
"""

PLACED_BY = ("locations_file", "place_name", "gemeente_name", "unplaced")

#: Province names that differ between DUO and CBS (folded).
_PROVINCE_ALIASES = {"fryslan": "friesland"}

#: Province abbreviations DUO appends to ambiguous place names (folded).
_PROVINCE_SUFFIXES = frozenset(
    {
        "zh",
        "nh",
        "ov",
        "gld",
        "gl",
        "gd",
        "lb",
        "l",
        "nb",
        "fr",
        "gr",
        "gn",
        "dr",
        "ut",
        "u",
        "zl",
        "z",
        "fl",
        "fle",
    }
)

_FACTS = """
SELECT DISTINCT year, loc_code FROM vo_enrollment
UNION SELECT DISTINCT year, loc_code FROM vo_exam
UNION SELECT DISTINCT year, loc_code FROM vo_exam_result
"""


def _province_key(name: str | None) -> str:
    key = fold_name(name or "")
    return _PROVINCE_ALIASES.get(key, key)


def rebuild_placement(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute ``location_place`` from the loaded tables (call inside a transaction)."""
    con.execute(LOCATION_PLACE_DDL)
    con.execute("DELETE FROM location_place")
    con.execute(
        f"""
        INSERT INTO location_place
        WITH facts AS ({_FACTS}),
        ranked AS (
            SELECT f.year, f.loc_code, l.gemeente_code, l.pc4, l.year AS source_year, l.place,
                   l.province,
                   row_number() OVER (PARTITION BY f.year, f.loc_code
                                      ORDER BY abs(l.year - f.year), l.year DESC) AS rn
            FROM facts f JOIN location l ON l.loc_code = f.loc_code
        )
        SELECT year, loc_code, gemeente_code, pc4, 'locations_file', source_year, place, province
        FROM ranked WHERE rn = 1
        """
    )
    missing = con.execute(
        f"""
        WITH facts AS ({_FACTS}),
        ey AS (SELECT year, loc_code, any_value(place) AS place, any_value(province) AS province
               FROM vo_enrollment WHERE place IS NOT NULL GROUP BY year, loc_code),
        e AS (SELECT loc_code, arg_max(place, year) AS place, arg_max(province, year) AS province
              FROM ey GROUP BY loc_code)
        SELECT f.year, f.loc_code,
               CASE WHEN ey.place IS NULL THEN e.place ELSE ey.place END,
               CASE WHEN ey.place IS NULL THEN e.province ELSE ey.province END
        FROM facts f
        LEFT JOIN ey ON ey.year = f.year AND ey.loc_code = f.loc_code
        LEFT JOIN e ON e.loc_code = f.loc_code
        WHERE NOT EXISTS (SELECT 1 FROM location l WHERE l.loc_code = f.loc_code)
        ORDER BY f.loc_code, f.year
        """
    ).fetchall()
    if not missing:
        return
    woon_year, towns = _woonplaatsen(con)
    provinces = _gemeente_provinces(con)
    exam_names = _exam_gemeente_names(con)
    names = _gemeente_names(con)
    rows = []
    for year, loc, place, province in missing:
        gm = _by_place_name(place, province, towns, provinces) if towns else None
        how, source_year = ("place_name", woon_year) if gm else ("unplaced", None)
        if gm is None and names is not None:
            printed = exam_names.get((year, loc)) or exam_names.get((None, loc))
            gm = names.code_for(printed) if printed else None
            if gm:
                how, source_year = "gemeente_name", year
        rows.append((year, loc, gm, None, how, source_year, place, province))
    # one bulk insert: executemany costs about 3 ms a row (16,000 locations of a 10x file)
    import pyarrow as pa

    columns = [
        "year",
        "loc_code",
        "gemeente_code",
        "pc4",
        "placed_by",
        "source_year",
        "place",
        "province",
    ]
    types = {"year": pa.int32(), "source_year": pa.int32()}
    placed = pa.table(
        {
            c: pa.array([r[i] for r in rows], types.get(c, pa.string()))
            for i, c in enumerate(columns)
        }
    )
    con.register("_placed", placed)
    try:
        con.execute(f"INSERT INTO location_place SELECT {', '.join(columns)} FROM _placed")
    finally:
        con.unregister("_placed")


def _exam_gemeente_names(con: duckdb.DuckDBPyConnection) -> dict[tuple[int | None, str], str]:
    """(year, loc) and (None, loc) -> the gemeente name DUO's exam file prints (newest)."""
    out: dict[tuple[int | None, str], str] = {}
    for year, loc, name in con.execute(
        "SELECT year, loc_code, any_value(gemeente_name_source) FROM vo_exam "
        "WHERE gemeente_name_source IS NOT NULL AND gemeente_name_source <> '' "
        "GROUP BY year, loc_code ORDER BY year"
    ).fetchall():
        out[(int(year), str(loc))] = str(name)
        out[(None, str(loc))] = str(name)  # ordered by year: the newest wins
    return out


def _gemeente_names(con: duckdb.DuckDBPyConnection) -> GemeenteNames | None:
    """Current gemeente names (newest CBS Gebieden year) with former names; None without."""
    rows = con.execute(
        "SELECT code, name FROM region WHERE level = 'gemeente' AND year = "
        "(SELECT max(year) FROM region)"
    ).fetchall()
    return GemeenteNames({str(c): str(n) for c, n in rows}) if rows else None


def _woonplaatsen(con: duckdb.DuckDBPyConnection) -> tuple[int | None, dict[str, set[str]]]:
    """(year, folded woonplaats name -> current gemeente codes) of the newest table."""
    newest = con.execute("SELECT max(year) FROM woonplaats").fetchone()
    year = newest[0] if newest else None
    towns: dict[str, set[str]] = {}
    if year is None:
        return None, towns
    for name, gm in con.execute(
        "SELECT name, gemeente_code FROM woonplaats WHERE year = ?", [year]
    ).fetchall():
        towns.setdefault(fold_name(str(name)), set()).add(str(gm))
    return int(year), towns


def _gemeente_provinces(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Current gemeente code -> folded province name (newest CBS Gebieden year)."""
    rows = con.execute(
        """
        SELECT m.child, r.name FROM region_member m
        JOIN region r ON r.code = m.parent AND r.year = m.year
        WHERE r.level = 'provincie' AND m.year = (SELECT max(year) FROM region)
        """
    ).fetchall()
    return {str(gm): _province_key(str(name)) for gm, name in rows}


def _by_place_name(
    place: str | None,
    province: str | None,
    towns: dict[str, set[str]],
    provinces: dict[str, str],
) -> str | None:
    """The one gemeente a place name (in a province) lies in, or None."""
    if not place:
        return None
    key = fold_name(place)
    candidates = towns.get(key, set())
    words = key.split()
    if not candidates and len(words) > 1 and words[-1] in _PROVINCE_SUFFIXES:
        candidates = towns.get(" ".join(words[:-1]), set())  # DUO: 'RIJSWIJK ZH', 'HENGELO OV'
    if province and provinces:
        key = _province_key(province)
        candidates = {gm for gm in candidates if provinces.get(gm) == key}
    return next(iter(candidates)) if len(candidates) == 1 else None
