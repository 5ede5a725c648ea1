"""``kansrijk fetch``: download the publishers' files, then ingest them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TransferSpeedColumn,
)

from kansrijk.cli.data import print_outcomes
from kansrijk.cli.options import JsonOpt, WarehouseOpt, settings_for
from kansrijk.cli.output import console, fail, print_json, print_table, say
from kansrijk.errors import KansrijkError
from kansrijk.sources.fetch import (
    BASE_URL_ENV,
    CatalogEntry,
    FetchedFile,
    catalog_entries,
    fetch,
    load_catalog,
)
from kansrijk.sources.fetch_check import check_urls, every_entry
from kansrijk.warehouse import Warehouse, ingest, unmatched_locations

DatasetsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--dataset",
        help="Dataset to fetch (repeat for more; see --list). Default: all.",
        show_default=False,
    ),
]
YearsOpt = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        help="Year to fetch (repeat for more). Default: the newest year of each dataset.",
        show_default=False,
    ),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Where downloads are kept (default: KANSRIJK_CACHE_DIR, else the user cache dir).",
        show_default=False,
    ),
]


def fetch_cmd(
    dataset: DatasetsOpt = None,
    year: YearsOpt = None,
    warehouse: WarehouseOpt = None,
    cache_dir: CacheDirOpt = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Print the catalogue of downloadable files and exit.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Ask every URL of the catalogue (HEAD, else GET of one byte) and report "
            "what answered; downloads nothing.",
        ),
    ] = False,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh",
            help="Ask the publisher whether cached files changed, even if checked recently.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Download open data from DUO, CBS and PDOK into the cache, then load it into the
    warehouse in one transaction. Set KANSRIJK_FETCH_BASE_URL to download from a mirror."""
    if list_only:
        _print_catalog(as_json=as_json)
        return
    if check:
        _check(dataset, as_json=as_json)
        return
    settings = settings_for(warehouse)
    if cache_dir is not None:
        settings = settings.model_copy(update={"cache_dir": cache_dir})
    try:
        entries = catalog_entries(dataset, year)
        if as_json:
            fetched = fetch(entries, settings.cache_dir, refresh=refresh)
        else:
            fetched = _fetch_with_bar(entries, settings.cache_dir, refresh=refresh)
        paths = [f.path for f in fetched]
        with Warehouse(settings.warehouse) as wh:
            if as_json:
                outcomes = ingest(wh, paths)
            else:
                with Progress(console=console, transient=True) as bar:
                    task = bar.add_task("reading", total=len(paths))
                    outcomes = ingest(
                        wh,
                        paths,
                        progress=lambda p: bar.update(task, advance=1, description=p.name),
                    )
            unmatched = unmatched_locations(wh)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    urls = {str(f.path): f.url for f in fetched}
    changed = [o for o in outcomes if o.status != "unchanged"]
    if as_json:
        print_json(
            {
                "ok": True,
                "warehouse": settings.warehouse,
                "cache_dir": settings.cache_dir,
                "downloads": fetched,
                "changed": len(changed),
                "files": [{**dataclasses.asdict(o), "url": urls.get(o.file)} for o in outcomes],
                "unmatched_locations": unmatched,
            }
        )
        return
    print_table(
        f"Fetch into {settings.cache_dir}",
        ["dataset", "year", "status", "size", "url"],
        [(f.dataset, f.year, f.status, decimal(f.size), f.url) for f in fetched],
    )
    print_outcomes(settings.warehouse, outcomes, unmatched)


def _fetch_with_bar(
    entries: list[CatalogEntry], cache_dir: Path, *, refresh: bool
) -> list[FetchedFile]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[tuple[str, int], TaskID] = {}

        def progress(entry: CatalogEntry, done: int, total: int | None) -> None:
            key = (entry.dataset, entry.year)
            if key not in tasks:
                tasks[key] = bar.add_task(entry.file_name, total=total)
            bar.update(tasks[key], completed=done, total=total)

        return fetch(entries, cache_dir, progress=progress, refresh=refresh)


def _print_catalog(*, as_json: bool) -> None:
    try:
        catalog = load_catalog()
        rows: list[dict[str, Any]] = []
        for name, ds in catalog.datasets.items():
            years = None if ds.snapshot else sorted(ds.releases or ds.years)
            entries = catalog_entries([name], years, catalog=catalog, base_url="")
            rows.append(
                {
                    "dataset": name,
                    "title": ds.title,
                    "publisher": catalog.publishers[ds.publisher].name,
                    "licence": catalog.publishers[ds.publisher].licence,
                    "years": "current" if ds.snapshot else years,
                    "year_means": ds.year_means,
                    "url": ds.url,
                    "file": ds.file,
                    "urls": {str(e.year): e.origin_url for e in entries},
                    "ckan_resources": {str(e.year): e.ckan_resource for e in entries}
                    if ds.ckan_resource
                    else None,
                    "landing_page": ds.landing_page,
                    "note": ds.note,
                }
            )
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({"ok": True, "mirror_env": BASE_URL_ENV, "datasets": rows})
        return
    print_table(
        "Files `kansrijk fetch` can download",
        ["dataset", "years", "publisher", "url (newest year)"],
        [
            (
                r["dataset"],
                r["years"] if isinstance(r["years"], str) else _ranges(r["years"]),
                catalog.datasets[r["dataset"]].publisher,
                list(r["urls"].values())[-1],
            )
            for r in rows
        ],
    )
    say(
        f"Set {BASE_URL_ENV} to download from a mirror laid out like the cache dir "
        "(<base>/<publisher>/<file>). "
        "`kansrijk fetch --list --json` shows every URL, what the year means and what is "
        "not certain about each entry."
    )


def _check(datasets: Sequence[str] | None, *, as_json: bool) -> None:
    try:
        entries = every_entry()
        if datasets:
            known = {e.dataset for e in entries}
            unknown = [d for d in datasets if d not in known]
            if unknown:
                catalog_entries(unknown)  # raises UnknownDatasetError listing the datasets
            entries = [e for e in entries if e.dataset in set(datasets)]
        if as_json:
            results = check_urls(entries)
        else:
            with console.status(f"asking {len(entries)} URLs"):
                results = check_urls(entries)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    answered = sum(r.ok for r in results)
    if as_json:
        print_json({"ok": True, "answered": answered, "asked": len(results), "urls": results})
        return
    print_table(
        "What the publishers' URLs answered",
        ["dataset", "year", "asked", "answer", "url"],
        [
            (r.dataset, r.year, r.method, ("ok: " if r.ok else "NO: ") + r.detail, r.url)
            for r in results
        ],
    )
    say(
        f"{answered} of {len(results)} URLs answered. A URL that did not answer may have been "
        "moved by the publisher: see the landing page and the note in `kansrijk fetch --list "
        "--json`."
    )


def _ranges(years: Sequence[int]) -> str:
    """``[2019, 2020, 2021, 2024]`` -> ``'2019-2021, 2024'``."""
    parts: list[str] = []
    for y in sorted(years):
        if parts and y - 1 == int(parts[-1][-4:]):
            parts[-1] = parts[-1][:4] + "-" + str(y)
        else:
            parts.append(str(y))
    return ", ".join(parts)
