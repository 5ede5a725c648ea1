"""``kansrijk ingest`` and ``kansrijk status``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from kansrijk.cli.options import JsonOpt, WarehouseOpt, open_for_reading, settings_for
from kansrijk.cli.output import console, fail, print_json, print_table, say
from kansrijk.errors import KansrijkError, MissingFileError
from kansrijk.sources.limits import Limits
from kansrijk.warehouse import (
    LoadOutcome,
    UnmatchedLocation,
    Warehouse,
    ingest,
    status,
    unmatched_locations,
)


def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files to load (CSV, XLSX, GeoJSON).")],
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Dataset name, when detection fails.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Reference year override.")] = None,
    replace_smaller: Annotated[
        bool,
        typer.Option(
            "--replace-smaller",
            help="Replace a loaded dataset-year even when the new file holds much less "
            "(fewer than replace_min_share of its rows or locations, or fewer gemeenten).",
        ),
    ] = False,
    warehouse: WarehouseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Read files, validate them, and load them into the warehouse in one transaction."""
    settings = settings_for(warehouse)
    limits = Limits.from_settings()
    try:
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise MissingFileError(
                "no such file: " + ", ".join(str(p) for p in missing) + "; nothing was loaded"
            )
        with Warehouse(settings.warehouse) as wh:
            if as_json:
                outcomes = ingest(
                    wh,
                    paths,
                    dataset=dataset,
                    year=year,
                    replace_smaller=replace_smaller,
                    min_share=settings.replace_min_share,
                    limits=limits,
                )
            else:
                with Progress(console=console, transient=True) as bar:
                    task = bar.add_task("reading", total=len(paths))
                    outcomes = ingest(
                        wh,
                        paths,
                        dataset=dataset,
                        year=year,
                        replace_smaller=replace_smaller,
                        min_share=settings.replace_min_share,
                        limits=limits,
                        progress=lambda p: bar.update(task, advance=1, description=p.name),
                    )
            unmatched = unmatched_locations(wh)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    changed = [o for o in outcomes if o.status != "unchanged"]
    if as_json:
        print_json(
            {
                "ok": True,
                "warehouse": settings.warehouse,
                "changed": len(changed),
                "files": outcomes,
                "unmatched_locations": unmatched,
            }
        )
        return
    print_outcomes(settings.warehouse, outcomes, unmatched)


def print_outcomes(
    warehouse: Path, outcomes: list[LoadOutcome], unmatched: list[UnmatchedLocation]
) -> None:
    """What a load did, per file, with the readers' notes and unmatched locations
    (``ingest`` and ``fetch``)."""
    changed = [o for o in outcomes if o.status != "unchanged"]
    print_table(
        f"Ingest into {warehouse}",
        ["file", "dataset", "years", "status", "rows"],
        [(Path(o.file).name, o.dataset, _years(o.years), o.status, o.rows) for o in outcomes],
    )
    for o in outcomes:
        for note in o.notes:
            say(f"note ({Path(o.file).name}): {note}")
    if unmatched:
        unplaced = sum(u.placed_by == "unplaced" for u in unmatched)
        say(
            f"{len(unmatched)} location(s) with vmbo BB/KB/GL pupils in leerjaar 3-4 are not in "
            f"any loaded locations file: placed by place name or gemeente name (a gemeente, "
            f"no PC4) where possible; {unplaced} unplaced (only in NL totals):"
        )
        print_table(
            "",
            ["year", "location", "name", "place", "placed by", "gemeente", "pupils"],
            [
                (u.year, u.loc_code, u.name, u.place, u.placed_by, u.gemeente_code, u.pupils)
                for u in unmatched
            ],
        )
    say(
        "nothing changed: every file was already loaded"
        if not changed
        else f"{len(changed)} file(s) loaded or replaced"
    )


def _years(years: tuple[int, ...]) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 2 else ", ".join(map(str, years))


def status_cmd(warehouse: WarehouseOpt = None, as_json: JsonOpt = False) -> None:
    """Show what is loaded: per dataset and year, rows, file, sha256, publisher, licence."""
    settings = settings_for(warehouse)
    try:
        with open_for_reading(settings) as wh:
            rows = status(wh)
            unmatched = unmatched_locations(wh)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(
            {
                "ok": True,
                "warehouse": settings.warehouse,
                "datasets": rows,
                "unmatched_locations": unmatched,
            }
        )
        return
    if not rows:
        say(
            f"{settings.warehouse}: empty. Load data with `kansrijk ingest FILE...`, "
            "`kansrijk fetch` or `kansrijk demo`."
        )
        return
    print_table(
        f"Warehouse {settings.warehouse}",
        [
            "dataset",
            "year",
            "rows",
            "locations",
            "pupils",
            "file",
            "sha256",
            "publisher",
            "licence",
            "loaded at",
        ],
        [
            (
                r.dataset + (" (fictional)" if r.fictional else ""),
                r.year,
                r.rows,
                r.locations,
                r.pupils,
                r.file_name,
                r.sha256[:12],
                r.publisher,
                r.licence,
                r.loaded_at,
            )
            for r in rows
        ],
    )
    if unmatched:
        say(
            f"{len(unmatched)} enrollment location(s) are not in any locations file: "
            + ", ".join(f"{u.loc_code} ({u.pupils})" for u in unmatched)
        )
