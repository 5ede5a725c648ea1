"""The app factory: ``create_app(settings)`` builds a FastAPI app with the pages, the JSON API
(``/api/v1/``), static files and plotly.js from the installed plotly package.

No module-level settings or connections: the warehouse is opened read-only once at startup
(lifespan) and each request works on its own cursor (see ``deps``).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from kansrijk import __version__
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import errors, openapi
from kansrijk.web.atlas_map import tile_source
from kansrijk.web.clean_urls import DropEmptyParams
from kansrijk.web.headers import SecurityHeaders, security_headers
from kansrijk.web.hosts import HostGuard
from kansrijk.web.limits import RunGate, check_request
from kansrijk.web.registry_session import close_registry, install_registry
from kansrijk.web.render import make_environment, package_dir
from kansrijk.web.routes import ROUTERS
from kansrijk.web.scenario_views import warm_presets
from kansrijk.web.state import build_state

log = logging.getLogger("kansrijk.web")

#: `kansrijk serve`: how long a thread may hold the GIL while others wait (Python's default
#: is 5 ms). Scenario runs compute in worker threads; with 5 ms slices the event loop waits
#: up to 5 ms each time it needs the GIL back, which queued requests pay many times over.
SWITCH_INTERVAL_S = 0.0005
#: Where pages load plotly.js from (this server, never a CDN).
PLOTLY_URL = "/vendor/plotly.min.js"


def plotly_js_path() -> Path:
    """plotly.min.js inside the installed plotly Python package."""
    path = Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))
    if not path.is_file():  # pragma: no cover - depends on the plotly build
        raise FileNotFoundError(f"plotly.min.js not found in the plotly package ({path})")
    return path


def create_app(settings: Settings, *, freeze_gc: bool = False, warm: bool = False) -> FastAPI:
    """A Kansrijk web app on the warehouse named in ``settings`` (opened read-only).

    ``kansrijk serve`` sets ``freeze_gc`` and ``warm`` (run the preset scenarios in the
    background at startup, ``scenario_views.warm_presets``)."""

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
            if warm:
                warm_presets(app.state.web, app.state.scenario_gate)
            if freeze_gc:
                sys.setswitchinterval(SWITCH_INTERVAL_S)
            yield
        finally:
            close_registry(app)
            app.state.scenario_gate.shutdown()
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
    app.state.jinja.globals.update({"version": __version__, "plotly_url": PLOTLY_URL})
    errors.install(app)
    openapi.install(app)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)
    tiles = tile_source(settings.tile_url, settings.tile_attribution)  # checked at start
    img_origins = (tiles.origin,) if tiles else ()
    app.state.security_headers = security_headers(img_origins)  # errors.server_error too
    # outermost: on the host guard's refusals too
    app.add_middleware(SecurityHeaders, img_origins=img_origins)
    app.mount("/static", StaticFiles(directory=package_dir("static")), name="static")
    plotly_path = plotly_js_path()

    @app.get(PLOTLY_URL, include_in_schema=False)
    async def plotly_js() -> FileResponse:
        return FileResponse(
            plotly_path,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=604800"},
        )

    for router in ROUTERS:
        app.include_router(router)
    return app
