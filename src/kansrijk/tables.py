"""A table for people and for scripts, from one definition: columns ``(key, Dutch header)``
and rows (dicts). As CSV the headers are the keys (stable across languages, for scripts); as
XLSX they are the Dutch header translated to the reader's language (``l10n.monitor.t``).

Any layer that hands a table to people builds a ``Records``: the web pages' downloads
(``web.page``), the scenario and optimiser reports, the CLI's files. A ``Book`` is several
of them as one workbook, a sheet each (the optimiser's report: ``optimise.tables``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kansrijk.l10n.monitor import t

__all__ = ["CSV", "XLSX", "Book", "Records"]

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        ws.write(0, c, t(lang, label), head)
        ws.set_column(c, c, max(12, min(40, len(t(lang, label)) + 2)))
    for i, r in enumerate(records.rows, start=1):
        for c, (key, _) in enumerate(records.columns):
            v = r.get(key)
            if v is not None:
                ws.write(i, c, v)
    for j, note in enumerate(records.notes):
        ws.write(len(records.rows) + 2 + j, 0, note)
    ws.freeze_panes(1, 0)
