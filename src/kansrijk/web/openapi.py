"""The OpenAPI document (``/api/openapi.json``) true to what the app answers.

FastAPI declares every route as ``200 application/json`` plus ``422`` for validation errors;
this app answers validation errors with 400 in the error envelope, refuses over-long
targets with 414 (``limits``), unknown codes with 404, and serves CSV, XLSX and YAML
downloads. ``openapi_document`` starts from FastAPI's document and, per route:

- drops 422 and FastAPI's validation schemas; adds the ``ErrorEnvelope`` schema;
- declares 400 and 414 on every route (``check_request`` runs before each), 404 on routes
  with a path parameter or a code-taking query parameter (``region``, ``regions``,
  ``indicator``, and the finder's ``q``, ``gm``, ``school``), 401/403/404/409 on the
  partner registry's routes, and whatever the route declares itself with ``responses=``
  (503 with ``Retry-After`` on scenario runs); error bodies are the envelope in JSON on API
  routes, JSON twins and downloads (``.json``, ``.csv``, ``.xlsx``, ``.pdf``), the HTML
  error page on pages (a page's path ending in a parameter, ``/downloads/{name}``,
  declares both);
- sets the 200 media type of downloads from the path (``.csv``, ``.xlsx``, ``.pdf``) unless
  the route declares it.

``tests/web/test_openapi.py`` requests every route, good and bad, and compares.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, routing
from fastapi.openapi.utils import get_openapi

from kansrijk.web.errors import wants_json_path

JSON = "application/json"
HTML = "text/html"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YAML = "application/yaml"
PDF = "application/pdf"

ERROR_SCHEMAS: dict[str, Any] = {
    "ErrorItem": {
        "type": "object",
        "title": "ErrorItem",
        "required": ["message", "type"],
        "properties": {
            "message": {"type": "string", "description": "The program's message (English)."},
            "text": {
                "type": "string",
                "description": "The message in the request's language (web only).",
            },
            "lang": {"type": "string", "description": "The language of text: nl or en."},
            "type": {"type": "string", "description": "The error's class, e.g. InputError."},
            "file": {"type": ["string", "null"]},
            "line": {"type": ["integer", "null"]},
            "column": {
                "type": ["string", "null"],
                "description": "The parameter (or column) the error is about.",
            },
        },
    },
    "ErrorEnvelope": {
        "type": "object",
        "title": "ErrorEnvelope",
        "description": "Every error: the same envelope as the CLI's --json.",
        "required": ["ok", "error", "errors", "status"],
        "properties": {
            "ok": {"type": "boolean", "const": False},
            "error": {"type": "string", "description": "All messages in one line."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}},
            "status": {"type": "integer", "description": "The HTTP status."},
        },
    },
}
_DESCRIPTIONS = {
    400: "Invalid request (a parameter, or a request over the limits).",
    401: "Not signed in (partner registry).",
    403: "Not allowed for this account (partner registry).",
    409: "Conflicts with the registry's current state.",
    404: "Unknown code (region, indicator, location) or no such route.",
    414: "Request target longer than the setting max_url_bytes.",
    503: "No scenario worker free, or the run took too long (see Retry-After).",
}
#: Query parameters that name codes or places: an unknown one is 404.
CODE_PARAMS = frozenset({"region", "regions", "indicator", "q", "gm", "school"})
#: Routes of the partner registry (docs/registry.md): signed-in work, so also 401 (not
#: signed in), 403 (another organisation's, or not an admin) and 409 (a conflict).
ACCOUNT_PREFIXES: tuple[str, ...] = ("/partners", "/api/v1/registry")
_ENVELOPE_REF = {"$ref": "#/components/schemas/ErrorEnvelope"}


def error_response(status: int, media: str = JSON) -> dict[str, Any]:
    """An error response declaration (``responses=`` of a route): the envelope, or HTML."""
    content: dict[str, Any] = (
        {JSON: {"schema": _ENVELOPE_REF}} if media == JSON else {media: {"schema": {}}}
    )
    out: dict[str, Any] = {"description": _DESCRIPTIONS.get(status, "Error."), "content": content}
    if status == 503:
        out["headers"] = {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        }
    return out


def file_response(media: str, description: str) -> dict[str, Any]:
    """A 200 download declaration."""
    return {"description": description, "content": {media: {"schema": {"type": "string"}}}}


def _media_of(path: str) -> str | None:
    if path.endswith(".csv"):
        return CSV
    if path.endswith(".xlsx"):
        return XLSX
    if path.endswith(".pdf"):
        return PDF
    return None


def _error_statuses(route: Any) -> set[int]:
    statuses = {400, 414}
    dependant = route.dependant
    names = {p.alias or p.name for p in dependant.query_params}
    for dep in dependant.dependencies:
        names |= {p.alias or p.name for p in dep.query_params}
    if dependant.path_params or names & CODE_PARAMS:
        statuses.add(404)
    if route.path_format.startswith(ACCOUNT_PREFIXES):
        statuses |= {401, 403, 404, 409}
    return statuses


def _fix_operation(route: Any, op: dict[str, Any]) -> None:
    """``route``: a FastAPI route context (path with the router's prefix)."""
    path: str = route.path_format
    responses: dict[str, Any] = op.setdefault("responses", {})
    responses.pop("422", None)
    media = _media_of(path)
    ok = responses.setdefault("200", {"description": "Successful Response"})
    own = (route.responses or {}).get(200)
    if own and "content" in own:
        ok["content"] = dict(own["content"])  # FastAPI adds application/json beside it
    elif media is not None:
        ok["content"] = {media: {"schema": {"type": "string"}}}
    # a path ending in a parameter (/downloads/{name}) answers like the name's suffix
    medias = (JSON, HTML) if path.endswith("}") and not path.startswith("/api/") else None
    error_media = JSON if wants_json_path(path) else HTML
    for status in sorted(_error_statuses(route)):
        if str(status) not in responses:
            responses[str(status)] = error_response(status, error_media)
            if medias is not None:
                responses[str(status)]["content"] = {
                    JSON: {"schema": _ENVELOPE_REF},
                    HTML: {"schema": {}},
                }


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document (built once)."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    for context in routing.iter_route_contexts(app.routes):
        if not isinstance(context.original_route, routing.APIRoute):
            continue
        route: Any = context  # an APIRoute-like view with the router's prefix applied
        if not route.include_in_schema:
            continue
        ops = doc.get("paths", {}).get(route.path_format, {})
        for method in route.methods or ():
            if method.lower() in ops:
                _fix_operation(route, ops[method.lower()])
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas.update(ERROR_SCHEMAS)
    app.openapi_schema = doc
    return doc


def install(app: FastAPI) -> None:
    """Serve ``openapi_document`` at the app's openapi_url."""
    setattr(app, "openapi", lambda: openapi_document(app))  # noqa: B010 - FastAPI's hook
