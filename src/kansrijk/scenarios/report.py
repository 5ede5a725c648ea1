"""A scenario result and a comparison as tables for people, one definition for the CLI and
the web: every row has a stable key, every label and header is its Dutch text (a msgid of
the monitor's catalogue, ``N_``), and every value and interval is a number, in the result's
order. ``Style`` writes them in a language (``l10n.monitor.t``; figures through Babel,
``l10n.format_number``): the web pages in the page's language, ``kansrijk scenario run`` and
``compare`` in English (with ``EUR`` before amounts, which the CLI aligns as figures).

The figures are the results' (``ScenarioResult``, ``Comparison``); nothing is computed here
but sums over a region's years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kansrijk.l10n import format_number
from kansrijk.l10n.monitor import LABELS, N_, choice_label, scenario_name, t
from kansrijk.scenarios.compare import METRICS, Comparison, metric_interval, metric_value
from kansrijk.scenarios.comparison_years import extra_entrants_by_year
from kansrijk.scenarios.costing import viability_range
from kansrijk.scenarios.result import Interval, ScenarioResult

__all__ = [
    "MARGIN",
    "OUTCOME",
    "VALUE",
    "Column",
    "CompareMetric",
    "Metric",
    "Style",
    "Table",
    "addition_table",
    "compare_metrics",
    "compare_year_table",
    "pct_label",
    "region_table",
    "summary_metrics",
    "year_table",
]

#: How a value reads: ``text`` as it is; ``number`` with ``digits`` decimals; ``euro`` a
#: whole amount in euro; ``percent`` a share (0-1) as a whole percentage; ``viability`` a
#: ``scenarios.costing`` class (``below 12`` ...); ``flags`` an addition's flags.
KINDS = ("text", "number", "euro", "percent", "viability", "flags")


@dataclass(frozen=True, slots=True)
class Style:
    """How figures and labels read for people in ``lang``: ``euro`` before amounts
    (``€ 2.680.324``; the CLI writes ``EUR 2,680,324``) and ``dash`` between an interval's
    bounds."""

    lang: str
    euro: str = "€ "
    dash: str = " – "

    def label(self, msgid: str, /, **values: object) -> str:
        return t(self.lang, msgid, **values)

    def number(self, value: float | None, digits: int = 1) -> str:
        return "" if value is None else format_number(value, self.lang, digits)

    def money(self, value: float | None) -> str:
        return "" if value is None else self.euro + format_number(value, self.lang, 0)

    def interval(self, value: Interval | None, digits: int = 1, *, euro: bool = False) -> str:
        """``50,4 – 63,4``; empty for None."""
        if value is None:
            return ""
        if euro:
            return self.money(value.low) + self.dash + self.money(value.high)
        return self.number(value.low, digits) + self.dash + self.number(value.high, digits)

    def viability(self, text: str) -> str:
        """``below 12`` / ``12-18`` / ``18 or more`` (``scenarios.costing``) for people."""
        low, high = viability_range()
        if text.startswith("below"):
            return self.label(N_("nee: minder dan {n}"), n=f"{low:g}")
        if text.endswith("or more"):
            return self.label(N_("ja: {n} of meer"), n=f"{high:g}")
        return self.label(N_("ja: {low}-{high}"), low=f"{low:g}", high=f"{high:g}")

    def flags(self, flags: Sequence[str]) -> str:
        known = LABELS["scen_flag"]
        return ", ".join(
            choice_label(self.lang, "scen_flag", f) if f in known else f for f in flags
        )

    def cell(self, value: Any, kind: str, digits: int = 1) -> str:
        """A value of a column of ``kind`` (see ``KINDS``); empty for None."""
        if value is None:
            return ""
        if isinstance(value, Interval):
            return self.interval(value, digits, euro=kind == "euro")
        if kind == "number":
            return self.number(float(value), digits)
        if kind == "euro":
            return self.money(float(value))
        if kind == "percent":
            return self.number(100 * float(value), 0) + "%"
        if kind == "viability":
            return self.viability(str(value))
        if kind == "flags":
            return self.flags(value)
        return str(value)


def pct_label(result: ScenarioResult) -> str:
    """``P5–P95``: the percentiles of the result's intervals."""
    lo, hi = result.interval
    return f"P{lo:g}–P{hi:g}"


# ---------------------------------------------------------------------- tables
@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key, its Dutch header (a msgid; ``scenario`` columns are headed by a
    scenario's name, shown through ``l10n.monitor.scenario_name``) and how its values read."""

    key: str
    label: str
    kind: str = "text"
    digits: int = 1
    scenario: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """Rows (dicts of values: numbers, ``Interval``, codes) under columns; ``fields`` fill
    the headers' placeholders (``Marge ({pct})``)."""

    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    fields: Mapping[str, object] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def select(self, keys: Sequence[str]) -> Table:
        """The table with only the columns ``keys``, in that order."""
        by_key = {c.key: c for c in self.columns}
        return replace(self, columns=tuple(by_key[k] for k in keys))

    def headers(self, style: Style) -> list[str]:
        return [
            scenario_name(style.lang, c.label)
            if c.scenario
            else style.label(c.label, **self.fields)
            for c in self.columns
        ]

    def texts(self, style: Style) -> list[dict[str, str]]:
        """Every row with its values written for people (keys as the columns')."""
        return [
            {c.key: style.cell(row.get(c.key), c.kind, c.digits) for c in self.columns}
            for row in self.rows
        ]


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
        Column("entrants_baseline", N_("Instromers mbo zonder"), "number"),
        Column("entrants_scenario", N_("Instromers mbo met"), "number"),
        Column("extra_entrants", N_("Extra instromers"), "number"),
        Column("interval", MARGIN, "number"),
        Column("one_off_cost", N_("Eenmalige kosten"), "euro"),
        Column("yearly_cost", N_("Jaarlijkse kosten"), "euro"),
    )
    rows = _rows(result.year_rows(region), columns, {"interval": "extra_entrants_interval"})
    return Table(columns, rows, {"pct": pct_label(result)})


def region_table(result: ScenarioResult) -> Table:
    """The scenario region and its report regions: extra entrants in the last year (with
    its interval) and over the horizon; no rows with a single region."""
    h0, h1 = result.horizon
    columns = (
        Column("code", N_("Regio")),
        Column("last", N_("Extra instromers in {year}"), "number"),
        Column("last_interval", MARGIN, "number"),
        Column("total", N_("Extra instromers {horizon}"), "number"),
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
    return Table(columns, tuple(rows), fields)


def addition_table(result: ScenarioResult) -> Table:
    """Every added profile (steady state): pupils per leerjaar from the choice model with
    its interval and viability, the uptake model's prediction, range and chance of a
    viable group, flags and costs."""
    viable_n = next((a.viable_pupils for a in result.additions if a.viable_pupils), 12)
    columns = (
        Column("location", N_("Locatiecode")),
        Column("name", N_("Naam")),
        Column("gemeente", N_("Gemeente")),
        Column("profile", N_("Profiel")),
        Column("leerwegen", N_("Leerwegen")),
        Column("from_year", N_("Vanaf schooljaar")),
        Column("per_leerjaar", N_("Leerlingen per leerjaar"), "number"),
        Column("per_leerjaar_interval", MARGIN, "number"),
        Column("viability", N_("Levensvatbaar?"), "viability"),
        Column("uptake", N_("Leerlingen per leerjaar (uptakemodel)"), "number"),
        Column("uptake_interval", N_("90%-bereik"), "number"),
        Column("p_viable", N_("Kans op ≥ {n} per leerjaar"), "percent"),
        Column("flags", N_("Kenmerken"), "flags"),
        Column("one_off_cost", N_("Eenmalige kosten"), "euro"),
        Column("yearly_cost", N_("Jaarlijkse kosten"), "euro"),
        Column("eac", N_("Equivalente jaarkosten"), "euro"),
    )
    rows = _rows(result.additions, columns, _ADDITION_FIELDS)
    rows = tuple({**row, "leerwegen": ", ".join(row["leerwegen"])} for row in rows)
    return Table(columns, rows, {"pct": pct_label(result), "n": viable_n})


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
            Column(k, r.name, "number", scenario=True)
            for k, r in zip(keys, comparison.results, strict=True)
        ),
    )
    rows = tuple(
        {"year": year, **dict(zip(keys, values, strict=True))}
        for year, values in extra_entrants_by_year(comparison)
    )
    return Table(columns, rows)
