"""Exception handlers: every error is the one envelope ``{"ok": false, "error", "errors",
"status"}`` (``kansrijk.cli.output.envelope``) for the API, JSON twins and downloads, and an
HTML error page with the same status for pages. Never a stack trace."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from kansrijk.errors import (
    InputError,
    KansrijkError,
    Message,
    UnknownIndicatorError,
    UnknownLocationError,
    UnknownRegionError,
    WarehouseError,
    envelope,
    message_of,
)
from kansrijk.l10n.monitor import (
    LABELS,
    LANGUAGES,
    N_,
    choice_label,
    error_text,
    normalise_language,
    t,
)
from kansrijk.web.deps import Ctx, RequestDb
from kansrijk.web.headers import SECURITY_HEADERS
from kansrijk.web.limits import LimitError
from kansrijk.web.render import page_context

log = logging.getLogger("kansrijk.web")


class NotFoundError(KansrijkError, LookupError):
    """A thing asked for by code (a school location, ...) does not exist."""


def unknown_location(loc_code: str) -> NotFoundError:
    """The error of a location code without pupils in any loaded year (page and API)."""
    return NotFoundError(
        Message(
            "unknown location {code!r}: no vmbo BB/KB/GL pupils in leerjaar 3-4 in any "
            "loaded year; expected a code like 18BR00 (BRIN + vestiging)",
            code=loc_code,
        )
    )


def location_not_in_year(code: str, year: int, years: list[int]) -> NotFoundError:
    """The error of a location asked for a year in which it had no pupils."""
    return NotFoundError(
        Message(
            "location {code} has no vmbo BB/KB/GL pupils in leerjaar 3-4 in {year}; "
            "years with pupils: {years}",
            code=code,
            year=year,
            years=", ".join(map(str, years)),
        )
    )


class _HttpError(KansrijkError):
    """Carries an HTTPException's detail into the envelope."""


#: A message shown to a person: (text, language of the text).
Shown = tuple[str, str]


def localised(exc: KansrijkError, lang: str) -> Shown:
    """The message of ``exc`` in ``lang`` where the ``errors`` catalogue has it (else the
    English text), with the language it is in."""
    own = getattr(exc, "message", None)
    if callable(own):  # errors of the web layer that speak the page's language themselves
        return str(own(lang)), lang
    text, done = error_text(lang, message_of(exc))
    return (text, lang) if done else (str(exc), "en")


def _shown_text(lang: str, message: str) -> Shown:
    """A message in ``lang`` where the ``errors`` catalogue has it, else English."""
    text, done = error_text(lang, message)
    return (text, lang) if done else (str(message), "en")


def _shown(body: dict[str, Any], shown: list[Shown]) -> dict[str, Any]:
    """The envelope with each item's ``text`` and ``lang`` (one ``shown`` per item, or
    one for all)."""
    items = body["errors"]
    for i, item in enumerate(items):
        text, lang = shown[i] if len(shown) == len(items) else shown[0]
        item["text"], item["lang"] = text, lang
    return body


def status_of(exc: KansrijkError) -> int:
    """The HTTP status of a Kansrijk error."""
    if isinstance(exc, LimitError):
        return exc.status
    if isinstance(
        exc, (UnknownRegionError, UnknownIndicatorError, UnknownLocationError, NotFoundError)
    ):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, WarehouseError):
        return 503
    return 400


def wants_json_path(path: str) -> bool:
    """API routes, JSON twins and downloads answer errors in JSON; pages in HTML."""
    return path.startswith("/api/") or path.endswith((".json", ".csv", ".xlsx", ".pdf"))


def wants_json(request: Request) -> bool:
    """Whether this request's errors are JSON (``wants_json_path``)."""
    return wants_json_path(request.url.path)


def _whole(field: str, found: str) -> Message:
    return Message("{field}: expected a whole number; found {found!r}", field=field, found=found)


def _number(field: str, found: str) -> Message:
    return Message("{field}: expected a number; found {found!r}", field=field, found=found)


def _boolean(field: str, found: str) -> Message:
    return Message("{field}: expected true or false; found {found!r}", field=field, found=found)


def _missing(field: str, _found: str) -> Message:
    return Message("{field}: expected a value; found none", field=field)


#: FastAPI's validation error types (pydantic) that a person can cause with a typed path or
#: query parameter, as messages of the ``errors`` catalogue.
_VALIDATION: dict[str, Callable[[str, str], Message]] = {
    "int_parsing": _whole,
    "int_from_float": _whole,
    "int_type": _whole,
    "float_parsing": _number,
    "float_type": _number,
    "bool_parsing": _boolean,
    "missing": _missing,
}


def _validation_message(err: dict[str, Any]) -> str:
    """One validation error as a ``Message`` (translated) where its type is a known one;
    else pydantic's English text."""
    where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
    make = _VALIDATION.get(str(err.get("type")))
    if make is not None and where:
        found = err.get("input")
        shown = str(found) if found is not None else ""
        return make(where, shown if len(shown) <= 40 else shown[:40] + "...")
    return f"{where}: {err.get('msg', 'invalid value')}" if where else str(err.get("msg"))


def _lang(request: Request) -> str:
    return (
        normalise_language(request.query_params.get("lang"))
        or normalise_language(request.cookies.get("lang"))
        or "nl"
    )


def _respond(request: Request, body: dict[str, Any], shown: list[Shown]) -> Response:
    """The envelope as JSON, or an HTML error page showing ``shown``."""
    status = int(body["status"])
    body = _shown(body, shown)
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    return _html_error(request, body, shown)


def _heading_key(status: int) -> str:
    if str(status) in LABELS["error"]:
        return LABELS["error"][str(status)]
    return N_("Ongeldige vraag") if 400 <= status < 500 else N_("Er ging iets mis")


def _html_error(request: Request, body: dict[str, Any], shown: list[Shown]) -> HTMLResponse:
    status = int(body["status"])
    lang = _lang(request)
    key = _heading_key(status)
    web = getattr(request.app.state, "web", None)
    title = f"{t(lang, 'Fout {status}', status=status)}: {t(lang, key)}"
    context: dict[str, Any]
    if web is not None:
        ctx = Ctx(request, web, web.catalog, lang, RequestDb(web.warehouse), web.results)
        context = page_context(ctx, title=title, nav="", keep=())
        context["region_form"]["action"] = "/"
    else:
        other = next(x for x in LANGUAGES if x != lang)
        context = {
            "lang": lang,
            "_": functools.partial(t, lang),
            "label_of": functools.partial(choice_label, lang),
            "title": title,
            "demo": False,
            "nav": [],
            "lang_switch": {
                "href": request.url.path + "?lang=" + other,
                "label": t(lang, "English"),
                "code": other,
            },
            "region_form": None,
            "json_url": None,
        }
    context.update(
        {
            "heading": t(lang, key),
            "status": status,
            # each message in the page's language where it has a translation; one that
            # has none is the program's own English, marked so, and the page says so
            "messages": [{"text": text, "lang": in_lang} for text, in_lang in shown],
            "foreign": any(in_lang != lang for _, in_lang in shown),
        }
    )
    try:
        html = request.app.state.jinja.get_template("error.html").render(**context)
    except Exception:  # the error page itself must never fail
        log.exception("error page failed")
        html = f"<!doctype html><html lang='{lang}'><title>{status}</title><h1>{status}</h1>"
    return HTMLResponse(html, status_code=status)


async def kansrijk_error(request: Request, exc: Exception) -> Response:
    """KansrijkError subclasses: 404 for unknown codes, 400 for bad input."""
    assert isinstance(exc, KansrijkError)
    response = _respond(request, envelope(exc, status_of(exc)), [localised(exc, _lang(request))])
    if isinstance(exc, LimitError) and exc.retry_after is not None:
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


async def validation_error(request: Request, exc: Exception) -> Response:
    """FastAPI's request validation (e.g. ``year=abc`` for an int): 400, one item a field."""
    assert isinstance(exc, RequestValidationError)
    errs = list(exc.errors())
    messages = [_validation_message(e) for e in errs] or ["invalid request"]
    body = envelope(InputError("; ".join(messages)), 400)
    body["errors"] = [
        {
            "message": m,
            "type": "RequestValidationError",
            "file": None,
            "line": None,
            "column": ".".join(str(x) for x in e.get("loc", ())),
        }
        for m, e in zip(messages, errs, strict=False)
    ] or body["errors"]
    lang = _lang(request)
    return _respond(request, body, [_shown_text(lang, m) for m in messages])


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's HTTP errors (unknown route 404, 405, ...)."""
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and detail == "Not Found":
        detail = Message("no such page or route: {path}", path=request.url.path)
    error = _HttpError(detail)
    body = envelope(error, exc.status_code)
    body["errors"][0]["type"] = "HTTPException"
    response = _respond(request, body, [localised(error, _lang(request))])
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def server_error(request: Request, exc: Exception) -> Response:
    """Anything else: 500, logged here, never shown. Starlette sends this answer from its
    outermost middleware, past ``SecurityHeaders``, so the headers are set here."""
    log.error("unhandled error on %s", request.url.path, exc_info=exc)
    error = _HttpError(Message("internal server error"))
    body = envelope(error, 500)
    body["errors"][0]["type"] = "InternalServerError"
    response = _respond(request, body, [localised(error, _lang(request))])
    # the app's own headers (its CSP names the tile server), as on every other response
    headers = getattr(request.app.state, "security_headers", SECURITY_HEADERS)
    for name, value in headers:
        response.headers[name.decode("latin-1")] = value.decode("latin-1")
    return response


def install(app: FastAPI) -> None:
    """Install every handler on an app."""
    app.add_exception_handler(KansrijkError, kansrijk_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, server_error)
