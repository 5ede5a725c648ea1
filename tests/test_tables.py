"""The one table type for people (``kansrijk.tables``): ``Style`` writes figures as people do
(expected texts formatted here with Python's own format spec, not Babel), a ``Table`` heads
its columns in a language (placeholders, scenario names, short labels) and writes its rows
by kind, and its ``Records`` are files (CSV read back with the csv module, XLSX with
openpyxl)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import openpyxl
import pytest

from kansrijk.l10n.monitor import N_
from kansrijk.scenarios.costing import viability
from kansrijk.scenarios.result import Interval
from kansrijk.tables import CHANGE_WORDS, KINDS, Book, Column, Style, Table, is_bounds


def nl(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def test_style_writes_figures_as_people_do() -> None:
    assert Style("nl").number(1234.56) == "1.234,6"
    assert Style("en").number(1234.56, 0) == "1,235"
    assert Style("nl").money(2680323.74) == "€ 2.680.324"
    assert Style("en", euro="EUR ").money(2680323.74) == "EUR 2,680,324"
    assert Style("en", euro="").money(2680323.74) == "2,680,324"
    assert Style("nl").interval(Interval(50.44, 63.36)) == "50,4 – 63,4"
    assert Style("en").interval(Interval(1000, 2500), euro=True) == "€ 1,000 – € 2,500"
    assert Style("en").cell(0.917, "percent") == "92%"
    assert Style("nl").cell(None, "euro") == ""
    assert Style("en").flags(("comparable_schools", "new")) == ("comparable-schools estimate, new")


@pytest.mark.parametrize(
    ("pupils", "low", "high", "dutch", "english"),
    [
        (5.0, 12.0, 18.0, "nee: minder dan 12", "no: below 12"),
        (14.0, 12.0, 18.0, "ja: 12-18", "yes: 12-18"),
        (20.0, 12.0, 18.0, "ja: 18 of meer", "yes: 18 or more"),
        (8.0, 7.5, 10.0, "ja: 7.5-10", "yes: 7.5-10"),
        (3.0, 7.5, 10.0, "nee: minder dan 7.5", "no: below 7.5"),
    ],
)
def test_viability_reads_its_bounds_from_the_class(
    pupils: float, low: float, high: float, dutch: str, english: str
) -> None:
    """The class ``scenarios.costing.viability`` writes (bounds other than Oberon's too)."""
    text = viability(pupils, low, high)
    assert Style("nl").viability(text) == dutch
    assert Style("en").viability(text) == english


def test_an_interval_is_anything_with_bounds() -> None:
    @dataclass(frozen=True)
    class Span:
        low: float
        high: float

    assert is_bounds(Interval(1.0, 2.0)) and is_bounds(Span(1.0, 2.0))
    assert not is_bounds(1.5) and not is_bounds("1-2") and not is_bounds((1.0, 2.0))
    assert Style("nl").cell(Span(0.25, 1234.5), "number", 2) == "0,25 – 1.234,50"
    assert Style("nl").cell(Span(100, 2000), "euro") == "€ 100 – € 2.000"


FIRST = {"year": 2026, "profile": "PIE", "extra": 13.64, "margin": Interval(11.5, 15.9)}
SECOND = {"year": 2027, "profile": "MT", "extra": "3 of 5", "margin": None}
ROWS = (
    FIRST | {"cost": 2680323.74, "change": "lose"},
    SECOND | {"cost": None, "change": "gain"},
)
COLUMNS = (
    Column("year", N_("Jaar")),
    Column("profile", N_("Profiel"), "profile", short=N_("profiel")),
    Column("extra", N_("Extra instromers in {year}"), "number", 1),
    Column("margin", N_("Marge ({pct})"), "number", 1),
    Column("cost", N_("Jaarkosten (EAC)"), "euro", short=N_("EAC")),
    Column("change", N_("Verandering"), "change"),
)
TABLE = Table("years", COLUMNS, ROWS, {"year": 2029, "pct": "P5–P95"})


def test_heads_fill_placeholders_and_name_scenarios() -> None:
    assert TABLE.heads("nl") == {
        "year": "Jaar",
        "profile": "Profiel",
        "extra": "Extra instromers in 2029",
        "margin": "Marge (P5–P95)",
        "cost": "Jaarkosten (EAC)",
        "change": "Verandering",
    }
    short = TABLE.heads("en", short=True)
    assert (short["profile"], short["cost"], short["margin"]) == (
        "profile",
        "EAC",
        "Interval (P5–P95)",
    )
    named = Table("s", (Column("s0", "Mijn plan", "number", 1, scenario=True),), ())
    assert named.heads("en") == {"s0": "Mijn plan"}


def test_texts_write_each_kind_names_and_missing_values() -> None:
    first, second = TABLE.texts(Style("nl"), names={"profile": lambda c: f"<{c}>"}, empty="–")
    assert first == {
        "year": "2026",
        "profile": "<PIE>",
        "extra": nl(13.64),
        "margin": f"{nl(11.5)} – {nl(15.9)}",
        "cost": "€ " + nl(2680323.74, 0),
        "change": "verliest",
    }
    # text in a number column is shown as it is; missing values are ``empty``
    assert (second["extra"], second["margin"], second["cost"]) == ("3 of 5", "–", "–")
    (en,) = TABLE.texts(Style("en", euro=""), [ROWS[0]])
    assert (en["profile"], en["cost"], en["extra"], en["change"]) == (
        "PIE",
        f"{2680323.74:,.0f}",
        "13.6",
        "loses",
    )
    assert TABLE.texts(Style("en"), [ROWS[1]])[0]["change"] == "gains"
    assert set(CHANGE_WORDS) == {"lose", "gain"}
    assert len(KINDS) == 10 and {"text", "euro", "change"} <= set(KINDS)


def test_select_keeps_the_asked_columns_in_order() -> None:
    narrow = TABLE.select(["cost", "year"])
    assert narrow.keys == ["cost", "year"] and narrow.rows == TABLE.rows
    assert list(narrow.heads("en").values()) == ["Annual cost (EAC)", "Year"]
    assert TABLE.column("extra").digits == 1
    with pytest.raises(KeyError):
        TABLE.column("nope")


def test_records_are_csv_with_keys_and_xlsx_with_labels_in_the_language() -> None:
    plain = Table("plain", COLUMNS[:3] + COLUMNS[4:5], ROWS, {"year": 2029})
    data, media = plain.records("kansrijk-test").csv("nl")
    assert media.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows == [
        ["year", "profile", "extra", "cost"],
        ["2026", "PIE", "13.64", "2680323.74"],
        ["2027", "MT", "3 of 5", ""],
    ]
    other = Table("other", (Column("profile", N_("Profiel")),), ({"profile": "BWI"},))
    book = Book("kansrijk-test", [plain.records(), other.records()])
    body, _ = book.xlsx("en")
    wb = openpyxl.load_workbook(io.BytesIO(body))
    assert wb.sheetnames == ["plain", "other"]
    sheet = [list(r) for r in wb["plain"].iter_rows(values_only=True)]
    assert sheet[0] == ["Year", "Profile", "Extra entrants in 2029", "Annual cost (EAC)"]
    assert sheet[1] == [2026, "PIE", 13.64, 2680323.74]
    assert [list(r) for r in wb["other"].iter_rows(values_only=True)] == [["Profile"], ["BWI"]]
