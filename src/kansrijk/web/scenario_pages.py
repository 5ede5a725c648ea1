"""The data and template contexts of the scenario pages (``pages/scenarios.py`` serves
them): ``/scenarios`` (presets and the builder) and its twin's document, ``/scenarios/run``
and ``/scenarios/compare``. A scenario's comparison basket travels in the URL (``s=``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from kansrijk.l10n.monitor import LABELS, choice_label, scenario_name, t
from kansrijk.scenarios import MAX_SCENARIOS, PRESETS, ScenarioResult
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
from kansrijk.web.scenario_presets import DEMO_SUFFIX, web_preset, web_presets
from kansrijk.web.scenario_runs import (
    Compared,
    Resolved,
    builder_baseline,
    form_baseline,
    resolve_form,
)
from kansrijk.web.scenario_tables import (
    addition_rows,
    builder_rows,
    compare_rows,
    compare_year_rows,
    pct_label,
    place_name,
    region_rows,
    summary_rows,
    year_rows,
)


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
        for name, s in web_presets(demo=ctx.state.demo)
    ]


def _preset_title(ctx: Ctx, name: str, title: str) -> str:
    """A preset's title in the page language (its YAML name is Dutch; demo: ' (demo)')."""
    if name not in LABELS["scen_preset_title"]:
        return title
    suffix = DEMO_SUFFIX if title.endswith(DEMO_SUFFIX) else ""
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
    resolved, draws, result = run
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
            "summary": summary_rows(result, lang),
            "years": year_rows(result, lang),
            "regions": region_rows(ctx, result),
            "additions": addition_rows(ctx, result),
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
                "title": _preset_title(ctx, name, web_preset(name, demo=ctx.state.demo).name),
                "url": _compare_url([*specs, PRESET_PREFIX + name], draws),
            }
            for name in PRESETS
            if name not in in_basket
        ]
    context.update(
        {
            "comparison": comparison,
            "columns": columns,
            "rows": compare_rows(comparison, lang) if comparison else [],
            "years": compare_year_rows(comparison, lang) if comparison else [],
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
