"""The table of a page as a download: CSV (machine keys as headers, stable across languages,
for scripts) and XLSX (headers in the page's language, for people), from one definition.

A page with a table (``page.Page(table=...)``) returns a :class:`Table`:
``kansrijk.tables.Records`` is the plain one (columns and rows), ``ResultTable`` an
indicator result written like ``kansrijk indicator --csv/--xlsx``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kansrijk.indicators import IndicatorResult
from kansrijk.indicators.export import to_csv, xlsx_bytes
from kansrijk.tables import CSV, XLSX

__all__ = ["ResultTable", "Table"]


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
class ResultTable:
    """An indicator result's rows, in the table's order, written like the CLI writes them."""

    name: str
    result: IndicatorResult

    def csv(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - CSV headers are keys
        return to_csv(self.result).encode("utf-8"), CSV

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        return xlsx_bytes(self.result, lang), XLSX
