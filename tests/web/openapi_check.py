"""Compare what the app answers with what ``/api/openapi.json`` declares.

``mismatches(client)`` walks every operation of the document, requests it with good values
and with bad ones (unknown path codes, hostile query values, an over-long target) and
returns one line per (operation, status, media type) seen that the document does not
declare. Used by ``test_openapi.py``; needs only a client, so it runs on any version of the
app."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import httpx

#: Good values of path parameters on the demo warehouse.
PATH_EXAMPLES: dict[str, str] = {
    "code": "DEMO",
    "loc_code": "ZZ0100",
    "indicator_id": "vmbo.offer_share",
    "name": "vmbo.offer_share.csv",
    "activity_id": "1",  # partner registry (empty in these tests: 404)
    "request_id": "1",
}
#: Extra query of a good request, per path.
GOOD_QUERY: dict[str, list[tuple[str, str]]] = {
    "/api/v1/scenarios/run": [("preset", "mrdh-pie"), ("draws", "0")],
    "/scenarios/yaml": [("preset", "mrdh-pie")],
    "/api/v1/scenarios/compare": [("s", "preset:mrdh-pie"), ("draws", "0")],
    "/scenarios/compare.csv": [("s", "preset:mrdh-pie"), ("draws", "0")],
    "/scenarios/compare.xlsx": [("s", "preset:mrdh-pie"), ("draws", "0")],
}
#: Bad values tried in every query parameter, one parameter at a time.
BAD_VALUES: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "-1",
    "99999999999999999999",
    "x" * 9000,
)


def media(response: httpx.Response) -> str:
    """The response's media type without parameters."""
    return response.headers.get("content-type", "").split(";")[0].strip()


def _url(path: str, params: dict[str, str], query: list[tuple[str, str]]) -> str:
    url = re.sub(r"\{(\w+)\}", lambda m: params.get(m.group(1), m.group(0)), path)
    return url + ("?" + urlencode(query) if query else "")


def requests_of(path: str, op: dict[str, Any]) -> list[str]:
    """Good and bad request URLs of one operation."""
    names = [p["name"] for p in op.get("parameters", []) if p["in"] == "path"]
    query_names = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
    good = {n: PATH_EXAMPLES.get(n, "1") for n in names}
    base = GOOD_QUERY.get(path, [])
    urls = [_url(path, good, base)]
    for n in names:
        urls.append(_url(path, {**good, n: "ZZ9999-unknown"}, base))
    for q in query_names:
        rest = [(k, v) for k, v in base if k != q]
        urls += [_url(path, good, [*rest, (q, bad)]) for bad in BAD_VALUES]
    urls.append(_url(path, good, [*base, ("pad", "y" * 8000), ("pad2", "z" * 8000)]))
    return urls


def declared(op: dict[str, Any], status: int) -> set[str] | None:
    """The media types declared for ``status`` (None: the status is not declared)."""
    responses = op.get("responses", {})
    entry = responses.get(str(status)) or responses.get("default")
    if entry is None:
        return None
    return set(entry.get("content", {}))


def mismatches(client: httpx.Client | Any) -> tuple[list[str], int]:
    """Lines ``METHOD path: seen STATUS media, declared ...`` and the number of requests."""
    doc = client.get("/api/openapi.json").json()
    found: dict[str, str] = {}
    n = 0
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for url in requests_of(path, op):
                r = client.request(method.upper(), url)
                n += 1
                types = declared(op, r.status_code)
                seen = media(r)
                if types is None:
                    key = f"{method.upper()} {path}: status {r.status_code} not declared"
                elif seen not in types and not (not types and r.status_code == 204):
                    key = (
                        f"{method.upper()} {path}: {r.status_code} {seen} seen, declared "
                        f"{sorted(types)}"
                    )
                else:
                    continue
                found.setdefault(key, url[:120])
    return [f"{k} (e.g. {v})" for k, v in sorted(found.items())], n
