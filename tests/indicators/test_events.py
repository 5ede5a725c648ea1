"""Profile events and the licence watch, checked against an independent computation over the
raw canonical rows (plain Python), on the demo region and on a copy of it with rows removed
to make a lapsed licence, a closed location and a new one."""

from __future__ import annotations

import itertools
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.errors import InputError, UnknownRegionError
from kansrijk.indicators.events import ProfileEvents, profile_events
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.vocab import PROFILE_SETS, ProfileSet
from kansrijk.warehouse import Warehouse, region_catalog

TECH_ICT = {p.value for p in PROFILE_SETS[ProfileSet.TECHNIEK_ICT]}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("events") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


@pytest.fixture(scope="module")
def edited_path(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with: ZZ2300 without any pupil in 2020 (its profiles come back in 2021, as
    at a new location); ZZ1000 without pupils from 2023 (closed); MVI at the first location
    offering it gone from 2021 on (4 years without pupils by 2024: a lapsed licence)."""
    path = tmp_path_factory.mktemp("events-edited") / "edited.duckdb"
    shutil.copyfile(demo_path, path)
    with Warehouse(path) as wh:
        mvi = wh.query(
            "SELECT min(loc_code) FROM vo_enrollment WHERE profile = 'MVI' AND year = 2019 "
            "AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4) AND count > 0"
        )[0][0]
        wh.con.execute(
            "DELETE FROM vo_enrollment WHERE loc_code = ? AND profile = 'MVI' AND year >= 2021",
            [mvi],
        )
        wh.con.execute("DELETE FROM vo_enrollment WHERE loc_code = 'ZZ1000' AND year >= 2023")
        wh.con.execute("DELETE FROM vo_enrollment WHERE loc_code = 'ZZ2300' AND year = 2020")
    return path


def _catalog(wh: Warehouse) -> RegionCatalog:
    return region_catalog(wh, packaged_regions() + demo_custom_regions())


def _independent(wh: Warehouse, gemeenten: set[str]) -> tuple[set[tuple], set[tuple]]:
    """(events, licence watch) from the raw rows and each year's placement of the
    locations: (loc, profile, kind, year, prev, pupils) and (loc, profile, last_year,
    years_without)."""
    placed = {
        (int(y), loc): gm
        for y, loc, gm in wh.query("SELECT year, loc_code, gemeente_code FROM location_place")
    }
    years = sorted({int(r[0]) for r in wh.query("SELECT DISTINCT year FROM vo_enrollment")})
    pupils: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for y, loc, prof, n, m in wh.query(
        "SELECT year, loc_code, profile, count, masked FROM vo_enrollment "
        "WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
    ):
        if prof is None or placed.get((int(y), loc)) not in gemeenten:
            continue
        if (n or 0) > 0 or m:
            cell = pupils[(loc, prof)]
            cell[int(y)] = cell.get(int(y), 0) + int(n or 0)
    events = set()
    watch = set()
    for (loc, prof), per in pupils.items():
        for prev, year in itertools.pairwise(years):
            if prev in per and year not in per:
                events.add((loc, prof, "stopped", year, prev, per[prev]))
            if year in per and prev not in per:
                events.add((loc, prof, "started", year, prev, per[year]))
        if max(per) < years[-1]:
            watch.add((loc, prof, max(per), years[-1] - max(per)))
    return events, watch


def _as_sets(ev: ProfileEvents) -> tuple[set[tuple], set[tuple]]:
    return (
        {(e.loc_code, e.profile, e.kind, e.year, e.prev_year, e.pupils) for e in ev.events},
        {(w.loc_code, w.profile, w.last_year, w.years_without) for w in ev.watch},
    )


def test_demo_events_equal_an_independent_computation(demo_path: Path) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        catalog = _catalog(wh)
        ev = profile_events(wh, catalog, "DEMO", profile_set=None)
        expected = _independent(wh, set(catalog.get("DEMO").gemeenten))
    assert _as_sets(ev) == expected
    assert ("ZZ1000", "PIE", "started", 2022, 2021, 28) in expected[0]
    assert ("ZZ2300", "MT", "stopped", 2024, 2023, 13) in expected[0]
    assert ev.years == (2019, 2020, 2021, 2022, 2023, 2024)
    tot = ev.totals()
    assert tot["started"] == sum(1 for e in expected[0] if e[2] == "started")
    assert tot["pupils_stopped"] == sum(e[5] for e in expected[0] if e[2] == "stopped")


def test_since_until_and_profile_set_filter(demo_path: Path) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        catalog = _catalog(wh)
        late = profile_events(wh, catalog, "DEMO", since=2022)
        early = profile_events(wh, catalog, "DEMO", since=2019, until=2022)
        with pytest.raises(UnknownRegionError):
            profile_events(wh, catalog, "NOPE")
        with pytest.raises(InputError):
            profile_events(wh, catalog, "DEMO", profile_set="groen")
    assert [(e.loc_code, e.kind, e.year) for e in late.events] == [("ZZ2300", "stopped", 2024)]
    assert [(e.loc_code, e.kind, e.year) for e in early.events] == [("ZZ1000", "started", 2022)]
    assert all(e.technical and e.profile in TECH_ICT for e in late.events + early.events)
    doc = late.to_json()
    assert doc["events"][0]["pupils"] == 13 and doc["licence_watch"][0]["years_without"] == 1


def test_lapsed_licence_closed_and_returning_location(edited_path: Path) -> None:
    with Warehouse(edited_path, read_only=True) as wh:
        catalog = _catalog(wh)
        ev = profile_events(wh, catalog, "DEMO", profile_set=None)
        expected = _independent(wh, set(catalog.get("DEMO").gemeenten))
    assert _as_sets(ev) == expected
    lapsed = [w for w in ev.watch if w.profile == "MVI" and w.last_year == 2020]
    assert len(lapsed) == 1 and lapsed[0].years_without == 4 and lapsed[0].lapsed
    assert lapsed[0].location_active
    closed = [e for e in ev.events if e.loc_code == "ZZ1000" and e.year == 2023]
    assert closed and all(e.kind == "stopped" and e.location_closed for e in closed)
    assert all(not w.location_active for w in ev.watch if w.loc_code == "ZZ1000")
    back = [e for e in ev.events if e.loc_code == "ZZ2300" and e.year == 2021]
    assert back and all(e.kind == "started" and e.new_location for e in back)
