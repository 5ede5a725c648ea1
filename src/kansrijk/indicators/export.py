"""An indicator result as JSON, CSV or XLSX: one format for CLI and web.

CSV headers are the records' machine keys (``region``, ``value``), the same in every
language, for scripts. An XLSX workbook is for people: with a language its headers and its
definition sheet are in that language (``COLUMN_LABELS``, ``SHEET_LABELS``, the indicator's
``label_nl``/``label_en`` and ``reason_nl``/``reason_en``; the English definition texts go
through the ``definitions`` gettext catalogue, ``kansrijk.l10n.monitor.definition_text``);
without one (the CLI) the headers are the keys, as in the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kansrijk.indicators import catalog
from kansrijk.indicators.definition import Indicator
from kansrijk.indicators.result import IndicatorResult
from kansrijk.l10n.monitor import definition_text

#: Headers for people of the columns of results and downloads, (Dutch, English) by key.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "kind": ("Soort", "Kind"),
    "indicator": ("Indicator", "Indicator"),
    "region": ("Regiocode", "Region code"),
    "region_name": ("Regio", "Region"),
    "gemeente_code": ("Gemeentecode", "Municipality code"),
    "gemeente": ("Gemeente", "Municipality"),
    "year": ("Jaar", "Year"),
    "profile": ("Profiel", "Profile"),
    "track": ("Leerweg", "Track"),
    "sex": ("Geslacht", "Sex"),
    "sector": ("Sector", "Sector"),
    "grade": ("Leerjaar", "Grade"),
    "statistic": ("Maat", "Statistic"),
    "value": ("Waarde", "Value"),
    "numerator": ("Teller", "Numerator"),
    "denominator": ("Noemer", "Denominator"),
    "suppressed": ("Onderdrukt (1-4)", "Suppressed (1-4)"),
    "masked_cells": ("Afgeschermde cellen", "Masked cells"),
    "unit": ("Eenheid", "Unit"),
    "profile_set": ("Profielset", "Profile set"),
    "source": ("Bron", "Source"),
    "break": ("Trendbreuk", "Break in series"),
    "note": ("Toelichting", "Note"),
}
#: The row labels of the definition sheet, (Dutch, English).
SHEET_LABELS: dict[str, tuple[str, str]] = {
    "id": ("id", "id"),
    "label": ("naam", "label"),
    "unit": ("eenheid", "unit"),
    "definition": ("definitie", "definition"),
    "numerator": ("teller", "numerator"),
    "denominator": ("noemer", "denominator"),
    "suppression": ("onderdrukking", "suppression"),
    "break": ("trendbreuk {year}", "break {year}"),
    "source": ("bron", "source"),
}
#: Units in words, (Dutch, English); ``rounded``: as the downloads round them.
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "percent": ("procent", "percent"),
    "count": ("aantal", "count"),
    "km": ("km", "km"),
}
_ONE_DECIMAL = ("één decimaal", "one decimal")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "nl" else pair[1]


def column_label(key: str, lang: str | None) -> str:
    """The header of column ``key`` in ``lang`` (nl, else English); the key itself without
    a language or for a column without a label."""
    if lang is None or key not in COLUMN_LABELS:
        return key
    return _pick(COLUMN_LABELS[key], lang)


def definition_sheet(lang: str | None) -> str:
    """The name of the definition sheet (``definitie`` in Dutch)."""
    return "definitie" if lang == "nl" else "definition"


def definition_lines(
    ind: Indicator,
    lang: str | None = None,
    *,
    sources: Iterable[str] = (),
    rounded: bool = False,
) -> list[tuple[str, str]]:
    """The definition sheet: (label, text) lines in ``lang`` (None: the keys and the English
    texts; ``rounded``: say that shares and distances are rounded to one decimal)."""

    def tr(text: str) -> str:
        return text if lang is None else definition_text(lang, text)

    def label(key: str, **values: object) -> str:
        text = key if lang is None else _pick(SHEET_LABELS[key], lang)
        return text.format(**values) if values else text

    unit = ind.unit.value
    unit_text = unit if lang is None else _pick(UNIT_LABELS[unit], lang)
    if rounded and unit != "count":
        unit_text += f" ({_pick(_ONE_DECIMAL, lang or 'en')})"
    breaks = [
        (label("break", year=b.year) if lang else f"break {b.year}",
         f"{b.id}: {b.reason_nl if lang == 'nl' else b.reason_en}")
        for b in ind.breaks
    ]  # fmt: skip
    return [
        (label("id"), ind.id),
        (label("label"), ind.label_en if lang == "en" else ind.label_nl),
        (label("unit"), unit_text),
        (label("definition"), tr(ind.definition)),
        (label("numerator"), tr(ind.numerator)),
        (label("denominator"), tr(ind.denominator)),
        (label("suppression"), tr(ind.suppression)),
        *breaks,
        *((label("source"), src) for src in sources),
    ]


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


def write_xlsx(
    result: IndicatorResult,
    path: Path | io.BytesIO,
    *,
    lang: str | None = None,
) -> None:
    """An XLSX workbook: data sheet plus the definition, headers and definition in ``lang``
    (None: the keys, as the CLI writes them; see ``definition_lines``)."""
    import xlsxwriter

    recs = result.records()
    keys = list(dict.fromkeys(k for r in recs for k in r))
    target = str(path) if isinstance(path, Path) else path
    wb = xlsxwriter.Workbook(target, {"in_memory": not isinstance(path, Path)})
    ws = wb.add_worksheet("data")
    for c, k in enumerate(keys):
        ws.write(0, c, column_label(k, lang))
    for i, r in enumerate(recs, start=1):
        for c, k in enumerate(keys):
            v = r.get(k)
            if v is not None:
                ws.write(i, c, v)
    info = wb.add_worksheet(definition_sheet(lang))
    for i, (k, v) in enumerate(definition_lines(result.indicator, lang)):
        info.write(i, 0, k)
        info.write(i, 1, v)
    wb.close()


def xlsx_bytes(result: IndicatorResult, lang: str) -> bytes:
    """The workbook of ``write_xlsx`` as bytes, headers and definition in ``lang``."""
    buf = io.BytesIO()
    write_xlsx(result, buf, lang=lang)
    return buf.getvalue()


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


def definition_texts() -> set[str]:
    """The English texts of the indicator definitions (definition, numerator, denominator,
    suppression): the msgids of the ``definitions`` gettext domain (``make catalogues``)."""
    return {
        text
        for i in catalog.INDICATORS
        for text in (i.definition, i.numerator, i.denominator, i.suppression)
        if text
    }
