from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.indicators import INDICATORS, compute, published_figures
from kansrijk.regions import packaged_regions
from kansrijk.warehouse import Warehouse, region_catalog

runner = CliRunner()


def test_published_figures_are_well_formed() -> None:
    figs = published_figures()
    ids = {i.id for i in INDICATORS}
    assert {f.indicator for f in figs} <= ids
    seor_31 = {
        (f.region, dict(f.breakdown)["profile"]): f.value
        for f in figs
        if f.indicator == "vmbo.offer_share"
    }
    assert seor_31[("GM0599", "PIE")] == 32.0
    assert seor_31[("MRDH", "PIE")] == 41.0
    assert ("GM0599", "GR") not in seor_31  # printed as '-' in the source: absent, not 0


@pytest.mark.realdata
def test_2021_shows_published_and_says_no_computed_value(real_warehouse_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "indicator",
            "vmbo.offer_share",
            "--region",
            "GM0599",
            "--year",
            "2021",
            "--by",
            "profile",
            "--warehouse",
            str(real_warehouse_path),
        ],
    )
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert "Published figures, no computed value beside them" in out
    assert "32.00%" in out  # PIE, SEOR tabel 3.1
    assert "published: SEOR (2026)" in out and "tabel 3.1 (2021)" in out
    assert "no computed value for GM0599 in 2021: data for 2021 not loaded" in out
    res = runner.invoke(
        app,
        [
            "indicator",
            "vmbo.offer_share",
            "--region",
            "GM0599",
            "--year",
            "2021",
            "--warehouse",
            str(real_warehouse_path),
            "--json",
        ],
    )
    doc = json.loads(res.output)
    kinds = {r["kind"] for r in doc["rows"]}
    assert kinds == {"published"}
    assert doc["missing"] == [
        {
            "region": "GM0599",
            "year": 2021,
            "message": "no computed value for GM0599 in 2021: data for 2021 not loaded",
        }
    ]


@pytest.mark.realdata
@pytest.mark.parametrize("indicator", ["exams.n_profile_share", "exams.vmbo_tech_share"])
def test_exam_series_continuous(real_wh: Warehouse, indicator: str) -> None:
    cat = region_catalog(real_wh, packaged_regions())
    res = compute(real_wh, cat, indicator, ["NL00", "PV28", "MRDH"])
    for region in ("NL00", "PV28", "MRDH"):
        years = sorted({r.year for r in res.rows if r.region == region})
        assert years == list(range(2014, 2024)), region
        values = [r.value for r in res.rows if r.region == region]
        assert all(v is not None and 0 < v < 100 for v in values)
    assert res.missing == ()


@pytest.mark.realdata
def test_exam_n_profile_share_against_raw_totals(real_wh: Warehouse) -> None:
    import csv

    from tests.conftest import SHARED_DATA

    num = den = 0
    path = SHARED_DATA / "duo" / "examenkandidaten-per-opleiding-2019-2024.csv"
    with path.open(encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["ONDERWIJSTYPE VO"] not in {"HAVO", "VWO"}:
                continue
            v = r["EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL"]
            n = 0 if v == "<5" else int(v)
            den += n
            if "N&T" in r["OPLEIDINGSNAAM"] or "N&G" in r["OPLEIDINGSNAAM"]:
                num += n
    cat = region_catalog(real_wh, packaged_regions())
    res = compute(real_wh, cat, "exams.n_profile_share", ["NL00"], [2023])
    assert res.rows[0].numerator == num and res.rows[0].denominator == den
