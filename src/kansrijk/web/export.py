"""The shapes and file formats of indicator results, shared with the CLI.

``result_json`` (the document of ``kansrijk indicator --json``), ``to_csv`` and
``write_xlsx`` live in ``kansrijk.cli.indicators``; the web reuses them through this module
so that a move to a neutral place changes one import only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kansrijk.indicators import IndicatorResult
from kansrijk.indicators.export import result_json, to_csv, write_xlsx

__all__ = ["result_json", "to_csv", "write_xlsx", "xlsx_bytes"]


def xlsx_bytes(result: IndicatorResult) -> bytes:
    """The XLSX workbook of ``write_xlsx`` as bytes."""
    with tempfile.TemporaryDirectory(prefix="kansrijk-xlsx-") as tmp:
        path = Path(tmp) / "table.xlsx"
        write_xlsx(result, path)
        return path.read_bytes()
