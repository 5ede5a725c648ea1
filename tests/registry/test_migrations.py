"""Alembic: ``upgrade head`` creates every table of the models and ``downgrade base`` drops
them again, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from kansrijk.registry.db import Registry, make_engine
from kansrijk.registry.measure_models import MEASURE_TABLES
from kansrijk.registry.models import Base

from .pgserver import PgServer

MODEL_TABLES = sorted(t.name for t in Base.metadata.sorted_tables)


def _fresh(store: str, tmp_path: Path, request: pytest.FixtureRequest) -> Registry:
    if store == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        url = server.create_database("migr")
    engine = make_engine(url)
    return Registry(url, engine, sessionmaker(engine))


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_upgrade_head_and_downgrade_base(
    store: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    reg = _fresh(store, tmp_path, request)
    try:
        assert reg.tables() == []
        reg.upgrade()
        assert reg.tables() == sorted([*MODEL_TABLES, "alembic_version"])
        assert len(MODEL_TABLES) == 15
        reg.downgrade("base")
        assert reg.tables() == ["alembic_version"]
        reg.upgrade()  # and back up again
        assert "activity" in reg.tables()
    finally:
        reg.close()


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_0002_adds_and_drops_only_the_measurement_tables(
    store: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    reg = _fresh(store, tmp_path, request)
    try:
        reg.upgrade("0001")
        first = reg.tables()
        assert not set(MEASURE_TABLES) & set(first)
        reg.upgrade("0002")
        assert reg.tables() == sorted([*first, *MEASURE_TABLES])
        reg.downgrade("0001")
        assert reg.tables() == first
        reg.upgrade()
        assert reg.tables() == sorted([*MODEL_TABLES, "alembic_version"])
    finally:
        reg.close()


def test_an_unreachable_server_is_a_clear_error_without_the_password(settings_for) -> None:
    from kansrijk.registry import RegistryError, open_registry

    url = "postgresql+psycopg://kansrijk:geheim123@127.0.0.1:1/kansrijk?connect_timeout=3"
    with pytest.raises(RegistryError, match=r"cannot open the registry database") as info:
        open_registry(settings_for(url))
    assert "geheim123" not in str(info.value) and "kansrijk:***@127.0.0.1:1" in str(info.value)


def test_the_app_serves_without_its_registry(settings_for) -> None:
    import warnings

    from kansrijk.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    url = "postgresql+psycopg://kansrijk@127.0.0.1:1/kansrijk?connect_timeout=3"
    with TestClient(create_app(settings_for(url))) as web:
        assert web.get("/").status_code == 200
        r = web.get("/api/v1/registry/activities")
        assert r.status_code == 503 and "cannot open the registry database" in r.json()["error"]
