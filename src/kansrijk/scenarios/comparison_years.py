"""Extra technical mbo entrants per year in each compared scenario's region: the years x
scenarios table that ``kansrijk scenario compare`` prints and the compare page shows."""

from __future__ import annotations

from kansrijk.scenarios.compare import Comparison

__all__ = ["extra_entrants_by_year"]


def extra_entrants_by_year(comparison: Comparison) -> list[tuple[int, list[float | None]]]:
    """One row per year any scenario projects: the year and, per scenario in order, the
    extra entrants in its region that year (None where its horizon does not reach)."""
    per = [{y.year: y.extra_entrants for y in r.year_rows()} for r in comparison.results]
    years = sorted({year for p in per for year in p})
    return [(year, [p.get(year) for p in per]) for year in years]
