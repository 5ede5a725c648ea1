"""The optimiser report's and the access check's tables (``optimise.tables``): rows against
the ``Report``/``AccessCheck`` fields read here, labels in Dutch and English, the workbook
opened with openpyxl."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po
from tests.conftest import ROOT

from kansrijk.demo import demo_custom_regions
from kansrijk.l10n.monitor import t
from kansrijk.optimise import OptimiseError
from kansrijk.optimise.access_check import Change, access_change, access_table, radius_km
from kansrijk.optimise.report import Report, Request, optimise
from kansrijk.optimise.tables import (
    access_book,
    access_rows_table,
    additions_table,
    area_table,
    budget_table,
    candidates_table,
    frontier_table,
    gemeente_table,
    report_book,
    report_tables,
    shares_table,
)
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.tables import Style, Table
from kansrijk.warehouse import Warehouse, region_catalog

YEAR = 2024
EN_PO = ROOT / "src" / "kansrijk" / "l10n" / "locale" / "en" / "LC_MESSAGES" / "monitor.po"


@pytest.fixture(scope="module")
def report(demo_path: Path) -> Report:
    with Warehouse(demo_path, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions() + demo_custom_regions())
        request = Request(
            region="DEMO",
            budgets=(600_000.0, 1_500_000.0),
            per_board=3,
            frontier_points=4,
            robustness=4,
            share_km=3.0,
        )
        return optimise(wh, catalog, request)


def test_additions_are_the_chosen_candidates_per_budget(report: Report) -> None:
    table = additions_table(report)
    cands = {f"{c.location}:{c.profile}": c for c in report.cands.candidates}
    expected = [
        (s.budget, key, rb.counts.get(key, 0) if rb else None)
        for s, rb in zip(report.solutions, report.robust, strict=True)
        for key in s.optimal.chosen
    ]
    assert len(table.rows) == len(expected) > 0
    for row, (budget, key, robust) in zip(table.rows, expected, strict=True):
        c = cands[key]
        assert row["budget"] == budget
        assert (row["location"], row["profile"], row["name"]) == (c.location, c.profile, c.name)
        assert row["gemeente"] == c.gemeente and row["board"] == c.board
        assert row["pupils_per_leerjaar"] == c.pupils_per_leerjaar
        assert row["p_viable"] == c.p_viable and row["diplomas"] == c.diplomas
        assert row["eac"] == c.eac and row["flags"] == ", ".join(c.flags)
        assert row["robust"] == robust
    assert {r["robust"] for r in table.rows} <= set(range(5))


def test_budget_rows_hold_status_greedy_totals_check_and_draws(report: Report) -> None:
    rows = budget_table(report).rows
    assert [r["budget"] for r in rows] == [600_000.0, 1_500_000.0]
    for r, s, chk in zip(rows, report.solutions, report.checks, strict=True):
        assert r["status"] == s.status == "optimal" and r["mip_gap"] == s.gap
        assert r["objective"] == s.optimal.objective and r["greedy"] == s.greedy.objective
        assert r["greedy_difference"] == pytest.approx(s.optimal.objective - s.greedy.objective)
        assert r["additions"] == len(s.optimal.chosen) and r["shares"] == len(s.optimal.shares)
        assert r["eac"] == s.optimal.eac <= s.budget
        assert r["extra_diplomas_per_year"] == s.optimal.diplomas
        assert r["draws"] == 4
        assert chk is not None
        assert r["planner_entrants"] == chk.planner_entrants
        assert r["entrants_difference"] == chk.planner_entrants - chk.optimiser_entrants


def test_shares_frontier_and_candidates(report: Report) -> None:
    options = {o.key: o for o in report.sharing.options} if report.sharing else {}
    shares = shares_table(report).rows
    keys = [k for s in report.solutions for k in s.optimal.shares]
    assert keys and len(shares) == len(keys)
    for row, key in zip(shares, keys, strict=True):
        o = options[key]
        assert (row["host"], row["guest"], row["profile"]) == (o.host, o.guest, o.profile)
        assert row["km"] == o.km and row["eac"] == o.eac
    front = frontier_table(report).rows
    assert [r["budget"] for r in front] == [s.budget for s in report.frontier]
    assert [r["objective"] for r in front] == [s.optimal.objective for s in report.frontier]
    assert [r["greedy"] for r in front] == [s.greedy.objective for s in report.frontier]
    cands = candidates_table(report).rows
    assert len(cands) == len(report.cands.candidates) == 76
    assert sum(r["eac"] for r in cands) == pytest.approx(report.cands.total_eac())


def _english() -> dict[str, str]:
    with EN_PO.open("rb") as fh:
        return {str(m.id): str(m.string) for m in read_po(fh) if m.id}


def test_every_label_is_translated_and_keys_are_unique(report: Report) -> None:
    en = _english()
    tables: list[Table] = list(report_tables(report))
    tables.append(access_rows_table([]))
    for table in tables:
        keys = [c.key for c in table.columns]
        assert len(keys) == len(set(keys)), table.name
        for c in table.columns:
            for label in {c.label, c.short_label}:
                assert en.get(label), (table.name, label)
                assert t("en", label) == en[label] and t("nl", label) == label
    assert t("en", additions_table(report).column("pupils_per_leerjaar").label) == (
        "Pupils per year group"
    )
    assert t("en", additions_table(report).column("p_viable").short_label) == "P(viable)"


def test_workbook_headers_in_the_language_and_figures_as_numbers(report: Report) -> None:
    book = report_book(report)
    for lang, head in (("nl", "Budget per jaar"), ("en", "Budget a year")):
        body, media = book.xlsx(lang)
        assert media.startswith("application/vnd.openxmlformats")
        wb = openpyxl.load_workbook(io.BytesIO(body))
        assert wb.sheetnames == ["additions", "budgets", "shares", "frontier", "candidates"]
        ws = wb["additions"]
        assert ws.cell(1, 1).value == head
        first = report.solutions[0]
        key = first.optimal.chosen[0]
        cand = next(c for c in report.cands.candidates if f"{c.location}:{c.profile}" == key)
        heads = [c.value for c in ws[1]]
        row = [c.value for c in ws[2]]
        assert row[0] == first.budget and row[1] == cand.location
        assert row[heads.index(t(lang, "Jaarkosten (EAC)"))] == pytest.approx(cand.eac)
        assert wb["candidates"].max_row == 1 + len(report.cands.candidates)
    text, _ = book.csv("nl")
    reader = list(csv.reader(io.StringIO(text.decode("utf-8"))))
    assert reader[0][:3] == ["budget", "location", "name"]
    assert len(reader) == 1 + sum(len(s.optimal.chosen) for s in report.solutions)


def test_access_tables_against_the_check(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> None:
    check = access_change(
        demo_wh, Change("close", "ZZ0100"), year=YEAR, km=5.0, catalog=demo_catalog
    )
    assert check.areas
    areas = area_table(check).rows
    assert [(r["pc4"], r["profile"], r["change"]) for r in areas] == [
        (a.pc4, a.profile, a.change) for a in check.areas
    ]
    assert [r["children"] for r in areas] == [a.children for a in check.areas]
    assert [r["km_after"] for r in areas] == [a.km_after for a in check.areas]
    # per gemeente: the areas summed here
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for a in check.areas:
        s = sums[(a.gemeente_code or "", a.profile, a.change)]
        s[0] += 1
        s[1] += a.children
    gem = gemeente_table(check).rows
    assert {
        (r["gemeente_code"], r["profile"], r["change"]): [r["pc4"], r["children"]] for r in gem
    } == dict(sums)
    region = demo_catalog.get("DEMO")
    rows = access_table(demo_wh, region, year=YEAR)
    reach = access_rows_table(rows).rows
    for r, a in zip(reach, rows, strict=True):
        assert r["share"] == pytest.approx(100 * a.within / a.children)
    body, _ = access_book("x", check, rows).xlsx("en")
    wb = openpyxl.load_workbook(io.BytesIO(body))
    assert wb.sheetnames == ["areas", "gemeenten", "access"]
    assert [c.value for c in wb["areas"][1]][:2] == ["PC4", "Municipality"]
    assert wb["areas"].cell(2, 6).value == check.areas[0].children
    only, _ = access_book("x", None, rows).csv("nl")
    assert only.decode().splitlines()[0] == "profile,children,within,share"


def test_radius_bounds_are_the_domains() -> None:
    assert radius_km() == 5.0 and radius_km(12.5) == 12.5
    assert radius_km(3.0, 60.0) == pytest.approx(15 / 1.3)  # minutes win
    for km, minutes, message in (
        (0.0, None, r"km: expected a distance in \(0, 100\]; found 0.0"),
        (101.0, None, "found 101.0"),
        (float("nan"), None, "found nan"),
        (None, 0.0, r"minutes: expected cycling minutes in \(0, 300\]"),
        (None, 301.0, "found 301.0"),
    ):
        with pytest.raises(OptimiseError, match=message):
            radius_km(km, minutes)


def test_texts_write_figures_names_and_words_in_the_language(
    report: Report, demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    table = additions_table(report)
    first = table.rows[0]
    eac = round(first["eac"])
    names = {"profile": lambda code: f"<{code}>"}
    nl = table.texts(Style("nl"), [first], names=names)[0]
    en = table.texts(Style("en", euro=""), [first])[0]
    assert nl["eac"] == "€ " + f"{eac:,}".replace(",", ".")
    assert en["eac"] == f"{eac:,}"
    assert nl["p_viable"] == f"{first['p_viable']:.2f}".replace(".", ",")
    assert nl["profile"] == f"<{first['profile']}>" and en["profile"] == first["profile"]
    assert table.texts(Style("nl"), [first | {"robust": None}], empty="–")[0]["robust"] == "–"
    assert table.heads("en")["eac"] == "Annual cost (EAC)"
    assert table.heads("en", short=True)["eac"] == "EAC"
    check = access_change(
        demo_wh, Change("stop", "ZZ0100", "PIE"), year=YEAR, km=5.0, catalog=demo_catalog
    )
    areas = area_table(check)
    assert {r["change"] for r in areas.texts(Style("nl"))} == {"verliest"}
    assert {r["change"] for r in areas.texts(Style("en"))} == {"loses"}


def test_the_light_report_the_page_caches_has_the_same_json_and_tables(report: Report) -> None:
    light = report.light()
    assert report.cands.draws and not light.cands.draws and not light.cands.diploma_draws
    assert light.to_dict() == report.to_dict()
    for full, small in zip(report_tables(report), report_tables(light), strict=True):
        assert small.rows == full.rows
