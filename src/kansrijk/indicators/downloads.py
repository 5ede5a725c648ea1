"""The downloads of an indicator for every gemeente x every loaded year: CSV, CSV for Dutch
Excel (``;`` and decimal comma), XLSX with formatted columns, Parquet. Numbers are rounded
for people (counts as whole numbers, shares and distances to one decimal); the JSON API
keeps raw precision.

Headers: the plain CSV and Parquet keep the machine keys (``gemeente_code``, ``value``: the
same in every language, for scripts); the CSV for Dutch Excel has Dutch headers; an XLSX
workbook has its headers and definition sheet in the reader's language.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pyarrow as pa

from kansrijk.indicators.export import column_label, definition_lines, definition_sheet
from kansrijk.indicators.result import IndicatorResult

__all__ = ["DOWNLOAD_FORMATS", "download_bytes", "download_records"]

#: Suffix -> media type of the downloads.
DOWNLOAD_FORMATS: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "nl.csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
_COUNT_COLUMNS = ("numerator", "denominator", "masked_cells")


def _round(value: float | None, digits: int) -> float | int | None:
    if value is None:
        return None
    return round(value) if digits == 0 else round(value, digits)


def download_records(result: IndicatorResult) -> list[dict[str, Any]]:
    """The computed rows, rounded for people, in a fixed column order: indicator, gemeente,
    year, breakdowns, value, numerator, denominator, flags, unit, set, break, source."""
    unit = result.indicator.unit.value
    digits = 0 if unit == "count" else 1
    marks = result.row_breaks()
    out = []
    for r, mark in zip(result.rows, marks, strict=True):
        out.append(
            {
                "indicator": result.indicator.id,
                "gemeente_code": r.region,
                "gemeente": r.region_name,
                "year": r.year,
                **r.breakdown,
                "value": _round(r.value, digits),
                "numerator": _round(r.numerator, 0),
                "denominator": _round(r.denominator, 0),
                "suppressed": r.suppressed,
                "masked_cells": r.masked_cells,
                "unit": unit,
                "profile_set": result.profile_set or "",
                "break": mark,
                "source": r.provenance,
            }
        )
    return out


def _columns(recs: list[dict[str, Any]], result: IndicatorResult) -> list[str]:
    if recs:
        return list(dict.fromkeys(k for r in recs for k in r))
    return ["indicator", "gemeente_code", "gemeente", "year", *result.by, "value"]


def _csv(recs: list[dict[str, Any]], cols: list[str], *, dutch: bool) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";" if dutch else ",", lineterminator="\r\n" if dutch else "\n")
    w.writerow([column_label(c, "nl") for c in cols] if dutch else cols)
    for r in recs:
        row = []
        for c in cols:
            v = r.get(c)
            if v is None:
                row.append("")
            elif isinstance(v, bool):
                row.append(("ja" if v else "nee") if dutch else str(v).lower())
            elif isinstance(v, float) and dutch:
                row.append(f"{v:.1f}".replace(".", ","))
            elif isinstance(v, float):
                row.append(f"{v:.1f}")
            else:
                row.append(str(v))
        w.writerow(row)
    # Excel opens a UTF-8 CSV right only with a byte-order mark
    return ("\ufeff" if dutch else "").encode() + buf.getvalue().encode("utf-8")


def _xlsx(recs: list[dict[str, Any]], cols: list[str], result: IndicatorResult, lang: str) -> bytes:
    import xlsxwriter

    ind = result.indicator
    value_fmt = {"percent": "0.0", "km": "0.0", "count": "#,##0"}[ind.unit.value]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    fmts = {
        "value": wb.add_format({"num_format": value_fmt}),
        **{c: wb.add_format({"num_format": "#,##0"}) for c in _COUNT_COLUMNS},
        "year": wb.add_format({"num_format": "0"}),
    }
    ws = wb.add_worksheet("data")
    for c, name in enumerate(cols):
        ws.write(0, c, column_label(name, lang), head)
        width = {"gemeente": 28, "source": 60, "indicator": 28}.get(name, 13)
        ws.set_column(c, c, width, fmts.get(name))
    for i, r in enumerate(recs, start=1):
        for c, name in enumerate(cols):
            v = r.get(name)
            if v is not None:
                ws.write(i, c, v)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(recs), 1), len(cols) - 1)
    info = wb.add_worksheet(definition_sheet(lang))
    info.set_column(0, 0, 16)
    info.set_column(1, 1, 100)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    lines = definition_lines(
        ind,
        lang,
        sources=sorted({str(r["source"]) for r in recs}),
        rounded=True,
    )
    for i, (k, v) in enumerate(lines):
        info.write(i, 0, k, head)
        info.write(i, 1, v, wrap)
    wb.close()
    return buf.getvalue()


def _parquet(recs: list[dict[str, Any]], cols: list[str]) -> bytes:
    import pyarrow.parquet as pq

    types: dict[str, pa.DataType] = {
        "year": pa.int32(),
        "value": pa.float64(),
        "numerator": pa.int64(),
        "denominator": pa.int64(),
        "masked_cells": pa.int32(),
        "suppressed": pa.bool_(),
    }
    arrays = {c: pa.array([r.get(c) for r in recs], type=types.get(c, pa.string())) for c in cols}
    buf = io.BytesIO()
    pq.write_table(pa.table(arrays), buf)
    return buf.getvalue()


def download_bytes(result: IndicatorResult, fmt: str, lang: str = "nl") -> bytes:
    """The download of a result in one of ``DOWNLOAD_FORMATS`` (an XLSX workbook's headers
    and definition sheet in ``lang``)."""
    recs = download_records(result)
    cols = _columns(recs, result)
    if fmt == "csv":
        return _csv(recs, cols, dutch=False)
    if fmt == "nl.csv":
        return _csv(recs, cols, dutch=True)
    if fmt == "xlsx":  # the long source text once, on the definition sheet
        return _xlsx(recs, [c for c in cols if c != "source"], result, lang)
    return _parquet(recs, cols)
