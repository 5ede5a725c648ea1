"""Resolving a dataset's current download URL through a CKAN portal's API.

DUO publishes its mbo open data on a CKAN portal (onderwijsdata.duo.nl). A resource's
download URL contains ids that change when DUO uploads a new version, so the catalogue
names the portal package and the resource instead, and ``fetch`` asks the portal
(``/api/3/action/package_show?id=PACKAGE``) for the resource's current URL.

Set ``KANSRIJK_CKAN_BASE_URL`` to send the API request to another portal (tests use a
local server that answers like CKAN); the resource URLs it returns are downloaded as
given.
"""

from __future__ import annotations

import fnmatch
import http.client
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from kansrijk.errors import FetchError

#: Environment variable: base URL (scheme://host[/path]) replacing the portal's in API calls.
CKAN_BASE_URL_ENV = "KANSRIJK_CKAN_BASE_URL"


class CkanError(FetchError):
    """The portal's answer did not give the resource; ``url`` is the API request."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


@dataclass(frozen=True, slots=True)
class CkanResource:
    """A resource of a CKAN package: its name, download URL and last modification."""

    name: str
    url: str
    last_modified: str | None
    resource_id: str | None


def api_url(package_show_url: str) -> str:
    """The package_show URL, on ``$KANSRIJK_CKAN_BASE_URL`` when that is set."""
    base = os.environ.get(CKAN_BASE_URL_ENV)
    if not base:
        return package_show_url
    parts = urllib.parse.urlsplit(package_show_url)
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    return base.rstrip("/") + tail


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def pick(resources: list[dict[str, Any]], wanted: str, *, url: str) -> CkanResource:
    """The one resource whose name equals ``wanted`` (case and spacing ignored; ``*`` and
    ``?`` are wildcards)."""
    pattern = _fold(wanted)
    hits = [
        r
        for r in resources
        if isinstance(r, dict) and fnmatch.fnmatchcase(_fold(str(r.get("name") or "")), pattern)
    ]
    if len(hits) != 1:
        names = ", ".join(repr(str(r.get("name"))) for r in resources if isinstance(r, dict))
        raise CkanError(
            f"{url}: expected exactly one resource named {wanted!r} in the package, found "
            f"{len(hits)} among: {names or '(none)'}; the portal may have renamed it",
            url=url,
        )
    r = hits[0]
    link = str(r.get("url") or "")
    if urllib.parse.urlsplit(link).scheme not in {"http", "https"}:
        raise CkanError(
            f"{url}: resource {r.get('name')!r} has no http(s) download URL (found {link!r})",
            url=url,
        )
    return CkanResource(
        name=str(r.get("name")),
        url=link,
        last_modified=r.get("last_modified") or r.get("metadata_modified"),
        resource_id=r.get("id"),
    )


def resolve(
    package_show_url: str,
    resource_name: str,
    opener: urllib.request.OpenerDirector,
    *,
    timeout: float,
    user_agent: str,
) -> CkanResource:
    """Ask the portal for the package and return the named resource.

    Raises:
        CkanError: HTTP or network error, an answer that is not CKAN's JSON
            (``{"success": true, "result": {"resources": [...]}}``), or no single resource
            with that name.
    """
    url = api_url(package_show_url)
    request = urllib.request.Request(  # noqa: S310 (scheme checked)
        url, headers={"User-Agent": user_agent, "Accept": "application/json"}
    )
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise CkanError(f"{url}: expected an http:// or https:// URL", url=url)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        exc.close()
        raise CkanError(
            f"{url}: HTTP {exc.code} {exc.reason}; expected the portal's package description",
            url=url,
        ) from None
    except urllib.error.URLError as exc:
        raise CkanError(f"{url}: cannot connect ({exc.reason})", url=url) from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        raise CkanError(f"{url}: request failed ({type(exc).__name__})", url=url) from None
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise CkanError(
            f"{url}: expected CKAN's JSON answer, found {body[:60]!r}", url=url
        ) from None
    result = doc.get("result") if isinstance(doc, dict) else None
    if not (isinstance(doc, dict) and doc.get("success") is True and isinstance(result, dict)):
        raise CkanError(
            f"{url}: the portal did not answer with success and a result "
            f"(found keys {sorted(doc) if isinstance(doc, dict) else type(doc).__name__})",
            url=url,
        )
    resources = result.get("resources")
    if not isinstance(resources, list):
        raise CkanError(f"{url}: the package has no list of resources", url=url)
    return pick(resources, resource_name, url=url)
