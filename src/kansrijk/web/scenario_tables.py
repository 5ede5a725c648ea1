"""The tables of the scenario pages for people, in the page's language: the builder's
locations, a run's summary, years, regions and additions, a comparison's summary and years.
The figures are the results' (``ScenarioResult``, ``Comparison``); only their display is here.
"""

from __future__ import annotations

from typing import Any

from kansrijk.scenarios import Baseline, Comparison, ScenarioResult
from kansrijk.scenarios.compare import METRICS
from kansrijk.scenarios.costing import viability_range
from kansrijk.scenarios.location_offer import addable_profiles, offered_profiles
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.i18n import choice_label, t
from kansrijk.web.scenario_form import TECHNICAL, BuilderForm

#: The builder lists at most this many locations (choose a smaller region for more).
MAX_LOCATION_ROWS = 150


# ---------------------------------------------------------------------- formatting
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
        gm = baseline.gemeenten[i]
        gm_name = ctx.catalog.get(gm).name if gm in ctx.catalog else gm
        have = [p for p in TECHNICAL if p in offers[code]]
        lacks = [p for p in TECHNICAL if p in addable[code]]
        wanted = adds.get(code, [])
        selects = wanted or [""]
        rows.append(
            {
                "code": code,
                "name": baseline.names[i],
                "gemeente": gm_name,
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
def summary_rows(result: ScenarioResult, lang: str) -> list[dict[str, str]]:
    """The run page's summary table: label, value, interval."""
    s = result.summary
    return [
        {
            "key": "additions",
            "label": t(lang, "Toegevoegde profielen (waarvan levensvatbaar)"),
            "value": t(lang, "{n} ({viable})", n=s.additions, viable=s.additions_viable),
            "interval": "",
        },
        {
            "key": "extra_techniek_pupils",
            "label": t(lang, "Extra leerlingen in een techniekprofiel (leerjaar 3-4)"),
            "value": num(s.extra_techniek_pupils, lang),
            "interval": interval(s.extra_techniek_pupils_interval, lang),
        },
        {
            "key": "extra_entrants_per_year",
            "label": t(lang, "Extra instromers in technisch mbo per jaar"),
            "value": num(s.extra_entrants_per_year, lang),
            "interval": interval(s.extra_entrants_per_year_interval, lang),
        },
        {
            "key": "extra_entrants_total",
            "label": t(lang, "Extra instromers in technisch mbo over de looptijd"),
            "value": num(s.extra_entrants_total, lang),
            "interval": interval(s.extra_entrants_total_interval, lang),
        },
        {
            "key": "one_off_cost",
            "label": t(lang, "Eenmalige kosten"),
            "value": money(s.one_off_cost, lang),
            "interval": "",
        },
        {
            "key": "yearly_cost",
            "label": t(lang, "Jaarlijkse kosten (laatste jaar)"),
            "value": money(s.yearly_cost, lang),
            "interval": "",
        },
        {
            "key": "total_cost",
            "label": t(lang, "Totale kosten over de looptijd"),
            "value": money(s.total_cost, lang),
            "interval": "",
        },
        {
            "key": "cost_per_extra_entrant",
            "label": t(lang, "Kosten per extra instromer"),
            "value": money(s.cost_per_extra_entrant, lang) or t(lang, "– (geen extra instromers)"),
            "interval": interval(s.cost_per_extra_entrant_interval, lang, euro=True),
        },
        {
            "key": "annualised_cost_per_extra_entrant",
            "label": t(lang, "Kosten per extra instromer (per jaar gerekend)"),
            "value": money(s.annualised_cost_per_extra_entrant, lang)
            or t(lang, "– (geen extra instromers)"),
            "interval": "",
        },
        *_model_rows(result, lang),
    ]


def _model_rows(result: ScenarioResult, lang: str) -> list[dict[str, str]]:
    """Rows of the uptake model and the equivalent annual cost (when computed)."""
    out: list[dict[str, str]] = []
    up = result.extra.get("uptake")
    if up:
        for key, field in (
            ("uptake_pupils", "extra_technical_pupils_per_leerjaar"),
            ("uptake_entrants", "extra_entrants_per_year"),
            ("uptake_diplomas", "extra_diplomas_per_year"),
        ):
            out.append(
                {
                    "key": key,
                    "label": choice_label(lang, "scen_m", key),
                    "value": num(up[field], lang),
                    "interval": interval(up[f"{field}_interval"], lang),
                }
            )
    costs = result.extra.get("costs")
    if costs:
        out.append(
            {
                "key": "equivalent_annual_cost",
                "label": t(lang, "Equivalente jaarlijkse kosten"),
                "value": money(costs["equivalent_annual_cost"], lang),
                "interval": "",
            }
        )
        for key in ("eac_per_extra_entrant_mnl", "eac_per_extra_entrant_uptake"):
            iv = costs.get(f"{key}_interval")
            out.append(
                {
                    "key": key,
                    "label": choice_label(lang, "scen_m", key),
                    "value": money(costs[key], lang) or t(lang, "– (geen extra instromers)"),
                    "interval": interval(iv, lang, euro=True) if iv else "",
                }
            )
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
        region = ctx.catalog.get(code) if code in ctx.catalog else None
        name = region.label(lang) if region else code
        out.append(
            {
                "code": code,
                "name": name,
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
        gm = ctx.catalog.get(a.gemeente).name if a.gemeente in ctx.catalog else a.gemeente
        out.append(
            {
                "location": a.location,
                "url": f"/location/{a.location}",
                "name": a.name,
                "gemeente": gm,
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
    years = sorted({y.year for r in comparison.results for y in r.year_rows()})
    out = []
    for year in years:
        cells = []
        for res in comparison.results:
            row = next((y for y in res.year_rows() if y.year == year), None)
            cells.append("" if row is None else num(row.extra_entrants, lang))
        out.append({"year": year, "cells": cells})
    return out
