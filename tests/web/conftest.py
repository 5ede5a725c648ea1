"""Fixtures of the web tests: an app built with ``create_app(settings)`` on a temporary
warehouse loaded with the fictional demo region, and a TestClient on it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, region_catalog
from kansrijk.web import create_app

with warnings.catch_warnings():
    # starlette's TestClient warns that it would rather have httpx2 (not a dependency here)
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

#: The Host of starlette's TestClient, allowed besides the defaults.
TEST_HOSTS = ("localhost", "127.0.0.1", "::1", "testserver")
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="session")
def demo_warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file holding the demo region."""
    path = tmp_path_factory.mktemp("web-demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


@pytest.fixture(scope="session")
def demo_settings(demo_warehouse_path: Path) -> Settings:
    """Settings naming the demo warehouse (nothing read from the environment matters)."""
    return Settings(
        warehouse=demo_warehouse_path,
        regions_file=None,
        language="nl",
        allowed_hosts=TEST_HOSTS,
    )


@pytest.fixture(scope="session")
def session_client(demo_settings: Settings) -> Iterator[TestClient]:
    """One app for the session (its caches warm up once)."""
    with TestClient(create_app(demo_settings)) as c:
        yield c


@pytest.fixture
def client(session_client: TestClient) -> TestClient:
    """The session's client with no cookies left from an earlier test."""
    session_client.cookies.clear()
    return session_client


@pytest.fixture
def ref_wh(session_client: TestClient) -> Iterator[Warehouse]:
    """A cursor on the app's warehouse, for reference computations in tests."""
    cur = session_client.app.state.web.warehouse.cursor()  # type: ignore[attr-defined]
    try:
        yield cur
    finally:
        cur.close()


@pytest.fixture
def ref_catalog(ref_wh: Warehouse) -> RegionCatalog:
    """A region catalogue built independently of the app (packaged + demo regions)."""
    return region_catalog(ref_wh, packaged_regions() + demo_custom_regions())
