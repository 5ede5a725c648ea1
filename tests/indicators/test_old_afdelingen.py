"""Indicators on a year with old afdelingen: with and without the crosswalk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import FIXTURES

from kansrijk.indicators import compute
from kansrijk.indicators.export import result_json
from kansrijk.warehouse import Warehouse, ingest, mapped_afdeling_pupils, region_catalog

# Fixture 2016 (leerjaar 3-4, BB/KB/GL): 99XB00 (GM9901) BWI 11, Bouwtechniek 8,
# Techniek Breed 7, ZW 13 = 39; 99XB07 (GM9902) Technologie Orientatie 5 (sector Techniek)
# + 10 (Economie), ICT-route 9, Verzorging 13, Techniek & Commercie 6 = 43.


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    e16 = tmp_path / "leerlingen-vo-fictief-2016-2017.csv"
    e16.write_bytes(
        (FIXTURES / "duo" / "leerlingen-vo-per-vestiging-fictief-2016-2017.csv")
        .read_bytes()
        .replace(b"Zuid-Holland", b"Fictieland")
    )
    with Warehouse(tmp_path / "w.duckdb") as w:
        ingest(
            w,
            [
                FIXTURES / "cbs" / "gebieden-in-nederland-fictief-2024.csv",
                FIXTURES / "cbs" / "woonplaatsen-gemeente-fictief-2024.csv",
                e16,
            ],
        )
        yield w


def _values(wh: Warehouse, ind: str, pset: str, mapped: bool) -> dict[str, tuple[float, float]]:
    res = compute(
        wh,
        region_catalog(wh, []),
        ind,
        ["NL00", "GM9901", "GM9902"],
        [2016],
        profile_set=pset,
        old_afdelingen=mapped,
    )
    assert res.old_afdelingen is mapped
    return {r.region: (r.numerator or 0, r.denominator or 0) for r in res.rows}


def test_tech_choice_share_with_and_without_mapped_afdelingen(wh: Warehouse) -> None:
    with_ = _values(wh, "vmbo.tech_choice_share", "techniek", mapped=True)
    assert with_ == {"NL00": (26, 82), "GM9901": (26, 39), "GM9902": (0, 43)}
    without = _values(wh, "vmbo.tech_choice_share", "techniek", mapped=False)
    assert without == {"NL00": (11, 82), "GM9901": (11, 39), "GM9902": (0, 43)}
    ict = _values(wh, "vmbo.tech_choice_share", "techniek_ict", mapped=True)
    assert ict["NL00"] == (35, 82)  # + ICT-route -> MVI


def test_no_tech_offer_share_with_and_without(wh: Warehouse) -> None:
    # 99XB07 offers technical education only through the ICT-route (an old programme)
    with_ = _values(wh, "vmbo.no_tech_offer_share", "techniek_ict", mapped=True)
    assert with_["NL00"] == (0, 82)
    without = _values(wh, "vmbo.no_tech_offer_share", "techniek_ict", mapped=False)
    assert without["NL00"] == (43, 82)
    techniek = _values(wh, "vmbo.no_tech_offer_share", "techniek", mapped=True)
    assert techniek["GM9902"] == (43, 43)  # T&C and Technologie are not counted as technical


def test_choice_share_shows_old_categories(wh: Warehouse) -> None:
    res = compute(wh, region_catalog(wh, []), "vmbo.choice_share", ["NL00"], [2016])
    got = {r.breakdown["profile"]: r.numerator for r in res.rows if r.numerator}
    assert got == {
        "BWI": 19,
        "ZW": 26,
        "MVI": 9,
        "old:techniek_breed": 7,
        "old:techniek_intersectoraal": 11,
        "old:intersectoraal": 10,
    }
    res = compute(
        wh, region_catalog(wh, []), "vmbo.choice_share", ["NL00"], [2016], old_afdelingen=False
    )
    got = {r.breakdown["profile"]: r.numerator for r in res.rows if r.numerator}
    assert got == {"BWI": 11, "ZW": 13, "old:afdeling": 58}


def test_result_states_the_crosswalk_use(wh: Warehouse) -> None:
    assert mapped_afdeling_pupils(wh, [2016, 2019]) == {2016: (58, 82)}
    res = compute(wh, region_catalog(wh, []), "vmbo.offer_share", ["NL00"], [2016])
    doc = result_json(res)
    assert doc["old_afdelingen"] is True
    assert any("2016: 58 of 82" in n and "crosswalk" in n for n in doc["notes"])
    tl = compute(wh, region_catalog(wh, []), "vmbo.tl_sector_share", ["NL00"], [2016])
    assert tl.old_afdelingen is None
