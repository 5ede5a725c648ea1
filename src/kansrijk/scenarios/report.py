"""A scenario result and a comparison as tables for people, one definition for the CLI and
the web (``kansrijk.tables.Table``): every row has a stable key, every label and header is
its Dutch text (a msgid of the monitor's catalogue, ``N_``), and every value and interval is
a number, in the result's order. ``kansrijk.tables.Style`` writes them in a language: the
web pages in the page's language, ``kansrijk scenario run`` and ``compare`` in English (with
``EUR`` before amounts, which the CLI aligns as figures).

The figures are the results' (``ScenarioResult``, ``Comparison``); nothing is computed here
but sums over a region's years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kansrijk.l10n.monitor import LABELS, N_
from kansrijk.scenarios.compare import METRICS, Comparison, metric_interval, metric_value
from kansrijk.scenarios.comparison_years import extra_entrants_by_year
from kansrijk.scenarios.result import Interval, ScenarioResult
from kansrijk.tables import Column, Style, Table

__all__ = [
    "MARGIN",
    "OUTCOME",
    "VALUE",
    "CompareMetric",
    "Metric",
    "addition_table",
    "compare_metrics",
    "compare_year_table",
    "pct_label",
    "region_table",
    "summary_metrics",
    "year_table",
]


def pct_label(result: ScenarioResult) -> str:
    """``P5–P95``: the percentiles of the result's intervals."""
    lo, hi = result.interval
    return f"P{lo:g}–P{hi:g}"


#: The headers of a summary: the outcome, its value, its interval (``pct``: ``pct_label``).
OUTCOME = N_("Uitkomst")
VALUE = N_("Waarde")
MARGIN = N_("Marge ({pct})")


def year_table(result: ScenarioResult, region: str | None = None) -> Table:
    """The scenario region (or ``region``) per year: techniek pupils and mbo entrants
    without and with the scenario, the extra entrants with their interval, the costs."""
    columns = (
        Column("year", N_("Jaar")),
        Column("techniek_baseline", N_("Techniekleerlingen zonder"), "number", 0),
        Column("techniek_scenario", N_("Techniekleerlingen met"), "number", 0),
        Column("entrants_baseline", N_("Instromers mbo zonder"), "number", 1),
        Column("entrants_scenario", N_("Instromers mbo met"), "number", 1),
        Column("extra_entrants", N_("Extra instromers"), "number", 1),
        Column("interval", MARGIN, "number", 1),
        Column("one_off_cost", N_("Eenmalige kosten"), "euro"),
        Column("yearly_cost", N_("Jaarlijkse kosten"), "euro"),
    )
    rows = _rows(result.year_rows(region), columns, {"interval": "extra_entrants_interval"})
    return Table("years", columns, rows, {"pct": pct_label(result)})


def region_table(result: ScenarioResult) -> Table:
    """The scenario region and its report regions: extra entrants in the last year (with
    its interval) and over the horizon; no rows with a single region."""
    h0, h1 = result.horizon
    columns = (
        Column("code", N_("Regio"), "code"),
        Column("last", N_("Extra instromers in {year}"), "number", 1),
        Column("last_interval", MARGIN, "number", 1),
        Column("total", N_("Extra instromers {horizon}"), "number", 1),
    )
    codes = list(dict.fromkeys(y.region for y in result.years))
    rows = []
    for code in codes if len(codes) > 1 else ():
        years = result.year_rows(code)
        rows.append(
            {
                "code": code,
                "last": years[-1].extra_entrants,
                "last_interval": years[-1].extra_entrants_interval,
                "total": sum(y.extra_entrants for y in years),
            }
        )
    fields = {"pct": pct_label(result), "year": h1, "horizon": f"{h0}–{h1}"}
    return Table("regions", columns, tuple(rows), fields)


def addition_table(result: ScenarioResult) -> Table:
    """Every added profile (steady state): pupils per leerjaar from the choice model with
    its interval and viability, the uptake model's prediction, range and chance of a
    viable group, flags and costs."""
    viable_n = next((a.viable_pupils for a in result.additions if a.viable_pupils), 12)
    columns = (
        Column("location", N_("Locatiecode"), "code"),
        Column("name", N_("Naam")),
        Column("gemeente", N_("Gemeente"), "gemeente"),
        Column("profile", N_("Profiel"), "profile"),
        Column("leerwegen", N_("Leerwegen")),
        Column("from_year", N_("Vanaf schooljaar")),
        Column("per_leerjaar", N_("Leerlingen per leerjaar"), "number", 1),
        Column("per_leerjaar_interval", MARGIN, "number", 1),
        Column("viability", N_("Levensvatbaar?"), "viability"),
        Column("uptake", N_("Leerlingen per leerjaar (uptakemodel)"), "number", 1),
        Column("uptake_interval", N_("90%-bereik"), "number", 1),
        Column("p_viable", N_("Kans op ≥ {n} per leerjaar"), "percent"),
        Column("flags", N_("Kenmerken"), "flags"),
        Column("one_off_cost", N_("Eenmalige kosten"), "euro"),
        Column("yearly_cost", N_("Jaarlijkse kosten"), "euro"),
        Column("eac", N_("Equivalente jaarkosten"), "euro"),
    )
    rows = _rows(result.additions, columns, _ADDITION_FIELDS)
    rows = tuple({**row, "leerwegen": ", ".join(row["leerwegen"])} for row in rows)
    return Table("additions", columns, rows, {"pct": pct_label(result), "n": viable_n})


#: The ``AdditionRow`` fields of the additions table's columns named otherwise.
_ADDITION_FIELDS = {"uptake": "uptake_per_leerjaar", "eac": "equivalent_annual_cost"}


def _rows(
    items: Sequence[Any], columns: Sequence[Column], fields: Mapping[str, str]
) -> tuple[dict[str, Any], ...]:
    """Each item's attributes under the columns' keys (``fields``: key -> attribute where
    they differ)."""
    names = [(c.key, fields.get(c.key, c.key)) for c in columns]
    return tuple({key: getattr(item, name) for key, name in names} for item in items)


# ---------------------------------------------------------------------- summary
@dataclass(frozen=True, slots=True)
class Metric:
    """A summary row: its key, its Dutch label (``fields`` fill its placeholders), the
    value (``of_which``: a count of it, shown in brackets) and its interval."""

    key: str
    label: str
    value: float | int | None
    interval: Interval | None = None
    kind: str = "number"
    of_which: int | None = None
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, style: Style) -> dict[str, str]:
        """``key``, ``label``, ``value`` and ``interval`` written for people; a cost per
        extra entrant without extra entrants says so."""
        value = style.cell(self.value, self.kind, 0 if self.kind == "count" else 1)
        if self.of_which is not None:
            value = style.label(N_("{n} ({viable})"), n=self.value, viable=self.of_which)
        elif not value and "per_extra_entrant" in self.key:
            value = style.label(N_("– (geen extra instromers)"))
        return {
            "key": self.key,
            "label": style.label(self.label, **self.fields),
            "value": value,
            "interval": style.interval(self.interval, euro=self.kind == "euro"),
        }


#: The run's summary figures (``Summary`` fields; their interval ``<key>_interval``).
_SUMMARY: tuple[tuple[str, str], ...] = (
    ("extra_techniek_pupils", "number"),
    ("extra_entrants_per_year", "number"),
    ("extra_entrants_total", "number"),
    ("one_off_cost", "euro"),
    ("yearly_cost", "euro"),
    ("total_cost", "euro"),
    ("cost_per_extra_entrant", "euro"),
    ("annualised_cost_per_extra_entrant", "euro"),
)
#: The uptake model's rows: key and field of ``extra["uptake"]`` (its interval
#: ``<field>_interval``).
_UPTAKE: tuple[tuple[str, str], ...] = (
    ("uptake_pupils", "extra_technical_pupils_per_leerjaar"),
    ("uptake_entrants", "extra_entrants_per_year"),
    ("uptake_diplomas", "extra_diplomas_per_year"),
)
_EXPECTED_VIABLE = N_("Uptakemodel: verwachte toevoegingen met ≥ {n} leerlingen per leerjaar")


def summary_metrics(result: ScenarioResult) -> list[Metric]:
    """The run's summary: added profiles (of which viable), the ``Summary`` figures, the
    uptake model's figures and the equivalent annual cost (when computed)."""
    s = result.summary
    labels = LABELS["scen_m"]
    out = [
        Metric(
            "additions",
            labels["additions_with_viable"],
            s.additions,
            kind="count",
            of_which=s.additions_viable,
        )
    ]
    for key, kind in _SUMMARY:
        iv = getattr(s, f"{key}_interval", None)
        out.append(Metric(key, labels[key], getattr(s, key), iv, kind))
    up = result.extra.get("uptake") or {}
    for key, name in _UPTAKE if up else ():
        out.append(Metric(key, labels[key], up[name], _interval(up[f"{name}_interval"])))
    if up and up.get("expected_viable") is not None:
        fields = {"n": up.get("viable_pupils") or 12}
        out.append(
            Metric(
                "uptake_expected_viable",
                _EXPECTED_VIABLE,
                up["expected_viable"],
                None,
                "number",
                fields=fields,
            )
        )
    costs = result.extra.get("costs")
    if costs:
        key = "equivalent_annual_cost"
        out.append(Metric(key, labels[key], costs[key], None, "euro"))
        for key in ("eac_per_extra_entrant_mnl", "eac_per_extra_entrant_uptake"):
            iv = _interval(costs.get(f"{key}_interval"))
            out.append(Metric(key, labels[key], costs[key], iv, "euro"))
    return out


def _interval(value: Any) -> Interval | None:
    """An interval from ``extra`` (``Interval``, ``[low, high]`` or None)."""
    if value is None or isinstance(value, Interval):
        return value
    return Interval(float(value[0]), float(value[1]))


# ---------------------------------------------------------------------- comparison
@dataclass(frozen=True, slots=True)
class CompareMetric:
    """A row of the comparison's summary: one value and interval per scenario, in order."""

    key: str
    label: str
    unit: str
    values: tuple[Any, ...]
    intervals: tuple[Interval | None, ...]

    def cells(self, style: Style) -> list[dict[str, str]]:
        """Per scenario its ``value`` and ``interval`` written for people (``–``: none)."""
        euro = self.unit.startswith("EUR")
        return [
            {
                "value": _compared(value, self.unit, style),
                "interval": style.interval(iv, euro=euro) if iv else "",
            }
            for value, iv in zip(self.values, self.intervals, strict=True)
        ]


def compare_metrics(comparison: Comparison) -> list[CompareMetric]:
    """The metrics of ``Comparison.summary_rows`` (``compare.METRICS``), one row each with
    the Dutch label and every scenario's value and interval (the region: its name)."""
    results = comparison.results
    return [
        CompareMetric(
            key,
            LABELS["scen_m"][key],
            unit,
            tuple(r.region_name if key == "region" else metric_value(r, key) for r in results),
            tuple(
                metric_interval(r, key) if r.draws or key.startswith("uptake") else None
                for r in results
            ),
        )
        for key, _label, unit in METRICS
    ]


def _compared(value: Any, unit: str, style: Style) -> str:
    if value is None:
        return "–"
    if isinstance(value, str) or unit == "year":
        return str(value)
    if unit.startswith("EUR"):
        return style.money(float(value))
    return style.number(float(value), 0 if unit == "count" else 1)


def compare_year_table(comparison: Comparison) -> Table:
    """Extra technical mbo entrants per year in each scenario's region (years x scenarios;
    None where a scenario's horizon does not reach)."""
    keys = [f"s{i}" for i in range(len(comparison.results))]
    columns = (
        Column("year", N_("Jaar")),
        *(
            Column(k, r.name, "number", 1, scenario=True)
            for k, r in zip(keys, comparison.results, strict=True)
        ),
    )
    rows = tuple(
        {"year": year, **dict(zip(keys, values, strict=True))}
        for year, values in extra_entrants_by_year(comparison)
    )
    return Table("years", columns, rows)
