"""Indicator cases written as data (tests/indicators/cases/*.yaml): an indicator, fixture
files in the publisher's format, regions, years and options, and the expected rows counted by
hand from the files. They run the engine without the real data."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from kansrijk.demo import regions_for
from kansrijk.indicators import INDICATORS, IndicatorResult, compute
from kansrijk.warehouse import Warehouse, ingest, region_catalog

CASES_DIR = Path(__file__).parent / "cases"
DATA = Path(__file__).parents[1] / "data"
VALUE_KEYS = ("value", "numerator", "denominator", "suppressed", "masked_cells")


def _files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _cases() -> list[Any]:
    out = []
    for path in _files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append(pytest.param(path.name, tuple(doc["data"]), case, id=case["name"]))
    return out


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], Path]:
    """One loaded warehouse per data set named by the case files."""
    out: dict[tuple[str, ...], Path] = {}
    for path in _files():
        data = tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["data"])
        if data not in out:
            wh_path = tmp_path_factory.mktemp("cases") / "w.duckdb"
            with Warehouse(wh_path) as wh:
                ingest(wh, [DATA / f for f in data])
            out[data] = wh_path
    return out


def _key(row: dict[str, Any], dims: tuple[str, ...]) -> tuple[Any, ...]:
    return (row["region"], row["year"], *(str(row.get(d, "")) for d in dims))


def _run(wh_path: Path, case: dict[str, Any]) -> IndicatorResult:
    with Warehouse(wh_path, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh))
        return compute(
            wh,
            catalog,
            case["indicator"],
            case["regions"],
            case.get("years"),
            case.get("by"),
            case.get("set"),
            old_afdelingen=case.get("old_afdelingen", True),
        )


@pytest.mark.parametrize(("file", "data", "case"), _cases())
def test_case(
    warehouses: dict[tuple[str, ...], Path], file: str, data: tuple[str, ...], case: dict[str, Any]
) -> None:
    result = _run(warehouses[data], case)
    dims = result.breakdown_columns
    got = {_key(r, dims): r for r in result.records() if r["kind"] == "computed"}
    for want in case["rows"]:
        key = _key(want, dims)
        assert key in got, f"{file}: {case['name']}: no computed row {key}; got {sorted(got)}"
        row = got[key]
        for k in VALUE_KEYS:
            if k not in want:
                continue
            expected, found = want[k], row[k]
            if isinstance(expected, float | int) and not isinstance(expected, bool):
                assert found is not None and math.isclose(found, expected, abs_tol=1e-9), (
                    f"{case['name']} {key} {k}: expected {expected}, found {found}"
                )
            else:
                assert found == expected, f"{case['name']} {key} {k}: {expected} != {found}"
    if case.get("complete"):
        assert len(got) == len(case["rows"]), f"{case['name']}: extra rows {sorted(got)}"
    if "missing" in case:
        assert [list(m) for m in result.missing] == case["missing"]


def test_every_enrollment_indicator_has_a_case() -> None:
    """Every indicator computed by a query on the enrollment table is covered by a case."""
    covered = {
        c["indicator"]
        for path in _files()
        for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    }
    needed = {i.id for i in INDICATORS if i.query is not None and i.table == "vo_enrollment"}
    assert needed - covered == set()
