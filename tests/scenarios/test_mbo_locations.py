"""mbo locations from DUO's addresses: what each offers comes from the students per
institution; PC4 centroids place them (fixtures in DUO's documented layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.scenarios.mbo import NO_MBO_LOCATIONS, default_mbo_list, place_locations
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.duo_mbo_addresses import DuoMboAddressesReader
from kansrijk.sources.duo_mbo_students import DuoMboStudentsReader
from kansrijk.sources.reader import ReadContext
from kansrijk.sources.result import DatasetInfo, ReadResult
from kansrijk.warehouse import Warehouse

DATA = Path(__file__).parent.parent / "data" / "duo_mbo"
STUDENTS = DATA / (
    "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-"
    "opleiding-niv.csv"
)


def _centroids() -> ReadResult:
    info = DatasetInfo("test_pc4", "test", "test", "CC0 1.0", ("pc4_centroid",))
    rows = [
        {
            "dataset": "test_pc4",
            "year": 2024,
            "pc4": pc4,
            "residents": 1000.0,
            "area_km2": 1.0,
            "x_rd": x,
            "y_rd": y,
            "lon": 4.4,
            "lat": 51.9,
        }
        for pc4, x, y in (("3083", 93000.0, 434000.0), ("3111", 84000.0, 437000.0))
    ]
    return ReadResult(
        info, Path("pc4.csv"), "2" * 64, (2024,), {"pc4_centroid": to_arrow("pc4_centroid", rows)}
    )


def test_empty_warehouse_says_no_locations(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        mbo = default_mbo_list(wh)
    assert mbo.missing and mbo.source == NO_MBO_LOCATIONS and not mbo.indicative


def test_duo_addresses_with_offer_from_students(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load([DuoMboAddressesReader().read(DATA / "instellingenmbo-2025.csv", ReadContext())])
        no_students = default_mbo_list(wh)
        assert [loc.sectorkamers for loc in no_students.locations] == [frozenset()] * 3
        wh.load([DuoMboStudentsReader().read(STUDENTS, ReadContext()), _centroids()])
        mbo = default_mbo_list(wh)
        centroids = {
            str(p): (float(x), float(y))
            for p, x, y in wh.query("SELECT pc4, x_rd, y_rd FROM pc4_centroid")
        }
    by_code = {loc.code: loc for loc in mbo.locations}
    assert mbo.source == "warehouse table mbo_location"
    # 99AA teaches TGO, MLT, ICT and ZWS in Rotterdam (its two addresses are both there)
    assert by_code["99AA"].sectorkamers == {"TGO", "MLT", "ICT", "ZWS"}
    assert by_code["99AA-2"].sectorkamers == by_code["99AA"].sectorkamers
    # 99AB had only Entree students in the newest year (2024): no sectorkamer, not technical
    assert by_code["99AB"].sectorkamers == frozenset()
    placed, missing = place_locations(mbo.locations, centroids)
    assert missing == ["99AA-2"]  # PC4 3035 has no centroid in this warehouse
    first = next(loc for loc in placed if loc.code == "99AA")
    assert (first.x_rd, first.y_rd) == pytest.approx((93000.0, 434000.0))
