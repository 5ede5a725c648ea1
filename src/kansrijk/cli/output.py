"""Printing results: plain tables that read at the terminal's width, JSON for programs, one
error envelope.

Every table goes through :func:`print_table`. It never cuts or wraps a cell inside the grid:
ids and codes are what users copy, so they stay whole on one line. When the grid is wider than
the width (``COLUMNS``, else the terminal's), the widest text columns leave the grid and are
printed under their row as ``column: value`` lines, wrapped at word boundaries (a URL or a path
is never broken); when even the figures do not fit side by side, every row is printed as a block
of such lines. Prose goes through :func:`say`, wrapped the same way. Output to a pipe or a file
without ``COLUMNS`` is not folded. The same information is always there; ``--json`` (and
``--csv`` where offered) give it unformatted.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from kansrijk.cli.plain_table import format_table
from kansrijk.errors import KansrijkError, OutputFileError, envelope
from kansrijk.serialize import to_json

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

# A cell that reads as a number (right-aligned): 1,234 / -0.9 pp / 37.23% / 0.88 / 2024.
_NUMBER = re.compile(r"^[-+]?(?:EUR )?[\d.,]+(?: ?(?:%|pp|km|min))?$")
_INDENT = "    "
# The width of output that is not folded (a pipe or a file without COLUMNS).
UNFOLDED = 1_000_000


def width() -> int:
    """The width to print for: ``COLUMNS`` when set, else the terminal's; output to a pipe or a
    file is not folded (lines stay whole for ``grep``; ``--json`` and ``--csv`` are for programs).
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return UNFOLDED


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
    t = _Cells(columns, rows)
    out = _wrap(title, indent="  ", first="", limit=limit) if title else []
    # The widest text columns leave the grid (never the first: it names the row; never a
    # figure: figures are compared down a column) until the rest fits side by side, or, when
    # the first column is wide, until the rest fits indented under it on a line of its own;
    # whichever moves fewer columns.
    grid, moved = _move(t, lambda g: t.span(g) <= limit)
    if t.widths[0] > limit // 3:
        lead, lead_moved = _move(t, lambda g: 4 + t.span(g[1:]) <= limit)
        if 4 + t.span(lead[1:]) <= limit and (t.span(grid) > limit or len(lead_moved) < len(moved)):
            return _text(out + t.lead(lead[1:], lead_moved, limit))
    if t.span(grid) <= limit:
        return _text(out + t.grid(grid, moved, limit))
    # Neither: the figures in groups, each beside the first column.
    groups = _groups(grid[1:], t.widths, limit - t.widths[0] - 2)
    if groups:
        for n, group in enumerate(groups):
            out.extend([""] if n else [])
            out.extend(t.grid([0, *group], moved if n == 0 else [], limit))
        return _text(out)
    # Not even one figure fits beside the first column: one block of lines per row.
    for r in t.cells:
        out.append(r[0] or "-")
        for i in range(1, len(columns)):
            if r[i]:
                out.extend(_beneath(columns[i], r[i], limit))
    return _text(out)


def _move(t: _Cells, fits: Callable[[list[int]], bool]) -> tuple[list[int], list[int]]:
    """Columns kept side by side and columns moved under their row, widest text first."""
    grid = list(range(len(t.columns)))
    movable = sorted((i for i in grid[1:] if not t.right[i]), key=lambda i: -t.widths[i])
    while not fits(grid) and movable:
        grid.remove(movable.pop(0))
    return grid, [i for i in range(len(t.columns)) if i not in grid]


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _groups(rest: list[int], widths: list[int], room: int) -> list[list[int]]:
    """``rest`` in consecutive groups that fit in ``room``; none when a column alone does not."""
    groups: list[list[int]] = []
    for i in rest:
        if widths[i] > room:
            return []
        if groups and sum(widths[k] + 2 for k in groups[-1]) + widths[i] <= room:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class _Cells:
    """A table's cells as strings, with each column's width and alignment."""

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.columns = list(columns)
        self.cells = [["" if v is None else str(v) for v in r] for r in rows]
        self.by_col = [[r[i] for r in self.cells] for i in range(len(columns))]
        self.right = [_is_number(col) for col in self.by_col]
        self.widths = [
            max([len(c), *(len(v) for v in col)])
            for c, col in zip(columns, self.by_col, strict=True)
        ]

    def span(self, idx: Sequence[int]) -> int:
        return sum(self.widths[i] for i in idx) + 2 * (len(idx) - 1)

    def _lines(self, idx: Sequence[int]) -> list[str]:
        return format_table(
            [self.columns[i] for i in idx],
            [self.by_col[i] for i in idx],
            [self.right[i] for i in idx],
        ).splitlines()

    def _under(self, r: list[str], moved: Sequence[int], limit: int) -> list[str]:
        return [x for i in moved if r[i] for x in _beneath(self.columns[i], r[i], limit)]

    def grid(self, idx: Sequence[int], moved: Sequence[int], limit: int) -> list[str]:
        """Columns ``idx`` side by side, ``moved`` under each row."""
        lines = self._lines(idx)
        out = lines[:2]
        for line, r in zip(lines[2:], self.cells, strict=True):
            out.append(line)
            out.extend(self._under(r, moved, limit))
        return out

    def lead(self, rest: Sequence[int], moved: Sequence[int], limit: int) -> list[str]:
        """The first column on a line of its own, columns ``rest`` indented beneath it."""
        lines = [(_INDENT + x).rstrip() for x in self._lines(rest)]
        out = [self.columns[0], *lines[:2]]
        for line, r in zip(lines[2:], self.cells, strict=True):
            out.extend([r[0] or "-", line])
            out.extend(self._under(r, moved, limit))
        return out


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


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Report a failure to write ``path`` (no such folder, no permission, a full disk) as an
    ``OutputFileError`` naming the file, never a traceback. xlsxwriter wraps the ``OSError``
    in its own ``FileCreateError``; that one is unwrapped."""
    try:
        yield
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    except Exception as exc:
        cause = exc.args[0] if exc.args else None
        if type(exc).__name__ == "FileCreateError" and isinstance(cause, OSError):
            raise OutputFileError(f"cannot write {path}: {cause.strerror or cause}") from None
        raise


def fail(exc: KansrijkError, *, as_json: bool, code: int = 2) -> NoReturn:
    """Report an error (stderr, or the JSON envelope on stdout) and exit non-zero."""
    if as_json:
        print_json(envelope(exc, code))
    else:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
    raise typer.Exit(code)
