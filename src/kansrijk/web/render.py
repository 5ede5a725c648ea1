"""Server-side rendering: the Jinja2 environment, ``render()`` and the context every page
shares (navigation, region selector, language switch, demo banner, JSON twin).

A page module calls ``render(ctx, "page.html", page_context(ctx, ...) | {...})``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from kansrijk.l10n.monitor import LANGUAGES, N_, choice_label, normalise_language, t
from kansrijk.regions import Level
from kansrijk.serialize import to_json
from kansrijk.web import format as fmt
from kansrijk.web.deps import LANG_COOKIE, Ctx
from kansrijk.web.state import SELECTOR_LEVELS

#: (message key, path) of the main navigation; /atlas is served by the atlas routes.
NAV: tuple[tuple[str, str], ...] = (
    (N_("Overzicht"), "/"),
    (N_("Vergelijken"), "/compare"),
    (N_("Atlas"), "/atlas"),
    (N_("Gebeurtenissen"), "/gebeurtenissen"),
    (N_("Scenario's"), "/scenarios"),
    (N_("Optimaliseren"), "/optimaliseren"),
    (N_("Data"), "/data"),
    (N_("Partners"), "/partners"),
    (N_("Scholenwijzer"), "/scholenwijzer"),
)
_COOKIE_AGE = 365 * 24 * 3600


def package_dir(name: str) -> Path:
    """A folder shipped inside ``kansrijk.web`` (templates, static)."""
    return Path(str(resources.files("kansrijk.web").joinpath(name)))


def make_environment() -> jinja2.Environment:
    """The Jinja2 environment of the templates folder (autoescaped, compiled once)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(package_dir("templates")),
        autoescape=jinja2.select_autoescape(("html", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["fmt"] = fmt
    return env


def url_with(request: Request, path: str | None = None, **params: str | None) -> str:
    """The current URL (or ``path``) with some query parameters set (None removes one)."""
    query = dict(request.query_params)
    for k, v in params.items():
        if v is None:
            query.pop(k, None)
        else:
            query[k] = v
    base = path if path is not None else request.url.path
    return base + ("?" + urlencode(query) if query else "")


def _region_groups(ctx: Ctx) -> list[dict[str, Any]]:
    groups: dict[Level, list[dict[str, str]]] = {}
    for c in ctx.state.choices:
        groups.setdefault(c.level, []).append({"code": c.code, "name": c.name(ctx.lang)})
    return [
        {"label": choice_label(ctx.lang, "level_group", lv.value), "options": groups[lv]}
        for lv in SELECTOR_LEVELS
        if lv in groups
    ]


def page_context(
    ctx: Ctx,
    *,
    title: str,
    nav: str,
    region: str | None = None,
    json_url: str | None = None,
    keep: tuple[str, ...] = (),
) -> dict[str, Any]:
    """What base.html needs: ``nav`` is the active item's path; ``region`` the selected
    region code; ``keep`` the query parameters the region form carries along."""
    request = ctx.request
    lang = ctx.lang
    other = next(x for x in LANGUAGES if x != lang)
    selected = region or ctx.default_region
    region_param = request.query_params.get("region")
    nav_query = {"region": region_param} if region_param else {}
    hidden = [(k, v) for k, v in request.query_params.items() if k in keep and k not in ("region",)]
    return {
        "lang": lang,
        "_": functools.partial(t, lang),
        "label_of": functools.partial(choice_label, lang),
        "title": title,
        "nav": [
            {
                "label": t(lang, key),
                "href": path + ("?" + urlencode(nav_query) if nav_query else ""),
                "current": path == nav,
            }
            for key, path in NAV
        ],
        "lang_switch": {
            "href": url_with(request, lang=other),
            "label": t(lang, "English"),
            "code": other,
        },
        "region_form": {
            "action": request.url.path,
            "groups": _region_groups(ctx),
            "selected": selected,
            "hidden": hidden,
        },
        "demo": ctx.state.demo,
        "json_url": json_url,
    }


def render_html(ctx: Ctx, template: str, context: Mapping[str, Any]) -> str:
    """A template rendered to text."""
    env: jinja2.Environment = ctx.request.app.state.jinja
    return env.get_template(template).render(**context)


def html_response(ctx: Ctx, html: str, *, status_code: int = 200) -> HTMLResponse:
    """An HTML response; remembers ``?lang=`` in a cookie."""
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Content-Language"] = ctx.lang
    asked = normalise_language(ctx.request.query_params.get("lang"))
    if asked and ctx.request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(LANG_COOKIE, asked, max_age=_COOKIE_AGE, samesite="lax")
    return response


def render(
    ctx: Ctx,
    template: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a template to an HTML response (not cached)."""
    return html_response(ctx, render_html(ctx, template, context), status_code=status_code)


def _key(ctx: Ctx, kind: str) -> tuple[str, str, str, str]:
    return (kind, ctx.request.url.path, ctx.request.url.query, ctx.lang)


def warm_page(ctx: Ctx, build: Callable[[], tuple[str, Mapping[str, Any]]]) -> None:
    """``cached_page``'s work without a response, for the start-up warming: the page of
    ``ctx.request`` (path, query, language) rendered into the cache, once."""

    def make() -> str:
        template, context = build()
        return render_html(ctx, template, context)

    ctx.state.responses.get_or_make(_key(ctx, "html"), make)


async def cached_page(ctx: Ctx, build: Callable[[], tuple[str, Mapping[str, Any]]]) -> HTMLResponse:
    """A page rendered once per (path, query, language) for the life of the app (the
    warehouse is read-only while serving). ``build`` returns (template, context) and runs,
    with any queries, in a worker thread; errors are raised, never cached."""
    key = _key(ctx, "html")
    html = ctx.state.responses.get(key)
    if html is None:

        def make() -> str:
            template, context = build()
            return render_html(ctx, template, context)

        html = await run_in_threadpool(ctx.state.responses.get_or_make, key, make)
    return html_response(ctx, html)


async def cached_json(ctx: Ctx, build: Callable[[], Any]) -> Response:
    """A JSON document made once per (path, query, language), like ``cached_page``."""
    key = _key(ctx, "json")
    text = ctx.state.responses.get(key)
    if text is None:
        text = await run_in_threadpool(
            ctx.state.responses.get_or_make, key, lambda: to_json(build())
        )
    return Response(text, media_type="application/json")


def json_response(data: Any, status_code: int = 200) -> Response:
    """A JSON response written like the CLI's ``--json`` (dataclasses, paths, dates)."""
    return Response(to_json(data), status_code=status_code, media_type="application/json")
