"""The five DUO mbo readers on fixtures we wrote in DUO's documented layout.

No real copy of these files was available: the fixtures follow the column lists recorded
from DUO's CKAN portal (see the readers' docstrings) and add the ugly cases: ``<5`` masks,
quoted fields with ``;`` inside, a UTF-8 BOM, cp1252/latin-1, renamed columns. Expected
figures are computed here with Python's ``csv`` module over the raw files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kansrijk.errors import InputError, MissingColumnError, UnknownCodeError
from kansrijk.regions import GemeenteNames
from kansrijk.sources import detect
from kansrijk.sources.duo_mbo_addresses import DuoMboAddressesReader
from kansrijk.sources.duo_mbo_diplomas import DuoMboDiplomasReader
from kansrijk.sources.duo_mbo_entrants import DuoMboEntrantsReader
from kansrijk.sources.duo_mbo_students import DuoMboStudentsReader
from kansrijk.sources.duo_mbo_students_home import DuoMboStudentsHomeReader
from kansrijk.sources.reader import ReadContext
from kansrijk.warehouse import Warehouse

DATA = Path(__file__).parent.parent / "data" / "duo_mbo"
STUDENTS = DATA / (
    "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-"
    "opleiding-niv.csv"
)
DIPLOMAS = DATA / "2020-2024-gediplomeerden.csv"
HOME = DATA / (
    "2021-2025-sectorkamer03-studenten-per-sectorkamer-leerweg-niveau-woongemeente-"
    "woonprovincie.csv"
)
HOME_RENAMED = DATA / "sectorkamer03-renamed-2025.csv"
ENTRANTS = DATA / (
    "2024-nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-"
    "soorten-inst.csv"
)
ADDRESSES = DATA / "instellingenmbo-2025.csv"
NAMES = GemeenteNames({"GM0599": "Rotterdam", "GM0518": "'s-Gravenhage", "GM1892": "Zoetermeer"})


def raw(path: Path, encoding: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding)), delimiter=";"))


def cell(value: str) -> int:
    return 0 if value.startswith("<") or not value else int(value)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (STUDENTS, "duo_mbo_students"),
        (DIPLOMAS, "duo_mbo_diplomas"),
        (HOME, "duo_mbo_students_home"),
        (HOME_RENAMED, "duo_mbo_students_home"),
        (ENTRANTS, "duo_mbo_entrants"),
        (ADDRESSES, "duo_mbo_addresses"),
    ],
)
def test_detect(path: Path, name: str) -> None:
    assert detect(path).info.name == name


def test_students_counts_per_year_and_sex_match_the_file() -> None:
    result = DuoMboStudentsReader().read(STUDENTS, ReadContext())
    t = result.tables["mbo_student"].to_pylist()
    assert result.years == (2023, 2024)
    src = raw(STUDENTS, "utf-8-sig")
    for year in (2023, 2024):
        for sex, col in (("m", f"MAN{year}"), ("f", f"VROUW{year}")):
            expected = sum(cell(r[col]) for r in src)
            got = sum(r["count"] or 0 for r in t if r["year"] == year and r["sex"] == sex)
            assert got == expected
    masked = [r for r in t if r["masked"]]
    assert {(r["brin"], r["year"], r["sex"], r["crebo"]) for r in masked} == {
        ("99AA", 2024, "f", "25570"),
        ("99AB", 2023, "m", "25280"),
    }
    assert all(r["count"] is None for r in masked)
    ict = next(r for r in t if r["crebo"] == "25604")
    assert ict["programme"] == "Software developer; applicatieontwikkeling"  # quoted ';'
    assert ict["sectorkamer"] == "ICT" and ict["level"] == 4 and ict["leerweg"] == "bol"
    assert {r["sectorkamer"] for r in t} == {"TGO", "MLT", "ICT", "ZWS", "HHV", "ENTREE"}
    assert {r["leerweg"] for r in t if r["brin"] == "99AB"} == {"bol"}  # BOL-DT is BOL
    assert not any(r["count"] == 0 for r in t)  # zero cells are not stored


def test_students_year_option_keeps_one_year() -> None:
    t = DuoMboStudentsReader().read(STUDENTS, ReadContext(year=2023)).tables["mbo_student"]
    assert set(t.column("year").to_pylist()) == {2023}
    with pytest.raises(InputError, match="--year 2019 is not in this file; it has 2023, 2024"):
        DuoMboStudentsReader().read(STUDENTS, ReadContext(year=2019))


def test_diplomas_quoted_cp1252_file() -> None:
    result = DuoMboDiplomasReader().read(DIPLOMAS, ReadContext())
    t = result.tables["mbo_diploma"].to_pylist()
    src = raw(DIPLOMAS, "cp1252")
    for year in (2023, 2024):
        expected = sum(cell(r[f"DIPMAN{year}"]) + cell(r[f"DIPVROUW{year}"]) for r in src)
        assert sum(r["count"] or 0 for r in t if r["year"] == year) == expected
    assert sum(1 for r in t if r["masked"]) == 2
    tech_2024 = sum(
        r["count"] or 0 for r in t if r["year"] == 2024 and r["sectorkamer"] in {"TGO", "MLT"}
    )
    assert tech_2024 == 35 + 5 + 14 + 3


def test_students_home_resolves_names_and_reports_unknown() -> None:
    result = DuoMboStudentsHomeReader().read(HOME, ReadContext(gemeente_names=NAMES))
    t = result.tables["mbo_student_home"].to_pylist()
    src = raw(HOME, "latin-1")
    for year in (2023, 2024):
        assert sum(r["count"] or 0 for r in t if r["year"] == year) == sum(
            cell(r[f"JAAR_{year}"]) for r in src
        )
    rdam = [r for r in t if r["gemeente_code"] == "GM0599" and r["year"] == 2024]
    assert sum(r["count"] for r in rdam) == 225 + 101 + 66 + 99 + 410 + 58
    assert {r["gemeente_code"] for r in t if r["gemeente_name_source"] == "'s-Gravenhage"} == {
        "GM0518"
    }
    abroad = [r for r in t if r["gemeente_name_source"] == "Buitenland"]
    assert abroad and all(r["gemeente_code"] is None for r in abroad)
    assert "'Buitenland' (1 rows)" in result.notes[0]
    masked = [r for r in t if r["masked"]]
    assert {(r["gemeente_code"], r["year"]) for r in masked} == {("GM0518", 2023), (None, 2024)}


def test_students_home_renamed_columns() -> None:
    result = DuoMboStudentsHomeReader().read(HOME_RENAMED, ReadContext(gemeente_names=NAMES))
    t = result.tables["mbo_student_home"].to_pylist()
    assert result.years == (2025,)
    assert [(r["gemeente_code"], r["sectorkamer"], r["level"], r["count"]) for r in t] == [
        ("GM0599", "TGO", 4, 230),
        ("GM0599", "ZWS", 3, 420),
    ]


def test_students_home_needs_gemeente_names() -> None:
    with pytest.raises(InputError, match="CBS 'Gebieden in Nederland' must be ingested"):
        DuoMboStudentsHomeReader().read(HOME, ReadContext())


def test_entrants_long_format() -> None:
    result = DuoMboEntrantsReader().read(ENTRANTS, ReadContext())
    t = result.tables["mbo_entrant"].to_pylist()
    assert result.years == (2024,)
    src = raw(ENTRANTS, "utf-8")
    assert sum(r["count"] or 0 for r in t) == sum(cell(r["AANTAL"]) for r in src)
    new = sum(r["count"] or 0 for r in t if r["new_to_mbo"])
    assert new == sum(cell(r["AANTAL"]) for r in src if r["INSTROOM MBO"] == "J")
    switcher = next(r for r in t if r["new_to_mbo"] is False)
    assert (switcher["crebo"], switcher["prior_mbo"], switcher["count"]) == ("25480", "MBO 2", 9)
    assert next(r for r in t if r["brin"] == "99AB")["masked"] is True
    assert all(r["sectorkamer"] is None and r["sex"] is None for r in t)


def test_addresses_keep_every_row_with_pc4() -> None:
    result = DuoMboAddressesReader().read(ADDRESSES, ReadContext())
    t = result.tables["mbo_location"].to_pylist()
    assert [(r["mbo_code"], r["pc4"], r["gemeente_code"], r["kind"]) for r in t] == [
        ("99AA", "3083", "GM0599", "Regionaal opleidingencentrum"),
        ("99AB", "3111", "GM0606", "Vakinstelling"),
        ("99AA-2", "3035", "GM0599", "Regionaal opleidingencentrum"),
    ]
    assert t[1]["street"] == "Havenweg; ingang B"
    assert t[0]["postcode"] == "3083CW" and result.years == (2025,)


def test_unknown_sectorkamer_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "mbo-03-2024.csv"
    text = STUDENTS.read_text("utf-8-sig").replace("Handel;Retail", "Ruimtevaart;Retail")
    bad.write_text(text, "utf-8")
    with pytest.raises(UnknownCodeError) as err:
        DuoMboStudentsReader().read(bad, ReadContext())
    assert err.value.line == 7 and err.value.column == "SECTORKAMER NAAM"
    assert "unknown sectorkamer 'Ruimtevaart'" in str(err.value)


def test_bad_leerweg_and_missing_column(tmp_path: Path) -> None:
    bad = tmp_path / "instroom-2024.csv"
    bad.write_text(ENTRANTS.read_text("utf-8").replace(";BBL;", ";XYZ;"), "utf-8")
    with pytest.raises(UnknownCodeError, match="unknown leerweg 'XYZ'"):
        DuoMboEntrantsReader().read(bad, ReadContext())
    cut = tmp_path / "gediplomeerden-2024.csv"
    cut.write_text(DIPLOMAS.read_text("cp1252").replace('"SECTORKAMER NAAM"', '"SECTOR"'), "utf-8")
    with pytest.raises(MissingColumnError, match="'SECTORKAMER NAAM'"):
        DuoMboDiplomasReader().read(cut, ReadContext())


def test_load_into_warehouse_and_reload_is_noop(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "wh.duckdb") as wh:
        results = [
            DuoMboAddressesReader().read(ADDRESSES, ReadContext()),
            DuoMboStudentsReader().read(STUDENTS, ReadContext()),
            DuoMboEntrantsReader().read(ENTRANTS, ReadContext()),
        ]
        wh.load(results)
        n = wh.query("SELECT count(*) FROM mbo_student")[0][0]
        wh.load([DuoMboStudentsReader().read(STUDENTS, ReadContext())])
        assert wh.query("SELECT count(*) FROM mbo_student")[0][0] == n
        assert wh.query("SELECT count(*) FROM mbo_location")[0][0] == 3
