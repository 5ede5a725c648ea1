"""``kansrijk fetch --check``: ask every URL of the catalogue whether it answers, without
downloading the files.

Every dataset x every known year of ``catalog.yaml`` (a snapshot dataset: its one URL) is
asked with ``HEAD``; a server that does not allow HEAD (405, 501) or answers it with another
error is asked again with ``GET`` and ``Range: bytes=0-0`` (at most one byte of the body is
read). A URL *answers* when the status is 2xx and the answer is not a web page (a publisher
that moved a file often answers 200 with an HTML page). For a CKAN portal entry the URL
asked is the package_show API URL (sources/ckan.py). Nothing is written to the cache.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from kansrijk.sources.catalog import (
    BASE_URL_ENV,
    USER_AGENT,
    Catalog,
    CatalogEntry,
    catalog_entries,
    load_catalog,
)


@dataclass(frozen=True, slots=True)
class UrlCheck:
    """What one URL answered."""

    dataset: str
    year: int
    url: str
    method: str  # the last method asked: HEAD or GET (Range: bytes=0-0)
    status: int | None  # HTTP status; None when no HTTP answer came
    ok: bool
    detail: str  # e.g. 'text/csv, 2,345,678 bytes' or 'HTTP 404 Not Found'
    note: str | None = None  # the catalogue's note on what is (un)certain


def every_entry(
    catalog: Catalog | None = None,
    *,
    base_url: str | None = None,
    today: dt.date | None = None,
) -> list[CatalogEntry]:
    """Every dataset x every known year of the catalogue (not only the newest)."""
    catalog = catalog or load_catalog()
    today = today or dt.date.today()
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or None
    out: list[CatalogEntry] = []
    for name, source in catalog.datasets.items():
        years = None if source.snapshot else list(source.known_years(today))
        out.extend(
            catalog_entries([name], years, catalog=catalog, base_url=base_url or "", today=today)
        )
    return out


def _ask(
    url: str, method: str, opener: urllib.request.OpenerDirector, timeout: float
) -> tuple[int | None, str, str]:
    """(status, content type, detail) of one request; status None when none came."""
    headers = {"User-Agent": USER_AGENT}
    if method == "GET":
        headers["Range"] = "bytes=0-0"
    request = urllib.request.Request(url, headers=headers, method=method)  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            ctype = response.headers.get("Content-Type", "") or ""
            size = response.headers.get("Content-Range", "").rpartition("/")[2] or (
                response.headers.get("Content-Length", "")
            )
            if method == "GET":
                response.read(1)
            detail = ", ".join(
                x for x in (ctype, f"{int(size):,} bytes" if size.isdigit() else "") if x
            )
            return int(response.status), ctype, detail or "answered"
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, "", f"HTTP {exc.code} {exc.reason}"
    except urllib.error.URLError as exc:
        return None, "", f"cannot connect ({exc.reason})"
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        return None, "", f"request failed ({type(exc).__name__})"


def check_url(
    entry: CatalogEntry,
    opener: urllib.request.OpenerDirector | None = None,
    *,
    timeout: float = 20.0,
) -> UrlCheck:
    """Ask one catalogue URL (HEAD, else GET with Range: bytes=0-0)."""
    opener = opener or urllib.request.build_opener()
    url = entry.url
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        return UrlCheck(
            entry.dataset,
            entry.year,
            url,
            method="-",
            status=None,
            ok=False,
            detail="not an http(s) URL",
            note=entry.note,
        )
    method = "HEAD"
    status, ctype, detail = _ask(url, method, opener, timeout)
    if status is not None and not 200 <= status < 300:
        method = "GET"
        status, ctype, detail = _ask(url, method, opener, timeout)
    ok = status is not None and 200 <= status < 300
    if ok and "html" in ctype.lower():
        ok = False
        detail = f"answered with a web page ({ctype}), not the file"
    return UrlCheck(entry.dataset, entry.year, url, method, status, ok, detail, entry.note)


def check_urls(
    entries: Sequence[CatalogEntry],
    *,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = 20.0,
) -> list[UrlCheck]:
    """Ask every entry's URL; never raises for a URL that does not answer."""
    opener = opener or urllib.request.build_opener()
    return [check_url(e, opener, timeout=timeout) for e in entries]
