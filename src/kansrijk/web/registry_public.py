"""A registry page by construction: one :class:`PublicPage` definition serves the page
(``/partners/reach``), its JSON twin (``/partners/reach.json``, named by
``<link rel="alternate">``), optionally an ``/api/v1`` address of the same document (with
``"ok": true``) and, where the page is a table, ``.csv`` and ``.xlsx``.

The registry is written while the app serves, so its public documents and pages are made
once per registry *version* (the newest audit entry), path, query and language and kept in
the registry holder's cache; a page is cached as an anonymous visitor sees it and rendered
afresh for a signed-in account (account bar, CSRF token). A ``personal`` document (one
activity with its contact for approved accounts, a region's self-assessment for analysts)
is made for each request.
"""

from __future__ import annotations

import csv
import inspect
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from openpyxl import Workbook
from starlette.concurrency import run_in_threadpool

from kansrijk.registry.reach import current_school_year
from kansrijk.serialize import to_json
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.registry_session import (
    NOBODY,
    RegistryHolder,
    WebSession,
    holder,
    read_session,
    who,
)
from kansrijk.web.registry_view import page_context_of, registry_page
from kansrijk.web.render import html_response, render_html

T = TypeVar("T")
Doc = dict[str, Any]

RegionQ = Annotated[
    str | None, Query(description="Region code (default: the app's default region).")
]
YearQ = Annotated[
    str | None,
    Query(description="School year by its first calendar year, e.g. 2024 for 2024-2025."),
]


def school_year_param(raw: str | None) -> int:
    """The school year asked for (default: the current one); 400 for anything else."""
    text = (raw or "").strip()
    if not text:
        return current_school_year()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        shown = text if len(text) <= 20 else text[:20] + "..."
        raise HTTPException(400, f"year: expected a school year like 2025; found {shown!r}")
    return int(text)


@dataclass(frozen=True, slots=True)
class RegionYear:
    """The query of a page per region and school year (as given: the page checks them)."""

    region: str | None = None
    year: str | None = None


def region_year(region: RegionQ = None, year: YearQ = None) -> RegionYear:
    """The ``region`` and ``year`` query parameters (a FastAPI dependency)."""
    return RegionYear(region, year)


def no_query() -> None:
    """A page without query parameters (a FastAPI dependency)."""


# -- the cache of public documents and pages ---------------------------------------------------


def remember(h: RegistryHolder, key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """``make()`` once per key (keys carry the registry's version, so a write makes them
    stale; the store is emptied when it grows past 512 entries)."""
    found = h.cache.get(key)
    if found is None:
        found = make()
        if len(h.cache) > 512:
            h.cache.clear()
        h.cache[key] = found
    return cast("T", found)


def _key(ctx: Ctx, kind: str, version: int) -> tuple[Any, ...]:
    return (kind, version, ctx.request.url.path, ctx.request.url.query, ctx.lang)


def cached(h: RegistryHolder, key: Callable[[int], tuple[Any, ...]]) -> Any:
    """What the cache holds under ``key(version)`` while the version is trusted, else None:
    a cached public read answered on the event loop, touching neither thread pool nor
    database."""
    version = h.fresh_version()
    return None if version is None else h.cache.get(key(version))


async def json_text(ctx: Ctx, build: Callable[[int], Any], *, envelope: bool = False) -> Response:
    """A public JSON document made once per registry version, path, query and language (from
    the cache on the event loop, else in a worker thread); ``envelope`` adds ``"ok": true``
    in front (the API's form)."""
    h = holder(ctx.request)
    kind = "api" if envelope else "json"
    text = cached(h, lambda v: _key(ctx, kind, v))
    if text is None:

        def work() -> str:
            version = h.current_version()

            def make() -> str:
                doc = build(version)
                return to_json({"ok": True, **doc} if envelope else doc)

            return remember(h, _key(ctx, kind, version), make)

        text = await run_in_threadpool(work)
    return Response(text, media_type="application/json")


# -- the page definition ---------------------------------------------------------------------


def _csv(rows: list[list[Any]], _sheet: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _xlsx(rows: list[list[Any]], sheet: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


#: The downloads of a page with a table: suffix -> (writer, media type).
DOWNLOADS: dict[str, tuple[Callable[[list[list[Any]], str], bytes], str]] = {
    "csv": (_csv, "text/csv; charset=utf-8"),
    "xlsx": (_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True, slots=True)
class PublicPage:
    """One registry page with its twins, from one definition."""

    path: str
    template: str
    #: (ctx, registry version, query) -> the JSON twin; the page shows it
    doc: Callable[[Ctx, int, Any], Doc]
    #: (ctx, document) -> the page's title
    title: Callable[[Ctx, Doc], str]
    #: (ctx, document) -> the template's context beyond the shared one
    context: Callable[[Ctx, Doc], Doc]
    #: the name of the routes (``{name}_page``, ``{name}_json``) and their summaries
    name: str
    summary: str
    json_summary: str | None = None
    #: a FastAPI dependency that reads the query (``region_year``, ``no_query``)
    query: Callable[..., Any] = no_query
    #: the twin's path (default: the page's path + ``.json``)
    twin: str | None = None
    #: the same document at an ``/api/v1`` address, as (path, route name, summary)
    api: tuple[str, str, str] | None = None
    #: the page has the region selector (the region is the document's ``region``)
    region_form: bool = False
    #: the document depends on who asks: made for each request, never cached
    personal: bool = False
    #: (document) -> (file name without suffix, rows with a header): ``.csv`` and ``.xlsx``
    table: Callable[[Doc], tuple[str, list[list[Any]]]] | None = None
    #: the XLSX sheet's name
    sheet: str = "table"

    def twin_url(self, ctx: Ctx) -> str:
        """The JSON twin of the current request (same path parameters and query)."""
        query = ctx.request.url.query
        path = (self.twin or self.path + ".json").replace(":int}", "}")
        return path.format(**ctx.request.path_params) + (f"?{query}" if query else "")

    async def page(self, ctx: Ctx, q: Any) -> Response:
        """The page: cached for anonymous visitors, personal for a signed-in account; a
        login page for a document that needs one."""
        h = holder(ctx.request)
        sess = read_session(ctx.request, h)
        if sess.uid is None and (hit := cached(h, lambda v: _key(ctx, "html", v))) is not None:
            return html_response(ctx, hit)
        try:
            return await run_in_threadpool(self._render, ctx, h, sess, q)
        except HTTPException as exc:
            if exc.status_code == 401:
                return RedirectResponse("/partners/login", status_code=303)
            raise

    def _render(self, ctx: Ctx, h: RegistryHolder, sess: WebSession, q: Any) -> Response:
        version = h.current_version()
        doc = self.doc(ctx, version, q)
        title, extra = self.title(ctx, doc), self.context(ctx, doc)
        json_url, region_form = self.twin_url(ctx), self.region_form
        if sess.uid is not None:
            with h.registry.session() as s:
                me = who(s, sess)
            return registry_page(
                ctx,
                h,
                sess,
                me,
                self.template,
                title,
                json_url=json_url,
                region_form=region_form,
                **extra,
            )

        def make() -> str:
            anon = WebSession("anonymous")
            context = page_context_of(
                ctx, h, anon, NOBODY, title, extra, json_url=json_url, region_form=region_form
            )
            return render_html(ctx, self.template, context)

        return html_response(ctx, remember(h, _key(ctx, "html", version), make))

    async def json(self, ctx: Ctx, q: Any, *, envelope: bool = False) -> Response:
        """The JSON twin (``envelope``: the API's form, ``"ok": true`` in front)."""
        if not self.personal:
            return await json_text(ctx, lambda v: self.doc(ctx, v, q), envelope=envelope)
        h = holder(ctx.request)
        doc = await run_in_threadpool(lambda: self.doc(ctx, h.current_version(), q))
        return Response(to_json({"ok": True, **doc} if envelope else doc), media_type=_JSON)

    async def download(self, ctx: Ctx, q: Any, suffix: str) -> Response:
        """The page's table as CSV or XLSX."""
        assert self.table is not None
        table = self.table
        write, media = DOWNLOADS[suffix]
        h = holder(ctx.request)

        def work() -> tuple[str, bytes]:
            name, rows = table(self.doc(ctx, h.current_version(), q))
            return name, write(rows, self.sheet)

        name, body = await run_in_threadpool(work)
        disposition = f'attachment; filename="{name}.{suffix}"'
        return Response(body, media_type=media, headers={"Content-Disposition": disposition})

    def _endpoint(self, name: str, body: Callable[[Ctx, Any], Any]) -> Callable[..., Any]:
        """``body(ctx, query)`` as an endpoint whose signature declares the query."""

        async def endpoint(ctx: Ctx, q: Any) -> Any:
            return await body(ctx, q)

        ctx_p = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=CtxDep)
        q_p = inspect.Parameter(
            "q", inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[Any, Depends(self.query)]
        )
        endpoint.__signature__ = inspect.Signature([ctx_p, q_p])  # type: ignore[attr-defined]
        endpoint.__name__ = name
        return endpoint

    def add_to(self, router: APIRouter) -> None:
        """Register the page and its twins on a router."""
        router.add_api_route(
            self.path,
            self._endpoint(f"{self.name}_page", self.page),
            methods=["GET"],
            response_class=HTMLResponse,
            summary=self.summary,
        )
        twin = self.twin or self.path + ".json"
        router.add_api_route(
            twin,
            self._endpoint(f"{self.name}_json", self.json),
            methods=["GET"],
            summary=self.json_summary or f"{self.summary} (JSON)",
        )
        if self.api is not None:
            path, name, summary = self.api

            async def api(ctx: Ctx, q: Any) -> Response:
                return await self.json(ctx, q, envelope=True)

            router.add_api_route(path, self._endpoint(name, api), methods=["GET"], summary=summary)
        if self.table is not None:
            for suffix in DOWNLOADS:

                async def download(ctx: Ctx, q: Any, suffix: str = suffix) -> Response:
                    return await self.download(ctx, q, suffix)

                router.add_api_route(
                    f"{self.path}.{suffix}",
                    self._endpoint(f"{self.name}_{suffix}", download),
                    methods=["GET"],
                )


_JSON = "application/json"
