"""``kansrijk serve``: the web app on a local port.

Register with ``app.command("serve")(web.serve_cmd)`` in ``kansrijk.cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kansrijk.cli.options import RegionsFileOpt, WarehouseOpt, settings_for
from kansrijk.cli.output import console, fail
from kansrijk.errors import KansrijkError, WarehouseError

if TYPE_CHECKING:
    from kansrijk.settings import Settings


def prepare_warehouse(settings: Settings) -> str:
    """Make sure the warehouse can be served: when it holds no real vmbo enrollment data,
    load the fictional demo region into it. Returns a sentence saying what was done."""
    from kansrijk.demo import load_demo
    from kansrijk.warehouse import Warehouse, has_real_enrollment

    with Warehouse(settings.warehouse) as wh:
        if has_real_enrollment(wh):
            return f"Serving real data from {settings.warehouse}."
        try:
            outcomes = load_demo(wh)
        except WarehouseError as exc:
            return (
                f"{settings.warehouse} holds no real vmbo enrollment data, and the fictional "
                f"demo region cannot be added to it ({exc}); serving what is there."
            )
    changed = any(o.status != "unchanged" for o in outcomes)
    verb = "Loaded" if changed else "Using"
    return (
        f"{verb} the fictional demo region (DEMO) in {settings.warehouse}: no real vmbo "
        "enrollment data are loaded. Load real data with `kansrijk fetch` or "
        "`kansrijk ingest FILE...`."
    )


def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help=(
                "A host name the server answers to, besides KANSRIJK_ALLOWED_HOSTS "
                "(default localhost, 127.0.0.1, ::1); repeat for more."
            ),
        ),
    ] = None,
) -> None:
    """Serve the web app (pages and JSON API); loads the demo region when no real data are
    loaded."""
    import uvicorn

    from kansrijk.web import create_app
    from kansrijk.web.map_spec import tile_source
    from kansrijk.web.server import uvicorn_config

    settings = settings_for(warehouse, regions_file)
    if allowed_host:
        hosts = (*settings.allowed_hosts, *(h.strip() for h in allowed_host if h.strip()))
        settings = settings.model_copy(update={"allowed_hosts": tuple(dict.fromkeys(hosts))})
    try:
        tile_source(settings.tile_url, settings.tile_attribution)  # before any work
        message = prepare_warehouse(settings)
    except KansrijkError as exc:
        fail(exc, as_json=False)
    console.print(message, highlight=False)
    console.print(f"Kansrijk: http://{host}:{port}/  (API: http://{host}:{port}/api/docs)")
    app = create_app(settings, freeze_gc=True, warm=True)
    uvicorn.Server(uvicorn_config(app, settings, host, port)).run()
