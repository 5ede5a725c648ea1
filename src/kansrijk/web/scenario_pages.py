"""The data and template contexts of the scenario pages (``pages/scenarios.py`` serves
them): ``/scenarios`` (presets and the builder) and its twin's document, ``/scenarios/run``
and ``/scenarios/compare``. A scenario's comparison basket travels in the URL (``s=``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from kansrijk.l10n.monitor import LABELS, choice_label, scenario_name, t
from kansrijk.scenarios import (
    MAX_SCENARIOS,
    PRESETS,
    Baseline,
    Comparison,
    ScenarioResult,
    demo_presets,
)
from kansrijk.scenarios.location_offer import addable_profiles, offered_profiles
from kansrijk.scenarios.report import (
    addition_table,
    compare_metrics,
    compare_year_table,
    pct_label,
    region_table,
    summary_metrics,
    year_table,
)
from kansrijk.tables import Style, Table
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.render import page_context
from kansrijk.web.scenario_charts import compare_chart, entrants_chart, extra_entrants_chart
from kansrijk.web.scenario_form import (
    DEFAULT_DRAWS,
    PRESET_PREFIX,
    TECHNICAL,
    UPLIFT_SETS,
    BuilderForm,
    FieldError,
    ScenarioFormError,
    default_start,
    parse_draws,
)
from kansrijk.web.scenario_runs import (
    Compared,
    Resolved,
    builder_baseline,
    form_baseline,
    resolve_form,
)

#: The builder lists at most this many locations (choose a smaller region for more).
MAX_LOCATION_ROWS = 150


def place_name(ctx: Ctx, code: str) -> str:
    """A region's (a gemeente's) name in the page's language; unknown: the code itself."""
    return ctx.catalog.get(code).label(ctx.lang) if code in ctx.catalog else code


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
                "selects": wanted or [""],
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


def _eac_note(result: ScenarioResult, lang: str) -> str:
    """The cost convention of the additions' equivalent annual cost, in the page's language."""
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


def _additions(
    ctx: Ctx, result: ScenarioResult, table: Table, style: Style
) -> list[dict[str, Any]]:
    """The additions table (``report.addition_table``) with the page's links and marks."""
    note = _eac_note(result, ctx.lang)
    return [
        {
            **text,
            "url": f"/location/{a.location}",
            "gemeente": place_name(ctx, a.gemeente),
            "profile_label": fmt.category("profile", a.profile, ctx.lang),
            "viable": not a.viability.startswith("below"),
            "comparable": "comparable_schools" in a.flags,
            "viable_n": table.fields["n"],
            "eac_note": note,
        }
        for a, text in zip(result.additions, table.texts(style), strict=True)
    ]


def _regions(ctx: Ctx, table: Table, style: Style) -> list[dict[str, str]]:
    return [{**row, "name": place_name(ctx, row["code"])} for row in table.texts(style)]


def basket_of(specs: Sequence[str] | None) -> list[str]:
    return list(dict.fromkeys(s.strip() for s in specs or [] if s.strip()))


def _compare_url(specs: Sequence[str], draws: int) -> str:
    return "/scenarios/compare?" + urlencode([("s", s) for s in specs] + [("draws", str(draws))])


def _presets_view(ctx: Ctx) -> list[dict[str, Any]]:
    """Like ``kansrijk scenario presets --json`` (on the demo: their demo counterparts)."""
    return [
        {
            "name": name,
            "title": _preset_title(ctx, name, s.name),
            "region": s.region,
            "region_name": place_name(ctx, s.region),
            "description": s.description,
            "summary": (
                choice_label(ctx.lang, "scen_preset_desc", name)
                if name in LABELS["scen_preset_desc"]
                else s.description
            ),
            "interventions": [iv.model_dump(mode="json") for iv in s.interventions],
        }
        for name, s in demo_presets.presets(demo=ctx.state.demo)
    ]


def _preset_title(ctx: Ctx, name: str, title: str) -> str:
    """A preset's title in the page language (its YAML name is Dutch; demo: ' (demo)')."""
    if name not in LABELS["scen_preset_title"]:
        return title
    suffix = demo_presets.DEMO_SUFFIX if title.endswith(demo_presets.DEMO_SUFFIX) else ""
    return choice_label(ctx.lang, "scen_preset_title", name) + suffix


def _page(ctx: Ctx, title: str, region: str | None, json_url: str | None) -> dict[str, Any]:
    """``page_context`` with a language switch that keeps repeated parameters (add, s)."""
    context = page_context(ctx, title=title, nav="/scenarios", region=region, json_url=json_url)
    other = context["lang_switch"]["code"]
    items = [(k, v) for k, v in ctx.request.query_params.multi_items() if k != "lang"]
    context["lang_switch"]["href"] = (
        ctx.request.url.path + "?" + urlencode([*items, ("lang", other)])
    )
    return context


def _region_form(context: dict[str, Any], hidden: Sequence[tuple[str, str]]) -> None:
    """The region selector of a scenario page opens the builder, carrying ``hidden``."""
    if context.get("region_form"):
        context["region_form"]["action"] = "/scenarios"
        context["region_form"]["hidden"] = list(hidden)


def _errors_by_field(errors: Sequence[FieldError], lang: str) -> dict[str, Any]:
    fields: dict[str, list[str]] = {}
    locs: dict[str, list[str]] = {}
    for e in errors:
        if e.loc is not None:
            locs.setdefault(e.loc, []).append(e.message(lang))
        else:
            fields.setdefault(e.field, []).append(e.message(lang))
    summary = [
        {"field": e.field, "loc": e.loc, "message": e.message(lang), "target": _target(e)}
        for e in errors
    ]
    return {"fields": fields, "locs": locs, "summary": summary}


def _target(e: FieldError) -> str:
    if e.loc is not None:
        return f"f-add-{e.loc}-1" if e.field == "add" else f"row-{e.loc}"
    if e.field in ("add", "remove"):
        return "locations-heading"
    return f"f-{e.field.replace('_', '-')}"


def builder_context(
    ctx: Ctx,
    form: BuilderForm,
    draws_text: str | None,
    basket: Sequence[str],
    errors: Sequence[FieldError] | None = None,
) -> dict[str, Any]:
    """The template context of ``/scenarios`` (presets and builder). Without ``errors`` a
    filled-in form is validated and ScenarioFormError raised when something is wrong."""
    lang = ctx.lang
    draws, draws_error = parse_draws(draws_text, ctx.state.settings.max_draws)
    resolved: Resolved | None = None
    if errors is None:
        form_baseline(ctx, form)
        problems = [draws_error] if draws_error else []
        if form.given:
            try:
                resolved = resolve_form(ctx, form, require_measures=False)
            except ScenarioFormError as exc:
                problems = [*exc.errors, *problems]
        if problems:
            raise ScenarioFormError(problems, form)
    errors = list(errors or [])
    region_failed = any(e.field == "region" for e in errors)
    baseline = None if region_failed else builder_baseline(ctx, form.region or None)
    region_code = baseline.region.code if baseline else (form.region or ctx.default_region)
    table = (
        builder_rows(ctx, baseline, form)
        if baseline
        else {"rows": [], "total": 0, "hidden": 0, "year": None}
    )
    year = baseline.year if baseline else ctx.state.newest_year()
    query = ctx.request.url.query
    context = _page(
        ctx,
        t(lang, "Scenario's"),
        region_code if region_code in ctx.catalog else None,
        "/api/v1/scenarios" + ("?" + query if query else ""),
    )
    keep = [
        (k, v)
        for k, v in ctx.request.query_params.multi_items()
        if k
        in ("name", "start", "guidance", "guidance_cost", "set", "flow", "flow_cost", "draws", "s")
    ]
    _region_form(context, keep)
    yaml_url = None
    run_url = None
    if resolved is not None and resolved.form is not None and resolved.form.has_measures:
        yaml_url = "/scenarios/yaml?" + urlencode(
            [*resolved.form.query_items(), ("draws", str(draws))]
        )
        run_url = resolved.run_url(draws, basket)
    context.update(
        {
            "form": form,
            "name_value": form.name or t(lang, "Eigen scenario"),
            "start_value": form.start or (str(default_start(year)) if year else ""),
            "draws_value": draws_text if draws_text is not None else str(DEFAULT_DRAWS),
            "region_code": region_code,
            "region_name": place_name(ctx, region_code),
            "table": table,
            "errors": _errors_by_field(errors, lang),
            "has_errors": bool(errors),
            "presets": _presets_view(ctx),
            "basket": basket,
            "basket_full": len(basket) >= MAX_SCENARIOS,
            "compare_url": _compare_url(basket, draws) if basket else None,
            "sets": [
                {
                    "value": s,
                    "label": choice_label(lang, "set", s),
                    "selected": (form.profile_set or "techniek") == s,
                }
                for s in UPLIFT_SETS
            ],
            "technical": ", ".join(TECHNICAL),
            "yaml_url": yaml_url,
            "run_url": run_url,
            "resolved": resolved,
            "max_draws": ctx.state.settings.max_draws,
            "demo_presets": ctx.state.demo,
        }
    )
    return context


def run_context(
    ctx: Ctx, basket: Sequence[str], run: tuple[Resolved, int, ScenarioResult]
) -> dict[str, Any]:
    """The template context of ``/scenarios/run``: the result of ``run`` (``result_of``)."""
    lang = ctx.lang
    style = Style(lang)
    resolved, draws, result = run
    years, regions, additions = year_table(result), region_table(result), addition_table(result)
    query = ctx.request.url.query
    context = _page(
        ctx,
        t(lang, "Scenario: {name}", name=scenario_name(ctx.lang, result.name)),
        result.region,
        "/api/v1/scenarios/run" + ("?" + query if query else ""),
    )
    _region_form(context, [("s", b) for b in basket])
    spec = resolved.spec
    in_basket = spec in basket
    full = len(basket) >= MAX_SCENARIOS and not in_basket
    new_basket = list(basket) if in_basket else [*basket, spec]
    yaml_items = (
        [("preset", resolved.preset)]
        if resolved.preset
        else list(resolved.form.query_items() if resolved.form else [])
    )
    edit_url = None
    if resolved.form is not None:
        edit_url = "/scenarios?" + urlencode(
            [*resolved.form.query_items(), ("draws", str(draws)), *[("s", b) for b in basket]]
        )
    context.update(
        {
            "result": result,
            "result_title": scenario_name(ctx.lang, result.name),
            "region_name": place_name(ctx, result.region),
            "horizon": f"{result.horizon[0]}–{result.horizon[1]}",
            "pct": pct_label(result),
            "summary": [m.text(style) for m in summary_metrics(result)],
            "years": years.texts(style),
            "year_heads": years.heads(lang),
            "regions": _regions(ctx, regions, style),
            "region_heads": regions.heads(lang),
            "additions": _additions(ctx, result, additions, style),
            "addition_heads": additions.heads(lang),
            "chart": entrants_chart(result, lang),
            "preset": resolved.preset,
            "spec": spec,
            "basket": basket,
            "basket_full": full,
            "in_basket": in_basket,
            "add_compare_url": None if full else _compare_url(new_basket, draws),
            "yaml_url": "/scenarios/yaml?" + urlencode([*yaml_items, ("draws", str(draws))]),
            "edit_url": edit_url,
            "builder_url": "/scenarios?"
            + urlencode([("region", result.region), *[("s", b) for b in basket]]),
            "draws": draws,
        }
    )
    return context


def compare_context(ctx: Ctx, compared: Compared) -> dict[str, Any]:
    """The template context of ``/scenarios/compare`` (an empty basket: nothing compared)."""
    lang = ctx.lang
    specs, comparison, resolved, draws = (
        compared.specs,
        compared.comparison,
        compared.resolved,
        compared.draws,
    )
    context = _page(ctx, t(lang, "Scenario's vergelijken"), None, None)
    _region_form(context, [("s", b) for b in specs])
    columns = []
    for i, r in enumerate(resolved):
        rest = [x for j, x in enumerate(specs) if j != i]
        columns.append(
            {
                "name": scenario_name(ctx.lang, r.scenario.name),
                "run_url": r.run_url(draws, specs),
                "remove_url": _compare_url(rest, draws),
            }
        )
    in_basket = {x.preset for x in resolved if x.preset}
    add_presets = []
    if len(specs) < MAX_SCENARIOS:
        add_presets = [
            {
                "name": name,
                "title": _preset_title(
                    ctx, name, demo_presets.preset(name, demo=ctx.state.demo).name
                ),
                "url": _compare_url([*specs, PRESET_PREFIX + name], draws),
            }
            for name in PRESETS
            if name not in in_basket
        ]
    context.update(
        {
            "comparison": comparison,
            "columns": columns,
            "rows": _compare_rows(comparison, lang) if comparison else [],
            "years": _compare_years(comparison, lang) if comparison else [],
            "chart": compare_chart(comparison, lang) if comparison else None,
            "year_chart": extra_entrants_chart(comparison, lang) if comparison else None,
            "notes": [(scenario_name(ctx.lang, r.name), r.notes) for r in comparison.results]
            if comparison
            else [],
            "pct": pct_label(comparison.results[0]) if comparison else "",
            "draws": draws,
            "add_presets": add_presets,
            "builder_url": "/scenarios?" + urlencode([("s", x) for x in specs]),
            "full": len(specs) >= MAX_SCENARIOS,
            "max": MAX_SCENARIOS,
        }
    )
    return context


def _compare_rows(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    """The comparison's summary: one row per metric, one cell per scenario."""
    style = Style(lang)
    return [
        {"key": m.key, "label": style.label(m.label), "cells": m.cells(style)}
        for m in compare_metrics(comparison)
    ]


def _compare_years(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    """Extra entrants per year of each scenario's region (years x scenarios)."""
    table = compare_year_table(comparison)
    return [
        {"year": row["year"], "cells": [row[k] for k in table.keys[1:]]}
        for row in table.texts(Style(lang))
    ]


def builder_doc(context: dict[str, Any]) -> dict[str, Any]:
    """The twin of ``/scenarios`` from its context (``builder_context``): the presets (as
    ``kansrijk scenario presets --json``), the region's locations with their technical
    profiles, and the scenario the builder's fields make (if any)."""
    table = context["table"]
    resolved: Resolved | None = context["resolved"]
    built = None
    if resolved is not None:
        built = {
            "scenario": resolved.scenario.model_dump(mode="json", exclude_none=True),
            "query": resolved.form.query() if resolved.form else "",
            "spec": resolved.spec,
        }
    return {
        "ok": True,
        "presets": context["presets"],
        "region": context["region_code"],
        "year": table["year"],
        "technical_profiles": list(TECHNICAL),
        "locations": [
            {
                "location": r["code"],
                "name": r["name"],
                "gemeente": r["gemeente"],
                "technical_profiles": [h["profile"] for h in r["have"]],
                "can_add": [o["profile"] for o in r["options"]],
            }
            for r in table["rows"]
        ],
        "locations_total": table["total"],
        "built": built,
    }
