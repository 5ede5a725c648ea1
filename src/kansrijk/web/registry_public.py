"""How the registry's pages with twins are served: a :class:`web.page.Page` each (the page,
its JSON twin named by ``<link rel="alternate">``, an ``/api/v1`` address, CSV and XLSX),
answered by :class:`RegistryServing` instead of the app-long cache.

The registry is written while the app serves, so its public documents and pages are made
once per registry *version* (``kansrijk.registry.live``), path, query and language and
kept; a page is cached as an anonymous visitor sees it and rendered afresh for a signed-in
account (account bar, CSRF token); its ``/api/v1`` address answers the document with
``"ok": true`` in front. A ``personal`` document (one activity with its contact for
approved accounts, a region's self-assessment for analysts) is made for each request; a
page whose document needs an account sends a visitor without one to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import HTTPException, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import Message
from kansrijk.l10n.monitor import t
from kansrijk.registry.accounts import NOBODY
from kansrijk.registry.live import LiveRegistry
from kansrijk.registry.reach import current_school_year, school_year_label
from kansrijk.serialize import to_json
from kansrijk.web.deps import Ctx
from kansrijk.web.page import Page
from kansrijk.web.page import doc as described
from kansrijk.web.registry_session import WebSession, holder, read_session, who
from kansrijk.web.registry_view import or_login, page_context_of, registry_page
from kansrijk.web.render import html_response, render_html

_REGION = "Region code (default: the app's default region)."
_YEAR = "School year by its first calendar year, e.g. 2024 for 2024-2025."
RegionQ = Annotated[str | None, Query(description=_REGION)]
YearQ = Annotated[str | None, Query(description=_YEAR)]


def school_year_param(raw: str | None) -> int:
    """The school year asked for (default: the current one); 400 for anything else."""
    text = (raw or "").strip()
    if not text:
        return current_school_year()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        shown = text if len(text) <= 20 else text[:20] + "..."
        raise HTTPException(
            400, Message("year: expected a school year like 2025; found {found!r}", found=shown)
        )
    return int(text)


@dataclass(frozen=True, slots=True)
class RegionYear:
    """The query of a page per region and school year (as given: the page checks them)."""

    region: str | None = field(default=None, metadata=described(_REGION))
    year: str | None = field(default=None, metadata=described(_YEAR))


@dataclass(frozen=True, slots=True)
class NoQuery:
    """A page without parameters."""


def region_context(ctx: Ctx, title: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The context of a page per region and school year: its title (a message key with
    ``{region}``), the document as ``reach`` and the school-year selector (five years)."""
    now = current_school_year()
    return {
        "title": t(ctx.lang, title, region=doc["region_name"]),
        "reach": doc,
        "years": [(y, school_year_label(y)) for y in range(now, now - 5, -1)],
        "year": int(doc["school_year"][:4]),
    }


def region_page(
    path: str,
    template: str,
    view: Callable[[Ctx, RegionYear], dict[str, Any]],
    title: str,
    extra: Callable[[Ctx, dict[str, Any]], dict[str, Any]] | None = None,
    **options: Any,
) -> Page[RegionYear, dict[str, Any]]:
    """A registry page per region and school year: ``view`` makes its document (the JSON
    twin), ``title`` is a message key with ``{region}``, ``extra`` adds to the template's
    context (charts); ``options`` are the rest of the ``Page`` (twins, serving)."""

    def context(ctx: Ctx, _q: RegionYear, doc: dict[str, Any]) -> dict[str, Any]:
        return region_context(ctx, title, doc) | (extra(ctx, doc) if extra else {})

    return Page(
        path=path, template=template, params=RegionYear, view=view, context=context, **options
    )


def _key(ctx: Ctx, kind: str, version: int) -> tuple[Any, ...]:
    return (kind, version, ctx.request.url.path, ctx.request.url.query, ctx.lang)


def _cached(h: LiveRegistry, ctx: Ctx, kind: str) -> Any:
    """What the cache holds for this request while the version is trusted, else None: a
    cached public read answered on the event loop, touching neither thread pool nor
    database."""
    version = h.fresh_version()
    return None if version is None else h.cache.get(_key(ctx, kind, version))


def _json(doc: Any, api: bool) -> str:
    return to_json({"ok": True, **doc} if api else doc)


@dataclass(frozen=True, slots=True)
class RegistryServing:
    """Registry pages and twins, cached per registry version (see the module)."""

    #: the page has the region selector (the region is the context's ``reach["region"]``)
    region_form: bool = False
    #: the document depends on who asks: made for each request, never cached
    personal: bool = False

    async def page(self, page: Page[Any, Any], ctx: Ctx, q: Any) -> Response:
        """The page: cached for anonymous visitors, personal for a signed-in account."""
        h = holder(ctx.request)
        sess = read_session(ctx.request, h)
        if sess.uid is None and (hit := _cached(h, ctx, "html")) is not None:
            return html_response(ctx, hit)
        return await or_login(run_in_threadpool(self._render, page, ctx, h, sess, q))

    def _render(
        self, page: Page[Any, Any], ctx: Ctx, h: LiveRegistry, sess: WebSession, q: Any
    ) -> Response:
        version = h.current_version()
        extra = page.page_context(ctx, q)
        title, json_url = extra.pop("title"), extra.pop("json_url")
        if sess.uid is not None:
            with h.registry.session() as s:
                me = who(s, sess)
            return registry_page(
                ctx,
                h,
                sess,
                me,
                page.template,
                title,
                json_url=json_url,
                region_form=self.region_form,
                **extra,
            )

        def make() -> str:
            anon = WebSession("anonymous")
            context = page_context_of(
                ctx, h, anon, NOBODY, title, extra, json_url=json_url, region_form=self.region_form
            )
            return render_html(ctx, page.template, context)

        return html_response(ctx, h.remember(_key(ctx, "html", version), make))

    async def json(self, page: Page[Any, Any], ctx: Ctx, q: Any, *, api: bool) -> Response:
        """The JSON twin, or at the ``/api/v1`` address the document with ``"ok": true``."""
        h = holder(ctx.request)
        kind = "api" if api else "json"
        text = None if self.personal else _cached(h, ctx, kind)
        if text is None:

            def work() -> str:
                if self.personal:
                    return _json(page.json_data(ctx, q), api)
                key = _key(ctx, kind, h.current_version())
                return h.remember(key, lambda: _json(page.json_data(ctx, q), api))

            text = await run_in_threadpool(work)
        return Response(text, media_type="application/json")


#: The serving of the public pages with a region selector, and of the personal ones.
PER_REGION = RegistryServing(region_form=True)
PUBLIC = RegistryServing()
PERSONAL = RegistryServing(personal=True)
