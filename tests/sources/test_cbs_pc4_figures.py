"""CBS Kerncijfers per postcode (PC4, xlsx) -> population + area_figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from openpyxl import Workbook, load_workbook

from kansrijk.errors import InputError, MissingColumnError
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.cbs_pc4_figures import CbsPc4KeyFiguresReader, age_class, sniff_xlsx
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.registry import detect
from kansrijk.sources.result import ReadResult

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cbs"
REAL_FILE = REAL / "kerncijfers-pc4-2024.xlsx"
M = -99997  # CBS: '0 - 4 / geheim'

GROUPS = [None, "Inwoners", *[None] * 12, "Huishouden", *[None] * 5, "Woning", *[None] * 13]
GROUPS += ["Sociale Zekerheid", "Dichtheid", None]
SUBGROUPS = [None, "Totaal", "Geslacht", None, "Leeftijdklassen", *[None] * 4, "Herkomst"]
SUBGROUPS += [None] * 4 + ["Totaal", "Samenstelling", None, None, None, "Grootte", "Totaal"]
SUBGROUPS += ["Bouwperiode", *[None] * 7, "Type", None, "Eigendom", None, "In gebruik"]
SUBGROUPS += ["Totaal uitkeringen", "Omgevingsadressendichtheid", "Stedelijkheid"]
LABELS: list[str | None] = ["Postcode-4", "Totaal", "Man", "Vrouw", "tot 15 jaar", "15 tot 25 jaar"]
LABELS += ["25 tot 45 jaar", "45 tot 65 jaar", "65 jaar en ouder"]
LABELS += [
    "Geboren in Nederland met een Nederlandse herkomst",
    "Geboren in Nederland met een Europese herkomst (excl. Nederland)",
    "Geboren in Nederland met herkomst buiten Europa",
    "Geboren buiten Nederland met een Europese herkomst (excl. Nederland)",
    "Geboren buiten Nederland met een herkomst buiten Europa",
]
LABELS += ["Totaal", "Eenpersoons", "Meerpersoons \nzonder kinderen", "Eenouder", "Tweeouder"]
LABELS += ["Huishoudgrootte", "Totaal", "voor 1945", "1945 tot 1965", "1965 tot 1975"]
LABELS += ["1975 tot 1985", "1985 tot 1995", "1995 tot 2005", "2005 tot 2015", "2015 en later"]
LABELS += ["Meergezins", "Koopwoning", "Huurwoning", "Huurcoporatie", "Niet bewoond"]
LABELS += ["Personen met WW, Bijstand en/of AO uitkering\nBeneden AOW-leeftijd", None, None]
UNITS = ["Code", *["x1"] * 8, *["%"] * 5, *["x1"] * 16, "%", "%", "x1", "x1", "x1"]
UNITS += ["adressen/km2", "categorie"]
ROW_1: list[Any] = [9901, 1250, 640, 610, 190, 150, 300, 380, 230, 80, 10, 0, 10, 0, 560, 170, 190]
ROW_1 += [45, 155, 2.2, 590, 60, 40, 90, 110, 95, 80, 70, 45, 120, 60, 40, 150, 25, 70, 812, 4]
ROW_2: list[Any] = [
    9902,
    35,
    20,
    15,
    M,
    5,
    10,
    10,
    10,
    100,
    M,
    M,
    M,
    M,
    15,
    5,
    5,
    M,
    5,
    2.3,
    20,
    10,
]
ROW_2 += [M, M, M, M, 5, M, 5, M, 90, 10, M, M, M, 14, 5]
DATA: list[list[Any]] = [ROW_1, ROW_2]


def make_xlsx(path: Path, data: list[list[Any]] | None = None, **replace: Any) -> Path:
    """A workbook in the layout of the real file (title block, 4 header rows, data)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PC4_2024_v1"
    ws.append(
        [
            replace.get(
                "title",
                "Inwoner, huishouden en woninggegevens voor numeriek deel "
                "van de postcode, peildatum 1 januari 2024",
            )
        ]
    )
    ws.append(["Definitieve gegevens, versie 1"])
    ws.append(["Datum: 1 april 2025"])
    ws.append(["Betekenis -99 997 =  '0 - 4 / geheim'"])
    ws.append([])
    ws.append(GROUPS)
    ws.append(SUBGROUPS)
    ws.append(replace.get("labels", LABELS))
    ws.append(replace.get("units", UNITS))
    for row in data if data is not None else DATA:
        ws.append(row)
    wb.save(path)
    return path


def read(path: Path, context: ReadContext | None = None) -> ReadResult:
    result = CbsPc4KeyFiguresReader().read(path, context or ReadContext())
    assert result.dataset.name == "cbs_kerncijfers_pc4"
    for name, table in result.tables.items():
        assert table.schema == arrow_schema(name)
    return result


def rows(table: pa.Table, **where: object) -> list[dict[str, Any]]:
    return [r for r in table.to_pylist() if all(r[k] == v for k, v in where.items())]


def test_layout_sizes(tmp_path: Path) -> None:
    assert len(GROUPS) == len(SUBGROUPS) == len(LABELS) == len(UNITS) == len(DATA[0]) == 37
    result = read(make_xlsx(tmp_path / "kerncijfers-pc4-2024.xlsx"))
    assert result.years == (2024,)
    assert result.tables["population"].num_rows == 2 * 8
    assert result.tables["area_figure"].num_rows == 2 * 28
    assert not any("not read" in n for n in result.notes)


def test_population_by_sex_and_age(tmp_path: Path) -> None:
    pop = read(make_xlsx(tmp_path / "k.xlsx")).tables["population"]
    total = rows(pop, area_code="9901", age_band="total")
    assert {r["sex"]: r["count"] for r in total} == {"all": 1250, "m": 640, "f": 610}
    bands = {
        r["age_band"]: (r["age_min"], r["age_max"], r["count"])
        for r in rows(pop, area_code="9901")
        if r["age_band"] != "total"
    }
    assert bands == {
        "0-14": (0, 14, 190),
        "15-24": (15, 24, 150),
        "25-44": (25, 44, 300),
        "45-64": (45, 64, 380),
        "65+": (65, None, 230),
    }
    assert {r["sex"] for r in pop.to_pylist() if r["age_band"] != "total"} == {"all"}


def test_masked_stays_masked(tmp_path: Path) -> None:
    result = read(make_xlsx(tmp_path / "k.xlsx"))
    young = rows(result.tables["population"], area_code="9902", age_band="0-14")[0]
    assert (young["count"], young["masked"]) == (None, True)
    share = rows(
        result.tables["area_figure"],
        area_code="9902",
        figure="share_born_abroad_non_european_origin",
    )[0]
    assert (share["value"], share["masked"], share["unit"]) == (None, True, "percent")
    assert f"{sum(v == M for v in DATA[1])} cells" in result.notes[0]


def test_figures_and_units(tmp_path: Path) -> None:
    fig = read(make_xlsx(tmp_path / "k.xlsx")).tables["area_figure"]
    got = {r["figure"]: (r["value"], r["unit"]) for r in rows(fig, area_code="9901")}
    assert got["share_born_nl_dutch_origin"] == (80, "percent")
    assert got["share_born_nl_european_origin"] == (10, "percent")
    assert got["share_born_abroad_european_origin"] == (10, "percent")
    assert got["households"] == (560, "count")
    assert got["households_multi_person_no_children"] == (190, "count")
    assert got["household_size_mean"] == (2.2, "persons")
    assert got["dwellings_built_before_1945"] == (60, "count")
    assert got["dwellings_built_1945_1965"] == (40, "count")
    assert got["dwellings_built_2015_or_later"] == (45, "count")
    assert got["share_dwellings_owner_occupied"] == (60, "percent")
    assert got["dwellings_housing_association"] == (150, "count")
    assert got["persons_with_benefits_below_pension_age"] == (70, "count")
    assert got["address_density"] == (812, "addresses_per_km2")
    assert got["urbanity"] == (4, "category")


def test_sniff_and_detect(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "k.xlsx")
    header = sniff_xlsx(path)
    assert header[:4] == ("POSTCODE-4", "TOTAAL", "MAN", "VROUW")
    assert "MEERPERSOONS ZONDER KINDEREN" in header
    assert CbsPc4KeyFiguresReader().matches(Sniff(path, ".xlsx", header))
    assert not CbsPc4KeyFiguresReader().matches(Sniff(path, ".csv", header))
    assert detect(path).info.name == "cbs_kerncijfers_pc4"


def test_age_class() -> None:
    assert age_class("tot 15 jaar") == (0, 14)
    assert age_class("15 tot 25 jaar") == (15, 24)
    assert age_class("65 jaar en ouder") == (65, None)
    assert age_class("Man") is None


def test_year_from_name_when_title_lacks_it(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "kerncijfers-pc4-2023.xlsx", title="Kerncijfers")
    assert read(path).years == (2023,)
    with pytest.raises(InputError, match="year"):
        read(make_xlsx(tmp_path / "kerncijfers.xlsx", title="Kerncijfers"))


def test_unknown_column_is_noted(tmp_path: Path) -> None:
    labels = [*LABELS[:-3], "Iets nieuws", None, None]
    result = read(make_xlsx(tmp_path / "k.xlsx", labels=labels))
    assert any("AI (iets nieuws)" in n for n in result.notes)


def test_missing_total_column(tmp_path: Path) -> None:
    labels = ["Postcode-4", "Inwoners samen", *LABELS[2:]]
    with pytest.raises(MissingColumnError, match="Totaal"):
        read(make_xlsx(tmp_path / "k.xlsx", labels=labels))


def test_changed_unit_is_an_error(tmp_path: Path) -> None:
    units = [*UNITS[:9], "x1", *UNITS[10:]]
    with pytest.raises(InputError, match="expected unit '%'") as err:
        read(make_xlsx(tmp_path / "k.xlsx", units=units))
    assert (err.value.line, err.value.column) == (9, "J")


def test_bad_values(tmp_path: Path) -> None:
    bad = [[*DATA[0][:5], -3, *DATA[0][6:]]]
    with pytest.raises(InputError, match="-3") as err:
        read(make_xlsx(tmp_path / "k.xlsx", data=bad))
    assert (err.value.line, err.value.column) == (10, "F")
    twice = [DATA[0], DATA[0]]
    with pytest.raises(InputError, match="twice"):
        read(make_xlsx(tmp_path / "k2.xlsx", data=twice))
    wrong = [["99AB", *DATA[0][1:]]]
    with pytest.raises(InputError, match="4-digit postcode"):
        read(make_xlsx(tmp_path / "k3.xlsx", data=wrong))


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    path.write_text("postcode;inwoners\n", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        read(path)


@pytest.mark.realdata
def test_real_file() -> None:
    if not REAL_FILE.exists():
        pytest.skip(f"real data not available at {REAL_FILE}")
    wb = load_workbook(REAL_FILE, read_only=True)
    raw = [r for r in wb.worksheets[0].iter_rows(min_row=10, values_only=True) if r[0]]
    wb.close()
    result = read(REAL_FILE)
    assert result.years == (2024,)
    pop = result.tables["population"]
    assert len(set(pop.column("area_code").to_pylist())) == len(raw) == 4072
    r1011 = next(r for r in raw if r[0] == 1011)
    total = rows(pop, area_code="1011", age_band="total")
    assert {r["sex"]: r["count"] for r in total} == {"all": r1011[1], "m": r1011[2], "f": r1011[3]}
    ages = [r["count"] for r in rows(pop, area_code="1011") if r["age_band"] != "total"]
    assert ages == list(r1011[4:9])
    masked_pop = sum(1 for r in raw for v in r[1:9] if v == M)
    assert len(rows(pop, masked=True)) == masked_pop
    fig = result.tables["area_figure"]
    masked_fig = sum(1 for r in raw for v in r[9:] if v == M)
    assert len(rows(fig, masked=True)) == masked_fig
    assert not any("not read" in n for n in result.notes)
    dutch = rows(fig, area_code="1011", figure="share_born_nl_dutch_origin")[0]
    assert (dutch["value"], dutch["unit"]) == (r1011[9], "percent")
