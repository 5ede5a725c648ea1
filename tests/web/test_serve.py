"""``kansrijk serve`` (run through a local Typer app, uvicorn replaced) and the message
catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kansrijk.cli import web as cli_web
from kansrijk.l10n.monitor import t
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, has_real_enrollment


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("serve")(cli_web.serve_cmd)
    app.command("noop")(lambda: None)  # a second command keeps "serve" a subcommand
    return app


def test_serve_loads_the_demo_into_an_empty_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    import uvicorn

    def fake_run(server: uvicorn.Server, sockets: object = None) -> None:
        cfg = server.config
        calls.append({"app": cfg.app, "host": cfg.host, "port": cfg.port, "config": cfg})

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    path = tmp_path / "wh.duckdb"
    result = CliRunner().invoke(
        _app(), ["serve", "--warehouse", str(path), "--port", "8123", "--host", "127.0.0.1"]
    )
    assert result.exit_code == 0, result.output
    assert "Loaded the fictional demo region (DEMO)" in result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert calls
    assert calls[0]["port"] == 8123
    assert calls[0]["host"] == "127.0.0.1"
    with Warehouse(path, read_only=True) as wh:
        assert wh.has_fictional()
        assert not has_real_enrollment(wh)
    again = CliRunner().invoke(_app(), ["serve", "--warehouse", str(path)])
    assert again.exit_code == 0
    assert "Using the fictional demo region" in again.output


@pytest.mark.realdata
def test_prepare_warehouse_keeps_real_data(real_warehouse_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "real.duckdb"
    copy.write_bytes(real_warehouse_path.read_bytes())
    message = cli_web.prepare_warehouse(Settings(warehouse=copy))
    assert message.startswith("Serving real data")
    with Warehouse(copy, read_only=True) as wh:
        assert not wh.has_fictional()


def test_unknown_languages_get_dutch() -> None:
    assert t("fr", "Vergelijken") == "Vergelijken"
    assert t("en", "Vergelijken") == "Compare"


def test_docs_name_every_route_and_page(client: TestClient) -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    # docs/web.md, or the page's own doc (the finder: docs/finder.md)
    text = "\n".join(p.read_text("utf-8") for p in sorted(docs.glob("*.md")))
    for path in client.get("/api/openapi.json").json()["paths"]:
        assert f"`GET {path}" in text, path
    for page in ("`/`", "`/compare`", "`/data`", "`/api/docs`", "`/api/openapi.json`"):
        assert page in text, page
    assert "kansrijk serve" in text
