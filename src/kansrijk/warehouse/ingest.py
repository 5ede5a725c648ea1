"""Ingest: read files with the right readers, then load them in one transaction.

Before anything is read, every path must be a regular file within the size limit
(``sources.limits``); each file is read under its time limit. Nothing is written until
every file has been read and validated, and the load is one transaction that refuses to
replace a loaded dataset-year with much less data (``warehouse.guard``) unless
``replace_smaller``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.etree.ElementTree import ParseError

from kansrijk.errors import InputError, KansrijkError
from kansrijk.regions import GemeenteNames
from kansrijk.sources.limits import Limits, check_file, reading
from kansrijk.sources.reader import ReadContext, Reader
from kansrijk.sources.registry import detect, reader_named, readers
from kansrijk.sources.result import ReadResult
from kansrijk.sources.textfile import check_year
from kansrijk.warehouse.store import LoadOutcome, Warehouse


def _current_names(wh: Warehouse) -> dict[str, str]:
    rows = wh.query(
        "SELECT code, name FROM region WHERE level = 'gemeente' AND year = "
        "(SELECT max(year) FROM region)"
    )
    return {str(code): str(name) for code, name in rows}


def _read(reader: Reader, path: Path, context: ReadContext) -> ReadResult:
    """One reader call; failures of the machine or of a damaged container in plain words."""
    try:
        return reader.read(path, context)
    except KansrijkError:
        raise
    except MemoryError:
        raise InputError(
            "not enough memory to read this file; expected a file of the publisher's usual "
            "size (see setting KANSRIJK_MAX_FILE_MB)",
            file=path,
        ) from None
    except RecursionError:
        raise InputError(
            "the content is nested too deeply to read; expected the publisher's structure",
            file=path,
        ) from None
    except (ParseError, zlib.error, EOFError) as exc:
        raise InputError(
            f"damaged content ({type(exc).__name__}: {exc}); is the file truncated?", file=path
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read this file ({exc.strerror or exc})", file=path) from None


def read_files(
    wh: Warehouse,
    paths: Sequence[Path],
    *,
    dataset: str | None = None,
    year: int | None = None,
    progress: Callable[[Path], None] | None = None,
    limits: Limits | None = None,
) -> list[ReadResult]:
    """Detect and read every file (regions first, so names can be resolved); no writes.

    Raises the first reader error, naming file and line; nothing has been loaded then.
    """
    limits = limits or Limits.from_settings()
    if year is not None:
        check_year(year, what="--year")
    for p in paths:
        check_file(p, limits)
    order = {r.info.name: i for i, r in enumerate(readers())}
    pairs: list[tuple[Path, Reader]] = []
    for p in paths:
        with reading(p, limits):
            pairs.append((p, reader_named(dataset) if dataset else detect(p)))
    pairs.sort(key=lambda pr: order.get(pr[1].info.name, 99))
    names = _current_names(wh)
    results: list[ReadResult] = []
    for path, reader in pairs:
        context = ReadContext(gemeente_names=GemeenteNames(names) if names else None, year=year)
        with reading(path, limits):
            res = _read(reader, path, context)
        for y in res.years:
            check_year(y, file=path)
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
    replace_smaller: bool = False,
    min_share: float | None = None,
    limits: Limits | None = None,
) -> list[LoadOutcome]:
    """Read all files, then load them in one transaction (all or nothing).

    A file replacing a loaded dataset-year with less than ``min_share`` (default: setting
    ``replace_min_share``, 90%) of its rows or locations, or a region set that shrinks, is
    refused unless ``replace_smaller``.
    """
    if min_share is None:
        from kansrijk.settings import Settings

        min_share = Settings().replace_min_share
    results = read_files(wh, paths, dataset=dataset, year=year, progress=progress, limits=limits)
    return wh.load(results, replace_smaller=replace_smaller, min_share=min_share)
