"""The API reads locations through the one read model: a user's custom region (by PC4 or by
gemeente) lists exactly the locations inside it, and a location names only the regions it
lies in. References are plain SQL over the canonical tables, not the code under test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import create_app

from .conftest import TEST_HOSTS

#: A custom region across two gemeenten by PC4, and one of two whole gemeenten.
REGIONS_YAML = """\
regions:
  - code: TEST-PC4
    name: Proefgebied postcodes
    name_en: Test area postcodes
    pc4: ["0102", "0107", "0115", "0199"]
  - code: TEST-GM
    name: Proefgebied gemeenten
    gemeenten: [GM9902, GM9904]
"""


@pytest.fixture(scope="module")
def custom_client(
    demo_warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """An app on the demo warehouse with a user's regions file."""
    regions = tmp_path_factory.mktemp("regions") / "regions.yaml"
    regions.write_text(REGIONS_YAML, encoding="utf-8")
    settings = Settings(
        warehouse=demo_warehouse_path,
        regions_file=regions,
        language="nl",
        allowed_hosts=TEST_HOSTS,
    )
    with TestClient(create_app(settings)) as c:
        yield c


def _expected(wh: Warehouse, year: int, column: str, members: set[str]) -> set[str]:
    """Locations with BB/KB/GL pupils in leerjaar 3-4 in ``year`` whose ``column`` of
    location_place (gemeente_code or pc4) in that year is one of ``members``."""
    rows = wh.query(
        """
        SELECT DISTINCT e.loc_code, p.gemeente_code, p.pc4 FROM vo_enrollment e
        JOIN location_place p ON p.loc_code = e.loc_code AND p.year = e.year
        WHERE e.year = ? AND e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl')
          AND e.grade IN (3, 4) AND (e.count > 0 OR e.masked)
        """,
        [year],
    )
    index = 1 if column == "gemeente_code" else 2
    return {str(r[0]) for r in rows if r[index] in members}


def test_api_lists_only_locations_inside_a_custom_pc4_region(
    custom_client: TestClient, demo_warehouse_path: Path
) -> None:
    body = custom_client.get("/api/v1/locations?region=TEST-PC4&year=2024").json()
    with Warehouse(demo_warehouse_path, read_only=True) as wh:
        want = _expected(wh, 2024, "pc4", {"0102", "0107", "0115", "0199"})
        everything = _expected(wh, 2024, "pc4", {f"{i:04d}" for i in range(10000)})
    got = {loc["loc_code"] for loc in body["locations"]}
    assert body["region"]["code"] == "TEST-PC4"
    # 0102 and 0107 lie in GM9901, 0115 in GM9902, 0199 has no location
    assert len(want) == 4
    assert got == want
    assert body["count"] == 4
    assert len(everything) > len(got)
    assert {loc["pc4"] for loc in body["locations"]} == {"0102", "0107", "0115"}


def test_api_lists_only_locations_inside_a_custom_gemeente_region(
    custom_client: TestClient, demo_warehouse_path: Path
) -> None:
    body = custom_client.get("/api/v1/locations?region=TEST-GM&year=2024").json()
    with Warehouse(demo_warehouse_path, read_only=True) as wh:
        want = _expected(wh, 2024, "gemeente_code", {"GM9902", "GM9904"})
    assert {loc["loc_code"] for loc in body["locations"]} == want
    assert {loc["gemeente_code"] for loc in body["locations"]} == {"GM9902", "GM9904"}
    assert len(want) == 10  # the other locations there teach TL only


def test_location_names_only_the_regions_it_lies_in(
    custom_client: TestClient, demo_warehouse_path: Path
) -> None:
    with Warehouse(demo_warehouse_path, read_only=True) as wh:
        (inside,) = _expected(wh, 2024, "pc4", {"0102"})
        outside = sorted(_expected(wh, 2024, "pc4", {"0109"}))[0]
    body_in = custom_client.get(f"/api/v1/locations/{inside}").json()
    body_out = custom_client.get(f"/api/v1/locations/{outside}").json()
    # both lie in gemeente GM9901; only the one in PC4 0102 lies in DEMO-ZUID and TEST-PC4
    assert {"DEMO", "DEMO-ZUID", "TEST-PC4"} <= set(body_in["regions"])
    assert "DEMO" in body_out["regions"]
    assert "DEMO-ZUID" not in body_out["regions"]
    assert "TEST-PC4" not in body_out["regions"]
    assert "TEST-GM" not in body_out["regions"]
    page = custom_client.get(f"/location/{outside}.json").json()
    assert "DEMO-ZUID" not in page["regions"]
