"""``kansrijk fetch --check``: every catalogue URL asked, on a local HTTP server only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import pytest
from tests.local_server import Reply, Request, serve
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.sources.catalog import BASE_URL_ENV, CatalogEntry, load_catalog
from kansrijk.sources.fetch_check import check_url, every_entry


@dataclass
class Server:
    """Paths -> (status, content type); ``head`` False answers HEAD with 405."""

    paths: dict[str, tuple[int, str]] = field(default_factory=dict)
    head: bool = True
    log: list[tuple[str, str, str | None]] = field(default_factory=list)
    url: str = ""

    def answer(self, request: Request) -> Reply:
        """1,000 bytes per path (206 and one byte for ``Range: bytes=0-0``), HEAD or 405."""
        self.log.append((request.method, request.path, request.headers.get("Range")))
        if request.method == "HEAD" and not self.head:
            return Reply(405, b"", None)
        status, ctype = self.paths.get(request.path, (404, "text/plain"))
        data = b"x" * 1000
        ranged = request.method == "GET" and request.headers.get("Range") == "bytes=0-0"
        if ranged and status == 200:
            return Reply(206, data[:1], ctype, {"Content-Range": "bytes 0-0/1000"})
        return Reply(status, data, ctype)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    state = Server()
    with serve(state.answer, monkeypatch, env=BASE_URL_ENV) as url:
        state.url = url
        yield state


def _entry(server: Server, path: str) -> CatalogEntry:
    return CatalogEntry(
        dataset="duo_vo_enrollment",
        year=2019,
        title="test",
        publisher="duo",
        url=server.url + path,
        origin_url="https://duo.nl/x.csv",
        file_name="x.csv",
        save_as="x-2019.csv",
        note="a note",
    )


def test_head_answer(server: Server) -> None:
    server.paths["/a.csv"] = (200, "text/csv")
    got = check_url(_entry(server, "/a.csv"))
    assert (got.ok, got.method, got.status) == (True, "HEAD", 200)
    assert got.detail == "text/csv, 1,000 bytes"
    assert server.log == [("HEAD", "/a.csv", None)]


def test_no_head_falls_back_to_a_one_byte_get(server: Server) -> None:
    server.paths["/a.csv"] = (200, "text/csv")
    server.head = False
    got = check_url(_entry(server, "/a.csv"))
    assert (got.ok, got.method, got.status) == (True, "GET", 206)
    assert got.detail == "text/csv, 1,000 bytes"
    assert server.log == [("HEAD", "/a.csv", None), ("GET", "/a.csv", "bytes=0-0")]


def test_missing_file_web_page_and_no_server(server: Server) -> None:
    got = check_url(_entry(server, "/gone.csv"))
    assert (got.ok, got.method, got.status, got.detail) == (
        False,
        "GET",
        404,
        "HTTP 404 Not Found",
    )
    server.paths["/moved.csv"] = (200, "text/html; charset=utf-8")
    page = check_url(_entry(server, "/moved.csv"))
    assert not page.ok and "web page" in page.detail
    dead = check_url(replace(_entry(server, "/a.csv"), url="http://127.0.0.1:9/a.csv"))
    assert not dead.ok and dead.status is None and dead.detail.startswith("cannot connect")


def test_every_entry_covers_every_dataset_and_year() -> None:
    catalog = load_catalog()
    entries = every_entry(catalog, base_url="")
    for name, ds in catalog.datasets.items():
        years = {e.year for e in entries if e.dataset == name}
        assert len(years) == (1 if ds.snapshot else len(ds.releases or ds.years)), name


def test_cli_check_reports_every_url(server: Server) -> None:
    # the mirror has the cache dir's layout: only the 2019 enrollment file is there
    server.paths["/duo/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"] = (
        200,
        "text/csv",
    )
    result = CliRunner().invoke(
        app, ["fetch", "--check", "--dataset", "duo_vo_enrollment", "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    years = load_catalog().datasets["duo_vo_enrollment"].years
    assert doc["asked"] == len(years) and doc["answered"] == 1
    ok = [u for u in doc["urls"] if u["ok"]]
    assert [(u["year"], u["status"]) for u in ok] == [(2019, 200)]
    assert all(u["note"] for u in doc["urls"])
    assert {p for m, p, _ in server.log if m == "HEAD"} == {
        f"/duo/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-{y}.csv" for y in years
    }


def test_cli_check_unknown_dataset() -> None:
    result = CliRunner().invoke(app, ["fetch", "--check", "--dataset", "nope"])
    assert result.exit_code == 2
    assert "unknown dataset 'nope'" in result.output
