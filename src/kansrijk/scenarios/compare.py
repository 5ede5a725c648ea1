"""Side-by-side comparison of up to four scenario results; export to JSON and XLSX.

Every table carries the scenario names: the summary has one column per scenario, the
long tables (years, additions, notes) a ``scenario`` column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kansrijk.errors import Message
from kansrijk.scenarios.errors import ScenarioError
from kansrijk.scenarios.result import Interval, ScenarioResult

#: At most this many scenarios side by side.
MAX_SCENARIOS = 4

#: Summary metrics: (key, label, unit).
METRICS: tuple[tuple[str, str, str], ...] = (
    ("region", "region", ""),
    ("baseline_year", "baseline year (data)", "year"),
    ("horizon", "horizon", "years"),
    ("additions", "profiles added", "count"),
    ("additions_viable", "added profiles with >= 12 pupils per leerjaar", "count"),
    ("extra_techniek_pupils", "extra pupils in techniek profiles (leerjaar 3-4)", "pupils"),
    ("extra_entrants_per_year", "extra technical mbo entrants per year (incl. ICT)", "pupils"),
    ("extra_entrants_total", "extra technical mbo entrants over the horizon", "pupils"),
    ("one_off_cost", "one-off costs", "EUR"),
    ("yearly_cost", "yearly costs (last year)", "EUR per year"),
    ("total_cost", "total cost over the horizon", "EUR"),
    ("cost_per_extra_entrant", "cost per extra entrant (horizon)", "EUR"),
    ("annualised_cost_per_extra_entrant", "cost per extra entrant (annualised)", "EUR"),
    ("equivalent_annual_cost", "equivalent annual cost", "EUR per year"),
    ("eac_per_extra_entrant_mnl", "EAC per extra entrant per year (choice model)", "EUR"),
    ("eac_per_extra_entrant_uptake", "EAC per extra entrant per year (uptake model)", "EUR"),
    ("uptake_pupils", "uptake model: extra technical pupils per leerjaar", "pupils"),
    ("uptake_entrants", "uptake model: extra technical mbo entrants per year", "pupils"),
    ("uptake_diplomas", "uptake model: extra technical mbo diplomas per year", "pupils"),
)
#: Metrics of the equivalent annual cost (``ScenarioResult.extra['costs']``).
_COSTS = frozenset(
    {"equivalent_annual_cost", "eac_per_extra_entrant_mnl", "eac_per_extra_entrant_uptake"}
)
#: Metrics of the uptake model (``ScenarioResult.extra['uptake']``): key -> field.
_UPTAKE: dict[str, str] = {
    "uptake_pupils": "extra_technical_pupils_per_leerjaar",
    "uptake_entrants": "extra_entrants_per_year",
    "uptake_diplomas": "extra_diplomas_per_year",
}

#: Summary metrics with an interval from the draws: key -> its ``Summary`` field.
_INTERVALS: dict[str, str] = {
    "extra_techniek_pupils": "extra_techniek_pupils_interval",
    "extra_entrants_per_year": "extra_entrants_per_year_interval",
    "extra_entrants_total": "extra_entrants_total_interval",
    "cost_per_extra_entrant": "cost_per_extra_entrant_interval",
}


def _fmt_interval(value: Interval | None) -> list[float] | None:
    return None if value is None else value.to_list()


@dataclass(frozen=True)
class Comparison:
    """Results of several scenarios, in the order given."""

    results: tuple[ScenarioResult, ...]

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.results]

    def summary_rows(self) -> list[dict[str, Any]]:
        """One row per metric: ``metric``, ``unit`` and one value per scenario name.

        Interval metrics add a row ``... (interval)`` with ``[low, high]`` per scenario.
        """
        rows = []
        for key, label, unit in METRICS:
            row: dict[str, Any] = {"metric": label, "unit": unit}
            for r in self.results:
                row[r.name] = metric_value(r, key)
            rows.append(row)
            if key in _UPTAKE:
                label_iv = f"{label} (interval P5-P95)"
                urow: dict[str, Any] = {"metric": label_iv, "unit": unit}
                for r in self.results:
                    urow[r.name] = _uptake(r, f"{_UPTAKE[key]}_interval")
                rows.append(urow)
            if key in _INTERVALS and any(r.draws for r in self.results):
                irow: dict[str, Any] = {"metric": f"{label} ({_pct(self.results)})", "unit": unit}
                for r in self.results:
                    irow[r.name] = _fmt_interval(getattr(r.summary, _INTERVALS[key]))
                rows.append(irow)
        return rows

    def year_rows(self) -> list[dict[str, Any]]:
        """Per scenario, region and year: techniek pupils, entrants and costs."""
        out = []
        for res in self.results:
            for y in res.years:
                out.append(
                    {
                        "scenario": res.name,
                        "region": y.region,
                        "year": y.year,
                        "techniek_baseline": y.techniek_baseline,
                        "techniek_scenario": y.techniek_scenario,
                        "extra_techniek": y.extra_techniek,
                        "techniek_ict_scenario": y.techniek_ict_scenario,
                        "extra_techniek_ict": y.extra_techniek_ict,
                        "entrants_baseline": y.entrants_baseline,
                        "entrants_scenario": y.entrants_scenario,
                        "extra_entrants": y.extra_entrants,
                        "extra_entrants_low": _lo(y.extra_entrants_interval),
                        "extra_entrants_high": _hi(y.extra_entrants_interval),
                        "extra_entrants_excl_ict": y.extra_entrants_excl_ict,
                        "one_off_cost": y.one_off_cost,
                        "yearly_cost": y.yearly_cost,
                    }
                )
        return out

    def addition_rows(self) -> list[dict[str, Any]]:
        out = []
        for res in self.results:
            for a in res.additions:
                out.append(
                    {
                        "scenario": res.name,
                        "location": a.location,
                        "name": a.name,
                        "gemeente": a.gemeente,
                        "profile": a.profile,
                        "leerwegen": ", ".join(a.leerwegen),
                        "from_year": a.from_year,
                        "pupils": a.pupils,
                        "guest_pupils": a.guest_pupils,
                        "per_leerjaar": a.per_leerjaar,
                        "per_leerjaar_low": _lo(a.per_leerjaar_interval),
                        "per_leerjaar_high": _hi(a.per_leerjaar_interval),
                        "viability": a.viability,
                        "one_off_cost": a.one_off_cost,
                        "yearly_cost": a.yearly_cost,
                        "equivalent_annual_cost": a.equivalent_annual_cost,
                        "uptake_model": a.uptake_model,
                        "uptake_per_leerjaar": a.uptake_per_leerjaar,
                        "uptake_low": _lo(a.uptake_interval),
                        "uptake_high": _hi(a.uptake_interval),
                        "p_viable": a.p_viable,
                        "viable_pupils": a.viable_pupils,
                        "flags": ", ".join(a.flags),
                        "uptake_extra_entrants_per_year": a.extra_entrants_per_year,
                    }
                )
        return out

    def note_rows(self) -> list[dict[str, Any]]:
        return [{"scenario": r.name, "note": n} for r in self.results for n in r.notes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "scenarios": self.names,
            "fictional": any(r.fictional for r in self.results),
            "summary": self.summary_rows(),
            "years": self.year_rows(),
            "additions": self.addition_rows(),
            "results": [r.to_dict() for r in self.results],
        }

    def write_xlsx(self, path: str | Path, lang: str = "en") -> None:
        """The workbook of ``scenarios.files.xlsx_bytes`` (summary, years, additions and
        notes; the scenario names in every sheet) in ``lang``, written to ``path``."""
        from kansrijk.scenarios.files import xlsx_bytes

        Path(path).write_bytes(xlsx_bytes(self, lang))


def compare(results: Sequence[ScenarioResult]) -> Comparison:
    """Compare 1-4 results; scenario names must differ (they head the columns)."""
    if not results:
        raise ScenarioError(Message("nothing to compare: give one to four scenarios"))
    if len(results) > MAX_SCENARIOS:
        raise ScenarioError(
            Message(
                "at most {most} scenarios side by side; found {found}",
                most=MAX_SCENARIOS,
                found=len(results),
            )
        )
    names = [r.name for r in results]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ScenarioError(
            Message(
                "scenario names must differ to head the columns; found duplicates {dupes}",
                dupes=dupes,
            )
        )
    return Comparison(tuple(results))


def metric_value(r: ScenarioResult, key: str) -> Any:
    """The value of a summary metric (a key of ``METRICS``) in a result; None where the
    result has none (no uptake model, no equivalent annual cost)."""
    if key == "region":
        return r.region
    if key == "baseline_year":
        return r.baseline_year
    if key == "horizon":
        return f"{r.horizon[0]}-{r.horizon[1]}"
    if key in _UPTAKE:
        return _uptake(r, _UPTAKE[key])
    if key in _COSTS:
        costs = r.extra.get("costs")
        return None if not costs else costs.get(key)
    return getattr(r.summary, key)


def metric_interval(r: ScenarioResult, key: str) -> Interval | None:
    """The interval of a summary metric in a result: the uptake model's prediction range,
    or the draws' interval of the four summary figures that have one; else None."""
    if key in _UPTAKE:
        pair = _uptake(r, f"{_UPTAKE[key]}_interval")
        return None if pair is None else Interval(float(pair[0]), float(pair[1]))
    if key in _INTERVALS:
        value: Interval | None = getattr(r.summary, _INTERVALS[key])
        return value
    return None


def _uptake(r: ScenarioResult, field: str) -> Any:
    up = r.extra.get("uptake")
    return None if not up else up.get(field)


def _pct(results: Sequence[ScenarioResult]) -> str:
    lo, hi = results[0].interval
    return f"interval P{lo:g}-P{hi:g}"


def _lo(v: Interval | None) -> float | None:
    return None if v is None else v.low


def _hi(v: Interval | None) -> float | None:
    return None if v is None else v.high
