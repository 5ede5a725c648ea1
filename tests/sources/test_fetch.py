"""Downloading with cache, checks and clear errors; served by a local HTTP server only."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import socket
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from tests.local_server import NOT_FOUND, Reply, Request, serve

from kansrijk.errors import FetchError, InputError, KansrijkError, UnknownDatasetError
from kansrijk.sources import readers
from kansrijk.sources.fetch import (
    BASE_URL_ENV,
    SIDECAR_SUFFIX,
    CatalogEntry,
    catalog_entries,
    fetch,
    load_catalog,
)
from kansrijk.sources.result import sha256_of
from kansrijk.warehouse import Warehouse, ingest, status

DATA = Path(__file__).parent.parent / "data" / "fetch"
ENROLMENT = "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
LOCATIONS = "02.-alle-vestigingen-vo.csv"


# -- a local file server ----------------------------------------------------------------------


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes
    status: int = 200
    content_type: str = "text/csv"
    etag: str | None = None
    truncate: bool = False  # promise the whole body, send half, close
    delay: float = 0.0  # seconds before answering


@dataclass
class FileServer:
    """A ThreadingHTTPServer on 127.0.0.1 that serves ``routes`` and logs every request."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def gets(self, path: str) -> list[dict[str, str]]:
        """Headers of the GET requests for ``path``."""
        return [h for method, p, h in self.requests if method == "GET" and p == path]

    def answer(self, request: Request) -> Reply:
        """The route's answer; 304 to a conditional request for an unchanged ETag."""
        self.requests.append((request.method, request.path, request.headers))
        route = self.routes.get(request.path)
        if route is None:
            return NOT_FOUND
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            return Reply(304, None, None, delay=route.delay)
        etag = {"ETag": route.etag} if route.etag else {}
        return Reply(
            route.status, route.body, route.content_type, etag, route.truncate, route.delay
        )


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FileServer]:
    """A local server; KANSRIJK_FETCH_BASE_URL points at it, proxies are bypassed."""
    state = FileServer()
    with serve(state.answer, monkeypatch, env=BASE_URL_ENV) as url:
        state.url = url
        yield state


def entry(server: FileServer, path: str, **changes: object) -> CatalogEntry:
    """A catalogue entry for ``path`` on the local server."""
    name = path.rsplit("/", 1)[-1]
    base = CatalogEntry(
        dataset="duo_vo_enrollment",
        year=2019,
        title="test",
        publisher="duo",
        url=server.url + path,
        origin_url="https://duo.nl/open_onderwijsdata/images/" + name,
        file_name=name,
        save_as=name,
        landing_page="https://duo.nl/open_onderwijsdata/",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def cache_files(cache: Path) -> list[str]:
    """Every file under the cache dir, hidden ones included, relative names."""
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file())


# -- the catalogue -----------------------------------------------------------------------------


def test_packaged_catalog_names_readers_and_formats_every_year() -> None:
    catalog = load_catalog()
    reader_names = {r.info.name for r in readers()}
    assert set(catalog.datasets) <= reader_names
    today = dt.date(2026, 3, 1)
    entries = catalog_entries(catalog=catalog, years=None, base_url="", today=today)
    assert {e.dataset for e in entries} == set(catalog.datasets)
    for name, ds in catalog.datasets.items():
        assert ds.note, f"{name}: say what is (un)certain about the URL"
        years = ds.known_years(today)
        for e in catalog_entries([name], None if ds.snapshot else years, base_url=""):
            assert e.url.startswith("https://")
            assert "{" not in e.url + e.file_name + e.save_as
            assert str(e.year) in e.save_as  # readers take the year from the name


def test_entries_default_to_the_newest_year_and_snapshots_to_today() -> None:
    today = dt.date(2026, 3, 1)
    got = catalog_entries(["duo_vo_enrollment", "duo_vo_locations"], today=today, base_url="")
    assert [(e.dataset, e.year) for e in got] == [
        ("duo_vo_enrollment", 2025),
        ("duo_vo_locations", 2026),
    ]
    assert got[0].url == (
        "https://duo.nl/open_onderwijsdata/images/"
        "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2025.csv"
    )
    assert got[1].save_as == "02.-alle-vestigingen-vo-2026.csv"


def test_unknown_dataset_lists_the_known_ones() -> None:
    with pytest.raises(UnknownDatasetError) as info:
        catalog_entries(["duo_leerlingen"])
    assert isinstance(info.value, KansrijkError)
    message = str(info.value)
    assert "'duo_leerlingen'" in message
    for name in load_catalog().datasets:
        assert name in message


def test_unknown_year_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"no dataset has year 1990.*2019, 2020"):
        catalog_entries(["duo_vo_enrollment"], [1990])
    with pytest.raises(InputError, match=r"cbs_kerncijfers_pc4 has no year 2019; known"):
        catalog_entries(["duo_vo_enrollment", "cbs_kerncijfers_pc4"], [2019])
    with pytest.raises(InputError, match="only the current version"):
        catalog_entries(["duo_vo_locations"], [2019])


def test_base_url_from_the_environment_makes_mirror_urls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(BASE_URL_ENV, "http://mirror.invalid/kansrijk/")
    (got,) = catalog_entries(["cbs_kerncijfers_pc4"], [2024])
    assert got.url == "http://mirror.invalid/kansrijk/cbs/2025-cbs_pc4_2024_v1.zip"
    assert got.origin_url == "https://download.cbs.nl/postcode/2025-cbs_pc4_2024_v1.zip"
    assert got.save_as == "kerncijfers-pc4-2024.xlsx"


# -- downloading ---------------------------------------------------------------------------------


def test_fetch_then_ingest(server: FileServer, tmp_path: Path) -> None:
    body = (DATA / ENROLMENT).read_bytes()
    server.routes[f"/duo/{ENROLMENT}"] = Route(body)
    (e,) = catalog_entries(["duo_vo_enrollment"], [2019])
    assert e.url == f"{server.url}/duo/{ENROLMENT}"
    seen: list[tuple[int, int | None]] = []
    (got,) = fetch([e], tmp_path / "cache", progress=lambda _e, d, t: seen.append((d, t)))
    assert got.status == "downloaded"
    assert got.path == tmp_path / "cache" / "duo" / ENROLMENT
    assert got.path.read_bytes() == body
    assert got.sha256 == sha256_of(got.path)
    assert seen[0] == (0, len(body))
    assert seen[-1] == (len(body), len(body))
    sidecar = json.loads((got.path.parent / (ENROLMENT + SIDECAR_SUFFIX)).read_text())
    assert sidecar["url"] == e.url
    assert sidecar["sha256"] == got.sha256
    assert sidecar["size"] == len(body)
    assert sidecar["fetched_at"].endswith("Z")

    with Warehouse(tmp_path / "wh.duckdb") as wh:
        outcomes = ingest(wh, [got.path])
        rows = status(wh)
    assert [o.status for o in outcomes] == ["loaded"]
    (row,) = rows
    assert (row.dataset, row.year, row.file_name) == ("duo_vo_enrollment", 2019, ENROLMENT)
    assert row.rows == 19
    assert row.locations == 2
    assert row.pupils == 74  # vmbo BB/KB/GL leerjaar 3-4: 25 + 31 + 18


def test_second_fetch_uses_the_cache_without_a_request(server: FileServer, tmp_path: Path) -> None:
    server.routes[f"/duo/{ENROLMENT}"] = Route((DATA / ENROLMENT).read_bytes())
    entries = catalog_entries(["duo_vo_enrollment"], [2019])
    first = fetch(entries, tmp_path)
    second = fetch(entries, tmp_path)
    assert [f.status for f in first] == ["downloaded"]
    assert [f.status for f in second] == ["cached"]
    assert second[0].sha256 == first[0].sha256
    assert len(server.gets(f"/duo/{ENROLMENT}")) == 1


def test_stale_cache_is_revalidated_with_etag(server: FileServer, tmp_path: Path) -> None:
    path = f"/duo/{ENROLMENT}"
    server.routes[path] = Route((DATA / ENROLMENT).read_bytes(), etag='"v1"')
    e = entry(server, path)
    fetch([e], tmp_path)
    (again,) = fetch([e], tmp_path, max_age=0)
    assert again.status == "not_modified"
    assert server.gets(path)[-1]["If-None-Match"] == '"v1"'

    server.routes[path] = Route(b"new release\n", etag='"v2"')
    (newer,) = fetch([e], tmp_path, refresh=True)
    assert newer.status == "downloaded"
    assert newer.path.read_bytes() == b"new release\n"
    assert len(server.gets(path)) == 3


def test_catalogue_sha256_skips_requests_and_rejects_other_content(
    server: FileServer, tmp_path: Path
) -> None:
    body = (DATA / ENROLMENT).read_bytes()
    path = f"/duo/{ENROLMENT}"
    server.routes[path] = Route(body)
    good = entry(server, path, sha256=hashlib.sha256(body).hexdigest())
    fetch([good], tmp_path)
    (again,) = fetch([good], tmp_path, refresh=True)
    assert again.status == "cached"
    assert len(server.gets(path)) == 1

    bad = entry(server, path, sha256="0" * 64, save_as="other-2019.csv")
    with pytest.raises(FetchError, match="does not match the catalogue"):
        fetch([bad], tmp_path)
    assert not (tmp_path / "duo" / "other-2019.csv").exists()


def test_http_404_names_the_url_and_status(server: FileServer, tmp_path: Path) -> None:
    (e,) = catalog_entries(["duo_vo_enrollment"], [2024])
    with pytest.raises(FetchError) as info:
        fetch([e], tmp_path)
    message = str(info.value)
    assert e.url in message
    assert "HTTP 404" in message
    assert getattr(info.value, "status", None) == 404
    assert cache_files(tmp_path) == []


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=utf-8", b"BRIN NUMMER;VESTIGINGSNUMMER\n"),
        ("text/csv", b"\n  <!DOCTYPE html><html><body>Pagina niet gevonden</body></html>"),
        ("application/octet-stream", b"<HTML><body>Onderhoud</body></HTML>"),
    ],
)
def test_web_page_with_status_200_is_rejected(
    server: FileServer, tmp_path: Path, content_type: str, body: bytes
) -> None:
    path = f"/duo/{ENROLMENT}"
    server.routes[path] = Route(body, content_type=content_type)
    with pytest.raises(FetchError, match="web page") as info:
        fetch([entry(server, path)], tmp_path)
    assert server.url + path in str(info.value)
    assert [n for n in cache_files(tmp_path) if not n.endswith(SIDECAR_SUFFIX)] == []


def test_connection_cut_mid_body_leaves_no_file(server: FileServer, tmp_path: Path) -> None:
    path = f"/duo/{ENROLMENT}"
    body = (DATA / ENROLMENT).read_bytes()
    server.routes[path] = Route(body, truncate=True)
    with pytest.raises(FetchError, match=rf"closed after {len(body) // 2} of {len(body)} bytes"):
        fetch([entry(server, path)], tmp_path)
    assert cache_files(tmp_path) == []


def test_cut_download_keeps_the_previous_good_copy(server: FileServer, tmp_path: Path) -> None:
    path = f"/duo/{ENROLMENT}"
    body = (DATA / ENROLMENT).read_bytes()
    server.routes[path] = Route(body)
    (first,) = fetch([entry(server, path)], tmp_path)
    server.routes[path] = Route(body + b"99XX;02;more\r\n", truncate=True)
    with pytest.raises(FetchError):
        fetch([entry(server, path)], tmp_path, refresh=True)
    assert first.path.read_bytes() == body
    assert not [n for n in cache_files(tmp_path) if n.endswith(".part")]


def test_connection_refused_names_the_url(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/duo/{ENROLMENT}"
    e = replace(entry(FileServer(url=""), "/x"), url=url)
    with pytest.raises(FetchError, match="cannot connect") as info:
        fetch([e], tmp_path)
    assert url in str(info.value)


def test_timeout_is_an_error(server: FileServer, tmp_path: Path) -> None:
    path = f"/duo/{ENROLMENT}"
    server.routes[path] = Route(b"x;y\n", delay=0.5)
    with pytest.raises(FetchError, match="timed out"):
        fetch([entry(server, path)], tmp_path, timeout=0.1)
    assert cache_files(tmp_path) == []


def test_only_http_urls_are_opened(tmp_path: Path) -> None:
    e = replace(entry(FileServer(url=""), "/x"), url="file:///etc/passwd")
    with pytest.raises(FetchError, match="expected an http"):
        fetch([e], tmp_path)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_member_is_extracted(server: FileServer, tmp_path: Path) -> None:
    path = "/cbs/2025-cbs_pc4_2024_v1.zip"
    server.routes[path] = Route(
        _zip({"cbs_pc4_2024_v1.gpkg": b"gpkg", "pc4_2024_v1.xlsx": b"PK-not-really-xlsx"}),
        content_type="application/zip",
    )
    e = entry(
        server,
        path,
        dataset="cbs_kerncijfers_pc4",
        year=2024,
        publisher="cbs",
        save_as="kerncijfers-pc4-2024.xlsx",
        extract="*pc4_2024*.xlsx",
    )
    (got,) = fetch([e], tmp_path)
    assert got.path == tmp_path / "cbs" / "kerncijfers-pc4-2024.xlsx"
    assert got.path.read_bytes() == b"PK-not-really-xlsx"
    got.path.unlink()  # extracted again from the cached zip, without a request
    (again,) = fetch([e], tmp_path)
    assert again.status == "cached"
    assert again.path.read_bytes() == b"PK-not-really-xlsx"
    assert len(server.gets(path)) == 1


def test_zip_without_the_member_is_an_error(server: FileServer, tmp_path: Path) -> None:
    path = "/cbs/x.zip"
    server.routes[path] = Route(_zip({"readme.txt": b"hi"}), content_type="application/zip")
    e = entry(server, path, publisher="cbs", save_as="k-2024.xlsx", extract="*.xlsx")
    with pytest.raises(FetchError, match=r"exactly one file matching '\*\.xlsx'.*readme\.txt"):
        fetch([e], tmp_path)
    assert cache_files(tmp_path) == []

    server.routes[path] = Route(b"not a zip at all", content_type="application/zip")
    with pytest.raises(FetchError, match="expected a zip archive"):
        fetch([e], tmp_path)
    assert cache_files(tmp_path) == []


def test_a_served_cache_dir_is_a_mirror(
    server: FileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.date.today()
    server.routes[f"/duo/{ENROLMENT}"] = Route((DATA / ENROLMENT).read_bytes())
    server.routes[f"/duo/02.-alle-vestigingen-vo-{today.year}.csv"] = Route(
        (DATA / LOCATIONS).read_bytes()
    )
    datasets = ["duo_vo_enrollment", "duo_vo_locations"]
    first = fetch(catalog_entries(datasets, [2019]), tmp_path / "connected")

    folder = tmp_path / "connected"

    def from_folder(request: Request) -> Reply:  # the cache dir, served as it is
        file = folder.joinpath(*(part for part in request.path.split("/") if part))
        return Reply(200, file.read_bytes()) if file.is_file() else NOT_FOUND

    with serve(from_folder, monkeypatch, env=BASE_URL_ENV) as url:
        monkeypatch.setenv(BASE_URL_ENV, url + "/")
        second = fetch(catalog_entries(datasets, [2019]), tmp_path / "offline")
    assert [f.sha256 for f in second] == [f.sha256 for f in first]
    assert [f.path.name for f in second] == [f.path.name for f in first]
    assert all(f.status == "downloaded" for f in second)
