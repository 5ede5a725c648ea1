"""Ingest: read files with the right readers, then load them in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kansrijk.regions import GemeenteNames
from kansrijk.sources.reader import ReadContext, Reader
from kansrijk.sources.registry import detect, reader_named, readers
from kansrijk.sources.result import ReadResult
from kansrijk.warehouse.store import LoadOutcome, Warehouse


def _current_names(wh: Warehouse) -> dict[str, str]:
    rows = wh.query(
        "SELECT code, name FROM region WHERE level = 'gemeente' AND year = "
        "(SELECT max(year) FROM region)"
    )
    return {str(code): str(name) for code, name in rows}


def read_files(
    wh: Warehouse,
    paths: Sequence[Path],
    *,
    dataset: str | None = None,
    year: int | None = None,
    progress: Callable[[Path], None] | None = None,
) -> list[ReadResult]:
    """Detect and read every file (regions first, so names can be resolved); no writes.

    Raises the first reader error, naming file and line; nothing has been loaded then.
    """
    order = {r.info.name: i for i, r in enumerate(readers())}
    pairs: list[tuple[Path, Reader]] = [
        (p, reader_named(dataset) if dataset else detect(p)) for p in paths
    ]
    pairs.sort(key=lambda pr: order.get(pr[1].info.name, 99))
    names = _current_names(wh)
    results: list[ReadResult] = []
    for path, reader in pairs:
        context = ReadContext(gemeente_names=GemeenteNames(names) if names else None, year=year)
        res = reader.read(path, context)
        results.append(res)
        if "region" in res.tables and res.tables["region"].num_rows:
            table = res.tables["region"]
            newest = max(res.years)
            for code, name, level, y in zip(
                table["code"].to_pylist(),
                table["name"].to_pylist(),
                table["level"].to_pylist(),
                table["year"].to_pylist(),
                strict=True,
            ):
                if level == "gemeente" and y == newest:
                    names[code] = name
        if progress:
            progress(path)
    return results


def ingest(
    wh: Warehouse,
    paths: Sequence[Path],
    *,
    dataset: str | None = None,
    year: int | None = None,
    progress: Callable[[Path], None] | None = None,
) -> list[LoadOutcome]:
    """Read all files, then load them in one transaction (all or nothing)."""
    results = read_files(wh, paths, dataset=dataset, year=year, progress=progress)
    return wh.load(results)
