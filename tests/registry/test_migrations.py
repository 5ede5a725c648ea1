"""Alembic: ``upgrade head`` creates every table of the models and ``downgrade base`` drops
them again, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from kansrijk.registry.db import Registry, make_engine
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
        assert len(MODEL_TABLES) == 10
        reg.downgrade("base")
        assert reg.tables() == ["alembic_version"]
        reg.upgrade()  # and back up again
        assert "activity" in reg.tables()
    finally:
        reg.close()
