"""An indicator result as JSON, CSV or XLSX: one format for CLI and web."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from kansrijk.indicators.definition import Indicator
from kansrijk.indicators.result import IndicatorResult


def result_json(result: IndicatorResult) -> dict[str, Any]:
    """The JSON document of a result (CLI --json and web API)."""
    ind = result.indicator
    return {
        "ok": True,
        "indicator": {
            "id": ind.id,
            "label_nl": ind.label_nl,
            "label_en": ind.label_en,
            "unit": ind.unit.value,
            "definition": ind.definition,
        },
        "profile_set": result.profile_set,
        "old_afdelingen": result.old_afdelingen,
        "regions": list(result.regions),
        "years": list(result.years),
        "by": list(result.by),
        "rows": result.records(),
        "missing": [
            {
                "region": r,
                "year": y,
                "message": f"no computed value for {r} in {y}: data for {y} not loaded",
            }
            for r, y in result.missing
        ],
        "notes": list(result.notes),
        "breaks": [
            {"id": b.id, "year": b.year, "reason_nl": b.reason_nl, "reason_en": b.reason_en}
            for b in ind.breaks
        ],
    }


def to_csv(result: IndicatorResult) -> str:
    """CSV text of all records."""
    recs = result.records()
    keys = list(dict.fromkeys(k for r in recs for k in r))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
    w.writeheader()
    w.writerows(recs)
    return buf.getvalue()


def write_xlsx(result: IndicatorResult, path: Path) -> None:
    """An XLSX workbook: data sheet plus the definition."""
    import xlsxwriter

    recs = result.records()
    keys = list(dict.fromkeys(k for r in recs for k in r))
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("data")
    for c, k in enumerate(keys):
        ws.write(0, c, k)
    for i, r in enumerate(recs, start=1):
        for c, k in enumerate(keys):
            v = r.get(k)
            if v is not None:
                ws.write(i, c, v)
    info = wb.add_worksheet("definition")
    ind = result.indicator
    for i, (k, v) in enumerate(
        [
            ("id", ind.id),
            ("label", ind.label_nl),
            ("unit", ind.unit.value),
            ("definition", ind.definition),
            ("numerator", ind.numerator),
            ("denominator", ind.denominator),
            ("suppression", ind.suppression),
        ]
    ):
        info.write(i, 0, k)
        info.write(i, 1, v)
    wb.close()


def definition_json(i: Indicator) -> dict[str, Any]:
    """One indicator definition as JSON (``kansrijk indicators list --json`` and the API)."""
    return {
        "id": i.id,
        "label_nl": i.label_nl,
        "label_en": i.label_en,
        "unit": i.unit.value,
        "breakdowns": [b.value for b in i.breakdowns],
        "profile_set": i.profile_set.value if i.profile_set else None,
        "computable": i.computable,
        "definition": i.definition,
        "numerator": i.numerator,
        "denominator": i.denominator,
        "suppression": i.suppression,
        "references": list(i.references),
        "breaks": [
            {"id": b.id, "year": b.year, "reason_nl": b.reason_nl, "reason_en": b.reason_en}
            for b in i.breaks
        ],
    }
