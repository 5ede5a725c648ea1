"""Running scenarios for the web pages (cached per canonical scenario) and the data of the
scenario pages: the builder's locations, a run's tables, a comparison's tables and exports.

Runs go through ``kansrijk.scenarios.run`` and ``compare`` — the functions behind
``kansrijk scenario run`` / ``compare`` — so the JSON twins are the CLI's ``--json``
documents. Results are kept in an LRU per (scenario as canonical JSON, draws, seed): the
warehouse is read-only while serving, so a result never goes stale.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from kansrijk.errors import InputError, Message, UnknownRegionError, message_of
from kansrijk.scenarios import (
    DEFAULT_SEED,
    MAX_SCENARIOS,
    Baseline,
    Comparison,
    Parameters,
    Scenario,
    ScenarioDataError,
    ScenarioError,
    ScenarioResult,
    run,
)
from kansrijk.scenarios.compare import METRICS
from kansrijk.scenarios.costing import viability_range
from kansrijk.web import format as fmt
from kansrijk.web.cache import LruCache
from kansrijk.web.deps import Ctx
from kansrijk.web.i18n import N_, choice_label, t
from kansrijk.web.limits import RunGate, check_work
from kansrijk.web.scenario_form import (
    DEFAULT_DRAWS,
    PRESET_PREFIX,
    TECHNICAL,
    BuilderForm,
    BuiltScenario,
    FieldError,
    ScenarioFormError,
    build_scenario,
    location_addable,
    location_offers,
    run_error,
)
from kansrijk.web.scenario_presets import check_spec, web_preset, web_presets
from kansrijk.web.state import WebState

log = logging.getLogger("kansrijk.web")

#: The builder lists at most this many locations (choose a smaller region for more).
MAX_LOCATION_ROWS = 150


# ---------------------------------------------------------------------- running
def results_cache(state: WebState) -> LruCache[ScenarioResult]:
    """The app's scenario results (LRU of ``scenario_cache_size``)."""
    size = state.settings.scenario_cache_size
    cache: LruCache[ScenarioResult] = state.views.get_or_make(
        ("scenario-results",), lambda: LruCache(size)
    )
    return cache


def _results(ctx: Ctx) -> LruCache[ScenarioResult]:
    return results_cache(ctx.state)


def scenario_key(scenario: Scenario, draws: int, seed: int = DEFAULT_SEED) -> tuple[str, int, int]:
    """The cache key of a run: the scenario as canonical JSON, the draws and the seed."""
    return (scenario.model_dump_json(), draws, seed)


def _gate(ctx: Ctx) -> RunGate:
    gate: RunGate = ctx.request.app.state.scenario_gate
    return gate


def run_scenario(ctx: Ctx, scenario: Scenario, draws: int) -> ScenarioResult:
    """``kansrijk.scenarios.run`` through the LRU (one run per canonical scenario), within
    the web limits: its cost (locations x draws) checked first, then computed by the app's
    :class:`~kansrijk.web.limits.RunGate` (bounded workers and waits) on its own cursor.

    Raises:
        LimitError: over the work budget (400) or no worker / no result in time (503).
    """
    cache = _results(ctx)
    key = scenario_key(scenario, draws)
    found = cache.get(key)
    if found is not None:
        return found
    settings = ctx.state.settings
    try:
        n_locations = len(builder_baseline(ctx, scenario.region).locations)
    except (UnknownRegionError, ScenarioDataError):
        n_locations = 1  # the run itself reports the region
    check_work(n_locations, draws, settings)
    compute = _computation(ctx.state, scenario, draws)
    return _gate(ctx).run_sync(lambda: cache.get_or_make(key, compute))


def _computation(state: WebState, scenario: Scenario, draws: int) -> Callable[[], ScenarioResult]:
    """The run of ``scenario`` on a cursor of its own."""
    root = state.warehouse
    catalog = state.catalog

    def compute() -> ScenarioResult:
        cursor = root.cursor()  # the request's cursor may be closed before a late run ends
        try:
            return run(scenario, cursor, catalog, draws=draws, seed=DEFAULT_SEED)
        finally:
            cursor.close()

    return compute


def warm_presets(state: WebState, gate: RunGate) -> threading.Thread:
    """Run the presets at the default draws, one after the other, in a background thread
    through the gate (``kansrijk serve`` does at startup): the first visitor of a preset, and
    the first run of any scenario (it needs the choice models, estimated once), need not
    wait. One worker at a time, so visitors keep the others; a refusal is only logged."""
    cache = results_cache(state)

    def warm() -> None:
        for name, scenario in web_presets(demo=state.demo):
            compute = _computation(state, scenario, DEFAULT_DRAWS)
            key = scenario_key(scenario, DEFAULT_DRAWS)
            try:
                gate.run_sync(functools.partial(cache.get_or_make, key, compute))
            except Exception as exc:  # noqa: BLE001 - a warm-up never stops the server
                log.warning("warming the preset %s failed: %s", name, exc)

    thread = threading.Thread(target=warm, name="kansrijk-warm-presets", daemon=True)
    thread.start()
    return thread


def builder_baseline(ctx: Ctx, region_code: str | None) -> Baseline:
    """The baseline the builder lists and validates against: the region (default: the app's)
    in the newest loaded year (cached).

    Raises:
        UnknownRegionError: unknown region; ScenarioDataError: no data or no locations.
    """
    region = ctx.region(region_code)
    year = ctx.state.newest_year("vo_enrollment")
    if year is None:
        raise ScenarioDataError(
            Message("no vmbo enrollment in the warehouse; ingest DUO files or run `kansrijk demo`")
        )
    baseline: Baseline = ctx.state.views.get_or_make(
        ("scenario-baseline", region.code, year),
        lambda: Baseline.from_warehouse(ctx.wh, ctx.catalog, region.code, year),
    )
    return baseline


@dataclass(frozen=True, slots=True)
class Resolved:
    """A scenario to run: from a preset or from the builder (normalised form)."""

    scenario: Scenario
    preset: str | None = None
    form: BuilderForm | None = None
    built: BuiltScenario | None = None

    @property
    def spec(self) -> str:
        """The compare spec: ``preset:NAME`` or ``built:<base64url>``."""
        if self.preset is not None:
            return PRESET_PREFIX + self.preset
        assert self.form is not None
        return self.form.encode()

    def run_url(self, draws: int, basket: Sequence[str] = ()) -> str:
        """The run page of this scenario."""
        items: list[tuple[str, str]]
        if self.preset is not None:
            items = [("preset", self.preset)]
        else:
            assert self.form is not None
            items = self.form.query_items()
        items += [("draws", str(draws))] + [("s", s) for s in basket]
        return "/scenarios/run?" + urlencode(items)


def resolve_form(ctx: Ctx, form: BuilderForm, *, require_measures: bool = True) -> Resolved:
    """The scenario of a builder form, on the form's region (default: the app's).

    Raises:
        ScenarioFormError: invalid fields (the region's among them), more changes than
        the setting ``max_scenario_changes``.
    """
    limit = ctx.state.settings.max_scenario_changes
    changes = len(form.add) + len(form.remove)
    if changes > limit:
        raise ScenarioFormError(
            [
                FieldError(
                    "add",
                    N_(
                        "Te veel wijzigingen in één scenario: {found} profielen toevoegen of "
                        "weghalen, hooguit {max}. Splits het scenario of kies een kleinere "
                        "regio."
                    ),
                    {"found": changes, "max": limit},
                )
            ],
            form,
        )
    try:
        baseline = builder_baseline(ctx, form.region or None)
    except (UnknownRegionError, ScenarioDataError) as exc:
        raise ScenarioFormError(
            [FieldError("region", N_("Regio: {message}"), {"message": message_of(exc)})], form
        ) from None
    built = build_scenario(
        form.with_region(baseline.region.code),
        baseline,
        default_name=t(ctx.lang, "Eigen scenario"),
        require_measures=require_measures,
    )
    s = built.scenario
    horizon = s.horizon_for(baseline.year)
    normal = BuilderForm.from_params(
        [
            ("name", s.name),
            ("region", s.region),
            ("start", str(horizon.start)),
            *[(k, v) for k, v in form.query_items() if k not in ("name", "region", "start")],
        ]
    )
    return Resolved(s, form=normal, built=built)


def resolve_spec(ctx: Ctx, spec: str) -> Resolved:
    """A compare spec (``preset:NAME`` or ``built:...``) as a scenario."""
    checked = check_spec(spec)
    if isinstance(checked, str):
        return Resolved(web_preset(checked, demo=ctx.state.demo), preset=checked)
    return resolve_form(ctx, checked)


def run_resolved(ctx: Ctx, resolved: Resolved, draws: int) -> ScenarioResult:
    """Run; a runner error on a built scenario becomes a form error on its field."""
    try:
        return run_scenario(ctx, resolved.scenario, draws)
    except ScenarioError as exc:
        if resolved.built is not None and resolved.form is not None:
            raise run_error(exc, resolved.built, resolved.form) from None
        raise


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
    offers = location_offers(baseline)
    addable = location_addable(baseline)
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
def check_count(specs: Sequence[str]) -> None:
    """At most MAX_SCENARIOS specs.

    Raises:
        InputError: more than four.
    """
    if len(specs) > MAX_SCENARIOS:
        raise InputError(
            Message(
                "s: at most {most} scenarios side by side; found {found}. "
                "Remove one (each column has a link to remove it) and try again",
                most=MAX_SCENARIOS,
                found=len(specs),
            ),
            column="s",
        )


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


# ---------------------------------------------------------------------- YAML
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
