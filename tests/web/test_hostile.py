"""Hostile input on every page and API route: each query parameter (and path parameter) in
turn gets very long, unicode, NUL, HTML, SQL-ish, negative, huge and repeated values. No
answer may be a 5xx, reflect ``<script>`` unescaped, or cost 1 s of CPU or more."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import routing
from fastapi.testclient import TestClient

SCRIPT = "<script>alert(1)</script>"
HOSTILE: tuple[str, ...] = (
    "x" * 6000,
    "Zuid-Holland \u00fc\u20ac\U0001f600\u202e\ufeff",
    "a\x00b",
    SCRIPT,
    "\"'><img src=x onerror=alert(1)>",
    "' OR 1=1; DROP TABLE vo_enrollment; --",
    "-1",
    "-99999999999999999999",
)
#: Good values of path parameters (each also gets every hostile value).
PATH_GOOD: dict[str, str] = {
    "code": "DEMO",
    "loc_code": "ZZ0100",
    "indicator_id": "vmbo.offer_share",
    "name": "vmbo.offer_share.csv",
    "activity_id": "1",  # partner registry (empty here: 404, or 401 before login)
    "request_id": "1",
    "token": "not-a-reset-token",
}
#: Each answer within 1 s of CPU (of this process: the app runs in it). Wall time depends
#: on what else the machine runs (other test runs, browsers); it gets a looser sanity bound.
BUDGET_S = 1.0
WALL_LIMIT_S = 5.0


def get_routes(client: TestClient) -> list[tuple[str, list[str], list[str]]]:
    """(path, path parameters, query parameters) of every GET route of the app."""
    out = []
    for context in routing.iter_route_contexts(client.app.routes):  # type: ignore[attr-defined]
        if not isinstance(context.original_route, routing.APIRoute):
            continue
        route: Any = context
        if "GET" not in (route.methods or ()):
            continue
        dependant = route.dependant
        names = [p.alias or p.name for p in dependant.query_params]
        for dep in dependant.dependencies:
            names += [p.alias or p.name for p in dep.query_params]
            for sub in dep.dependencies:
                names += [p.alias or p.name for p in sub.query_params]
        paths = [p.name for p in dependant.path_params]
        out.append((route.path_format, paths, sorted(set(names) | {"lang"})))
    return out


def _fill(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def hostile_urls(path: str, path_params: list[str], query: list[str]) -> list[str]:
    good = {p: PATH_GOOD.get(p, "1") for p in path_params}
    base = _fill(path, good)
    urls = []
    for p in path_params:
        urls += [_fill(path, {**good, p: bad}) for bad in HOSTILE]
    for q in query:
        urls += [base + "?" + urlencode([(q, bad)]) for bad in HOSTILE]
        urls.append(base + "?" + urlencode([(q, "DEMO"), (q, SCRIPT), (q, "")]))  # repeated
    urls.append(base + "?" + urlencode([("add", f"ZZ{i:04d}:PIE") for i in range(600)]))
    urls.append(base + "?draws=1000000&preset=mrdh-pie")
    return urls


def _check(client: TestClient, url: str, problems: list[str]) -> None:
    t0 = time.perf_counter()
    c0 = time.process_time()  # every thread of this process: client, server, workers
    r = client.get(url)
    took = time.perf_counter() - t0
    cpu = time.process_time() - c0
    short = url[:100]
    if r.status_code >= 500:
        problems.append(f"{short}: {r.status_code}")
    html = r.headers.get("content-type", "").startswith("text/html")
    if html and (SCRIPT in r.text or "<img src=x" in r.text):
        problems.append(f"{short}: reflects HTML unescaped")
    if not html and r.headers.get("x-content-type-options") != "nosniff":
        problems.append(f"{short}: {r.headers.get('content-type')} without nosniff")
    if "Traceback" in r.text:
        problems.append(f"{short}: traceback")
    if cpu >= BUDGET_S or took >= WALL_LIMIT_S:
        problems.append(f"{short}: {cpu:.2f} s CPU, {took:.2f} s")


def test_hostile_input_on_every_route(client: TestClient) -> None:
    routes = get_routes(client)
    paths = {p for p, _, _ in routes}
    assert {"/", "/compare", "/atlas", "/scenarios", "/scenarios/run", "/data.json"} <= paths
    assert "/api/v1/indicators/{indicator_id}" in paths
    problems: list[str] = []
    n = 0
    for path, path_params, query in routes:
        for url in hostile_urls(path, path_params, query):
            _check(client, url, problems)
            n += 1
    assert n > 1000
    assert problems == [], f"{len(problems)} of {n}: " + "; ".join(problems[:40])


def test_builder_echo_is_escaped(client: TestClient) -> None:
    """The builder shows what was typed back in the form: escaped."""
    r = client.get("/scenarios?" + urlencode([("name", SCRIPT), ("add", "ZZ0100:" + SCRIPT)]))
    assert r.status_code == 400
    assert SCRIPT not in r.text
    assert "&lt;script&gt;" in r.text
