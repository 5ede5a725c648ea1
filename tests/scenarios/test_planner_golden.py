"""The planner gives the same numbers as before its speed-ups (issue 15).

``golden/planner_demo.json`` holds every field of the results of the regression scenarios
(``regression/*.yaml``) and of a school-switching case on the demo, as a point run and
with 200 parameter draws (seed fixed), written by the planner as it was before the
vectorised evaluation (commit e9c671c).
Every float must agree to 1e-12 (relative, or absolute near zero); strings, integers
and the structure exactly. Rewrite after an intended change of results with
``PYTHONPATH=src .venv/bin/python -m tests.scenarios.test_planner_golden``.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import Scenario, run
from kansrijk.warehouse import Warehouse, region_catalog

GOLDEN = Path(__file__).parent / "golden" / "planner_demo.json"
CASES = sorted((Path(__file__).parent / "regression").glob("*.yaml"))
DRAWS = (0, 200)
SEED = 7


#: Cases beyond the regression files: school switching and a lag with intake growth.
EXTRA = {
    "switching": """
name: PIE en KB-gids met wisselen
region: DEMO
baseline_year: 2024
horizon: {start: 2026, years: 6}
parameters: {switch_rate: 0.3, implementation_lag: 1, intake_growth: {2027: 0.98}}
interventions:
  - {type: add_profile, location: ZZ0800, profile: PIE}
  - {type: add_profile_where_missing, region: DEMO, missing: techniek, profile: MT}
""",
}


def scenarios() -> dict[str, Scenario]:
    out = {}
    for path in CASES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.stem] = Scenario.from_text(yaml.safe_dump(doc["scenario"]), source=path.name)
    for name, text in EXTRA.items():
        out[name] = Scenario.from_text(text, source=name)
    return out


def results(wh: Warehouse, catalog: RegionCatalog) -> dict[str, Any]:
    """Every case's result (``to_dict`` plus the per-draw uptake entrants) per draws."""
    out: dict[str, Any] = {}
    for stem, scenario in scenarios().items():
        for draws in DRAWS:
            res = run(scenario, wh, catalog, draws=draws, seed=SEED)
            d = res.to_dict()
            keys, entrants = res.extra.get("uptake_entrant_draws", ([], None))
            d["uptake_entrant_draws"] = {  # per addition: the first 20 draws and the sum
                "keys": [list(k) for k in keys],
                "values": [] if entrants is None else entrants[:20].T.tolist(),
                "sums": [] if entrants is None else entrants.sum(axis=0).tolist(),
            }
            out[f"{stem}/{draws}"] = d
    return out


def differences(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Where ``actual`` differs from ``expected`` (floats: more than 1e-12)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return [f"{where}: keys {sorted(actual) if isinstance(actual, dict) else actual}"]
        return [d for k in expected for d in differences(actual[k], expected[k], f"{where}.{k}")]
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected a list of {len(expected)}, found {actual!r:.80}"]
        return [
            d
            for i, (a, e) in enumerate(zip(actual, expected, strict=True))
            for d in differences(a, e, f"{where}[{i}]")
        ]
    if isinstance(expected, float) and not isinstance(actual, bool):
        if isinstance(actual, int | float) and math.isclose(
            actual, expected, rel_tol=1e-12, abs_tol=1e-12
        ):
            return []
        return [f"{where}: expected {expected!r}, found {actual!r}"]
    if actual != expected or type(actual) is not type(expected):
        return [f"{where}: expected {expected!r}, found {actual!r}"]
    return []


def test_same_floats_as_before(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    # the stored results are JSON: compare after the same round trip (tuples -> lists)
    actual = json.loads(json.dumps(results(demo_wh, demo_catalog)))
    assert set(actual) == set(expected)
    found = differences(actual, expected)
    assert not found, f"{len(found)} differences, first: {found[:5]}"


def test_the_golden_results_are_not_trivial() -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(expected) == (len(CASES) + len(EXTRA)) * len(DRAWS)
    assert expected["switching/200"]["parameters"]["switch_rate"] == 0.3
    with_draws = [v for k, v in expected.items() if k.endswith("/200")]
    assert all(v["draws"] == 200 for v in with_draws)
    assert any(v["summary"]["extra_entrants_per_year_interval"] for v in with_draws)
    assert any(v["additions"] for v in expected.values())
    assert any(v["uptake_entrant_draws"]["values"] for v in expected.values())


def test_differences_finds_a_changed_float() -> None:
    assert differences({"a": [1.0, 2.0]}, {"a": [1.0, 2.0 + 1e-9]}) == [
        ".a[1]: expected 2.000000001, found 2.0"
    ]
    assert differences({"a": 1.0 + 1e-14}, {"a": 1.0}) == []


def _write() -> None:  # pragma: no cover - run by hand after an intended change
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        with Warehouse(path) as wh:
            load_demo(wh)
        with Warehouse(path, read_only=True) as wh:
            catalog = region_catalog(wh, packaged_regions() + demo_custom_regions())
            data = results(wh, catalog)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    GOLDEN.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(data)} results)", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    _write()
