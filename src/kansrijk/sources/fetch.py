"""Download the publishers' files into the cache dir (``kansrijk fetch``).

Where each dataset lives is data (``sources.catalog``: the packaged ``catalog.yaml``);
``catalog_entries`` picks datasets x years from it; ``fetch`` downloads them.

Cache layout: ``<cache_dir>/<publisher>/<save_as>`` (a name with the year in it, for the
readers), plus a JSON sidecar ``<save_as>.fetch.json`` (url, sha256, size, fetched_at,
checked_at, ETag, Last-Modified). A zip is kept under its published name, with the
sidecar, next to the member extracted from it.
A download goes to a hidden temporary file in the same directory and is renamed into
place only when complete and checked, so the cache never holds a partial file.

When to download again: never while the file matches the sha256 the catalogue gives;
otherwise not within ``max_age`` of the last check (default a day; publishers update
monthly at most), and after that with a conditional request (If-None-Match /
If-Modified-Since), so an unchanged file is not transferred twice.

Mirrors: set the environment variable ``KANSRIJK_FETCH_BASE_URL`` (e.g.
``http://mirror.example/kansrijk``) to download every file from the mirror instead of the
publisher, at ``<base>/<publisher>/<name in the cache>`` (``save_as``; for a zip its
published name): the cache dir's layout, so a cache dir filled by ``kansrijk fetch`` on a
connected machine and served over HTTP is a mirror. Tests point it at a local server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import http.client
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kansrijk.errors import FetchError
from kansrijk.sources.catalog import (
    BASE_URL_ENV,
    USER_AGENT,
    Catalog,
    CatalogEntry,
    DatasetSource,
    Publisher,
    catalog_entries,
    load_catalog,
)
from kansrijk.sources.result import sha256_of

__all__ = [
    "BASE_URL_ENV",
    "CHUNK",
    "SIDECAR_SUFFIX",
    "USER_AGENT",
    "Catalog",
    "CatalogEntry",
    "DatasetSource",
    "DownloadError",
    "FetchedFile",
    "Publisher",
    "catalog_entries",
    "fetch",
    "load_catalog",
]

CHUNK = 64 * 1024
SIDECAR_SUFFIX = ".fetch.json"

#: ``progress(entry, bytes_done, bytes_total_or_None)``.
ProgressCallback = Callable[["CatalogEntry", int, int | None], None]


class DownloadError(FetchError):
    """A download failed; ``url`` and (for HTTP errors) ``status`` say which and how."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


# -- downloading ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchedFile:
    """A file in the cache: ``status`` is ``downloaded``, ``cached`` (no request made) or
    ``not_modified`` (the publisher confirmed the cached copy is current)."""

    dataset: str
    year: int
    url: str
    path: Path
    sha256: str
    size: int
    status: str
    fetched_at: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _age_seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return (dt.datetime.now(dt.UTC) - when).total_seconds()


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through a hidden temporary file in the same directory, then rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_sidecar(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")

    def write(fh: IO[bytes]) -> None:
        fh.write(text)

    _write_atomic(path, write)


def _sweep_parts(directory: Path, older_than: float = 86400.0) -> None:
    """Remove temporary files left by a process that was killed mid-download."""
    now = time.time()
    for part in directory.glob(".*.part"):
        with contextlib.suppress(OSError):
            if now - part.stat().st_mtime > older_than:
                part.unlink()


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype", b"<html"))


def _download(
    entry: CatalogEntry,
    opener: urllib.request.OpenerDirector,
    headers: dict[str, str],
    target: Path,
    *,
    timeout: float,
    progress: ProgressCallback | None,
) -> tuple[Path, dict[str, Any]] | None:
    """Download to a hidden temporary file next to ``target``; None on 304 Not Modified.

    Returns the temporary path (the caller renames or removes it) and the metadata.
    """
    url = entry.url
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise DownloadError(f"{url}: expected an http:// or https:// URL", url=url)
    headers = {"User-Agent": USER_AGENT, **headers}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked)
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 304:
            return None
        raise DownloadError(
            f"{url}: HTTP {exc.code} {exc.reason}; expected the file {entry.file_name} "
            f"({entry.dataset} {entry.year}). The publisher may have moved or renamed it; "
            f"see {entry.landing_page or 'the publisher'}",
            url=url,
            status=exc.code,
        ) from None
    except urllib.error.URLError as exc:
        raise DownloadError(f"{url}: cannot connect ({exc.reason})", url=url) from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        raise DownloadError(f"{url}: download failed ({_describe(exc)})", url=url) from None
    with response:
        return _body(entry, response, target, progress)


def _body(
    entry: CatalogEntry, response: Any, target: Path, progress: ProgressCallback | None
) -> tuple[Path, dict[str, Any]]:
    url = entry.url
    content_type = response.headers.get("Content-Type", "") or ""
    if content_type.split(";")[0].strip().lower() == "text/html":
        raise DownloadError(
            f"{url}: the server answered with a web page (Content-Type {content_type}), "
            f"not the file {entry.file_name}; the download link may have changed, "
            f"see {entry.landing_page or 'the publisher'}",
            url=url,
            status=response.status,
        )
    length = response.headers.get("Content-Length")
    total = int(length) if length and length.isdigit() else None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    done = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            if progress:
                progress(entry, 0, total)
            while True:
                try:
                    chunk = response.read(CHUNK)
                except (TimeoutError, OSError, http.client.HTTPException) as exc:
                    raise DownloadError(
                        f"{url}: download interrupted after {done} bytes "
                        f"({_describe(exc)}); nothing was kept",
                        url=url,
                    ) from None
                if not chunk:
                    break
                if done == 0 and _looks_like_html(chunk[:512]):
                    raise DownloadError(
                        f"{url}: the server sent a web page (starting "
                        f"{chunk[:40]!r}), not the file {entry.file_name}; the "
                        f"download link may have changed, see "
                        f"{entry.landing_page or 'the publisher'}",
                        url=url,
                        status=response.status,
                    )
                fh.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(entry, done, total)
        if total is not None and done != total:
            raise DownloadError(
                f"{url}: connection closed after {done} of {total} bytes; nothing was "
                "kept, try again",
                url=url,
            )
        sha = digest.hexdigest()
        if entry.sha256 and sha != entry.sha256.lower():
            raise DownloadError(
                f"{url}: sha256 {sha} does not match the catalogue's "
                f"{entry.sha256}; nothing was kept",
                url=url,
            )
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    meta = {
        "url": url,
        "sha256": sha,
        "size": done,
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
        "content_type": content_type or None,
    }
    return tmp, meta


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _extract(entry: CatalogEntry, archive: Path, target: Path) -> str:
    """Extract the member matching ``entry.extract`` from ``archive`` to ``target``."""
    pattern = (entry.extract or "").lower()
    try:
        with zipfile.ZipFile(archive) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            matching = [n for n in names if fnmatch.fnmatch(Path(n).name.lower(), pattern)]
            if len(matching) != 1:
                raise DownloadError(
                    f"{entry.url}: expected exactly one file matching {entry.extract!r} in the "
                    f"zip, found {len(matching)} among: {', '.join(names) or '(none)'}",
                    url=entry.url,
                )
            member = matching[0]

            def copy(fh: IO[bytes]) -> None:
                with zf.open(member) as src:
                    while chunk := src.read(CHUNK):
                        fh.write(chunk)

            _write_atomic(target, copy)
    except zipfile.BadZipFile:
        raise DownloadError(
            f"{entry.url}: expected a zip archive, found something else", url=entry.url
        ) from None
    return member


def _fetch_one(
    entry: CatalogEntry,
    cache_dir: Path,
    opener: urllib.request.OpenerDirector,
    *,
    timeout: float,
    max_age: float,
    refresh: bool,
    progress: ProgressCallback | None,
) -> FetchedFile:
    directory = cache_dir / entry.publisher
    directory.mkdir(parents=True, exist_ok=True)
    _sweep_parts(directory)
    download = directory / (entry.file_name if entry.extract else entry.save_as)
    final = directory / entry.save_as
    sidecar_path = download.with_name(download.name + SIDECAR_SUFFIX)
    sidecar = _read_sidecar(sidecar_path)

    cached_sha = sha256_of(download) if download.exists() else None
    headers: dict[str, str] = {}
    if cached_sha is not None:
        if entry.sha256:
            usable = cached_sha == entry.sha256.lower()
            fresh = usable
        else:
            usable = sidecar.get("sha256") == cached_sha and (
                sidecar.get("url") == entry.url
                or (bool(entry.ckan_resource) and sidecar.get("ckan_api") == entry.url)
            )
            age = _age_seconds(sidecar.get("checked_at"))
            fresh = usable and not refresh and age is not None and 0 <= age < max_age
        if fresh:
            return _result(entry, download, final, sidecar, cached_sha, "cached", progress)
        if usable:
            if sidecar.get("etag"):
                headers["If-None-Match"] = sidecar["etag"]
            if sidecar.get("last_modified"):
                headers["If-Modified-Since"] = sidecar["last_modified"]

    api = entry.url
    if entry.ckan_resource:
        entry = _resolve_ckan(entry, opener, timeout)
        if sidecar.get("url") != entry.url:  # DUO uploaded a new version: a new URL
            headers = {}
    got = _download(entry, opener, headers, download, timeout=timeout, progress=progress)
    now = _now()
    if got is None:  # 304: the cached copy is current
        if cached_sha is None or not headers:
            raise DownloadError(
                f"{entry.url}: HTTP 304 Not Modified, but no cached copy was offered", url=entry.url
            )
        sidecar["checked_at"] = now
        _write_sidecar(sidecar_path, sidecar)
        return _result(entry, download, final, sidecar, cached_sha, "not_modified", progress)
    tmp, meta = got
    try:
        member = _extract(entry, tmp, final) if entry.extract else None
        tmp.replace(download)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sidecar = {
        "dataset": entry.dataset,
        "year": entry.year,
        **({"ckan_api": api, "ckan_resource": entry.ckan_resource} if entry.ckan_resource else {}),
        **meta,
        "fetched_at": now,
        "checked_at": now,
    }
    if member is not None:
        sidecar["extracted"] = {"member": member, "file": final.name}
    _write_sidecar(sidecar_path, sidecar)
    return _result(entry, download, final, sidecar, meta["sha256"], "downloaded", None)


def _resolve_ckan(
    entry: CatalogEntry, opener: urllib.request.OpenerDirector, timeout: float
) -> CatalogEntry:
    """The entry with ``url`` = the current download URL of its CKAN resource."""
    from kansrijk.sources.ckan import resolve

    found = resolve(
        entry.url, entry.ckan_resource or "", opener, timeout=timeout, user_agent=USER_AGENT
    )
    return dataclasses.replace(entry, url=found.url)


def _result(
    entry: CatalogEntry,
    download: Path,
    final: Path,
    sidecar: dict[str, Any],
    sha: str,
    status: str,
    progress: ProgressCallback | None,
) -> FetchedFile:
    if entry.extract and not final.exists():
        _extract(entry, download, final)
    size = download.stat().st_size
    if progress:
        progress(entry, size, size)
    return FetchedFile(
        dataset=entry.dataset,
        year=entry.year,
        url=str(sidecar.get("url") or entry.url),
        path=final,
        sha256=sha,
        size=size,
        status=status,
        fetched_at=str(sidecar.get("fetched_at") or ""),
    )


def fetch(
    entries: Sequence[CatalogEntry],
    cache_dir: Path,
    *,
    progress: ProgressCallback | None = None,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = 60.0,
    max_age: float = 86400.0,
    refresh: bool = False,
) -> list[FetchedFile]:
    """Download ``entries`` into ``cache_dir`` (see the module docstring for the rules).

    ``timeout`` is per network operation, in seconds; ``max_age`` is how long, in seconds,
    a downloaded file is trusted without asking the publisher; ``refresh`` asks anyway.
    Files already downloaded stay in the cache when a later entry fails.

    Raises:
        FetchError: (a ``DownloadError``) naming the URL: an HTTP error with its status, a
            network error or timeout, a cut-off download, a web page instead of the file,
            a sha256 mismatch, or a zip without the expected member.
    """
    opener = opener or urllib.request.build_opener()
    return [
        _fetch_one(
            entry,
            cache_dir,
            opener,
            timeout=timeout,
            max_age=max_age,
            refresh=refresh,
            progress=progress,
        )
        for entry in entries
    ]
