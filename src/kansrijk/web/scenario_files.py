"""The downloads of the scenario pages: a comparison as CSV and XLSX (the CLI's ``--xlsx``)
and a scenario as the YAML file ``kansrijk scenario run`` reads back."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import yaml

from kansrijk.l10n.monitor import LABELS, choice_label, t
from kansrijk.scenarios import Comparison, Parameters, Scenario
from kansrijk.scenarios.compare import METRICS
from kansrijk.tables import CSV, XLSX
from kansrijk.web import format as fmt


def csv_text(comparison: Comparison) -> str:
    """The summary table as CSV: ``metric, unit`` and one column per scenario name; the rows
    of ``Comparison.summary_rows()`` (the JSON's ``summary``); intervals as ``low - high``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", "unit", *comparison.names])
    for row in comparison.summary_rows():
        cells = []
        for name in comparison.names:
            v = row[name]
            if v is None:
                cells.append("")
            elif isinstance(v, list):
                cells.append(f"{v[0]!r} - {v[1]!r}")
            else:
                cells.append(repr(v) if isinstance(v, float) else str(v))
        writer.writerow([row["metric"], row["unit"], *cells])
    return out.getvalue()


def _metric_label(metric: str, lang: str) -> str:
    """A summary row's metric (``Comparison.summary_rows``: the English label of ``METRICS``,
    an interval row with a suffix) in ``lang``."""
    for key, label, _unit in sorted(METRICS, key=lambda m: -len(m[1])):
        if metric.startswith(label) and key in LABELS["scen_m"]:
            return choice_label(lang, "scen_m", key) + metric[len(label) :]
    return metric


def _viability(text: str, lang: str) -> str:
    """``below 12`` / ``12-18`` / ``18 or more`` (``scenarios.costing``) in ``lang``."""
    if text.startswith("below "):
        return t(lang, "minder dan {n}", n=text.removeprefix("below "))
    if text.endswith(" or more"):
        return t(lang, "{n} of meer", n=text.removesuffix(" or more"))
    return text


def xlsx_bytes(comparison: Comparison, lang: str) -> bytes:
    """The sheets of ``Comparison.write_xlsx`` (the CLI's ``--xlsx``: summary, years,
    additions, notes; the scenario names in every sheet) with sheet names, headers, metrics,
    units and flags in ``lang``. The notes are the model's English text and say so."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = wb.add_format({"bold": True})
    summary = [
        {
            **row,
            "metric": _metric_label(str(row["metric"]), lang),
            "unit": choice_label(lang, "scen_unit", row["unit"])
            if row["unit"] in LABELS["scen_unit"]
            else row["unit"],
        }
        for row in comparison.summary_rows()
    ]
    additions = [
        {
            **row,
            "viability": _viability(str(row["viability"]), lang),
            "flags": ", ".join(
                choice_label(lang, "scen_flag", f) if f in LABELS["scen_flag"] else f
                for f in str(row["flags"]).split(", ")
                if f
            ),
        }
        for row in comparison.addition_rows()
    ]
    sheets = [
        ("summary", summary, ["metric", "unit", *comparison.names]),
        ("years", comparison.year_rows(), None),
        ("additions", additions, None),
        ("notes", comparison.note_rows(), None),
    ]
    for sheet, rows, given in sheets:
        ws = wb.add_worksheet(choice_label(lang, "scen_sheet", sheet))
        start = 0
        if any(r.fictional for r in comparison.results):
            ws.write(0, 0, choice_label(lang, "scen_col", "fictional"), bold)
            start = 1
        keys = given or list(dict.fromkeys(k for r in rows for k in r))
        for c, k in enumerate(keys):
            head = choice_label(lang, "scen_col", k) if k in LABELS["scen_col"] else k
            ws.write(start, c, head, bold)
        for i, row in enumerate(rows, start=start + 1):
            for c, k in enumerate(keys):
                v = row.get(k)
                if isinstance(v, list):
                    v = " - ".join(fmt.number(x, lang, 1) for x in v)
                if v is not None:
                    ws.write(i, c, v)
    wb.close()
    return buf.getvalue()


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


@dataclass(frozen=True, slots=True)
class ComparisonFiles:
    """A comparison as the downloads of the compare page (a ``web.table.Table``): the CSV of
    ``csv_text`` (the CLI's keys and labels, whatever the page's language: for scripts) and
    the CLI's workbook in the page's language (``xlsx_bytes``)."""

    comparison: Comparison
    demo: bool

    @property
    def name(self) -> str:
        tag = "-demo-fictief" if self.demo else ""
        return f"kansrijk-scenarios-{len(self.comparison.results)}{tag}"

    def csv(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - the CLI's headers
        return csv_text(self.comparison).encode("utf-8"), CSV

    def xlsx(self, lang: str) -> tuple[bytes, str]:
        return xlsx_bytes(self.comparison, lang), XLSX
