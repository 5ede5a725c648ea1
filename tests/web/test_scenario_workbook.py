"""The scenario comparison's workbook in the page's language: sheet names, headers,
metrics and units in Dutch by default and in English with ``?lang=en``; the CSV keeps the
CLI's keys. The expected texts are written out here."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from fastapi.testclient import TestClient

QUERY = "s=preset:mrdh-pie&draws=0"
EXPECTED = {
    "nl": {
        "sheets": ["samenvatting", "jaren", "toevoegingen", "toelichting"],
        "banner": "FICTIEVE demogegevens: geen echte scholen of cijfers",
        "summary": ["Uitkomst", "Eenheid"],
        "metric": "Eenmalige kosten",
        "unit": "euro",
        "years": ["Scenario", "Regio", "Jaar", "Leerlingen techniek zonder scenario"],
        "additions": ["Scenario", "Locatiecode", "Naam", "Gemeente", "Profiel"],
    },
    "en": {
        "sheets": ["summary", "years", "additions", "notes"],
        "banner": "FICTIONAL demo data: not real schools or figures",
        "summary": ["Outcome", "Unit"],
        "metric": "One-off costs",
        "unit": "EUR",
        "years": ["Scenario", "Region", "Year", "Technology pupils without the scenario"],
        "additions": ["Scenario", "Location code", "Name", "Municipality", "Profile"],
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_scenario_workbook_follows_the_page_language(client: TestClient, lang: str) -> None:
    r = client.get(f"/scenarios/compare.xlsx?{QUERY}&lang={lang}")
    assert r.status_code == 200, r.text
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    want = EXPECTED[lang]
    assert book.sheetnames == want["sheets"]
    summary = list(book[want["sheets"][0]].iter_rows(values_only=True))
    assert summary[0][0] == want["banner"]  # the demo is fictional
    assert list(summary[1][:2]) == want["summary"]
    rows = {row[0]: row[1] for row in summary[2:]}
    assert rows[want["metric"]] == want["unit"]
    years = next(book[want["sheets"][1]].iter_rows(min_row=2, max_row=2, values_only=True))
    assert list(years[:4]) == want["years"]
    additions = next(book[want["sheets"][2]].iter_rows(min_row=2, max_row=2, values_only=True))
    assert list(additions[:5]) == want["additions"]


def test_scenario_csv_keeps_the_keys(client: TestClient) -> None:
    heads = {
        lang: next(
            csv.reader(io.StringIO(client.get(f"/scenarios/compare.csv?{QUERY}&lang={lang}").text))
        )
        for lang in ("nl", "en")
    }
    assert heads["nl"] == heads["en"]
    assert heads["nl"][:2] == ["metric", "unit"]
