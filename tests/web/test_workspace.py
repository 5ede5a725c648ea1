"""The workspace: one front door (warehouse, region catalogue, caches) for CLI and web."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.workspace import Workspace


def test_workspace_on_the_demo(demo_settings: Settings, demo_warehouse_path: Path) -> None:
    with Warehouse(demo_warehouse_path, read_only=True) as wh:
        ws = Workspace(demo_settings, wh)
        assert ws.demo and not ws.real
        assert {"NL00", "DEMO", "DEMO-ZUID", "MRDH"} <= {r.code for r in ws.catalog.list()}
        assert ws.catalog is ws.catalog  # built once
        assert ws.years("vo_enrollment")[-1] == 2024
        every = ws.locations(2024)
        assert ws.locations(2024) is every
        zuid = ws.locations_in(ws.region("demo-zuid"), 2024)
        # independent: the PC4 of each location in location_place for that year
        rows = wh.query(
            "SELECT loc_code, pc4 FROM location_place WHERE year = 2024 "
            "AND pc4 IN ('0101', '0102', '0103', '0104', '0105')"
        )
        assert {x.loc_code for x in zuid} == {str(r[0]) for r in rows} & {x.loc_code for x in every}
        assert 0 < len(zuid) < len(every)
        assert ws.gemeente_names()["GM9901"].startswith("Havenstad")


def test_web_state_holds_the_workspace(client: TestClient) -> None:
    state = client.app.state.web  # type: ignore[attr-defined]
    assert state.workspace.catalog is state.catalog
    assert state.workspace.warehouse is state.warehouse
