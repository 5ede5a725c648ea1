"""The app factory: ``create_app(settings)`` builds a FastAPI app with the pages, the JSON API
(``/api/v1/``), static files and plotly.js (``vendor``: partial bundles, pre-compressed),
compressed responses (``compression``) and caching headers (``caching``).

No module-level settings or connections: the warehouse is opened read-only once at startup
(lifespan) and each request works on its own cursor (see ``deps``).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from kansrijk import __version__
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import compression, errors, openapi
from kansrijk.web.caching import CachingHeaders
from kansrijk.web.clean_urls import DropEmptyParams
from kansrijk.web.headers import SecurityHeaders, security_headers
from kansrijk.web.hosts import HostGuard
from kansrijk.web.limits import RunGate, check_request
from kansrijk.web.map_spec import tile_source
from kansrijk.web.pages.overview import PAGE as OVERVIEW
from kansrijk.web.pages.overview import OverviewQuery
from kansrijk.web.registry_session import close_registry, install_registry
from kansrijk.web.render import make_environment, package_dir
from kansrijk.web.routes import ROUTERS
from kansrijk.web.scenario_runs import warm_presets
from kansrijk.web.state import build_state
from kansrijk.web.vendor import plotly_bundles
from kansrijk.web.warming import start_warming, stop_warming

log = logging.getLogger("kansrijk.web")

#: `kansrijk serve`: how long a thread may hold the GIL while others wait (Python's default
#: is 5 ms). Scenario runs compute in worker threads; with 5 ms slices the event loop waits
#: up to 5 ms each time it needs the GIL back, which queued requests pay many times over.
SWITCH_INTERVAL_S = 0.0005


def create_app(settings: Settings, *, freeze_gc: bool = False, warm: bool = False) -> FastAPI:
    """A Kansrijk web app on the warehouse named in ``settings`` (opened read-only).

    ``kansrijk serve`` sets ``freeze_gc`` and ``warm``: at startup, in the background, warm
    the caches (``warming``: every region's overview) and then run the preset scenarios
    (``scenario_runs.warm_presets``); ``app.state.warming`` tells how far it got."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        wh = Warehouse(settings.warehouse, read_only=True)
        wh.open()
        app.state.scenario_gate = RunGate.from_settings(settings)
        try:
            app.state.web = build_state(settings, wh)
            install_registry(app)  # the partner registry: opened and migrated at start
            if freeze_gc:  # `kansrijk serve`: what is built now lives as long as the process;
                gc.freeze()  # keep it out of full GC passes, which stall requests (~60 ms)
            if warm:  # in the background; the presets (and so the planner's models) after
                state, gate = app.state.web, app.state.scenario_gate
                _, app.state.warming = start_warming(
                    app,
                    state,
                    lambda ctx, code: (
                        OVERVIEW.template,
                        OVERVIEW.page_context(ctx, OverviewQuery(region=code)),
                    ),
                    bundles.values(),
                    then=lambda: warm_presets(state, gate).join(),
                )
            if freeze_gc:
                sys.setswitchinterval(SWITCH_INTERVAL_S)
            yield
        finally:
            close_registry(app)
            app.state.scenario_gate.shutdown()
            stop_warming(app.state.warming)  # before the warehouse closes under it
            wh.close()

    app = FastAPI(
        title="Kansrijk",
        version=__version__,
        summary="Keuze voor techniek en ICT in het vmbo: monitor en API.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
        dependencies=[Depends(check_request)],
    )
    app.state.jinja = make_environment()
    bundles = plotly_bundles()
    app.state.plotly = bundles
    app.state.warming = None
    app.state.jinja.globals.update(
        {
            "version": __version__,
            "plotly_url": bundles["basic"].url,  # charts: scatter, bar
        }
    )
    errors.install(app)
    openapi.install(app)
    compression.install(app)  # innermost: compresses what the routes answer
    app.add_middleware(CachingHeaders)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)
    tiles = tile_source(settings.tile_url, settings.tile_attribution)  # checked at start
    img_origins = (tiles.origin,) if tiles else ()
    app.state.security_headers = security_headers(img_origins)  # errors.server_error too
    # outermost: on the host guard's refusals too
    app.add_middleware(SecurityHeaders, img_origins=img_origins)
    app.mount("/static", StaticFiles(directory=package_dir("static")), name="static")
    for bundle in {b.url: b for b in bundles.values()}.values():
        app.add_api_route(
            bundle.url, bundle.response, methods=["GET", "HEAD"], include_in_schema=False
        )

    for router in ROUTERS:
        app.include_router(router)
    return app
