"""Tables for people and for scripts, from one definition: the planner's and the optimiser's
reports, the access check and the web pages' downloads.

A :class:`Table` is columns and rows. A :class:`Column` has a stable key, a Dutch label (a
msgid of the monitor's catalogue, ``N_``; placeholders filled from the table's ``fields``,
or a scenario's name), a short label for a narrow screen (the terminal's 80 columns), the
kind of its values and their decimals. Rows are dicts under the keys holding numbers,
intervals (anything with ``low`` and ``high``) and codes, never formatted text.

:class:`Style` writes them for people in a language (``l10n.monitor.t``; figures through
Babel, ``l10n.format_number``, rounded half up): the web pages in the page's language with
``€`` amounts, the CLI in English (``kansrijk scenario`` with ``EUR`` before amounts, the
optimiser without a currency sign). :meth:`Table.records` is the table as a file's sheet:
a :class:`Records` is columns ``(key, Dutch header)`` and rows, as CSV with the keys as
headers (stable across languages, for scripts) and as XLSX with the headers in the reader's
language; a :class:`Book` is several of them as one workbook, a sheet each.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol, TypeGuard, get_args

from kansrijk.l10n import format_number
from kansrijk.l10n.monitor import LABELS, N_, choice_label, scenario_name, t

__all__ = [
    "CHANGE_WORDS",
    "CSV",
    "KINDS",
    "XLSX",
    "Book",
    "Bounds",
    "Column",
    "Kind",
    "Namer",
    "Records",
    "Style",
    "Table",
    "is_bounds",
]

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: How a column's values read: ``text`` as it is; ``code`` an id as it is; ``profile`` a
#: profile code and ``gemeente`` a gemeente code (a name where the reader passes a namer);
#: ``number`` a figure with ``digits`` decimals; ``euro`` a whole amount in euro;
#: ``percent`` a share (0-1) as a whole percentage; ``viability`` a ``scenarios.costing``
#: class (``below 12`` ...); ``flags`` an addition's flags; ``change`` ``lose``/``gain``
#: as a word. A number, euro or percent column holding text shows the text.
Kind = Literal[
    "text",
    "code",
    "profile",
    "gemeente",
    "number",
    "euro",
    "percent",
    "viability",
    "flags",
    "change",
]
KINDS: tuple[Kind, ...] = get_args(Kind)
#: A code's name for people (a profile's, a gemeente's), by kind.
Namer = Callable[[str], str]

#: The directions of an access change, as words.
CHANGE_WORDS = {"lose": N_("verliest"), "gain": N_("krijgt")}


class Bounds(Protocol):
    """An interval's bounds (``scenarios.result.Interval``): a cell's value is one when it
    has ``low`` and ``high`` (``is_bounds``)."""

    @property
    def low(self) -> float: ...

    @property
    def high(self) -> float: ...


def is_bounds(value: object) -> TypeGuard[Bounds]:
    """Whether ``value`` is an interval (cheaper than a runtime protocol check)."""
    return (
        not isinstance(value, int | float | str)
        and hasattr(value, "low")
        and hasattr(value, "high")
    )


# ---------------------------------------------------------------------- style
@dataclass(frozen=True, slots=True)
class Style:
    """How figures and labels read for people in ``lang``: ``euro`` before amounts
    (``€ 2.680.324``; the CLI writes ``EUR 2,680,324`` or no sign) and ``dash`` between an
    interval's bounds."""

    lang: str
    euro: str = "€ "
    dash: str = " – "

    def label(self, msgid: str, /, **values: object) -> str:
        return t(self.lang, msgid, **values)

    def number(self, value: float | None, digits: int = 1) -> str:
        return "" if value is None else format_number(value, self.lang, digits)

    def money(self, value: float | None) -> str:
        return "" if value is None else self.euro + format_number(value, self.lang, 0)

    def interval(self, value: Bounds | None, digits: int = 1, *, euro: bool = False) -> str:
        """``50,4 – 63,4``; empty for None."""
        if value is None:
            return ""
        if euro:
            return self.money(value.low) + self.dash + self.money(value.high)
        return self.number(value.low, digits) + self.dash + self.number(value.high, digits)

    def viability(self, text: str) -> str:
        """``below 12`` / ``12-18`` / ``18 or more`` (``scenarios.costing.viability``, the
        bounds in the text) for people."""
        if text.startswith("below"):
            return self.label(N_("nee: minder dan {n}"), n=text.removeprefix("below").strip())
        if text.endswith("or more"):
            return self.label(N_("ja: {n} of meer"), n=text.removesuffix("or more").strip())
        low, _, high = text.partition("-")
        return self.label(N_("ja: {low}-{high}"), low=low, high=high)

    def flags(self, flags: Sequence[str]) -> str:
        known = LABELS["scen_flag"]
        return ", ".join(
            choice_label(self.lang, "scen_flag", f) if f in known else f for f in flags
        )

    def cell(self, value: Any, kind: str, digits: int = 1) -> str:
        """A value of a column of ``kind`` (see ``Kind``); empty for None."""
        if value is None:
            return ""
        if is_bounds(value):
            return self.interval(value, digits, euro=kind == "euro")
        if isinstance(value, str) and kind in ("number", "euro", "percent"):
            return value
        if kind == "number":
            return self.number(float(value), digits)
        if kind == "euro":
            return self.money(float(value))
        if kind == "percent":
            return self.number(100 * float(value), 0) + "%"
        if kind == "viability":
            return self.viability(str(value))
        if kind == "flags":
            return self.flags(value)
        if kind == "change":
            return self.label(CHANGE_WORDS[value])
        return str(value)


# ---------------------------------------------------------------------- tables
@dataclass(frozen=True, slots=True)
class Column:
    """A column: its stable key, its Dutch label (a msgid; a ``scenario`` column is headed
    by a scenario's name, shown through ``l10n.monitor.scenario_name``), the kind of its
    values and their decimals, and a short label (a msgid) for a narrow screen."""

    key: str
    label: str
    kind: Kind = "text"
    digits: int = 0
    short: str | None = None
    scenario: bool = False

    @property
    def short_label(self) -> str:
        """The short label, else the label."""
        return self.short or self.label

    def head(self, lang: str, fields: Mapping[str, object], *, short: bool = False) -> str:
        """The header in ``lang`` (``fields`` fill its placeholders)."""
        if self.scenario:
            return scenario_name(lang, self.label)
        return t(lang, self.short_label if short else self.label, **fields)


@dataclass(frozen=True, slots=True)
class Table:
    """Rows (dicts of values under the columns' keys: numbers, intervals, codes) of one
    table of a report; ``name`` is its sheet in a workbook, ``fields`` fill the headers'
    placeholders (``Marge ({pct})``)."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    fields: Mapping[str, object] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def column(self, key: str) -> Column:
        """The column under ``key``."""
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def select(self, keys: Iterable[str]) -> Table:
        """The table with only the columns ``keys``, in that order (what a screen shows)."""
        return replace(self, columns=tuple(self.column(k) for k in keys))

    def heads(self, lang: str, *, short: bool = False) -> dict[str, str]:
        """The columns' headers (or short headers) in ``lang``, by key."""
        return {c.key: c.head(lang, self.fields, short=short) for c in self.columns}

    def texts(
        self,
        style: Style,
        rows: Iterable[dict[str, Any]] | None = None,
        *,
        names: Mapping[str, Namer] | None = None,
        empty: str = "",
    ) -> list[dict[str, str]]:
        """The rows (or ``rows`` of them) with every value written for people in ``style``
        (keys as the columns'): ``names`` by kind (``profile``, ``gemeente``) turn codes
        into names, ``empty`` stands for a missing value."""
        namers = names or {}
        return [
            {c.key: _text(c, r.get(c.key), style, namers, empty) for c in self.columns}
            for r in (self.rows if rows is None else rows)
        ]

    def records(self, name: str | None = None) -> Records:
        """The table as a file's sheet (every column; headers the Dutch labels)."""
        return Records(
            name=name or self.name,
            columns=[(c.key, c.label) for c in self.columns],
            rows=self.rows,
            sheet=self.name,
            fields=self.fields,
        )


def _text(col: Column, value: Any, style: Style, names: Mapping[str, Namer], empty: str) -> str:
    if value is None:
        return empty
    namer = names.get(col.kind)
    if namer is not None:
        return namer(value) if value else str(value)
    return style.cell(value, col.kind, col.digits)


# ---------------------------------------------------------------------- files
@dataclass(frozen=True, slots=True)
class Records:
    """Rows (dicts) under columns ``(key, Dutch header)``; the XLSX header is the Dutch text
    translated to the page's language, the CSV header the key."""

    name: str
    columns: Sequence[tuple[str, str]]
    rows: Sequence[dict[str, Any]]
    sheet: str = "data"
    #: extra lines under the table in the XLSX (a note, the source), already translated
    notes: Sequence[str] = field(default=())
    #: the values of the headers' placeholders (``Extra instromers in {year}``)
    fields: Mapping[str, object] = field(default_factory=dict)

    def csv(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - CSV headers are keys
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([key for key, _ in self.columns])
        for r in self.rows:
            w.writerow(["" if r.get(k) is None else r.get(k) for k, _ in self.columns])
        return buf.getvalue().encode("utf-8"), CSV

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        return Book(self.name, [self]).xlsx(lang)


@dataclass(frozen=True, slots=True)
class Book:
    """Several tables as one workbook, a sheet each (a report's tables); as CSV the first."""

    name: str
    sheets: Sequence[Records]

    def csv(self, lang: str) -> tuple[bytes, str]:
        return self.sheets[0].csv(lang)

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        import xlsxwriter

        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        for records in self.sheets:
            _sheet(wb, head, records, lang)
        wb.close()
        return buf.getvalue(), XLSX


def _sheet(wb: Any, head: Any, records: Records, lang: str) -> None:
    ws = wb.add_worksheet(records.sheet[:31])
    for c, (_, label) in enumerate(records.columns):
        text = t(lang, label, **records.fields)
        ws.write(0, c, text, head)
        ws.set_column(c, c, max(12, min(40, len(text) + 2)))
    for i, r in enumerate(records.rows, start=1):
        for c, (key, _) in enumerate(records.columns):
            v = r.get(key)
            if v is not None:
                ws.write(i, c, v)
    for j, note in enumerate(records.notes):
        ws.write(len(records.rows) + 2 + j, 0, note)
    ws.freeze_panes(1, 0)
