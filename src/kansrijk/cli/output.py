"""Printing results: rich tables for people, JSON for programs, one error envelope."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from kansrijk.errors import KansrijkError, envelope
from kansrijk.serialize import to_json

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


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


def fail(exc: KansrijkError, *, as_json: bool, code: int = 2) -> NoReturn:
    """Report an error (stderr, or the JSON envelope on stdout) and exit non-zero."""
    if as_json:
        print_json(envelope(exc, code))
    else:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
    raise typer.Exit(code)
