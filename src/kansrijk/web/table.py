"""The table of a page as a download: CSV (machine keys as headers, stable across languages,
for scripts) and XLSX (headers in the page's language, for people), from one definition.

A page with a table (``page.Page(table=...)``) returns a :class:`Table`; ``Records`` is the
plain one (columns and rows), ``ResultTable`` an indicator result written like
``kansrijk indicator --csv/--xlsx``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kansrijk.indicators import IndicatorResult
from kansrijk.web.export import to_csv, xlsx_bytes
from kansrijk.web.i18n import t

__all__ = ["CSV", "XLSX", "Records", "ResultTable", "Table"]

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Table(Protocol):
    """What a page's download is made of."""

    @property
    def name(self) -> str:
        """The file name without its extension."""

    def csv(self, lang: str) -> tuple[bytes, str]:
        """The CSV file and its media type."""

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        """The XLSX workbook and its media type."""


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
        import xlsxwriter

        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        ws = wb.add_worksheet(self.sheet[:31])
        for c, (_, label) in enumerate(self.columns):
            ws.write(0, c, t(lang, label), head)
            ws.set_column(c, c, max(12, min(40, len(t(lang, label)) + 2)))
        for i, r in enumerate(self.rows, start=1):
            for c, (key, _) in enumerate(self.columns):
                v = r.get(key)
                if v is not None:
                    ws.write(i, c, v)
        for j, note in enumerate(self.notes):
            ws.write(len(self.rows) + 2 + j, 0, note)
        ws.freeze_panes(1, 0)
        wb.close()
        return buf.getvalue(), XLSX


@dataclass(frozen=True, slots=True)
class ResultTable:
    """An indicator result's rows, in the table's order, written like the CLI writes them."""

    name: str
    result: IndicatorResult

    def csv(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - CSV headers are keys
        return to_csv(self.result).encode("utf-8"), CSV

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        return xlsx_bytes(self.result, lang), XLSX
