"""Fixtures of the finder tests: apps on the demo warehouse and on the real one."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from kansrijk.demo import load_demo
from kansrijk.finder import Finder
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import create_app

TEST_HOSTS = ("localhost", "127.0.0.1", "::1", "testserver")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with the fictional demo region."""
    path = tmp_path_factory.mktemp("finder-demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


@pytest.fixture(scope="session")
def demo_finder(demo_path: Path) -> Iterator[Finder]:
    """A finder on the demo region."""
    with Warehouse(demo_path, read_only=True) as wh:
        yield Finder(wh)


@pytest.fixture(scope="session")
def demo_client(demo_path: Path) -> Iterator[TestClient]:
    """The app on the demo region (frameable by one made-up site)."""
    settings = Settings(
        warehouse=demo_path,
        regions_file=None,
        language="nl",
        finder_frame_ancestors="'self' https://www.gemeente.example bad;value",
        allowed_hosts=TEST_HOSTS,
    )
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="session")
def real_client(real_warehouse_path: Path) -> Iterator[TestClient]:
    """The app on all real data."""
    settings = Settings(warehouse=real_warehouse_path, regions_file=None, allowed_hosts=TEST_HOSTS)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="session")
def real_finder(real_warehouse_path: Path) -> Iterator[Finder]:
    """A finder on all real data."""
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        yield Finder(wh)
