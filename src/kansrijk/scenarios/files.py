"""A comparison as files: the summary as CSV (keys and the JSON's English metric labels, for
scripts), the workbook (summary, years, additions, notes; for people, in a language: the
web's download in the page's language, ``kansrijk scenario run|compare --xlsx`` in
English), and a scenario as the YAML file ``kansrijk scenario run`` reads back.

Every sheet is a ``kansrijk.tables.Records`` (columns ``(key, Dutch header)``); the
workbook heads them in the reader's language and starts each sheet with the FICTIONAL
warning on demo data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from kansrijk.l10n.monitor import LABELS, choice_label, scenario_name, t
from kansrijk.scenarios.compare import METRICS, Comparison
from kansrijk.scenarios.result import Interval
from kansrijk.scenarios.scenario import Parameters, Scenario
from kansrijk.tables import CSV, XLSX, Records, Style

__all__ = [
    "ComparisonFiles",
    "comparison_sheets",
    "csv_text",
    "scenario_yaml",
    "xlsx_bytes",
    "yaml_file_name",
]

#: The Dutch headers of the comparison's columns (``LABELS["scen_col"]``).
_HEADERS = LABELS["scen_col"]


def _columns(keys: Sequence[str]) -> list[tuple[str, str]]:
    return [(k, _HEADERS.get(k, k)) for k in keys]


def summary_records(comparison: Comparison) -> Records:
    """``Comparison.summary_rows()`` (the JSON's ``summary``): ``metric, unit`` and one
    column per scenario name; intervals as ``low - high`` (full precision)."""
    rows = []
    for row in comparison.summary_rows():
        out = dict(row)
        for name in comparison.names:
            v = row[name]
            if isinstance(v, list):
                out[name] = f"{v[0]!r} - {v[1]!r}"
            elif isinstance(v, float):
                out[name] = repr(v)
        rows.append(out)
    columns = [*_columns(["metric", "unit"]), *((n, n) for n in comparison.names)]
    return Records(_name(comparison), columns, rows, sheet="summary")


def csv_text(comparison: Comparison) -> str:
    """The summary table as CSV (``summary_records``): the same in every language."""
    data, _ = summary_records(comparison).csv("en")
    return data.decode("utf-8")


def _metric_label(metric: str, lang: str) -> str:
    """A summary row's metric (``Comparison.summary_rows``: the English label of ``METRICS``,
    an interval row with a suffix) in ``lang``."""
    for key, label, _unit in sorted(METRICS, key=lambda m: -len(m[1])):
        if metric.startswith(label):
            return choice_label(lang, "scen_m", key) + metric[len(label) :]
    return metric


def comparison_sheets(comparison: Comparison, lang: str) -> list[Records]:
    """The workbook's sheets with their cells for people in ``lang``: metric, unit,
    viability and flags in ``lang``, intervals as ``low – high``. The notes are the model's
    English text (their header says so)."""
    style = Style(lang)
    units = LABELS["scen_unit"]
    summary = [
        {
            **{
                k: style.interval(Interval(v[0], v[1])) if isinstance(v, list) else v
                for k, v in row.items()
            },
            "metric": _metric_label(str(row["metric"]), lang),
            "unit": choice_label(lang, "scen_unit", row["unit"])
            if row["unit"] in units
            else row["unit"],
        }
        for row in comparison.summary_rows()
    ]
    additions = [
        {
            **row,
            "viability": style.viability(str(row["viability"])),
            "flags": style.flags([f for f in str(row["flags"]).split(", ") if f]),
        }
        for row in comparison.addition_rows()
    ]
    years = comparison.year_rows()
    notes = comparison.note_rows()
    name = _name(comparison)
    summary_columns = [*_columns(["metric", "unit"]), *((n, n) for n in comparison.names)]
    return [
        Records(name, summary_columns, summary, sheet="summary"),
        Records(name, _columns(_keys(years)), years, sheet="years"),
        Records(name, _columns(_keys(additions)), additions, sheet="additions"),
        Records(name, _columns(["scenario", "note"]), notes, sheet="notes"),
    ]


def _keys(rows: Sequence[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for r in rows for k in r))


def xlsx_bytes(comparison: Comparison, lang: str) -> bytes:
    """The workbook of ``comparison_sheets``: sheet names and headers in ``lang`` (a
    scenario name as ``l10n.monitor.scenario_name`` writes it), on demo data a FICTIONAL
    warning above every sheet."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = wb.add_format({"bold": True})
    fictional = any(r.fictional for r in comparison.results)
    names = set(comparison.names)
    for records in comparison_sheets(comparison, lang):
        ws = wb.add_worksheet(choice_label(lang, "scen_sheet", records.sheet))
        start = 0
        if fictional:
            ws.write(0, 0, choice_label(lang, "scen_col", "fictional"), bold)
            start = 1
        for c, (key, label) in enumerate(records.columns):
            head = scenario_name(lang, key) if key in names else t(lang, label)
            ws.write(start, c, head, bold)
        for i, row in enumerate(records.rows, start=start + 1):
            for c, (key, _) in enumerate(records.columns):
                v = row.get(key)
                if v is not None:
                    ws.write(i, c, v)
    wb.close()
    return buf.getvalue()


def _name(comparison: Comparison) -> str:
    tag = "-demo-fictief" if any(r.fictional for r in comparison.results) else ""
    return f"kansrijk-scenarios-{len(comparison.results)}{tag}"


@dataclass(frozen=True, slots=True)
class ComparisonFiles:
    """A comparison as the downloads of the compare page (a web ``Table``): the CSV of
    ``csv_text`` (the same in every language: for scripts) and the workbook in the page's
    language (``xlsx_bytes``)."""

    comparison: Comparison

    @property
    def name(self) -> str:
        return _name(self.comparison)

    def csv(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - the CLI's headers
        return csv_text(self.comparison).encode("utf-8"), CSV

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        return xlsx_bytes(self.comparison, lang), XLSX


def scenario_yaml(scenario: Scenario, *, draws: int, comment: str = "") -> str:
    """The scenario as a YAML file ``kansrijk scenario run FILE.yaml`` reads back."""
    doc: dict[str, Any] = scenario.model_dump(mode="json", exclude_none=True)
    if doc.get("parameters") == Parameters().model_dump(mode="json", exclude_none=True):
        doc.pop("parameters")
    for key in ("description", "report_regions"):
        if not doc.get(key):
            doc.pop(key, None)
    head = [
        "# Kansrijk scenario (built with /scenarios).",
        f"# Run: kansrijk scenario run THIS_FILE.yaml --draws {draws} [--json] [--xlsx out.xlsx]",
    ]
    if comment:
        head.append(f"# {comment}")
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=88)
    return "\n".join(head) + "\n" + body


def yaml_file_name(scenario: Scenario) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in scenario.name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"scenario-{slug[:48] or 'kansrijk'}.yaml"
