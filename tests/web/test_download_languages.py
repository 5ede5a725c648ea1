"""Downloads in the page's language: an XLSX workbook (for people) has its headers and its
definition sheet in the page's language (Dutch by default, ``?lang=en`` English); the CSV
for Dutch Excel (``.nl.csv``) has Dutch headers; the plain CSV and Parquet keep the machine
keys in every language (for scripts). The expected headers are written out here."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from fastapi.testclient import TestClient

IND = "vmbo.offer_share"
#: The data sheet's first columns and the definition sheet's labels, by language.
HEADERS = {
    "nl": ["Indicator", "Gemeentecode", "Gemeente", "Jaar", "Profiel", "Waarde", "Teller"],
    "en": ["Indicator", "Municipality code", "Municipality", "Year", "Profile", "Value",
           "Numerator"],
}  # fmt: skip
SHEET = {
    "nl": ("definitie", ["id", "naam", "eenheid", "definitie", "teller", "noemer"]),
    "en": ("definition", ["id", "label", "unit", "definition", "numerator", "denominator"]),
}
#: The start of the indicator's definition, label and numerator in each language.
TEXTS = {
    "nl": ("Van alle vmbo-leerlingen", "leerlingen op locaties die het profiel aanbieden"),
    "en": ("Of all vmbo pupils", "pupils at locations offering the profile"),
}


def _book(client: TestClient, url: str) -> openpyxl.Workbook:
    client.cookies.clear()
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(r.content))


@pytest.mark.parametrize("lang", ["nl", "en", None])
def test_download_workbook_follows_the_page_language(client: TestClient, lang: str | None) -> None:
    book = _book(client, f"/downloads/{IND}.xlsx" + (f"?lang={lang}" if lang else ""))
    lang = lang or "nl"  # Dutch by default
    header = [c.value for c in book["data"][1]]
    assert header[: len(HEADERS[lang])] == HEADERS[lang]
    sheet, labels = SHEET[lang]
    assert book.sheetnames == ["data", sheet]
    rows = {r[0]: r[1] for r in book[sheet].iter_rows(values_only=True)}
    assert list(rows)[: len(labels)] == labels
    definition, numerator = TEXTS[lang]
    assert str(rows[labels[3]]).startswith(definition)
    assert rows[labels[4]] == numerator
    unit = rows[labels[2]]
    assert unit == ("procent (één decimaal)" if lang == "nl" else "percent (one decimal)")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compare_workbook_follows_the_page_language(client: TestClient, lang: str) -> None:
    book = _book(client, f"/compare.xlsx?region=DEMO&indicator={IND}&year=2023&lang={lang}")
    header = [c.value for c in book["data"][1]]
    expected = {
        "nl": ["Soort", "Indicator", "Regiocode", "Regio", "Jaar"],
        "en": ["Kind", "Indicator", "Region code", "Region", "Year"],
    }[lang]
    assert header[:5] == expected
    sheet, labels = SHEET[lang]
    rows = {r[0]: r[1] for r in book[sheet].iter_rows(values_only=True)}
    assert list(rows)[: len(labels)] == labels
    assert str(rows[labels[3]]).startswith(TEXTS[lang][0])
    assert (
        rows[labels[1]]
        == {
            "nl": "Aandeel leerlingen op een locatie die het profiel aanbiedt",
            "en": "Share of pupils at a location offering the profile",
        }[lang]
    )


def test_csv_keeps_machine_keys_and_the_dutch_csv_has_dutch_headers(client: TestClient) -> None:
    plain = {}
    for lang in ("nl", "en"):
        text = client.get(f"/downloads/{IND}.csv?lang={lang}").text
        plain[lang] = next(csv.reader(io.StringIO(text)))
    assert plain["nl"] == plain["en"]
    assert plain["nl"][:6] == ["indicator", "gemeente_code", "gemeente", "year", "profile", "value"]
    dutch = client.get(f"/downloads/{IND}.nl.csv").content.decode("utf-8-sig")
    head = next(csv.reader(io.StringIO(dutch), delimiter=";"))
    assert head[:6] == HEADERS["nl"][:6]
    assert len(head) == len(plain["nl"])
    compare = client.get(f"/compare.csv?region=DEMO&indicator={IND}&year=2023&lang=nl").text
    assert next(csv.reader(io.StringIO(compare)))[:4] == [
        "kind",
        "indicator",
        "region",
        "region_name",
    ]
