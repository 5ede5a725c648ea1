"""Trends: values and year-on-year changes checked against an independent computation over the
raw canonical rows of the demo region (plain Python), breaks marked where the definition
changes, targets with the gap in words, the path to a target year and on track or not."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.indicators.breaks import (
    EXAM_MASKING,
    OLD_AFDELINGEN,
    TL_EXAM_SECTOR,
    breaks_at,
)
from kansrijk.indicators.trend import trend
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.vocab import PROFILE_SETS, ProfileSet
from kansrijk.warehouse import Warehouse, region_catalog

TECH_ICT = {p.value for p in PROFILE_SETS[ProfileSet.TECHNIEK_ICT]}
TECH = {p.value for p in PROFILE_SETS[ProfileSet.TECHNIEK]}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trend") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


@pytest.fixture
def wh(demo_path: Path) -> Iterator[Warehouse]:
    with Warehouse(demo_path, read_only=True) as w:
        yield w


@pytest.fixture
def catalog(wh: Warehouse) -> RegionCatalog:
    return region_catalog(wh, packaged_regions() + demo_custom_regions())


def _placed(wh: Warehouse) -> dict[tuple[int, str], tuple[str | None, str | None]]:
    """(year, location) -> (gemeente, PC4) as placed at load."""
    return {
        (int(y), loc): (gm, pc4)
        for y, loc, gm, pc4 in wh.query(
            "SELECT year, loc_code, gemeente_code, pc4 FROM location_place"
        )
    }


def _bovenbouw(wh: Warehouse) -> list[tuple[int, str, str | None, str, int, bool]]:
    return [
        (int(y), loc, prof, sex, int(n or 0), bool(m))
        for y, loc, prof, sex, n, m in wh.query(
            "SELECT year, loc_code, profile, sex, count, masked FROM vo_enrollment "
            "WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
        )
    ]


def _no_tech_offer_by_year(wh: Warehouse, pc4s: set[str]) -> dict[int, tuple[int, int]]:
    """(pupils at locations offering none of BWI/PIE/MT/MAT/MVI, all pupils) per year, for
    the locations in the PC4 areas: a plain Python count over the raw rows."""
    placed = _placed(wh)
    rows = [r for r in _bovenbouw(wh) if placed.get((r[0], r[1]), (None, None))[1] in pc4s]
    offers: set[tuple[int, str]] = set()
    for y, loc, prof, _, n, m in rows:
        if prof in TECH_ICT and (n > 0 or m):
            offers.add((y, loc))
    out: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for y, loc, _, _, n, _ in rows:
        out[y][1] += n
        if (y, loc) not in offers:
            out[y][0] += n
    return {y: (a, b) for y, (a, b) in out.items()}


def test_trend_values_and_changes_equal_an_independent_count(
    wh: Warehouse, catalog: RegionCatalog
) -> None:
    zuid = catalog.get("DEMO-ZUID")
    expected = _no_tech_offer_by_year(wh, set(zuid.pc4))
    tr = trend(wh, catalog, "vmbo.no_tech_offer_share", ["DEMO-ZUID"])
    (series,) = tr.series
    assert (
        [p.year for p in series.points] == sorted(expected) == [2019, 2020, 2021, 2022, 2023, 2024]
    )
    prev = None
    for p in series.points:
        num, den = expected[p.year]
        assert (p.numerator, p.denominator) == (num, den)
        assert p.value == pytest.approx(100 * num / den)
        if prev is None:
            assert p.change is None
        else:
            assert p.change == pytest.approx(100 * num / den - prev)
        prev = 100 * num / den
        assert p.breaks == ()  # the demo's enrollment years are all after 2017


def test_standing_target_gap_in_words(wh: Warehouse, catalog: RegionCatalog) -> None:
    zuid = catalog.get("DEMO-ZUID")
    num, den = _no_tech_offer_by_year(wh, set(zuid.pc4))[2024]
    share = 100 * num / den
    tr = trend(wh, catalog, "vmbo.no_tech_offer_share", ["DEMO-ZUID"])
    target = tr.series[0].target
    assert target is not None
    assert target.value == 0 and target.year is None
    assert target.gap == pytest.approx(-share)
    assert target.path == () and target.on_track is None
    text = f"{share:.1f}".replace(".", ",")
    assert target.text("nl", tr.phrase("nl")) == (
        f"{text}% op een locatie zonder technisch profiel; doel 0%; nog {text} procentpunt"
    )
    assert target.text("en", tr.phrase("en")) == (
        f"{share:.1f}% at a location without a technical profile; target 0%; "
        f"still {share:.1f} percentage points"
    )
    assert tr.to_json()["series"][0]["target"]["text_nl"].startswith(f"{text}% op een")


def test_target_year_path_and_on_track(wh: Warehouse, catalog: RegionCatalog) -> None:
    """The demo's fictional 30% techniek target for 2030: the straight path from the
    baseline (2019) to 2030, and on track when 2024 is at or above the path."""
    demo = catalog.get("DEMO")
    placed = _placed(wh)
    acc: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for y, loc, prof, _, n, _ in _bovenbouw(wh):
        if placed.get((y, loc), (None, None))[0] in demo.gemeenten:
            acc[y][1] += n
            acc[y][0] += n if prof in TECH else 0
    share = {y: 100 * a / b for y, (a, b) in acc.items()}
    tr = trend(wh, catalog, "vmbo.tech_choice_share", ["DEMO"])
    target = tr.series[0].target
    assert target is not None and target.year == 2030 and target.value == 30
    assert target.baseline_year == 2019
    assert target.path == ((2019, pytest.approx(share[2019])), (2030, 30.0))
    expected_2024 = share[2019] + (30 - share[2019]) * 5 / 11
    assert target.on_track is (share[2024] >= expected_2024)
    words = target.text("nl", tr.phrase("nl"))
    assert words.endswith("op koers" if target.on_track else "niet op koers voor 2030")
    assert f"nog {30 - share[2024]:.1f}".replace(".", ",") in words


def test_exam_breaks_are_marked_not_drawn_as_change(wh: Warehouse, catalog: RegionCatalog) -> None:
    tr = trend(wh, catalog, "exams.vmbo_tech_share", ["DEMO"], ["track"])
    by = {s.breakdown["track"]: {p.year: p for p in s.points} for s in tr.series}
    # the TL sector break applies to the TL series only; the masking break to every series
    assert by["vmbo_tl"][2018].breaks == (TL_EXAM_SECTOR,)
    assert by["vmbo_bb"][2018].breaks == ()
    assert by["vmbo_bb"][2018].change is not None
    for track in by:
        assert by[track][2019].breaks == (EXAM_MASKING,)
        assert by[track][2019].change is None
    total = trend(wh, catalog, "exams.vmbo_tech_share", ["DEMO"]).to_json()
    points = {p["year"]: p for p in total["series"][0]["points"]}
    assert points[2018]["break"]["ids"] == ["tl_exam_sector"]
    assert points[2018]["change"] is None
    assert points[2017]["break"] is None
    assert [b["year"] for b in total["breaks"]] == [2018, 2019]


def test_break_rules() -> None:
    assert breaks_at((OLD_AFDELINGEN,), None, 2019, {}) == ()
    assert breaks_at((OLD_AFDELINGEN,), 2016, 2019, {}) == (OLD_AFDELINGEN,)
    assert breaks_at((OLD_AFDELINGEN,), 2017, 2019, {}) == ()
    assert breaks_at((TL_EXAM_SECTOR,), 2017, 2018, {"track": "vmbo_kb"}) == ()
    assert breaks_at((TL_EXAM_SECTOR,), 2017, 2018, {"track": "vmbo_tl"}) == (TL_EXAM_SECTOR,)
    assert breaks_at((TL_EXAM_SECTOR,), 2017, 2018, {}) == (TL_EXAM_SECTOR,)


def test_real_targets_are_not_shown_on_the_demo(wh: Warehouse, catalog: RegionCatalog) -> None:
    """Rotterdam Zuid's real target is never drawn beside fictional data; the demo's own
    fictional targets are, and say so."""
    tr = trend(wh, catalog, "vmbo.no_tech_offer_share", ["DEMO-ZUID", "DEMO"])
    sources = {s.target.source for s in tr.series if s.target}
    assert sources and all(src.startswith("Fictief demodoel") for src in sources)
