"""Printing results: plain tables that read at the terminal's width, JSON for programs, one
error envelope.

Every table goes through :func:`print_table`. It never cuts or wraps a cell inside the grid:
ids and codes are what users copy, so they stay whole on one line. When the grid is wider than
the terminal (``COLUMNS``, else the terminal, else 80), the widest long columns leave the grid
and are printed under their row as ``column: value`` lines, wrapped at word boundaries; when
even that does not fit, every row is printed as a block of such lines. The same information is
always there; ``--json`` (and ``--csv`` where offered) give it unformatted.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from rich.console import Console

from kansrijk.cli.plain_table import format_table
from kansrijk.errors import KansrijkError, envelope
from kansrijk.serialize import to_json

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

# A cell that reads as a number (right-aligned): 1,234 / -0.9 pp / 37.23% / 0.88 / 2024.
_NUMBER = re.compile(r"^[-+]?(?:EUR )?[\d.,]+(?: ?(?:%|pp|km|min))?$")
_INDENT = "    "


def width() -> int:
    """The width to print for: ``COLUMNS``, else the terminal's, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


def _wrap(
    text: str, indent: str = "", first: str | None = None, limit: int | None = None
) -> list[str]:
    """``text`` wrapped at word boundaries to the width; long words (URLs, paths) stay whole."""
    return textwrap.wrap(
        text,
        width=max(limit or width(), 20),
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def say(text: str) -> None:
    """Print a line of prose on standard output, wrapped at word boundaries to the width."""
    lines = [w for part in text.split("\n") for w in _wrap(part, indent="  ", first="")]
    sys.stdout.write("\n".join(lines) + "\n")


def print_json(data: Any) -> None:
    """Print a JSON document on standard output."""
    sys.stdout.write(to_json(data) + "\n")


def _is_number(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_NUMBER.match(c) for c in filled)


def format_fitted(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], limit: int
) -> str:
    """The table as text no wider than ``limit`` where ids and figures allow (see module)."""
    cells = [["" if v is None else str(v) for v in r] for r in rows]
    by_col = [[r[i] for r in cells] for i in range(len(columns))]
    right = [_is_number(col) for col in by_col]
    widths = [max([len(c), *(len(v) for v in col)]) for c, col in zip(columns, by_col, strict=True)]
    grid = list(range(len(columns)))
    out: list[str] = []
    # The widest text columns leave the grid (never the first: it names the row; never a
    # figure: figures are compared down a column).
    movable = sorted((i for i in grid[1:] if not right[i]), key=lambda i: -widths[i])
    while sum(widths[i] for i in grid) + 2 * (len(grid) - 1) > limit and movable:
        grid.remove(movable.pop(0))
    moved = [i for i in range(len(columns)) if i not in grid]
    if title:
        out.extend(_wrap(title, indent="  ", first="", limit=limit))
    if sum(widths[i] for i in grid) + 2 * (len(grid) - 1) > limit:
        # Not even the short columns fit side by side: one block of lines per row.
        for r in cells:
            out.append(" ".join(x for x in (r[0],) if x) or "-")
            for i in range(1, len(columns)):
                if r[i]:
                    out.extend(_beneath(columns[i], r[i], limit))
        return "\n".join(out) + "\n"
    table = format_table(
        [columns[i] for i in grid], [by_col[i] for i in grid], [right[i] for i in grid]
    ).splitlines()
    out.extend(table[:2])
    for row_line, r in zip(table[2:], cells, strict=True):
        out.append(row_line)
        for i in moved:
            if r[i]:
                out.extend(_beneath(columns[i], r[i], limit))
    return "\n".join(out) + "\n"


def _beneath(column: str, value: str, limit: int) -> list[str]:
    """``column: value`` under a row; a value too long for one line and without spaces
    (a URL, a path) gets a line of its own, whole."""
    label = f"{_INDENT}{column}: "
    if " " not in value and len(label) + len(value) > limit:
        return [label.rstrip(), _INDENT + "  " + value]
    return _wrap(value, indent=_INDENT + "  ", first=label, limit=limit)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain table on standard output that reads at the terminal's width (see module)."""
    sys.stdout.write(format_fitted(title, columns, rows, width()))


def fail(exc: KansrijkError, *, as_json: bool, code: int = 2) -> NoReturn:
    """Report an error (stderr, or the JSON envelope on stdout) and exit non-zero."""
    if as_json:
        print_json(envelope(exc, code))
    else:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
    raise typer.Exit(code)
