"""YAML scenario regression tests: a scenario, the expected outputs and their tolerances.

Each file in ``regression/`` has ``scenario`` (a scenario document), optional ``draws``
and ``expected`` with ``summary`` (fields of ``Summary``), ``years`` (rows picked by
region and year) and ``additions`` (rows picked by location and profile). An expected
value is a plain value (compared exactly; floats to 1e-9) or ``{value, abs}`` /
``{value, rel}`` for a tolerance. Runs on the demo warehouse, so everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import Scenario, ScenarioResult, run
from kansrijk.warehouse import Warehouse

CASES = sorted((Path(__file__).parent / "regression").glob("*.yaml"))


def check(actual: Any, expected: Any, where: str) -> None:
    if isinstance(expected, dict):
        value = float(expected["value"])
        tol = float(expected.get("abs", 0.0)) + float(expected.get("rel", 0.0)) * abs(value)
        assert actual is not None, f"{where}: expected {value}, found None"
        assert abs(float(actual) - value) <= max(tol, 1e-9), (
            f"{where}: expected {value} +- {tol:g}, found {actual}"
        )
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, abs=1e-9), where
    elif isinstance(expected, list):
        assert list(actual) == expected, f"{where}: expected {expected}, found {actual}"
    else:
        assert actual == expected, f"{where}: expected {expected!r}, found {actual!r}"


def consistent(result: ScenarioResult) -> None:
    """Internal consistency every run must have."""
    s = result.summary
    mine = result.year_rows()
    assert s.total_cost == pytest.approx(sum(r.cost for r in mine))
    assert s.extra_entrants_total == pytest.approx(sum(r.extra_entrants for r in mine))
    if s.cost_per_extra_entrant is not None:
        assert s.cost_per_extra_entrant == pytest.approx(s.total_cost / s.extra_entrants_total)
    for r in result.years:
        assert sum(r.pupils_scenario.values()) == pytest.approx(sum(r.pupils_baseline.values()))
        for iv in (r.extra_entrants_interval, r.extra_techniek_interval):
            assert iv is None or iv.low <= iv.high
    assert s.additions == len(result.additions)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_regression(path: Path, demo_wh: Warehouse, demo_catalog: RegionCatalog) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenario = Scenario.from_text(yaml.safe_dump(doc["scenario"]), source=path.name)
    result = run(scenario, demo_wh, demo_catalog, draws=int(doc.get("draws", 0)))
    consistent(result)
    expected = doc["expected"]
    for key, value in (expected.get("summary") or {}).items():
        check(getattr(result.summary, key), value, f"{path.name}: summary.{key}")
    for row in expected.get("years") or []:
        (actual,) = [r for r in result.years if r.region == row["region"] and r.year == row["year"]]
        for key, value in row.items():
            if key not in ("region", "year"):
                check(
                    getattr(actual, key), value, f"{path.name}: {row['region']} {row['year']}.{key}"
                )
    for row in expected.get("additions") or []:
        (actual,) = [
            a
            for a in result.additions
            if a.location == row["location"] and a.profile == row["profile"]
        ]
        for key, value in row.items():
            check(getattr(actual, key), value, f"{path.name}: {row['location']}.{key}")
    if int(doc.get("draws", 0)):
        assert result.summary.extra_entrants_per_year_interval is not None


def test_there_are_regression_cases() -> None:
    assert len(CASES) >= 4
