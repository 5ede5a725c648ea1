"""``kansrijk fetch``: download from a local server, ingest, report; no internet."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from tests.local_server import NOT_FOUND, Reply, Request, serve
from typer.testing import CliRunner

from kansrijk.cli import app as kansrijk_app
from kansrijk.cli.fetch import fetch_cmd
from kansrijk.sources.catalog import BASE_URL_ENV, load_catalog
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

    def answer(self, request: Request) -> Reply:
        """The file at the path, else 404."""
        self.gets.append(request.path)
        body = self.files.get(request.path)
        return NOT_FOUND if body is None else Reply(200, body, "text/csv")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[Files]:
    """A local server for DUO files, with KANSRIJK_FETCH_BASE_URL pointing at it."""
    state = Files(
        files={
            f"/duo/{ENROLMENT}": (DATA / ENROLMENT).read_bytes(),
            f"/duo/{LOCATIONS_NOW}": (DATA / LOCATIONS).read_bytes(),
        }
    )

    with serve(state.answer, monkeypatch, env=BASE_URL_ENV) as url:
        state.url = url
        yield state


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
