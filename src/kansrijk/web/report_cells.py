"""The cells of a report's tables (``kansrijk.optimise.tables``) in the page's language: the
column's kind says how a value reads (euro, decimals, a profile's or gemeente's name, the
direction of a change); the header is the column's Dutch label translated."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kansrijk.l10n.monitor import t
from kansrijk.optimise.tables import CHANGE_WORDS, Column, ReportTable
from kansrijk.web import format as fmt

__all__ = ["cell", "heads", "rows"]

#: An empty figure.
NONE = "–"


def cell(col: Column, value: Any, lang: str, place: Callable[[str], str] = str) -> str:
    """``value`` of column ``col`` as text for a page in ``lang`` (``place``: a gemeente
    code's name)."""
    if value is None:
        return NONE
    if col.kind == "eur":
        return "€ " + fmt.count(value, lang)
    if col.kind == "number":
        return fmt.number(value, lang, col.digits)
    if col.kind == "profile":
        return fmt.category("profile", value, lang)
    if col.kind == "gemeente":
        return place(value) if value else NONE
    if col.kind == "change":
        return t(lang, CHANGE_WORDS[value])
    return str(value)


def heads(table: ReportTable, lang: str) -> dict[str, str]:
    """The columns' labels in ``lang``, by key."""
    return {c.key: t(lang, c.label) for c in table.columns}


def rows(
    table: ReportTable,
    lang: str,
    place: Callable[[str], str] = str,
    only: Iterable[dict[str, Any]] | None = None,
) -> list[dict[str, str]]:
    """The table's rows (or ``only`` these of them) with every cell as text."""
    return [
        {c.key: cell(c, r.get(c.key), lang, place) for c in table.columns}
        for r in (table.rows if only is None else only)
    ]
