"""``kansrijk fetch``: download from a local server, ingest, report; no internet."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kansrijk.cli import app as kansrijk_app
from kansrijk.cli.fetch import fetch_cmd
from kansrijk.sources.fetch import BASE_URL_ENV, load_catalog
from kansrijk.warehouse import Warehouse, status

DATA = Path(__file__).parent.parent / "data" / "fetch"
ENROLMENT = "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
LOCATIONS = "02.-alle-vestigingen-vo.csv"
#: DUO has only the current list of locations; its name in the cache (and on a mirror)
#: gets the year of the download.
LOCATIONS_NOW = f"02.-alle-vestigingen-vo-{dt.date.today().year}.csv"


def _app() -> typer.Typer:
    """The kansrijk app if it has ``fetch`` already, else a local app with just ``fetch``."""
    if any(c.name == "fetch" for c in kansrijk_app.registered_commands):
        return kansrijk_app
    local = typer.Typer(pretty_exceptions_enable=False)

    @local.callback()
    def main() -> None:
        """Kansrijk (test app)."""

    local.command("fetch")(fetch_cmd)
    return local


APP = _app()


@dataclass
class Files:
    """Served files (path -> bytes) and the paths of every GET."""

    files: dict[str, bytes] = field(default_factory=dict)
    gets: list[str] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[Files]:
    """A local server for DUO files, with KANSRIJK_FETCH_BASE_URL pointing at it."""
    state = Files(
        files={
            f"/duo/{ENROLMENT}": (DATA / ENROLMENT).read_bytes(),
            f"/duo/{LOCATIONS_NOW}": (DATA / LOCATIONS).read_bytes(),
        }
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.gets.append(self.path)
            body = state.files.get(self.path)
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setenv(BASE_URL_ENV, state.url)
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Invoke ``kansrijk fetch`` with a temporary warehouse and cache dir."""
    result = CliRunner().invoke(
        APP,
        [
            "fetch",
            "--warehouse",
            str(tmp_path / "wh.duckdb"),
            "--cache-dir",
            str(tmp_path / "cache"),
            *args,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


DUO_2019 = ("--dataset", "duo_vo_enrollment", "--dataset", "duo_vo_locations", "--year", "2019")


def test_fetch_downloads_and_ingests(served: Files, tmp_path: Path) -> None:
    code, out, err = run(tmp_path, *DUO_2019, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["ok"] is True
    assert {d["dataset"]: d["status"] for d in data["downloads"]} == {
        "duo_vo_enrollment": "downloaded",
        "duo_vo_locations": "downloaded",
    }
    assert {f["dataset"]: f["url"] for f in data["files"]} == {
        "duo_vo_enrollment": f"{served.url}/duo/{ENROLMENT}",
        "duo_vo_locations": f"{served.url}/duo/{LOCATIONS_NOW}",
    }
    assert {f["status"] for f in data["files"]} == {"loaded"}
    assert data["changed"] == 2
    assert data["unmatched_locations"] == []
    assert (tmp_path / "cache" / "duo" / ENROLMENT).exists()

    with Warehouse(tmp_path / "wh.duckdb") as wh:
        rows = {r.dataset: r for r in status(wh)}
    assert rows["duo_vo_enrollment"].year == 2019
    assert rows["duo_vo_enrollment"].pupils == 74
    assert rows["duo_vo_locations"].rows == 3


def test_second_fetch_uses_the_cache(served: Files, tmp_path: Path) -> None:
    assert run(tmp_path, *DUO_2019)[0] == 0
    assert len(served.gets) == 2
    code, out, err = run(tmp_path, *DUO_2019, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [d["status"] for d in data["downloads"]] == ["cached", "cached"]
    assert [f["status"] for f in data["files"]] == ["unchanged", "unchanged"]
    assert len(served.gets) == 2  # no second GET


def test_table_output(served: Files, tmp_path: Path) -> None:
    code, out, err = run(tmp_path, *DUO_2019)
    assert code == 0, err
    assert "downloaded" in out
    assert "duo_vo_enrollment" in out
    assert "http://127.0.0.1:" in out
    assert "2 file(s) loaded or replaced" in out


def test_404_is_a_clear_error(served: Files, tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "--dataset", "duo_vo_enrollment", "--year", "2024")
    assert code != 0
    url = f"{served.url}/duo/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2024.csv"
    message = " ".join(err.split())
    assert "error:" in message
    assert url in message
    assert "HTTP 404" in message
    assert not (tmp_path / "wh.duckdb").exists()

    code, out, _ = run(tmp_path, "--dataset", "duo_vo_enrollment", "--year", "2024", "--json")
    assert code != 0
    envelope = json.loads(out)
    assert envelope["ok"] is False
    assert url in envelope["error"]
    assert envelope["errors"][0]["type"] == "DownloadError"


def test_unknown_dataset_lists_the_known_ones(served: Files, tmp_path: Path) -> None:
    code, _, err = run(tmp_path, "--dataset", "leerlingen")
    assert code != 0
    message = " ".join(err.split())
    assert "unknown dataset 'leerlingen'" in message
    assert "duo_vo_enrollment" in message
    assert "cbs_gebieden" in message
    assert served.gets == []


def test_list_prints_the_catalogue(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "--list", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [d["dataset"] for d in data["datasets"]] == list(load_catalog().datasets)
    enrolment = next(d for d in data["datasets"] if d["dataset"] == "duo_vo_enrollment")
    assert 2019 in enrolment["years"]
    assert "{year}" in enrolment["url"]
    assert enrolment["urls"]["2019"] == (
        "https://duo.nl/open_onderwijsdata/images/"
        "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
    )
    assert data["mirror_env"] == BASE_URL_ENV

    code, out, _ = run(tmp_path, "--list")
    assert code == 0
    assert "duo_vo_locations" in out
    assert "current" in out
    assert not (tmp_path / "cache").exists()
