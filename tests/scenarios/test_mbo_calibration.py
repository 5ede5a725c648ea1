"""The planner's flow rates next to observed technical mbo inflow by home gemeente."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.model import FlowRates
from kansrijk.scenarios.mbo_calibration import flow_calibration
from kansrijk.sources.duo_mbo_entrants import DuoMboEntrantsReader
from kansrijk.sources.reader import ReadContext
from kansrijk.warehouse import Warehouse

DOC = Path(__file__).parents[2] / "docs" / "model.md"
ENTRANTS = (
    Path(__file__).parent.parent
    / "data"
    / "duo_mbo"
    / (
        "2024-nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-"
        "soorten-inst.csv"
    )
)


def test_demo_expected_and_observed(demo_wh: Warehouse) -> None:
    cal = flow_calibration(demo_wh, 2024)
    rates = FlowRates.load()
    assert cal.rate_region == rates.default_region and not cal.notes
    assert [r.gemeente for r in cal.rows] == ["GM9901", "GM9902", "GM9903", "GM9904"]
    # independent: plain Python over the rows of the two tables
    school_gm = dict(demo_wh.query("SELECT DISTINCT loc_code, gemeente_code FROM location"))
    expected: dict[str, float] = {}
    for loc, profile, count in demo_wh.query(
        "SELECT loc_code, profile, count FROM vo_enrollment WHERE year = 2023 AND grade = 4 "
        "AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND profile IS NOT NULL"
    ):
        gm = school_gm[loc]
        expected[gm] = expected.get(gm, 0.0) + (count if count is not None else 2.5) * rates.rate(
            profile
        )
    observed: dict[str, float] = {}
    for gm, kamer, prior, count in demo_wh.query(
        "SELECT home_gemeente_code, sectorkamer, prior_vo, count FROM mbo_entrant "
        "WHERE year = 2024 AND from_vo"
    ):
        if kamer in {"TGO", "MLT", "ICT"} and prior == "VMBO BB/KB/GL":
            observed[gm] = observed.get(gm, 0.0) + count
    for row in cal.rows:
        assert row.expected == pytest.approx(expected[row.gemeente])
        assert row.observed == observed[row.gemeente]
    assert cal.total_ratio == pytest.approx(sum(observed.values()) / sum(expected.values()))


def test_demo_table_in_the_docs(demo_wh: Warehouse) -> None:
    doc = DOC.read_text("utf-8")
    for year in (2022, 2024):
        cal = flow_calibration(demo_wh, year)
        for r in cal.rows:
            assert (
                f"| {r.gemeente} | {year} | {r.expected:.0f} | {r.observed:.0f} | {r.ratio:.2f} |"
                in doc
            )
        assert f"| all | {year} |" in doc and f"{cal.total_ratio:.2f} |" in doc


def test_duo_entrants_have_no_home_gemeente(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load([DuoMboEntrantsReader().read(ENTRANTS, ReadContext())])
        cal = flow_calibration(wh, 2024)
    assert cal.rows == () and cal.total_ratio is None
    assert "DUO's open entrant files give the institution only" in cal.notes[0]
