"""The tables of the scenario pages for people, in the page's language: the builder's
locations, a run's summary, years, regions and additions, a comparison's summary and years.
The figures are the results' (``ScenarioResult``, ``Comparison``); only their display is here.
"""

from __future__ import annotations

from typing import Any

from kansrijk.l10n.monitor import N_, choice_label, t
from kansrijk.scenarios import Baseline, Comparison, ScenarioResult
from kansrijk.scenarios.compare import METRICS
from kansrijk.scenarios.comparison_years import extra_entrants_by_year
from kansrijk.scenarios.costing import viability_range
from kansrijk.scenarios.location_offer import addable_profiles, offered_profiles
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.scenario_form import TECHNICAL, BuilderForm

#: The builder lists at most this many locations (choose a smaller region for more).
MAX_LOCATION_ROWS = 150


# ---------------------------------------------------------------------- formatting
def place_name(ctx: Ctx, code: str) -> str:
    """A region's (a gemeente's) name in the page's language; unknown: the code itself."""
    return ctx.catalog.get(code).label(ctx.lang) if code in ctx.catalog else code


def money(value: float | None, lang: str) -> str:
    """``€ 2.680.324`` (nl) / ``€ 2,680,324`` (en); empty for None."""
    return "" if value is None else "€ " + fmt.number(value, lang, 0)


def num(value: float | None, lang: str, digits: int = 1) -> str:
    return "" if value is None else fmt.number(value, lang, digits)


def interval(value: Any, lang: str, digits: int = 1, *, euro: bool = False) -> str:
    """``50,4 – 63,4`` from an Interval or a [low, high] list; empty for None."""
    if value is None:
        return ""
    low, high = (value[0], value[1]) if isinstance(value, list | tuple) else (value.low, value.high)
    if euro:
        return f"{money(low, lang)} – {money(high, lang)}"
    return f"{fmt.number(low, lang, digits)} – {fmt.number(high, lang, digits)}"


def viability_label(text: str, lang: str) -> str:
    low, high = viability_range()
    if text.startswith("below"):
        return t(lang, "nee: minder dan {n}", n=f"{low:g}")
    if text.endswith("or more"):
        return t(lang, "ja: {n} of meer", n=f"{high:g}")
    return t(lang, "ja: {low}-{high}", low=f"{low:g}", high=f"{high:g}")


def pct_label(result: ScenarioResult) -> str:
    lo, hi = result.interval
    return f"P{lo:g}–P{hi:g}"


# ---------------------------------------------------------------------- builder
def builder_rows(ctx: Ctx, baseline: Baseline, form: BuilderForm) -> dict[str, Any]:
    """The builder's location table: one row per location with its technical offer, the
    profiles it lacks (the options of its 'add' select) and what the form asks for."""
    lang = ctx.lang
    offers = offered_profiles(baseline)
    addable = addable_profiles(baseline, TECHNICAL)
    adds: dict[str, list[str]] = {}
    for item in form.add:
        code, _, profile = item.partition(":")
        adds.setdefault(code, []).append(profile)
    removes = set(form.remove)
    rows = []
    for i, code in enumerate(baseline.locations):
        have = [p for p in TECHNICAL if p in offers[code]]
        lacks = [p for p in TECHNICAL if p in addable[code]]
        wanted = adds.get(code, [])
        selects = wanted or [""]
        rows.append(
            {
                "code": code,
                "name": baseline.names[i],
                "gemeente": place_name(ctx, baseline.gemeenten[i]),
                "have": [
                    {
                        "profile": p,
                        "label": fmt.category("profile", p, lang),
                        "value": f"{code}:{p}",
                        "checked": f"{code}:{p}" in removes,
                    }
                    for p in have
                ],
                "options": [
                    {"profile": p, "label": fmt.category("profile", p, lang)} for p in lacks
                ],
                "selects": selects,
                "chosen": bool(wanted) or any(f"{code}:{p}" in removes for p in have),
            }
        )
    rows.sort(key=lambda r: not r["chosen"])  # the chosen locations first (stable)
    shown = rows
    hidden = 0
    if len(rows) > MAX_LOCATION_ROWS:
        shown = [r for r in rows if r["chosen"]]
        hidden = len(rows) - len(shown)
    return {"rows": shown, "total": len(rows), "hidden": hidden, "year": baseline.year}


# ---------------------------------------------------------------------- one result
#: The run page's summary: a ``Summary`` field (its interval: the field ``<key>_interval``
#: where there is one), its label, and whether it is an amount in euro.
_SUMMARY: tuple[tuple[str, str, bool], ...] = (
    ("extra_techniek_pupils", N_("Extra leerlingen in een techniekprofiel (leerjaar 3-4)"), False),
    ("extra_entrants_per_year", N_("Extra instromers in technisch mbo per jaar"), False),
    ("extra_entrants_total", N_("Extra instromers in technisch mbo over de looptijd"), False),
    ("one_off_cost", N_("Eenmalige kosten"), True),
    ("yearly_cost", N_("Jaarlijkse kosten (laatste jaar)"), True),
    ("total_cost", N_("Totale kosten over de looptijd"), True),
    ("cost_per_extra_entrant", N_("Kosten per extra instromer"), True),
    (
        "annualised_cost_per_extra_entrant",
        N_("Kosten per extra instromer (per jaar gerekend)"),
        True,
    ),
)
#: Rows of the uptake model: the key of their label and their field in ``extra["uptake"]``.
_UPTAKE = (
    ("uptake_pupils", "extra_technical_pupils_per_leerjaar"),
    ("uptake_entrants", "extra_entrants_per_year"),
    ("uptake_diplomas", "extra_diplomas_per_year"),
)


def _row(key: str, label: str, value: Any, iv: Any, lang: str, *, euro: bool) -> dict[str, str]:
    """A summary row; a cost per extra entrant without extra entrants says so."""
    shown = money(value, lang) if euro else num(value, lang)
    if not shown and "per_extra_entrant" in key:
        shown = t(lang, "– (geen extra instromers)")
    return {"key": key, "label": label, "value": shown, "interval": interval(iv, lang, euro=euro)}


def summary_rows(result: ScenarioResult, lang: str) -> list[dict[str, str]]:
    """The run page's summary table: label, value, interval; then the uptake model's rows
    and the equivalent annual cost (when computed)."""
    s = result.summary
    out = [
        {
            "key": "additions",
            "label": t(lang, "Toegevoegde profielen (waarvan levensvatbaar)"),
            "value": t(lang, "{n} ({viable})", n=s.additions, viable=s.additions_viable),
            "interval": "",
        }
    ]
    for key, label, euro in _SUMMARY:
        iv = getattr(s, f"{key}_interval", None)
        out.append(_row(key, t(lang, label), getattr(s, key), iv, lang, euro=euro))
    up = result.extra.get("uptake") or {}
    for key, field in _UPTAKE if up else ():
        label = choice_label(lang, "scen_m", key)
        out.append(_row(key, label, up[field], up[f"{field}_interval"], lang, euro=False))
    costs = result.extra.get("costs")
    if costs:
        label = t(lang, "Equivalente jaarlijkse kosten")
        out.append(
            _row(
                "equivalent_annual_cost",
                label,
                costs["equivalent_annual_cost"],
                None,
                lang,
                euro=True,
            )
        )
        for key in ("eac_per_extra_entrant_mnl", "eac_per_extra_entrant_uptake"):
            label = choice_label(lang, "scen_m", key)
            iv = costs.get(f"{key}_interval")
            out.append(_row(key, label, costs[key], iv, lang, euro=True))
    return out


def eac_note(result: ScenarioResult, lang: str) -> str:
    """The cost convention of the page, in the page's language."""
    costs = result.extra.get("costs")
    if not costs:
        return ""
    return t(
        lang,
        "Kosten per extra instromer: equivalente jaarlijkse kosten "
        "(eenmalige kosten verdeeld over de levensduur: gebouw {building} "
        "jaar, inrichting {furnishing} jaar, disconteringsvoet {rate}%, plus "
        "de jaarlijkse kosten) per extra instromer in technisch mbo per "
        "jaar, in de stabiele situatie; prijspeil Oberon (2024).",
        rate=fmt.number(100 * costs["discount_rate"], lang, 2),
        building=f"{costs['building_life']:g}",
        furnishing=f"{costs['furnishing_life']:g}",
    )


def year_rows(result: ScenarioResult, lang: str) -> list[dict[str, Any]]:
    """The scenario region per year."""
    return [
        {
            "year": y.year,
            "techniek_baseline": num(y.techniek_baseline, lang, 0),
            "techniek_scenario": num(y.techniek_scenario, lang, 0),
            "entrants_baseline": num(y.entrants_baseline, lang),
            "entrants_scenario": num(y.entrants_scenario, lang),
            "extra_entrants": num(y.extra_entrants, lang),
            "extra_entrants_raw": y.extra_entrants,
            "interval": interval(y.extra_entrants_interval, lang),
            "one_off_cost": money(y.one_off_cost, lang),
            "yearly_cost": money(y.yearly_cost, lang),
        }
        for y in result.year_rows()
    ]


def region_rows(ctx: Ctx, result: ScenarioResult) -> list[dict[str, str]]:
    """The scenario region and its report regions: extra entrants in the last year and over
    the horizon (empty with a single region)."""
    lang = ctx.lang
    codes = list(dict.fromkeys(y.region for y in result.years))
    if len(codes) < 2:
        return []
    out = []
    for code in codes:
        rows = result.year_rows(code)
        last = rows[-1]
        out.append(
            {
                "code": code,
                "name": place_name(ctx, code),
                "last": num(last.extra_entrants, lang),
                "last_interval": interval(last.extra_entrants_interval, lang),
                "total": num(sum(r.extra_entrants for r in rows), lang),
            }
        )
    return out


def addition_rows(ctx: Ctx, result: ScenarioResult) -> list[dict[str, Any]]:
    lang = ctx.lang
    out = []
    for a in result.additions:
        out.append(
            {
                "location": a.location,
                "url": f"/location/{a.location}",
                "name": a.name,
                "gemeente": place_name(ctx, a.gemeente),
                "profile": a.profile,
                "profile_label": fmt.category("profile", a.profile, lang),
                "leerwegen": ", ".join(a.leerwegen),
                "from_year": a.from_year,
                "pupils": num(a.pupils, lang),
                "per_leerjaar": num(a.per_leerjaar, lang),
                "per_leerjaar_interval": interval(a.per_leerjaar_interval, lang),
                "viability": viability_label(a.viability, lang),
                "viable": not a.viability.startswith("below"),
                "one_off_cost": money(a.one_off_cost, lang),
                "yearly_cost": money(a.yearly_cost, lang),
                "uptake": num(a.uptake_per_leerjaar, lang)
                if a.uptake_per_leerjaar is not None
                else "",
                "uptake_interval": interval(a.uptake_interval, lang),
                "p_viable": "" if a.p_viable is None else f"{100 * a.p_viable:.0f}%",
                "flags": ", ".join(choice_label(lang, "scen_flag", f) for f in a.flags),
                "comparable": "comparable_schools" in a.flags,
                "viable_n": a.viable_pupils or 12,
                "eac": money(a.equivalent_annual_cost, lang)
                if a.equivalent_annual_cost is not None
                else "",
                "eac_note": eac_note(result, lang),
            }
        )
    return out


# ---------------------------------------------------------------------- comparison
def _display(value: Any, unit: str, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return interval(value, lang, euro=unit.startswith("EUR"))
    if isinstance(value, str) or unit == "year":
        return str(value)
    if unit.startswith("EUR"):
        return money(float(value), lang)
    if unit == "count":
        return fmt.number(float(value), lang, 0)
    return fmt.number(float(value), lang, 1)


def compare_rows(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    """The summary of ``Comparison.summary_rows()`` for people: one row per metric (label in
    the page's language), one cell per scenario with its interval under it."""
    rows = comparison.summary_rows()
    by_label = {r["metric"]: r for r in rows}
    out = []
    for key, label, unit in METRICS:
        row = by_label[label]
        iv = next((r for r in rows if r["metric"].startswith(label + " (interval")), None)
        cells = []
        for res in comparison.results:
            value = res.region_name if key == "region" else row[res.name]
            cells.append(
                {
                    "value": _display(value, unit, lang),
                    "interval": _display(iv[res.name], unit, lang) if iv else "",
                }
            )
        out.append({"key": key, "label": choice_label(lang, "scen_m", key), "cells": cells})
    return out


def compare_year_rows(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    """Extra entrants per year of each scenario's region (years x scenarios)."""
    return [
        {"year": year, "cells": ["" if v is None else num(v, lang) for v in values]}
        for year, values in extra_entrants_by_year(comparison)
    ]
