"""Trends, breaks and events on the real DUO/CBS files (skipped without ../shared/data): the
exam vmbo-tech series breaks at 2018-19 in the CLI and its JSON, the Rotterdam Zuid target
gap in words, the MRDH no-tech-offer share per loaded year against a plain Python count, and
the MRDH profile events 2016-2019 (skipped while the 2016 enrollment file is not loaded)."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SHARED_DATA
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.vocab import PROFILE_SETS, ProfileSet
from kansrijk.warehouse import Warehouse, ingest, region_catalog

pytestmark = pytest.mark.realdata

TECH_ICT = {p.value for p in PROFILE_SETS[ProfileSet.TECHNIEK_ICT]}


def _cli(path: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--json", "--warehouse", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _catalog(wh: Warehouse) -> RegionCatalog:
    return region_catalog(wh, packaged_regions())


def _placed(wh: Warehouse) -> dict[tuple[int, str], tuple[str | None, str | None]]:
    """(year, location) -> (gemeente, PC4) as placed at load (the warehouse's placement)."""
    return {
        (int(y), loc): (gm, pc4)
        for y, loc, gm, pc4 in wh.query(
            "SELECT year, loc_code, gemeente_code, pc4 FROM location_place"
        )
    }


def _exam_share(wh: Warehouse, gemeenten: set[str], year: int) -> tuple[int, int]:
    """vmbo candidates in techniek or a techniek_ict profile / candidates with a sector or
    profile, over the raw exam rows of the region's locations (plain Python)."""
    placed = _placed(wh)
    num = den = 0
    for loc, prof, n in wh.query(
        "SELECT loc_code, profile, candidates FROM vo_exam WHERE year = ? AND sex = 'all' "
        "AND track LIKE 'vmbo_%'",
        [year],
    ):
        if placed.get((year, loc), (None, None))[0] not in gemeenten or prof is None or n is None:
            continue
        den += n
        num += n if prof in TECH_ICT or prof == "techniek" else 0
    return num, den


def test_exam_vmbo_tech_series_breaks_at_2018_19(real_warehouse_path: Path) -> None:
    doc = _cli(real_warehouse_path, "trend", "exams.vmbo_tech_share", "--region", "MRDH")
    points = {p["year"]: p for p in doc["series"][0]["points"]}
    assert points[2018]["break"]["ids"] == ["tl_exam_sector"]
    assert "2018/19" in points[2018]["break"]["reason_nl"]
    assert points[2018]["change"] is None  # the jump is a change of definition, not a change
    assert points[2017]["break"] is None and points[2017]["change"] is not None
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        mrdh = set(_catalog(wh).get("MRDH").gemeenten)
        for year in (2017, 2018):
            num, den = _exam_share(wh, mrdh, year)
            assert (points[year]["numerator"], points[year]["denominator"]) == (num, den)
    # TL candidates join the denominator in 2018-19: it nearly doubles
    assert points[2018]["denominator"] > 1.8 * points[2017]["denominator"]
    by_track = _cli(
        real_warehouse_path, "trend", "exams.vmbo_tech_share", "--region", "MRDH", "--by", "track"
    )
    tl = next(s for s in by_track["series"] if s["breakdown"] == {"track": "vmbo_tl"})
    assert tl["points"][0]["year"] == 2018  # no TL series before the break
    rows = _cli(
        real_warehouse_path,
        "indicator",
        "exams.vmbo_tech_share",
        "--region",
        "MRDH",
        "--year",
        "2017,2018",
    )["rows"]
    assert {r["year"]: r["break"] for r in rows if r["kind"] == "computed"} == {
        2017: "",
        2018: "tl_exam_sector",
    }


def test_no_tech_offer_share_per_year_and_zuid_gap(real_warehouse_path: Path) -> None:
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        catalog = _catalog(wh)
        mrdh = set(catalog.get("MRDH").gemeenten)
        zuid = set(catalog.get("RDAM-ZUID").pc4)
        placed = _placed(wh)
        raw = wh.query(
            "SELECT year, loc_code, profile, count, masked, old_category FROM vo_enrollment "
            "WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
        )
    # docs/data.md: of the old afdelingen without a profile, 'techniek breed' counts as
    # technical (mapped, the default); intersectoral programmes do not
    offers = {
        (y, c)
        for y, c, p, n, m, old in raw
        if (p in TECH_ICT or old == "techniek_breed") and ((n or 0) > 0 or m)
    }
    acc: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for y, c, _, n, _, _ in raw:
        gm, pc4 = placed.get((y, c), (None, None))
        for region, inside in (("MRDH", gm in mrdh), ("RDAM-ZUID", pc4 in zuid)):
            if inside:
                acc[(region, y)][1] += n or 0
                acc[(region, y)][0] += 0 if (y, c) in offers else n or 0
    doc = _cli(
        real_warehouse_path, "trend", "vmbo.no_tech_offer_share", "--region", "MRDH,RDAM-ZUID"
    )
    for s in doc["series"]:
        for p in s["points"]:
            assert [p["numerator"], p["denominator"]] == acc[(s["region"], p["year"])]
    zuid_series = next(s for s in doc["series"] if s["region"] == "RDAM-ZUID")
    last = zuid_series["points"][-1]
    share = f"{100 * last['numerator'] / last['denominator']:.1f}".replace(".", ",")
    assert zuid_series["target"]["text_nl"] == (
        f"{share}% op een locatie zonder technisch profiel; doel 0%; nog {share} procentpunt"
    )
    if last["year"] == 2019:
        assert share == "36,2"  # the example


ENROLLMENT_2016 = (
    SHARED_DATA / "duo-earlier" / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv"
)


@pytest.fixture(scope="module")
def with_2016(real_warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's real warehouse, with the 2016 enrollment file added when the session
    did not load it (a copy: the session's warehouse stays as it is)."""
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        years = [int(r[0]) for r in wh.query("SELECT DISTINCT year FROM vo_enrollment")]
    if 2016 in years:
        return real_warehouse_path
    if not ENROLLMENT_2016.exists():
        pytest.skip(f"{ENROLLMENT_2016} not found")
    path = tmp_path_factory.mktemp("real-2016") / "real.duckdb"
    shutil.copyfile(real_warehouse_path, path)
    with Warehouse(path) as wh:
        ingest(wh, [ENROLLMENT_2016])
    return path


def test_mrdh_profile_events_2016_2019(with_2016: Path) -> None:
    """Every location of MRDH that started or stopped a technical profile between 2016 and
    2019, with pupils, equals a plain Python pass over the raw rows."""
    doc = _cli(with_2016, "events", "MRDH", "--since", "2016", "--until", "2019")
    with Warehouse(with_2016, read_only=True) as wh:
        mrdh = set(_catalog(wh).get("MRDH").gemeenten)
        placed = {
            (int(y), loc): gm
            for y, loc, gm in wh.query("SELECT year, loc_code, gemeente_code FROM location_place")
        }
        raw = wh.query(
            "SELECT year, loc_code, profile, count, masked FROM vo_enrollment WHERE year IN "
            "(2016, 2019) AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
        )
    pupils: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for y, loc, prof, n, m in raw:
        if prof in TECH_ICT and placed.get((y, loc)) in mrdh and ((n or 0) > 0 or m):
            cell = pupils[(loc, prof)]
            cell[y] = cell.get(y, 0) + (n or 0)
    expected = set()
    for (loc, prof), per in pupils.items():
        if 2016 in per and 2019 not in per:
            expected.add((loc, prof, "stopped", per[2016]))
        if 2019 in per and 2016 not in per:
            expected.add((loc, prof, "started", per[2019]))
    found = {(e["loc_code"], e["profile"], e["kind"], e["pupils"]) for e in doc["events"]}
    assert found == expected
    assert doc["events"], "no technical profile started or stopped in MRDH 2016-2019"
    assert all((e["prev_year"], e["year"]) == (2016, 2019) for e in doc["events"])
    # 2016 counted old afdelingen (mapped): every event spans that change of definition
    assert all(e["break"]["ids"] == ["old_afdelingen"] for e in doc["events"])
    assert doc["totals"]["started"] == sum(1 for x in expected if x[2] == "started")
