"""``kansrijk registry migrate | create-admin | purge`` on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import select
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.registry.models import User


def test_registry_commands(registry, monkeypatch) -> None:
    monkeypatch.setenv("KANSRIJK_DATABASE_URL", registry.url)
    runner = CliRunner()
    r = runner.invoke(app, ["registry", "migrate", "--json"])
    assert r.exit_code == 0, r.output
    assert "activity" in json.loads(r.stdout)["tables"]
    monkeypatch.setenv("KANSRIJK_ADMIN_PASSWORD", "a long admin secret")
    r = runner.invoke(app, ["registry", "create-admin", "--email", "Beheer@Gemeente.NL", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["email"] == "beheer@gemeente.nl"
    with registry.session() as s:
        user = s.scalars(select(User)).one()
        assert user.role == "admin" and user.password_hash.startswith("$argon2id$")
    assert "a long admin secret" not in r.output
    r = runner.invoke(app, ["registry", "create-admin", "--email", "beheer@gemeente.nl"])
    assert r.exit_code == 2 and "exists already" in r.output
    monkeypatch.setenv("KANSRIJK_ADMIN_PASSWORD", "short")
    r = runner.invoke(app, ["registry", "create-admin", "--email", "x@gemeente.nl"])
    assert r.exit_code == 2 and "at least 10 characters" in r.output
    r = runner.invoke(app, ["registry", "purge", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["deleted"] == 0
