"""A page by construction: one :class:`Page` definition serves ``/x`` (HTML), its JSON twin
``/x.json`` and, where the page is a table, ``/x.csv`` and ``/x.xlsx``; the page template
gets ``json_url`` (``<link rel="alternate">``), ``csv_url`` and ``xlsx_url`` for the same
query.

The query parameters are declared once, as a frozen dataclass: each field is a query
parameter (a path parameter when the path names it, as in ``/location/{loc_code}``) of every
form of the page, documented in the OpenAPI document by its ``field(metadata=...)``::

    @dataclass(frozen=True)
    class EventsQuery:
        region: str | None = field(default=None, metadata=doc("Region code"))

    PAGE = Page(
        path="/gebeurtenissen",
        template="events.html",
        params=EventsQuery,
        view=events_view,            # (ctx, q) -> the data: the JSON twin is exactly this
        context=events_context,      # (ctx, q, view) -> the template context (page_context)
        table=events_table,          # (ctx, q, view) -> a Table: CSV and XLSX (optional)
        summary="Profile events (JSON twin of /gebeurtenissen)",
        table_summary="The events table",
    )
    router = PAGE.router()

The HTML and the JSON twin are cached per (path, query, language) (``render.cached_page``);
the downloads are made per request in a worker thread. A page whose data change while the
app serves (the partner registry's) names another :class:`Serving`.
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Protocol, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.render import cached_json, cached_page
from kansrijk.web.table import Table

P = TypeVar("P")
V = TypeVar("V")

__all__ = ["APP_CACHE", "Page", "Serving", "doc"]


def doc(description: str, alias: str | None = None) -> dict[str, str]:
    """The metadata of a parameter field: its description in the API docs and, when the URL
    spells it otherwise (``set`` for ``profile_set``), its name in the query string."""
    return {"description": description} | ({"alias": alias} if alias else {})


def _query(request_query: str) -> str:
    return "?" + request_query if request_query else ""


class Serving(Protocol):
    """How a page and its JSON twin are answered (``api``: at the page's /api/v1 address)."""

    async def page(self, page: Page[Any, Any], ctx: Ctx, q: Any) -> Response:
        """The HTML page."""

    async def json(self, page: Page[Any, Any], ctx: Ctx, q: Any, *, api: bool) -> Response:
        """The JSON twin."""


class AppCache:
    """Made once per (path, query, language) for the life of the app (the warehouse is
    read-only while serving)."""

    async def page(self, page: Page[Any, Any], ctx: Ctx, q: Any) -> Response:
        """The page from ``render.cached_page``."""
        return await cached_page(ctx, lambda: (page.template, page.page_context(ctx, q)))

    async def json(self, page: Page[Any, Any], ctx: Ctx, q: Any, *, api: bool) -> Response:
        """The twin from ``render.cached_json`` (the same at the ``api`` address)."""
        del api
        return await cached_json(ctx, lambda: page.json_data(ctx, q))


APP_CACHE = AppCache()


@dataclass(frozen=True, slots=True)
class Page(Generic[P, V]):
    """One page: where it lives, its parameters, its data and how it is drawn."""

    path: str
    template: str
    params: type[P]
    view: Callable[[Ctx, P], V]
    context: Callable[[Ctx, P, V], dict[str, Any]]
    table: Callable[[Ctx, P, V], Table] | None = None
    #: the OpenAPI summary and description of the JSON twin (English; the ``api`` catalogue)
    summary: str = ""
    description: str = ""
    #: what the downloads are called in the API docs: "<table> as CSV" ("The events table")
    table_summary: str = ""
    #: the twin's path; by default the page's path + ``.json`` (``/`` -> ``/overview.json``)
    twin: str | None = None
    #: the twin also answers here (an ``/api/v1`` address of the same data)
    api: str | None = None
    #: the OpenAPI summary of the ``api`` address (default: ``summary``)
    api_summary: str = ""
    #: what the JSON twin holds when not the view itself
    data: Callable[[V], Any] | None = None
    #: whether a query's page links its twin and downloads (default: always; an empty
    #: comparison has none)
    linked: Callable[[P], bool] | None = None
    #: answers an error of the page's own instead of the error page (a form shown again with
    #: its messages): ``(ctx, q, exc, "html" | "json") -> Response``, None to pass it on
    refused: Callable[[Ctx, P, Exception, str], Awaitable[Response | None]] | None = None
    #: what the twin and downloads may answer besides 200, for the API docs
    responses: Mapping[int | str, dict[str, Any]] | None = None
    #: how the page and its twin are answered
    serving: Serving = APP_CACHE

    @property
    def twin_path(self) -> str:
        """Where the JSON twin answers."""
        return self.twin or self.path + ".json"

    def twin_url(self, ctx: Ctx) -> str:
        """The JSON twin of the current request (same path parameters and query)."""
        return self._sibling(ctx, self.twin_path)

    def _sibling(self, ctx: Ctx, path: str) -> str:
        values = {k: quote(str(v), safe="") for k, v in ctx.request.path_params.items()}
        return path.format(**values) + _query(ctx.request.url.query)

    # -- the parts a request goes through ---------------------------------------------

    def page_context(self, ctx: Ctx, q: P) -> dict[str, Any]:
        """The template context: the page's own plus the addresses of its twins."""
        view = self.view(ctx, q)
        context = self.context(ctx, q, view)
        linked = self.linked is None or self.linked(q)
        context["json_url"] = self.twin_url(ctx) if linked else None
        if self.table is not None:
            context["csv_url"] = self._sibling(ctx, self.path + ".csv") if linked else None
            context["xlsx_url"] = self._sibling(ctx, self.path + ".xlsx") if linked else None
        return context

    def json_data(self, ctx: Ctx, q: P) -> Any:
        """What the JSON twin answers."""
        view = self.view(ctx, q)
        return self.data(view) if self.data is not None else view

    def download(self, ctx: Ctx, q: P, ext: str) -> Response:
        """The page's table as CSV or XLSX, headers in the page's language."""
        assert self.table is not None
        table = self.table(ctx, q, self.view(ctx, q))
        body, media = table.csv(ctx.lang) if ext == "csv" else table.xlsx(ctx.lang)
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{table.name}.{ext}"'},
        )

    # -- the routes ---------------------------------------------------------------------

    def _parameters(self) -> list[inspect.Parameter]:
        hints = typing.get_type_hints(self.params, include_extras=True)
        out = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=CtxDep)]
        for f in dataclasses.fields(self.params):  # type: ignore[arg-type]
            meta: Mapping[str, str] = f.metadata
            where: Any
            if "{" + f.name + "}" in self.path:
                where = Path(description=meta.get("description"))
            else:
                where = Query(alias=meta.get("alias"), description=meta.get("description"))
            default = f.default if f.default is not dataclasses.MISSING else inspect.Parameter.empty
            out.append(
                inspect.Parameter(
                    f.name,
                    inspect.Parameter.KEYWORD_ONLY,
                    annotation=Annotated[hints[f.name], where],
                    default=default,
                )
            )
        return out

    def endpoint(self, name: str, body: Callable[..., Any]) -> Callable[..., Any]:
        """``body(ctx, q)`` as a FastAPI endpoint whose signature declares the parameters
        (also for a route of the page that is none of its forms, such as a file)."""

        async def endpoint(ctx: Ctx, **values: Any) -> Any:
            return await body(ctx, self.params(**values))

        endpoint.__signature__ = inspect.Signature(self._parameters())  # type: ignore[attr-defined]
        endpoint.__name__ = name
        endpoint.__doc__ = self.description or None
        return endpoint

    def router(self) -> APIRouter:
        """An APIRouter with every form of the page."""
        router = APIRouter()
        stem = self.template.removesuffix(".html").replace("-", "_")

        async def html(ctx: Ctx, q: P) -> Response:
            try:
                return await self.serving.page(self, ctx, q)
            except Exception as exc:
                answer = None if self.refused is None else await self.refused(ctx, q, exc, "html")
                if answer is None:
                    raise
                return answer

        def json(api: bool) -> Callable[[Ctx, P], Awaitable[Response]]:
            async def twin(ctx: Ctx, q: P) -> Response:
                try:
                    return await self.serving.json(self, ctx, q, api=api)
                except Exception as exc:
                    refused = self.refused
                    answer = None if refused is None else await refused(ctx, q, exc, "json")
                    if answer is None:
                        raise
                    return answer

            return twin

        # the twins first: ``/x/{code}`` would otherwise also match ``/x/{code}.json``
        twins = ((self.twin_path, "pages", self.summary), (self.api, "api v1", self.api_summary))
        for path, tag, summary in twins:
            if path is not None:
                router.add_api_route(
                    path,
                    self.endpoint(
                        f"{stem}_json" if tag == "pages" else f"{stem}_api", json(tag != "pages")
                    ),
                    methods=["GET"],
                    summary=summary or self.summary,
                    tags=[tag],
                    responses=dict(self.responses or {}),
                )
        if self.table is not None:
            for ext in ("csv", "xlsx"):

                async def download(ctx: Ctx, q: P, ext: str = ext) -> Response:
                    return await run_in_threadpool(self.download, ctx, q, ext)

                router.add_api_route(
                    f"{self.path}.{ext}",
                    self.endpoint(f"{stem}_{ext}", download),
                    methods=["GET"],
                    summary=f"{self.table_summary} as {ext.upper()}",
                    tags=["pages"],
                    responses=dict(self.responses or {}),
                )
        router.add_api_route(
            self.path,
            self.endpoint(f"{stem}_page", html),
            methods=["GET"],
            response_class=HTMLResponse,
            include_in_schema=False,
        )
        return router
