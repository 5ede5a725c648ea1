"""Uptake model, sharing and equivalent annual cost on the fictional demo warehouse."""

from __future__ import annotations

import pytest

from kansrijk.costs import CostParameters, annuity_factor, one_off_costs
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import Scenario, ScenarioError, run
from kansrijk.scenarios.exam_history import exam_history
from kansrijk.vocab import Profile
from kansrijk.warehouse import Warehouse

SHARED = """\
name: Gedeeld PIE
region: DEMO
horizon: {start: 2026, years: 4}
interventions:
  - type: share_where_missing
    region: DEMO
    profile: PIE
    by: distance
    km: 5
"""
OWN = (
    SHARED.replace("Gedeeld PIE", "Eigen PIE")
    .replace("share_where_missing", "add_profile_where_missing")
    .replace("    by: distance\n    km: 5\n", "")
)


def test_demo_exam_history_is_read(demo_wh: Warehouse) -> None:
    hist = exam_history(demo_wh)
    assert hist.years[0] == 2014 and len(hist.locations) == 25
    assert hist.candidates.sum() > 0


def test_sharing_builds_fewer_workshops_with_guests(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    own = run(Scenario.from_text(OWN), demo_wh, demo_catalog)
    shared = run(Scenario.from_text(SHARED), demo_wh, demo_catalog)
    assert 0 < len(shared.additions) < len(own.additions)
    pie = one_off_costs(Profile.PIE, CostParameters.default()).total
    assert shared.summary.one_off_cost == pytest.approx(len(shared.additions) * pie)
    with_guests = [a for a in shared.additions if a.guest_pupils > 0]
    assert with_guests and all("guests" in a.flags for a in with_guests)
    assert any("share it as guests" in n for n in shared.notes)


def test_every_technical_addition_has_a_predictive_range_and_p_viable(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    r = run(Scenario.from_text(OWN), demo_wh, demo_catalog)
    assert r.additions
    for a in r.additions:
        assert a.uptake_model == "uptake"
        assert a.uptake_interval is not None and a.uptake_per_leerjaar is not None
        assert a.uptake_interval.low <= a.uptake_per_leerjaar <= a.uptake_interval.high
        assert a.p_viable is not None and 0.0 <= a.p_viable <= 1.0
        assert a.viable_pupils == 12
    doc = r.to_dict()
    up = doc["uptake"]
    lo, hi = up["extra_entrants_per_year_interval"]
    assert lo <= up["extra_entrants_per_year"] <= hi
    assert up["extra_diplomas_per_year"] < up["extra_entrants_per_year"]
    costs = doc["costs"]
    # the EAC of the additions: building and furnishing annuities plus the yearly cost
    ref = one_off_costs(Profile.PIE, CostParameters.default())
    one = (
        ref.building * annuity_factor(0.0225, 40)
        + ref.furnishing * annuity_factor(0.0225, 15)
        + r.additions[0].yearly_cost
    )
    assert r.additions[0].equivalent_annual_cost == pytest.approx(one)
    assert costs["equivalent_annual_cost"] == pytest.approx(one * len(r.additions))
    assert costs["eac_per_extra_entrant_mnl"] == pytest.approx(
        costs["equivalent_annual_cost"] / r.summary.extra_entrants_per_year
    )
    # staff sized to the predicted groups: note 38's whole groups of 12, 12 lessons, 25 hours
    need = sum(-(-2 * a.uptake_per_leerjaar // 12) * 12 / 25 for a in r.additions)
    freed = sum(2 * a.uptake_per_leerjaar * 12 / (12 * 25) for a in r.additions)
    assert costs["staff_fte_predicted"] == pytest.approx(need)
    assert costs["staff_fte_freed"] == pytest.approx(freed)
    assert costs["staff_cost_net"] == pytest.approx((need - freed) * 90_000)


def test_higher_viability_threshold_lowers_p_viable(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    base = run(Scenario.from_text(OWN), demo_wh, demo_catalog)
    strict = run(
        Scenario.from_text(OWN + "parameters: {viable_pupils: 30}\n"), demo_wh, demo_catalog
    )
    for a, b in zip(base.additions, strict.additions, strict=True):
        assert b.p_viable is not None and a.p_viable is not None
        assert b.p_viable <= a.p_viable


def test_theta_range_is_validated() -> None:
    with pytest.raises(ScenarioError, match="low <= central <= high"):
        Scenario.from_text(OWN + "parameters: {theta: [0.9, 0.75, 1.0]}\n")


def test_implementation_lag_moves_pupils_not_costs(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    text = OWN.replace("years: 4", "years: 6")
    now = run(Scenario.from_text(text), demo_wh, demo_catalog)
    later = run(
        Scenario.from_text(text + "parameters: {implementation_lag: 2}\n"), demo_wh, demo_catalog
    )
    first = {y.year: y for y in now.year_rows()}
    lagged = {y.year: y for y in later.year_rows()}
    assert first[2026].one_off_cost == lagged[2026].one_off_cost > 0
    assert first[2027].extra_entrants > 0
    assert lagged[2027].extra_entrants == pytest.approx(0.0)
    assert lagged[2028].extra_techniek > 0 and lagged[2029].extra_entrants > 0
    assert lagged[2031].extra_entrants == pytest.approx(first[2031].extra_entrants)
    assert later.summary.cost_per_extra_entrant > now.summary.cost_per_extra_entrant
    assert all(a.from_year == 2028 for a in later.additions)
