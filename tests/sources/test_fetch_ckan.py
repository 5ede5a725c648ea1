"""Fetching DUO's mbo files through a local server that answers like the CKAN portal
(``/api/3/action/package_show?id=...`` plus the resource downloads); never the internet."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.local_server import Reply, Request, serve
from typer.testing import CliRunner

from kansrijk.cli import app as kansrijk_app
from kansrijk.errors import FetchError
from kansrijk.regions import GemeenteNames
from kansrijk.sources import detect
from kansrijk.sources.catalog import BASE_URL_ENV, catalog_entries
from kansrijk.sources.ckan import CKAN_BASE_URL_ENV, CkanError
from kansrijk.sources.fetch import fetch
from kansrijk.sources.reader import ReadContext
from kansrijk.warehouse import Warehouse

DATA = Path(__file__).parent.parent / "data" / "duo_mbo"
STUDENTS = (
    "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-"
    "opleiding-niv.csv"
)
ENTRANTS = (
    "2024-nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-"
    "soorten-inst.csv"
)
HOME = (
    "2021-2025-sectorkamer03-studenten-per-sectorkamer-leerweg-niveau-woongemeente-"
    "woonprovincie.csv"
)
TODAY = dt.date(2026, 3, 1)


@dataclass
class Portal:
    """A CKAN-like portal: packages -> resources (name, path, body)."""

    packages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    url: str = ""

    def add(self, package: str, name: str, path: str, body: bytes) -> None:
        self.packages.setdefault(package, []).append(
            {"name": name, "url": self.url + path, "id": path.rsplit("/", 2)[-2], "format": "CSV"}
        )
        self.files[path] = body

    def answer(self, request: Request) -> Reply:
        """``package_show`` as JSON, the resources' files, else 404."""
        self.requests.append(request.path)
        parts = urllib.parse.urlsplit(request.path)
        if parts.path == "/api/3/action/package_show":
            pid = urllib.parse.parse_qs(parts.query).get("id", [""])[0]
            if pid not in self.packages:
                body = json.dumps({"success": False, "error": {"message": "Not found"}})
                return Reply(404, body.encode(), "application/json")
            doc = {"success": True, "result": {"name": pid, "resources": self.packages[pid]}}
            return Reply(200, json.dumps(doc).encode(), "application/json")
        if request.path in self.files:
            return Reply(200, self.files[request.path], "text/csv")
        return Reply(404, b"not found", "text/plain")


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Portal]:
    state = Portal()
    with serve(state.answer, monkeypatch, env=CKAN_BASE_URL_ENV, unset=(BASE_URL_ENV,)) as url:
        state.url = url
        _fill(state)
        yield state


def _fill(state: Portal) -> None:
    state.add(
        "mbo-studenten-per-instelling",
        "Studenten per instelling bevoegd gezag plaats gemeente provincie van de instelling en "
        "leerweg",
        "/dataset/p1/resource/r01/download/01.csv",
        b"JAAR;BBL\n2024;1\n",
    )
    state.add(
        "mbo-studenten-per-instelling",
        "Studenten per instelling plaats van de instelling sectorkamer leerweg opleiding "
        "niveau geslacht",
        f"/dataset/p1/resource/r03/download/{STUDENTS}",
        (DATA / STUDENTS).read_bytes(),
    )
    for year in (2023, 2024):
        state.add(
            "instromende-mbo-studenten",
            f"{year} nieuw-instromende-studenten-per-instelling-niveau-leerweg-"
            "beroepsopleiding-met-soorten-instroom",
            f"/dataset/p2/resource/e{year}/download/{year}-instroom.csv",
            (DATA / ENTRANTS).read_bytes().replace(b"\n2024;", f"\n{year};".encode()),
        )
    state.add(
        "mbo-studenten-per-sectorkamer-en-leerweg",
        "Studenten per sectorkamer leerweg niveau woongemeente woonprovincie",
        "/dataset/p4/resource/s3/download/sectorkamer03.csv",
        (DATA / HOME).read_bytes(),
    )
    state.add(
        "gediplomeerde-mbo-studenten",
        "Gediplomeerden",
        "/dataset/p5/resource/d1/download/2020-2024-gediplomeerden.csv",
        (DATA / "2020-2024-gediplomeerden.csv").read_bytes(),
    )
    state.add(
        "adressen_mbo",
        "Adressen van instellingen in het mbo",
        "/dataset/p3/resource/a1/download/instellingenmbo.csv",
        (DATA / "instellingenmbo-2025.csv").read_bytes(),
    )


def test_fetch_resolves_resources_through_package_show(portal: Portal, tmp_path: Path) -> None:
    entries = catalog_entries(
        ["duo_mbo_students", "duo_mbo_entrants", "duo_mbo_addresses"], today=TODAY
    )
    assert [(e.dataset, e.year) for e in entries] == [
        ("duo_mbo_students", 2026),
        ("duo_mbo_entrants", 2025),
        ("duo_mbo_addresses", 2026),
    ]
    entries = catalog_entries(["duo_mbo_students", "duo_mbo_addresses"], today=TODAY)
    entries += catalog_entries(["duo_mbo_entrants"], [2024], today=TODAY)
    got = fetch(entries, tmp_path)
    assert [f.status for f in got] == ["downloaded"] * 3
    assert got[0].url == f"{portal.url}/dataset/p1/resource/r03/download/{STUDENTS}"
    assert got[0].path.read_bytes() == (DATA / STUDENTS).read_bytes()
    assert got[0].path.name == "mbo-studenten-per-instelling-03-2026.csv"
    assert "/api/3/action/package_show?id=mbo-studenten-per-instelling" in portal.requests
    side = json.loads((got[0].path.parent / (got[0].path.name + ".fetch.json")).read_text())
    assert side["ckan_api"].startswith("https://onderwijsdata.duo.nl/api/3/action/package_show")
    # the downloaded files are what the readers expect, and load
    assert [detect(f.path).info.name for f in got] == [
        "duo_mbo_students",
        "duo_mbo_addresses",
        "duo_mbo_entrants",
    ]
    with Warehouse(tmp_path / "wh.duckdb") as wh:
        wh.load(
            [
                detect(f.path).read(f.path, ReadContext(gemeente_names=GemeenteNames({})))
                for f in got
            ]
        )
        assert wh.query("SELECT DISTINCT year FROM mbo_entrant")[0][0] == 2024
        assert wh.query("SELECT count(*) FROM mbo_location")[0][0] == 3


def test_every_mbo_dataset_is_fetched_and_read(portal: Portal, tmp_path: Path) -> None:
    names = [
        "duo_mbo_addresses",
        "duo_mbo_students",
        "duo_mbo_students_home",
        "duo_mbo_entrants",
        "duo_mbo_diplomas",
    ]
    got = fetch(catalog_entries(names, [2024], today=TODAY), tmp_path)
    assert [(f.dataset, f.status) for f in got] == [(n, "downloaded") for n in names]
    gm = GemeenteNames({"GM0599": "Rotterdam", "GM0518": "'s-Gravenhage"})
    assert [detect(f.path).info.name for f in got] == names
    rows = [detect(f.path).read(f.path, ReadContext(gemeente_names=gm)).rows for f in got]
    assert all(n > 0 for n in rows)


def test_cached_file_needs_no_request_and_a_new_upload_is_fetched(
    portal: Portal, tmp_path: Path
) -> None:
    entries = catalog_entries(["duo_mbo_addresses"], today=TODAY)
    fetch(entries, tmp_path)
    portal.requests.clear()
    assert fetch(entries, tmp_path)[0].status == "cached"
    assert portal.requests == []
    # DUO uploads a new version: a new resource URL; an expired check resolves and downloads it
    res = portal.packages["adressen_mbo"][0]
    res["url"] = portal.url + "/dataset/p3/resource/a2/download/instellingenmbo.csv"
    portal.files["/dataset/p3/resource/a2/download/instellingenmbo.csv"] = b"changed"
    again = fetch(entries, tmp_path, max_age=0)
    assert again[0].status == "downloaded" and again[0].path.read_bytes() == b"changed"


def test_missing_resource_names_the_package_and_the_resources(
    portal: Portal, tmp_path: Path
) -> None:
    portal.packages["adressen_mbo"] = [{"name": "besturen", "url": portal.url + "/x.csv"}]
    with pytest.raises(CkanError) as err:
        fetch(catalog_entries(["duo_mbo_addresses"], today=TODAY), tmp_path)
    assert isinstance(err.value, FetchError)
    msg = str(err.value)
    assert "package_show?id=adressen_mbo" in msg and "'*instellingen*'" in msg
    assert "'besturen'" in msg
    assert not list(tmp_path.rglob("*.csv"))


def test_unknown_package_is_an_http_error(portal: Portal, tmp_path: Path) -> None:
    del portal.packages["instromende-mbo-studenten"]
    with pytest.raises(CkanError, match="HTTP 404"):
        fetch(catalog_entries(["duo_mbo_entrants"], [2024], today=TODAY), tmp_path)


def test_mirror_skips_the_portal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BASE_URL_ENV, "http://mirror.invalid/k")
    (e,) = catalog_entries(["duo_mbo_entrants"], [2024], today=TODAY)
    assert e.ckan_resource is None
    assert e.url == "http://mirror.invalid/k/duo/nieuw-instromende-studenten-2024.csv"


def test_fetch_list_names_the_portal_datasets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    out = CliRunner().invoke(kansrijk_app, ["fetch", "--list", "--json"])
    assert out.exit_code == 0, out.output
    rows = {r["dataset"]: r for r in json.loads(out.output)["datasets"]}
    for name, package in (
        ("duo_mbo_students", "mbo-studenten-per-instelling"),
        ("duo_mbo_students_home", "mbo-studenten-per-sectorkamer-en-leerweg"),
        ("duo_mbo_entrants", "instromende-mbo-studenten"),
        ("duo_mbo_diplomas", "gediplomeerde-mbo-studenten"),
        ("duo_mbo_addresses", "adressen_mbo"),
    ):
        assert rows[name]["url"].endswith(f"package_show?id={package}")
        assert rows[name]["ckan_resources"]
    assert rows["duo_mbo_entrants"]["ckan_resources"]["2023"].startswith(
        "2023 nieuw-instromende-studenten"
    )
