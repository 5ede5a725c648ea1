"""Fixtures of the registry tests: every test runs on SQLite and on a real PostgreSQL
server (``pgserver``: started once per session, or ``KANSRIJK_TEST_DATABASE_URL``).

Locally the PostgreSQL half is skipped with a reason when the server binaries are missing;
in CI (``CI`` or ``KANSRIJK_REQUIRE_POSTGRES`` set, as ``.ci/run`` does) it fails instead.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from kansrijk.demo import load_demo
from kansrijk.registry import Registry, open_registry
from kansrijk.registry.models import Base
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import create_app

from .pgserver import PgServer, start_server

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

STORES = ("sqlite", "postgresql")
SECRET = "test-secret-key-not-for-production"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the session."""
    try:
        server = start_server()
    except RuntimeError as exc:
        if os.environ.get("CI") or os.environ.get("KANSRIJK_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session", params=STORES)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database URL for each store: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('registry') / 'registry.sqlite'}"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with the demo region."""
    path = tmp_path_factory.mktemp("registry-demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


@pytest.fixture(scope="session")
def settings_for(demo_path: Path) -> Any:
    """Settings for a store URL (SMTP none unless given)."""

    def make(url: str, **extra: Any) -> Settings:
        return Settings(
            warehouse=demo_path,
            regions_file=None,
            language="nl",
            database_url=url,
            secret_key=SECRET,
            allowed_hosts=("localhost", "127.0.0.1", "testserver"),
            **extra,
        )

    return make


def wipe(reg: Registry) -> None:
    """Delete every row (and restart the ids) so each test starts empty."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with reg.engine.begin() as con:
        if reg.engine.dialect.name == "postgresql":
            con.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for t in tables:
                con.execute(text(f"DELETE FROM {t}"))
            con.execute(text("DELETE FROM sqlite_sequence")) if _has_seq(con) else None


def _has_seq(con: Any) -> bool:
    row = con.execute(text("SELECT name FROM sqlite_master WHERE name='sqlite_sequence'"))
    return row.first() is not None


@pytest.fixture(scope="session")
def _registries(store_url: str, settings_for: Any) -> Iterator[Registry]:
    reg = open_registry(settings_for(store_url))
    yield reg
    reg.close()


@pytest.fixture
def registry(_registries: Registry) -> Registry:
    """An empty, migrated registry on each store."""
    wipe(_registries)
    return _registries


@pytest.fixture(scope="session")
def _apps(store_url: str, settings_for: Any) -> Iterator[TestClient]:
    app = create_app(settings_for(store_url))
    with TestClient(app) as c:
        yield c
    h = getattr(app.state, "registry", None)
    if h is not None:
        h.registry.close()


@pytest.fixture
def web(_apps: TestClient) -> TestClient:
    """A client of the app on an empty registry (each store), no cookies."""
    _apps.cookies.clear()
    client = _apps
    client.get("/partners")  # opens the registry on first use
    h = client.app.state.registry  # type: ignore[attr-defined]
    wipe(h.registry)
    h.cache.clear()
    h.invalidate()
    return client


_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


def csrf_of(client: TestClient, path: str) -> str:
    """The CSRF token of the form on ``path`` (GET it first, which sets the session)."""
    page = client.get(path)
    found = _CSRF.search(page.text)
    assert found, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1)


def post(
    client: TestClient, path: str, data: dict[str, Any], form_page: str | None = None, **kw: Any
) -> Any:
    """POST a form with the CSRF token of ``form_page`` (default: /partners)."""
    token = csrf_of(client, form_page or "/partners")
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False, **kw)


def register(
    client: TestClient,
    email: str,
    kind: str = "company",
    org: str = "Installatie BV",
    loc_code: str = "",
    password: str = "correct horse battery",
) -> Any:
    """Register an organisation through the web form; signed in afterwards."""
    return post(
        client,
        "/partners/register",
        {
            "org_name": org,
            "kind": kind,
            "name": "Jan Jansen",
            "email": email,
            "phone": "",
            "password": password,
            "loc_code": loc_code,
        },
        "/partners/register",
    )


def login(client: TestClient, email: str, password: str = "correct horse battery") -> Any:
    """Log in through the web form."""
    client.cookies.clear()
    return post(
        client, "/partners/login", {"email": email, "password": password}, "/partners/login"
    )


def make_admin(client: TestClient, email: str = "admin@example.nl") -> None:
    """An admin account (as `create_admin` makes it), signed in."""
    from kansrijk.registry.accounts import create_admin

    h = client.app.state.registry  # type: ignore[attr-defined]
    with h.registry.session() as s:
        create_admin(s, "Beheerder", email, "admin password 123")
    r = login(client, email, "admin password 123")
    assert r.status_code == 303, r.text


def approve_all(client: TestClient) -> None:
    """Approve every pending organisation directly in the store."""
    from kansrijk.registry.models import Organisation

    h = client.app.state.registry  # type: ignore[attr-defined]
    with h.registry.session() as s:
        for org in s.query(Organisation).all():
            org.approved = True
    h.cache.clear()
