"""Printing results: rich tables for people, JSON for programs, one error envelope."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from kansrijk.errors import InputError, KansrijkError

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def _default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    """JSON text of dataclasses, paths, dates and plain data."""
    return json.dumps(data, default=_default, ensure_ascii=False, indent=2)


def print_json(data: Any) -> None:
    """Print a JSON document on standard output."""
    sys.stdout.write(to_json(data) + "\n")


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A rich table on standard output."""
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    console.print(table)


def envelope(exc: KansrijkError, status: int) -> dict[str, Any]:
    """The error envelope shared by CLI (--json) and web API."""
    item: dict[str, Any] = {"message": str(exc), "type": type(exc).__name__}
    if isinstance(exc, InputError):
        item.update({"file": exc.file, "line": exc.line, "column": exc.column})
    return {"ok": False, "error": str(exc), "errors": [item], "status": status}


def fail(exc: KansrijkError, *, as_json: bool, code: int = 2) -> NoReturn:
    """Report an error (stderr, or the JSON envelope on stdout) and exit non-zero."""
    if as_json:
        print_json(envelope(exc, code))
    else:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
    raise typer.Exit(code)
