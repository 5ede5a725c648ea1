"""Indicators on the real 2019 file against an independent computation from the raw CSVs."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from tests.conftest import ENROLLMENT_2019, SHARED_DATA

from kansrijk.indicators import compute
from kansrijk.regions import current_code, packaged_regions
from kansrijk.warehouse import Warehouse, region_catalog

pytestmark = pytest.mark.realdata

PROFILES = {
    "Bouwen, wonen en interieur": "BWI",
    "Produceren, installeren en energie": "PIE",
    "Mobiliteit en transport": "MT",
    "Media, vormgeving en ICT": "MVI",
    "Maritiem en techniek": "MAT",
    "Zorg en welzijn": "ZW",
    "Economie en ondernemen": "EO",
    "Horeca, bakkerij en recreatie": "HBR",
    "Dienstverlening en producten": "DP",
    "Groen": "GR",
}
TECH = {"BWI", "PIE", "MT", "MAT"}


def raw() -> tuple[dict[str, dict[str, int]], dict[str, str]]:
    """pupils[loc][category] for BB/KB/GL leerjaar 3-4 and loc -> current gemeente code."""
    pupils: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with ENROLLMENT_2019.open(encoding="latin-1") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"] not in {
                "VMBO BL lj 3-4",
                "VMBO KL lj 3-4",
                "VMBO GL lj 3-4",
            }:
                continue
            n = sum(
                int(r[f"LEER- OF VERBLIJFSJAAR {j} - {s}"])
                for j in (3, 4)
                for s in ("MAN", "VROUW")
            )
            cat = PROFILES.get(r["AFDELING"].replace("Techniek", "techniek"), "route")
            pupils[r["BRIN NUMMER"] + r["VESTIGINGSNUMMER"]][cat] += n
    gm: dict[str, str] = {}
    # the locations snapshot nearest in time that has the location: 2019, else 2020
    for snapshot in (
        SHARED_DATA / "duo" / "alle-vestigingen-vo-2019.csv",
        SHARED_DATA / "duo-earlier" / "02.-alle-vestigingen-vo-2020.csv",
    ):
        with snapshot.open(encoding="latin-1") as fh:
            for r in csv.DictReader(fh, delimiter=";"):
                # the merger table is packaged data (tested in tests/regions); the sums are ours
                gm.setdefault(r["VESTIGINGSNUMMER"], current_code("GM" + r["GEMEENTENUMMER"]))
    return pupils, gm


def expected(region_gms: set[str] | None) -> dict[str, float]:
    pupils, gm = raw()
    locs = [loc for loc in pupils if region_gms is None or gm.get(loc) in region_gms]
    total = sum(sum(pupils[loc].values()) for loc in locs)
    out: dict[str, float] = {}
    for p in PROFILES.values():
        offering = [loc for loc in locs if pupils[loc][p] > 0]
        out[f"offer_{p}"] = 100 * sum(sum(pupils[loc].values()) for loc in offering) / total
        out[f"choice_{p}"] = 100 * sum(pupils[loc][p] for loc in locs) / total
    for name, s in (("techniek", TECH), ("techniek_ict", TECH | {"MVI"})):
        out[f"tech_{name}"] = 100 * sum(pupils[loc][p] for loc in locs for p in s) / total
        none = [loc for loc in locs if not any(pupils[loc][p] > 0 for p in s)]
        out[f"notech_{name}"] = 100 * sum(sum(pupils[loc].values()) for loc in none) / total
    return out


MRDH = set(packaged_regions()[0].gemeenten)
CASES = {
    "NL00": None,
    "MRDH": MRDH,
    "GM0599": {"GM0599"},
    "GM0518": {"GM0518"},
    "GM1992": {"GM1992"},
    "GM0344": {"GM0344"},
    "GM0363": {"GM0363"},
    "GM0193": {"GM0193"},
}


@pytest.mark.parametrize("region", list(CASES))
def test_shares_equal_independent_computation(real_wh: Warehouse, region: str) -> None:
    cat = region_catalog(real_wh, packaged_regions())
    exp = expected(CASES[region])
    offer = compute(real_wh, cat, "vmbo.offer_share", [region], [2019])
    choice = compute(real_wh, cat, "vmbo.choice_share", [region], [2019])
    for p in PROFILES.values():
        got_offer = offer.value(region, 2019, profile=p)
        got_choice = choice.value(region, 2019, profile=p)
        assert got_offer == pytest.approx(exp[f"offer_{p}"], abs=0.005), p
        if got_choice is not None:  # None only when suppressed (1-4 pupils)
            assert got_choice == pytest.approx(exp[f"choice_{p}"], abs=0.005), p
    for s in ("techniek", "techniek_ict"):
        tech = compute(real_wh, cat, "vmbo.tech_choice_share", [region], [2019], profile_set=s)
        none = compute(real_wh, cat, "vmbo.no_tech_offer_share", [region], [2019], profile_set=s)
        assert tech.value(region, 2019) == pytest.approx(exp[f"tech_{s}"], abs=0.005)
        assert none.value(region, 2019) == pytest.approx(exp[f"notech_{s}"], abs=0.005)


def test_issue_figures(real_wh: Warehouse) -> None:
    cat = region_catalog(real_wh, packaged_regions())
    offer = compute(real_wh, cat, "vmbo.offer_share", ["NL00", "MRDH", "GM0599", "GM0518"], [2019])
    got = {r: round(offer.value(r, 2019, profile="PIE") or 0, 2) for r in offer.regions}
    # 18CH10 (Rotterdam, 146 pupils, offers PIE) is in the 2020 locations snapshot only
    assert got == {"NL00": 48.99, "MRDH": 40.30, "GM0599": 29.72, "GM0518": 25.46}
    tech = compute(
        real_wh, cat, "vmbo.tech_choice_share", ["NL00"], [2019], profile_set="techniek_ict"
    )
    assert tech.value("NL00", 2019) == pytest.approx(19.21, abs=0.01)


def test_small_counts_suppressed_but_counted_in_totals(real_wh: Warehouse) -> None:
    cat = region_catalog(real_wh, packaged_regions())
    all_gms = list(cat.get("NL00").gemeenten)
    res = compute(real_wh, cat, "vmbo.choice_share", all_gms, [2019])
    small = [r for r in res.rows if r.suppressed]
    assert small, "expected a profile chosen by 1-4 pupils in some gemeente"
    row = small[0]
    province = next(p for p in cat.parents_of(row.region) if p.code.startswith("PV"))
    gms = list(province.gemeenten)
    assert row.value is None and row.numerator is None and row.denominator
    # the suppressed pupils still count in the region total and in the profile's PV28 share
    pupils, gm = raw()
    p = row.breakdown["profile"]
    n_small = sum(pupils[loc][p] for loc in pupils if gm.get(loc) == row.region)
    assert 1 <= n_small <= 4
    pv = compute(real_wh, cat, "vmbo.choice_share", [province.code], [2019])
    pv_row = next(r for r in pv.rows if r.breakdown["profile"] == p)
    pv_locs = [loc for loc in pupils if gm.get(loc) in set(gms)]
    assert pv_row.numerator == sum(pupils[loc][p] for loc in pv_locs)
    assert pv_row.denominator == sum(sum(pupils[loc].values()) for loc in pv_locs)
