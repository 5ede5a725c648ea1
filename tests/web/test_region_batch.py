"""A region's indicator result cut from the result for all regions (``region_batch``) equals
the engine's result for that region alone (and for a region beside NL, as the trends ask),
for every region of the selector: rows, published figures, targets, missing cells, notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.indicators import IndicatorResult, compute
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, region_catalog
from kansrijk.web.region_batch import RegionBatch
from kansrijk.web.state import build_state

#: What the overview asks per region: (indicator, profile set).
OVERVIEW = (
    ("vmbo.tech_choice_share", "techniek"),
    ("vmbo.tech_choice_share", "techniek_ict"),
    ("vmbo.no_tech_offer_share", None),
    ("access.distance_to_tech_offer", None),
    ("vmbo.girls_in_tech_share", None),
    ("exams.n_profile_share", None),
    ("exams.vmbo_tech_share", None),
)


def _assert_same(cut: IndicatorResult, alone: IndicatorResult, what: object) -> None:
    """Every field alike: the cells (Arrow table and row objects), figures, targets, etc."""
    assert cut.table.equals(alone.table), what
    assert cut.rows == alone.rows, what
    for name in (
        "indicator",
        "profile_set",
        "regions",
        "years",
        "by",
        "published",
        "targets",
        "missing",
        "notes",
        "old_afdelingen",
        "region_names",
        "provenance",
    ):
        assert getattr(cut, name) == getattr(alone, name), (name, what)


def _check_all(
    wh: Warehouse,
    catalog: RegionCatalog,
    codes: tuple[str, ...],
    demo: bool,
    check: tuple[str, ...] | None = None,
) -> int:
    """Batch over ``codes``; compare the cut of each of ``check`` (default: all)."""
    checked = 0
    for indicator, pset in OVERVIEW:
        whole = compute(wh, catalog, indicator, codes, None, (), pset)
        batch = RegionBatch.of(whole, fictional=demo)
        for code in check or codes:
            for asked in [(code,), (code, "NL00")] if code != "NL00" else [(code,)]:
                if not batch.covers(asked):
                    continue
                alone = compute(wh, catalog, indicator, asked, None, (), pset)
                _assert_same(batch.subset(asked), alone, (indicator, pset, asked))
                checked += 1
    return checked


def test_cut_equals_computed_for_every_demo_region(demo_warehouse_path: Path) -> None:
    with Warehouse(demo_warehouse_path, read_only=True) as wh:
        state = build_state(Settings(warehouse=demo_warehouse_path, regions_file=None), wh)
        codes = state.batch_regions
        assert "DEMO" in codes
        assert _check_all(wh, state.catalog, codes, state.demo) >= len(OVERVIEW) * len(codes)


def test_a_region_outside_the_batch_is_not_covered(demo_warehouse_path: Path) -> None:
    with Warehouse(demo_warehouse_path, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions())
        whole = compute(wh, catalog, "vmbo.no_tech_offer_share", ("NL00",), None, (), None)
        batch = RegionBatch.of(whole, fictional=True)
        assert batch.covers(["NL00"])
        assert not batch.covers(["NL00", "GM0599"])


@pytest.mark.realdata
def test_cut_equals_computed_for_real_regions(real_warehouse_path: Path) -> None:
    """All 432 regions one by one would take minutes: every 7th, and MRDH and Rotterdam."""
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        state = build_state(Settings(warehouse=real_warehouse_path, regions_file=None), wh)
        every = state.batch_regions
        check = tuple(sorted({*every[::7], "NL00", "MRDH", "GM0599"}, key=every.index))
        assert _check_all(wh, state.catalog, every, state.demo, check) > 7 * 2 * 60
