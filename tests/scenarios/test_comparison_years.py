"""Extra entrants per year side by side (``kansrijk scenario compare`` and the compare page),
checked against each result's own document."""

from __future__ import annotations

from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import AddProfile, GuidanceUplift, Horizon, Scenario, compare, run
from kansrijk.scenarios.comparison_years import extra_entrants_by_year
from kansrijk.warehouse import Warehouse


def test_years_of_both_horizons_with_gaps(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> None:
    a = Scenario(
        name="A",
        region="DEMO",
        horizon=Horizon(start=2026, years=4),
        interventions=(AddProfile(location="ZZ0800", profile="PIE"),),
    )
    b = Scenario(
        name="B",
        region="DEMO",
        horizon=Horizon(start=2028, years=4),
        interventions=(GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=1.2),),
    )
    results = [run(s, demo_wh, demo_catalog, draws=0) for s in (a, b)]
    rows = extra_entrants_by_year(compare(results))
    docs = [r.to_dict() for r in results]
    expected: dict[int, list[float | None]] = {}
    for i, d in enumerate(docs):
        for y in d["years"]:
            if y["region"] == d["region"]:
                expected.setdefault(y["year"], [None, None])[i] = y["extra_entrants"]
    assert rows == sorted(expected.items())
    years = [year for year, _ in rows]
    assert years == sorted(set(years)) and years[0] < 2028 and years[-1] >= 2031
    assert any(v[1] is None for _, v in rows) and any(v[0] is None for _, v in rows)
