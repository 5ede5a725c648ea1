from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from tests.conftest import ENROLLMENT_2019, FIXTURES, SHARED_DATA, require_real_data

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError, UnknownCodeError
from kansrijk.sources import ReadContext, detect
from kansrijk.sources.duo_vo_enrollment import DuoVoEnrollmentReader

DUO = FIXTURES / "duo"
READER = DuoVoEnrollmentReader()
ENROLLMENT_2016 = (
    SHARED_DATA / "duo-earlier" / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv"
)
BKG_TYPES = {"VMBO BL lj 3-4", "VMBO KL lj 3-4", "VMBO GL lj 3-4"}
SEXES = ("MAN", "VROUW")


def test_2019_layout_latin1() -> None:
    res = READER.read(DUO / "enrollment-fictief-2019.csv", ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    assert res.years == (2019,)
    pie = duckdb.sql(
        "SELECT sum(count) FROM t WHERE loc_code = '99XA00' AND profile = 'PIE'"
    ).fetchall()[0]
    assert pie == (23,)
    assert duckdb.sql("SELECT DISTINCT loc_name FROM t WHERE loc_code = '99XA00'").fetchall()[
        0
    ] == ("Fictief Collège Havenstad",)
    lwt = duckdb.sql("SELECT DISTINCT track, lwoo, lwt, ent FROM t WHERE profile = 'ZW'").fetchall()
    assert lwt == [("vmbo_kb", True, True, False)]
    route = duckdb.sql(
        "SELECT profile, route, sum(count) FROM t WHERE route IS NOT NULL GROUP BY ALL"
    ).fetchall()
    assert route == [(None, "techniek", 3)]
    assert duckdb.sql("SELECT DISTINCT profile FROM t WHERE track = 'havo'").fetchall() == [
        ("NT/NG",)
    ]
    assert duckdb.sql("SELECT count(*) FROM t WHERE count = 0").fetchall()[0] == (0,)


def test_newer_layout_utf8_bom_quoted_masked_renamed_columns() -> None:
    path = DUO / "enrollment-fictief-2023.csv"
    assert detect(path).info.name == "duo_vo_enrollment"
    res = READER.read(path, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    assert res.years == (2023,)
    masked = duckdb.sql(
        "SELECT loc_code, profile, grade, sex FROM t WHERE masked ORDER BY ALL"
    ).fetchall()
    # every 1-4 count of the fixture is '<5' there: NULL and masked, never 0
    assert ("99XA00", "PIE", 3, "f") in masked
    assert duckdb.sql("SELECT count(*) FROM t WHERE masked AND count IS NOT NULL").fetchall()[
        0
    ] == (0,)
    assert duckdb.sql("SELECT sum(count) FROM t WHERE profile = 'PIE'").fetchall()[0] == (22,)


def test_truncated_file_names_file_and_line() -> None:
    with pytest.raises(TruncatedFileError) as err:
        READER.read(DUO / "enrollment-truncated-2019.csv", ReadContext())
    assert "enrollment-truncated-2019.csv, line 10" in str(err.value)
    assert "expected 22" in str(err.value)


def test_unknown_profile_names_file_line_column() -> None:
    with pytest.raises(UnknownCodeError) as err:
        READER.read(DUO / "enrollment-unknown-profile-2019.csv", ReadContext())
    msg = str(err.value)
    assert "enrollment-unknown-profile-2019.csv, line 3, column 'AFDELING'" in msg
    assert "'Bakken en braden'" in msg
    assert "Produceren, installeren en energie" in msg


def test_missing_column(tmp_path: Path) -> None:
    src = (DUO / "enrollment-fictief-2019.csv").read_text(encoding="latin-1")
    bad = tmp_path / "leerlingen-2019.csv"
    bad.write_text(src.replace("AFDELING;", "AFD;", 1), encoding="latin-1")
    with pytest.raises(MissingColumnError, match=r"missing column.*'AFDELING'"):
        READER.read(bad, ReadContext())


def test_no_year_in_name_asks_for_year(tmp_path: Path) -> None:
    f = tmp_path / "leerlingen.csv"
    f.write_bytes((DUO / "enrollment-fictief-2019.csv").read_bytes())
    with pytest.raises(ValueError, match=r"--year YEAR"):
        READER.read(f, ReadContext())
    assert READER.read(f, ReadContext(year=2020)).years == (2020,)


@pytest.mark.realdata
def test_real_2019_file_against_independent_count() -> None:
    require_real_data()
    locs: set[str] = set()
    total = 0
    with ENROLLMENT_2019.open(encoding="latin-1") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"] in {
                "VMBO BL lj 3-4",
                "VMBO KL lj 3-4",
                "VMBO GL lj 3-4",
            }:
                n = sum(
                    int(r[f"LEER- OF VERBLIJFSJAAR {j} - {s}"])
                    for j in (3, 4)
                    for s in ("MAN", "VROUW")
                )
                total += n
                if n:
                    locs.add(r["BRIN NUMMER"] + r["VESTIGINGSNUMMER"])
    res = READER.read(ENROLLMENT_2019, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    got = duckdb.sql(
        "SELECT count(DISTINCT loc_code), sum(count) FROM t "
        "WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
    ).fetchall()[0]
    assert got == (len(locs), total) == (574, 119243)
    assert duckdb.sql(
        "SELECT count(*) FROM t WHERE track IN ('vmbo_bb','vmbo_kb','vmbo_gl') "
        "AND profile IS NULL AND route IS NULL"
    ).fetchall()[0] == (0,)


# -- the 2016 layout (LWOO INDICATIE, unpadded vestiging, old afdelingen) ----------------

FIXTURE_2016 = DUO / "leerlingen-vo-per-vestiging-fictief-2016-2017.csv"


def test_2016_layout_year_codes_and_types() -> None:
    assert detect(FIXTURE_2016).info.name == "duo_vo_enrollment"
    res = READER.read(FIXTURE_2016, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    assert res.years == (2016,)  # '...-2016-2017.csv' is peildatum 1 October 2016
    assert duckdb.sql("SELECT DISTINCT loc_code FROM t ORDER BY 1").fetchall() == [
        ("99XB00",),
        ("99XB07",),
    ]
    # VMBO-MBO2 lj 3-6 is outside the tracks: never among the BB/KB/GL pupils
    assert duckdb.sql(
        "SELECT track, grade, sum(count) FROM t WHERE education_type = 'VMBO-MBO2 lj 3-6' "
        "GROUP BY ALL"
    ).fetchall() == [(None, 5, 3)]
    assert duckdb.sql("SELECT DISTINCT province FROM t").fetchall() == [("Zuid-Holland",)]
    assert duckdb.sql("SELECT DISTINCT loc_name FROM t WHERE loc_code = '99XB00'").fetchall() == [
        ("Fictieve Scholengemeenschap Oudé",)
    ]


def test_2016_old_afdelingen_mapped_through_the_crosswalk() -> None:
    res = READER.read(FIXTURE_2016, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    got = duckdb.sql(
        "SELECT afdeling, coalesce(sector, '-'), coalesce(profile, '-'), profile_mapped, "
        "coalesce(old_category, '-'), sum(count) FROM t "
        "WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') GROUP BY ALL ORDER BY 1, 2"
    ).fetchall()
    assert got == [
        ("Bouwen, wonen en interieur", "techniek", "BWI", False, "-", 11),
        ("Bouwtechniek", "techniek", "BWI", True, "-", 8),
        ("ICT -route", "intersectoraal", "MVI", True, "-", 9),
        ("Techniek & Commercie", "intersectoraal", "-", True, "techniek_intersectoraal", 6),
        ("Techniek Breed -ISP", "techniek", "-", True, "techniek_breed", 7),
        ("Technologie Orientatie", "economie", "-", True, "intersectoraal", 10),
        ("Technologie Orientatie", "techniek", "-", True, "techniek_intersectoraal", 5),
        ("Verzorging", "zorg_welzijn", "ZW", True, "-", 13),
        ("Zorg en welzijn", "zorg_welzijn", "ZW", False, "-", 13),
    ]
    # LWOO from LWOO INDICATIE, LWT from the old programme name
    flags = duckdb.sql(
        "SELECT afdeling, lwoo, lwt FROM t WHERE afdeling IN ('Bouwtechniek', "
        "'Bouwen, wonen en interieur') GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert flags == [("Bouwen, wonen en interieur", True, False), ("Bouwtechniek", False, True)]


def test_unknown_old_afdeling_lists_profiles_and_old_afdelingen(tmp_path: Path) -> None:
    src = FIXTURE_2016.read_bytes().replace(b"Techniek Breed -ISP", b"Techniek Heel Breed")
    bad = tmp_path / "leerlingen-2016-2017.csv"
    bad.write_bytes(src)
    with pytest.raises(UnknownCodeError) as err:
        READER.read(bad, ReadContext())
    msg = str(err.value)
    assert "line 5, column 'AFDELING'" in msg
    assert "'Techniek Heel Breed'" in msg
    assert "Bouwtechniek" in msg and "Produceren, installeren en energie" in msg


def test_a_column_of_no_seen_layout_is_named(tmp_path: Path) -> None:
    src = FIXTURE_2016.read_text(encoding="latin-1")
    bad = tmp_path / "leerlingen-2025-2026.csv"
    bad.write_text(src.replace("LWOO INDICATIE", "LEERLINGGEWICHT", 1), encoding="latin-1")
    with pytest.raises(InputError) as err:
        READER.read(bad, ReadContext())
    msg = str(err.value)
    assert "leerlingen-2025-2026.csv, line 1, column 'LEERLINGGEWICHT'" in msg
    assert "no layout of this dataset seen so far" in msg


@pytest.mark.realdata
def test_2016_real_file_bkg_pupils_per_location_equal_csv_count() -> None:
    """Every location's vmbo BB/KB/GL leerjaar 3-4 pupils, counted with the csv module."""
    require_real_data()
    path = ENROLLMENT_2016
    if not path.exists():
        pytest.skip(f"{path} not found")
    expected: dict[str, int] = {}
    with path.open(encoding="latin-1", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter=";"):
            if rec["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"] not in BKG_TYPES:
                continue
            code = rec["BRIN NUMMER"] + rec["VESTIGINGSNUMMER"].zfill(2)
            n = sum(int(rec[f"LEER- OF VERBLIJFSJAAR {g} - {s}"]) for g in (3, 4) for s in SEXES)
            expected[code] = expected.get(code, 0) + n
    res = READER.read(path, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    got = dict(
        duckdb.sql(
            "SELECT loc_code, sum(count)::INTEGER FROM t WHERE track IN "
            "('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4) GROUP BY 1"
        ).fetchall()
    )
    assert res.years == (2016,)
    assert {k: v for k, v in expected.items() if v} == got
    assert sum(got.values()) == sum(expected.values())
