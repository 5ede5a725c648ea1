"""The baseline: the region's locations exactly as the data show them, models, mbo distances."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.errors import UnknownRegionError
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import (
    LEERWEGEN,
    MASKED_VALUE,
    PROFILES,
    Baseline,
    ScenarioDataError,
    clear_cache,
    national_data,
    read_mbo_file,
)
from kansrijk.scenarios.mbo import NO_MBO_LOCATIONS, TECHNIEK_ICT_KAMERS, MboList
from kansrijk.vocab import SECTORKAMERS
from kansrijk.warehouse import BOVENBOUW_FILTER, Warehouse

from .conftest import DEMO_YEAR


def test_counts_equal_the_data(demo_wh: Warehouse, demo_baseline: Baseline) -> None:
    where = BOVENBOUW_FILTER.replace("track", "e.track").replace("grade", "e.grade")
    rows = demo_wh.query(
        f"""
        SELECT e.loc_code, e.track, e.profile, sum(coalesce(e.count, 0)),
               count(*) FILTER (WHERE e.masked)
        FROM vo_enrollment e JOIN location l ON l.loc_code = e.loc_code AND l.year = e.year
        WHERE e.year = ? AND {where}
        GROUP BY ALL
        """,
        [DEMO_YEAR],
    )
    tracks = [t for _, t in LEERWEGEN]
    expected = np.zeros_like(demo_baseline.counts)
    for loc, track, profile, total, masked in rows:
        i = demo_baseline.locations.index(loc)
        expected[tracks.index(track), i, PROFILES.index(profile)] += total + MASKED_VALUE * masked
    np.testing.assert_allclose(demo_baseline.counts, expected)
    assert np.array_equal(demo_baseline.offer, expected > 0)
    assert any(r[4] for r in rows), "the demo masks some cells in 2024"
    assert any("masked enrollment cells" in n for n in demo_baseline.notes)


def test_region_membership_follows_the_indicators(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    zuid = Baseline.from_warehouse(demo_wh, demo_catalog, "DEMO-ZUID", DEMO_YEAR)
    region = demo_catalog.get("DEMO-ZUID")
    assert zuid.locations
    assert all(p in region.pc4 for p in zuid.pc4)
    demo = Baseline.from_warehouse(demo_wh, demo_catalog, "DEMO", DEMO_YEAR)
    inside = [c for c, p in zip(demo.locations, demo.pc4, strict=True) if p in region.pc4]
    assert sorted(inside) == sorted(zuid.locations)
    # the same models: estimated on every location of the year, not the region
    assert zuid.models[0] is demo.models[0]


def test_models_and_utilities(demo_baseline: Baseline) -> None:
    est = demo_baseline.estimable
    util = demo_baseline.utilities
    for lw in range(3):
        model = demo_baseline.models[lw]
        assert model is not None
        assert model.n_locations == int((demo_baseline.national.counts[lw].sum(axis=1) > 0).sum())
        assert np.isfinite(util[lw][:, est[lw]]).all()
        assert np.isneginf(util[lw][:, ~est[lw]]).all()
    # the demo has no CBS key figures: only the size covariate remains
    assert demo_baseline.national.model_covariates == ("log_size",)
    assert any("log_address_density left out" in n for n in demo_baseline.notes)


def test_mbo_distances_from_the_warehouse(demo_baseline: Baseline) -> None:
    mbo = demo_baseline.mbo
    assert mbo.source == "warehouse table mbo_location"
    assert not mbo.indicative
    assert all(loc.has_point for loc in mbo.locations)
    d = demo_baseline.dist_ict_km
    assert np.isfinite(d).all()
    assert (d >= 0).all()
    weights = demo_baseline.counts.sum(axis=(0, 2))
    assert demo_baseline.ref_ict_km == pytest.approx(float((d * weights).sum() / weights.sum()))
    # distances are to locations offering techniek incl. ICT only
    pts = mbo.points(TECHNIEK_ICT_KAMERS)
    assert len(pts) == sum(1 for loc in mbo.locations if loc.sectorkamers & TECHNIEK_ICT_KAMERS)


def test_no_hand_written_mbo_list_is_packaged() -> None:
    import importlib.resources

    assert (
        not importlib.resources.files("kansrijk.scenarios")
        .joinpath("data/mbo_locations.yaml")
        .is_file()
    )
    with pytest.raises(TypeError):
        read_mbo_file()  # type: ignore[call-arg]  # a scenario's own file only


def test_without_mbo_locations_the_baseline_says_so(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    empty = MboList((), NO_MBO_LOCATIONS, indicative=False)
    base = Baseline.from_warehouse(demo_wh, demo_catalog, "DEMO", DEMO_YEAR, mbo=empty)
    assert empty.missing
    assert np.isnan(base.dist_ict_km).all()
    note = next(n for n in base.notes if n.startswith("no mbo locations loaded"))
    assert "DUO 'Adressen mbo'" in note and "distance effect" in note
    assert all(loc.sectorkamers <= set(SECTORKAMERS) for loc in base.mbo.locations)


def test_national_data_is_cached(demo_wh: Warehouse) -> None:
    first = national_data(demo_wh, DEMO_YEAR)
    assert national_data(demo_wh, DEMO_YEAR) is first
    clear_cache()
    again = national_data(demo_wh, DEMO_YEAR)
    assert again is not first
    np.testing.assert_allclose(again.counts, first.counts)


def test_missing_year_and_unknown_region(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> None:
    with pytest.raises(ScenarioDataError, match=r"no vmbo BB/KB/GL pupils .* 1999.*loaded years"):
        Baseline.from_warehouse(demo_wh, demo_catalog, "DEMO", 1999)
    with pytest.raises(UnknownRegionError, match="DEMOO"):
        Baseline.from_warehouse(demo_wh, demo_catalog, "DEMOO", DEMO_YEAR)
    with pytest.raises(ScenarioDataError, match="no location"):
        Baseline.from_warehouse(demo_wh, demo_catalog, "MRDH", DEMO_YEAR)
