"""The ``kansrijk`` command: thin; parses, calls the layers, prints tables or --json."""

from __future__ import annotations

import typer

from kansrijk.cli import (
    data,
    demo,
    fetch,
    flyers,
    indicators,
    optimise,
    regions,
    registry,
    scenario,
    time,
    web,
)

app = typer.Typer(
    name="kansrijk",
    help="Kansrijk: see and steer young people's choices for technical and IT education.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command("ingest")(data.ingest_cmd)
app.command("status")(data.status_cmd)
app.command("fetch")(fetch.fetch_cmd)
app.command("demo")(demo.demo_cmd)
app.command("serve")(web.serve_cmd)
app.add_typer(regions.app, name="regions")
app.command("indicator")(indicators.indicator_cmd)
app.add_typer(indicators.list_app, name="indicators")
app.command("trend")(time.trend_cmd)
app.command("events")(time.events_cmd)
app.add_typer(scenario.app, name="scenario")
app.command("optimise")(optimise.optimise_cmd)
app.command("access-check")(optimise.access_check_cmd)
app.command("flyers")(flyers.flyers_cmd)
app.add_typer(registry.app, name="registry")


def main() -> None:
    """Entry point of the ``kansrijk`` script."""
    app()


__all__ = ["app", "main"]
