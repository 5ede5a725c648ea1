"""CBS Gebieden in Nederland -> region, region_member, population (gemeente)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.cbs_regions import CbsRegionsReader, gemeente_names
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.registry import detect, sniff
from kansrijk.sources.result import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data" / "cbs"
FIXTURE = DATA / "gebieden-in-nederland-fictief-2024.csv"
TRUNCATED = DATA / "gebieden-in-nederland-fictief-afgebroken-2024.csv"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cbs"
REAL_FILE = REAL / "gebieden-in-nederland-2024.csv"


def read(path: Path, context: ReadContext | None = None) -> ReadResult:
    result = CbsRegionsReader().read(path, context or ReadContext())
    assert result.dataset.name == "cbs_gebieden"
    for name, table in result.tables.items():
        assert table.schema == arrow_schema(name)
    return result


def rows(table: pa.Table, **where: object) -> list[dict[str, Any]]:
    return [r for r in table.to_pylist() if all(r[k] == v for k, v in where.items())]


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8-sig")


def write(tmp_path: Path, text: str, name: str = "gebieden-in-nederland-2024.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


# --- fixtures -------------------------------------------------------------------------


def test_regions_levels_and_names() -> None:
    result = read(FIXTURE)
    assert result.years == (2024,)
    region = result.tables["region"]
    levels = {r["code"]: (r["level"], r["name"]) for r in region.to_pylist()}
    assert levels["NL00"] == ("nl", "Nederland")
    assert levels["PV98"] == ("provincie", "Fictieland")
    assert levels["CR99"] == ("corop", "Verzonnen-Zuid")
    assert levels["AM98"] == ("arbeidsmarktregio", "Fictieve Arbeidsregio")
    assert levels["GM9904"] == ("gemeente", "'t Droomveld")  # padding stripped
    # AR is the arrondissement in this file, not the arbeidsmarktregio: not read
    assert "AR98" not in levels
    assert len(levels) == 1 + 2 + 2 + 2 + 4


def test_members_nl_and_parents() -> None:
    members = read(FIXTURE).tables["region_member"]
    parents: dict[str, set[str]] = {}
    for r in members.to_pylist():
        parents.setdefault(r["child"], set()).add(r["parent"])
    assert parents["GM9901"] == {"NL00", "PV98", "CR98", "AM98"}
    assert parents["GM9903"] == {"NL00", "PV99", "CR99", "AM99"}
    assert len(rows(members, parent="NL00")) == 4
    assert members.num_rows == 16


def test_population_from_inwonertal() -> None:
    population = read(FIXTURE).tables["population"]
    row = rows(population, area_code="GM9902")[0]
    assert row == {
        "dataset": "cbs_gebieden",
        "year": 2024,
        "area_level": "gemeente",
        "area_code": "GM9902",
        "age_band": "total",
        "age_min": 0,
        "age_max": None,
        "sex": "all",
        "count": 67890.0,
        "masked": False,
    }
    assert sum(population.column("count").to_pylist()) == 12345 + 67890 + 2500 + 880


def test_gemeente_names_resolver() -> None:
    names = gemeente_names(read(FIXTURE))
    assert names.code_for("Fictiefdorp") == "GM9901"
    assert names.code_for("T DROOMVELD") == "GM9904"
    assert names.code_for("Hellevoetsluis") == "GM1992"  # packaged former names


def test_matches_and_detect() -> None:
    s = sniff(FIXTURE)
    assert CbsRegionsReader().matches(s)
    assert detect(FIXTURE).info.name == "cbs_gebieden"
    assert not CbsRegionsReader().matches(Sniff(FIXTURE, ".csv", ("POSTCODE", "LEEFTIJD")))


def test_year_from_context_else_error(tmp_path: Path) -> None:
    path = write(tmp_path, fixture_text(), "gebieden.csv")
    assert read(path, ReadContext(year=2023)).years == (2023,)
    with pytest.raises(InputError, match="year"):
        read(path)


def test_truncated_file_names_file_and_line() -> None:
    with pytest.raises(TruncatedFileError) as err:
        read(TRUNCATED)
    assert err.value.line == 5
    assert TRUNCATED.name in str(err.value)


def test_missing_inwonertal_column(tmp_path: Path) -> None:
    text = fixture_text().replace("Inwonertal_54", "Bevolking_54")
    with pytest.raises(MissingColumnError, match="Inwonertal"):
        read(write(tmp_path, text))


def test_missing_provincie_column(tmp_path: Path) -> None:
    lines = fixture_text().splitlines()
    out = []
    for line in lines:
        fields = line.split(";")
        del fields[27:29]  # Code_26 / Naam_27: the provincie
        out.append(";".join(fields))
    with pytest.raises(MissingColumnError, match="provincie"):
        read(write(tmp_path, "\n".join(out) + "\n"))


def test_gemeente_without_corop_is_an_error(tmp_path: Path) -> None:
    text = fixture_text().replace("CR99      ;Verzonnen-Zuid", "          ;Verzonnen-Zuid", 1)
    with pytest.raises(InputError, match="exactly one COROP") as err:
        read(write(tmp_path, text))
    assert err.value.line == 2
    assert err.value.column == "CODE_8"


def test_inconsistent_region_name(tmp_path: Path) -> None:
    text = fixture_text()
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    changed = last.replace(
        "Fictieland                                        ", "Anders" + " " * 44
    )
    with pytest.raises(InputError, match="Fictieland"):
        read(write(tmp_path, text.replace(last, changed)))


def test_merged_gemeente_population_under_current_code(tmp_path: Path) -> None:
    # a release from before a merger: an old code is stored under its successor's code
    text = fixture_text().replace("GM9904", "GM0530")
    result = read(write(tmp_path, text, "gebieden-in-nederland-2022.csv"))
    assert rows(result.tables["region"], code="GM0530")  # the hierarchy as printed
    assert rows(result.tables["population"], area_code="GM1992")[0]["count"] == 880
    assert any("GM0530->GM1992" in n for n in result.notes)


# --- real file ------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_gebieden_2024() -> None:
    if not REAL_FILE.exists():
        pytest.skip(f"real data not available at {REAL_FILE}")
    with REAL_FILE.open(encoding="utf-8-sig", newline="") as fh:
        raw = [{k: v.strip() for k, v in r.items()} for r in csv.DictReader(fh, delimiter=";")]
    by_gm = {r["RegioS"]: r for r in raw}
    result = read(REAL_FILE)
    region = result.tables["region"].to_pylist()
    count = {
        lvl: sum(1 for r in region if r["level"] == lvl) for lvl in {r["level"] for r in region}
    }
    assert count == {
        "nl": 1,
        "gemeente": len(by_gm),
        "provincie": len({r["Code_26"] for r in raw}),
        "corop": len({r["Code_8"] for r in raw}),
        "arbeidsmarktregio": len({r["Code_4"] for r in raw}),
    }
    assert (count["gemeente"], count["provincie"], count["corop"]) == (342, 12, 40)
    assert count["arbeidsmarktregio"] == 35
    parents = {
        r["parent"] for r in result.tables["region_member"].to_pylist() if r["child"] == "GM0599"
    }
    rotterdam = by_gm["GM0599"]
    assert parents == {"NL00", rotterdam["Code_26"], rotterdam["Code_8"], rotterdam["Code_4"]}
    assert parents == {"NL00", "PV28", "CR29", "AM22"}
    population = result.tables["population"]
    assert sum(population.column("count").to_pylist()) == sum(int(r["Inwonertal_54"]) for r in raw)
    assert rows(population, area_code="GM0599")[0]["count"] == int(rotterdam["Inwonertal_54"])
    names = gemeente_names(result)
    assert names.code_for("Voorne aan Zee") == "GM1992"
    assert names.code_for("Rotterdam") == "GM0599"
