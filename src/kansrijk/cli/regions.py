"""``kansrijk regions list`` and ``kansrijk regions show``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kansrijk.cli.options import (
    JsonOpt,
    RegionsFileOpt,
    WarehouseOpt,
    open_for_reading,
    settings_for,
)
from kansrijk.cli.output import console, fail, print_json, print_table, say
from kansrijk.errors import InputError, KansrijkError
from kansrijk.regions import (
    Level,
    RegionCatalog,
)

if TYPE_CHECKING:
    from kansrijk.settings import Settings


app = typer.Typer(
    help="Regions: CBS levels, gemeenten, and custom regions (MRDH, RDAM-ZUID).",
    no_args_is_help=True,
)


def catalog_for(settings: Settings) -> RegionCatalog:
    """The catalogue of the settings' warehouse."""
    from kansrijk.workspace import Workspace

    with open_for_reading(settings) as wh:
        return Workspace(settings, wh).catalog


@app.command("list")
def list_cmd(
    level: Annotated[
        str | None,
        typer.Option("--level", help="nl, provincie, corop, arbeidsmarktregio, gemeente or custom"),
    ] = None,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List regions, optionally of one level."""
    try:
        try:
            lvl = Level(level) if level else None
        except ValueError:
            raise InputError(
                f"unknown level {level!r}; expected one of " + ", ".join(v.value for v in Level)
            ) from None
        regions = catalog_for(settings_for(warehouse, regions_file)).list(lvl)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(
            {
                "ok": True,
                "regions": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "level": r.level.value,
                        "gemeenten": len(r.gemeenten),
                        "pc4": len(r.pc4),
                    }
                    for r in regions
                ],
            }
        )
        return
    print_table(
        "Regions",
        ["code", "name", "level", "gemeenten"],
        [
            (r.code, r.name, r.level.value, f"{len(r.pc4)} PC4" if r.pc4 else len(r.gemeenten))
            for r in regions
        ],
    )


@app.command("show")
def show_cmd(
    code: Annotated[str, typer.Argument(help="Region code, e.g. MRDH, GM0599, PV28.")],
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a region: name, level, member gemeenten (current codes) and their predecessors."""
    try:
        catalog = catalog_for(settings_for(warehouse, regions_file))
        region = catalog.get(code)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    data = catalog.describe(region)
    members: list[dict[str, Any]] = data["gemeenten"]
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{region.code}[/] {region.name} ({region.level.value})")
    if region.source:
        say(f"source: {region.source}")
    if region.pc4:
        say("defined by PC4: " + ", ".join(region.pc4))
    print_table(
        "Member gemeenten" if not region.pc4 else "Gemeenten these PC4 lie in",
        ["code", "name", "predecessors"],
        [
            (
                m["code"],
                m["name"],
                ", ".join(f"{p['code']} {p['name']} ({p['merged']})" for p in m["predecessors"]),
            )
            for m in members
        ],
    )
