"""The downloads of the scenario pages: a comparison as CSV and XLSX (the CLI's ``--xlsx``)
and a scenario as the YAML file ``kansrijk scenario run`` reads back."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kansrijk.scenarios import Comparison, Parameters, Scenario
from kansrijk.web.table import CSV, XLSX


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


def xlsx_bytes(comparison: Comparison) -> bytes:
    """``Comparison.write_xlsx`` (the CLI's ``--xlsx``) as bytes."""
    with tempfile.TemporaryDirectory(prefix="kansrijk-scen-") as tmp:
        path = Path(tmp) / "scenarios.xlsx"
        comparison.write_xlsx(path)
        return path.read_bytes()


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
    ``csv_text`` and the CLI's workbook, whatever the page's language (their headers are the
    CLI's)."""

    comparison: Comparison
    demo: bool

    @property
    def name(self) -> str:
        tag = "-demo-fictief" if self.demo else ""
        return f"kansrijk-scenarios-{len(self.comparison.results)}{tag}"

    def csv(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - the CLI's headers
        return csv_text(self.comparison).encode("utf-8"), CSV

    def xlsx(self, lang: str) -> tuple[bytes, str]:  # noqa: ARG002 - the CLI's workbook
        return xlsx_bytes(self.comparison), XLSX
