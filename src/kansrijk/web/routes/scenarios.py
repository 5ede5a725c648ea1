"""``/scenarios``: the scenario planner — presets, a builder (a plain GET form: locations and
technical profiles of a region, guidance and flow uplifts, a new mbo location), a run's
result (``/scenarios/run``), up to four scenarios side by side (``/scenarios/compare``) and
their exports. Twins ``/api/v1/scenarios``, ``/api/v1/scenarios/run`` (the document of
``kansrijk scenario run --json``) and ``/api/v1/scenarios/compare`` (``kansrijk scenario
compare --json``); ``/scenarios/compare.csv``, ``.xlsx`` and ``/scenarios/yaml``.

The URL formats are in docs/web.md ("Scenario planner")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import InputError, Message, UnknownRegionError, envelope, message_of
from kansrijk.scenarios import (
    MAX_SCENARIOS,
    PRESETS,
    Comparison,
    ScenarioDataError,
    ScenarioResult,
    compare,
)
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import LABELS, N_, choice_label, scenario_name, t
from kansrijk.web.limits import LimitError
from kansrijk.web.openapi import HTML, YAML, error_response, file_response
from kansrijk.web.render import (
    cached_json,
    cached_page,
    html_response,
    json_response,
    page_context,
    render_html,
)
from kansrijk.web.scenario_charts import compare_chart, entrants_chart, extra_entrants_chart
from kansrijk.web.scenario_form import (
    DEFAULT_DRAWS,
    MAX_DRAWS,
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
from kansrijk.web.scenario_views import (
    Resolved,
    addition_rows,
    builder_baseline,
    builder_rows,
    check_count,
    compare_rows,
    compare_year_rows,
    csv_text,
    pct_label,
    region_rows,
    resolve_form,
    resolve_spec,
    run_resolved,
    scenario_yaml,
    summary_rows,
    xlsx_bytes,
    yaml_file_name,
    year_rows,
)

router = APIRouter()

#: What the scenario runs may answer besides 200 (docs: ``kansrijk.web.openapi``).
RUN_RESPONSES: dict[int | str, dict[str, Any]] = {503: error_response(503)}

Q = Annotated[str | None, Query()]
DrawsQ = Annotated[
    str | None,
    Query(description=f"Parameter draws for intervals, 0-{MAX_DRAWS} (default {DEFAULT_DRAWS})."),
]
BasketQ = Annotated[
    list[str] | None,
    Query(
        description=(
            "Scenarios to compare (repeat, at most four): preset:NAME or built:<base64url of "
            "the builder's query>."
        )
    ),
]
PresetQ = Annotated[
    str | None, Query(description=f"A preset to run instead of the builder: {', '.join(PRESETS)}.")
]


def builder_query(
    request: Request,
    name: Annotated[str | None, Query(description="Scenario name.")] = None,
    region: Annotated[str | None, Query(description="Region code (default: the app's).")] = None,
    start: Annotated[str | None, Query(description="First year (default 2026).")] = None,
    add: Annotated[
        list[str] | None, Query(description="LOC:PROFILE to add, e.g. ZZ0800:PIE (repeat).")
    ] = None,
    remove: Annotated[
        list[str] | None, Query(description="LOC:PROFILE to remove (repeat).")
    ] = None,
    guidance: Annotated[
        str | None, Query(description="Career-guidance odds ratio for the set, > 0.")
    ] = None,
    guidance_cost: Annotated[str | None, Query(description="Its cost, EUR per year.")] = None,
    profile_set: Annotated[
        str | None,
        Query(alias="set", description="Set of the uplifts: techniek (default), techniek_ict."),
    ] = None,
    flow: Annotated[
        str | None, Query(description="Flow uplift, percentage points (-100 to 100).")
    ] = None,
    flow_cost: Annotated[str | None, Query(description="Its cost, EUR per year.")] = None,
    mbo_pc4: Annotated[
        str | None, Query(description="PC4 of a new technical mbo location.")
    ] = None,
    mbo_name: Annotated[str | None, Query(description="Its name.")] = None,
    mbo_one_off: Annotated[str | None, Query(description="Its one-off cost, EUR.")] = None,
) -> BuilderForm:
    """The builder's fields from the query (a dependency, so the API documents them).

    Raises:
        LimitError: more additions plus removals than ``max_scenario_changes`` (checked
        first, so such a request costs next to nothing).
    """
    limit = request.app.state.web.settings.max_scenario_changes
    changes = len(add or ()) + len(remove or ())
    if changes > limit:
        raise LimitError(
            N_(
                "Te veel wijzigingen in één scenario: {found} profielen toevoegen of "
                "weghalen, hooguit {max}. Splits het scenario of kies een kleinere "
                "regio."
            ),
            column="add",
            found=changes,
            max=limit,
        )
    items: list[tuple[str, str]] = [
        (k, v)
        for k, v in (
            ("name", name),
            ("region", region),
            ("start", start),
            ("guidance", guidance),
            ("guidance_cost", guidance_cost),
            ("set", profile_set),
            ("flow", flow),
            ("flow_cost", flow_cost),
            ("mbo_pc4", mbo_pc4),
            ("mbo_name", mbo_name),
            ("mbo_one_off", mbo_one_off),
        )
        if v is not None
    ]
    items += [("add", a) for a in add or []] + [("remove", r) for r in remove or []]
    return BuilderForm.from_params(items)


FormDep = Annotated[BuilderForm, Depends(builder_query)]


# ---------------------------------------------------------------------- helpers
def _basket(specs: Sequence[str] | None) -> list[str]:
    return list(dict.fromkeys(s.strip() for s in specs or [] if s.strip()))


def _compare_url(specs: Sequence[str], draws: int) -> str:
    return "/scenarios/compare?" + urlencode([("s", s) for s in specs] + [("draws", str(draws))])


def _region_name(ctx: Ctx, code: str) -> str:
    if code not in ctx.catalog:
        return code
    r = ctx.catalog.get(code)
    return r.label(ctx.lang)


def _presets_view(ctx: Ctx) -> list[dict[str, Any]]:
    """Like ``kansrijk scenario presets --json`` (on the demo: their demo counterparts)."""
    return [
        {
            "name": name,
            "title": _preset_title(ctx, name, s.name),
            "region": s.region,
            "region_name": _region_name(ctx, s.region),
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


def scenario_title(ctx: Ctx, title: str) -> str:
    """A scenario's name for people: a preset's (Dutch) name in the page language."""
    return scenario_name(ctx.lang, title)


def _page(ctx: Ctx, title: str, region: str | None, json_url: str | None) -> dict[str, Any]:
    """``page_context`` with a language switch that keeps repeated parameters (add, s)."""
    context = page_context(ctx, title=title, nav="/scenarios", region=region, json_url=json_url)
    other = context["lang_switch"]["code"]
    items = [(k, v) for k, v in ctx.request.query_params.multi_items() if k != "lang"]
    context["lang_switch"]["href"] = (
        ctx.request.url.path + "?" + urlencode([*items, ("lang", other)])
    )
    return context


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


# ---------------------------------------------------------------------- builder page
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
        try:
            builder_baseline(ctx, form.region or None)
        except (UnknownRegionError, ScenarioDataError) as exc:
            region_error = FieldError(
                "region", N_("Regio: {message}"), {"message": message_of(exc)}
            )
            raise ScenarioFormError([region_error], form) from None
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
    if context.get("region_form"):
        context["region_form"]["action"] = "/scenarios"
        context["region_form"]["hidden"] = keep
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
            "region_name": _region_name(ctx, region_code),
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
            "max_draws": ctx.state.settings.max_draws,
            "demo_presets": ctx.state.demo,
        }
    )
    return context


async def _form_error_page(
    ctx: Ctx, exc: ScenarioFormError, form: BuilderForm, draws: str | None, basket: list[str]
) -> HTMLResponse:
    def make() -> str:
        context = builder_context(ctx, exc.form or form, draws, basket, errors=exc.errors)
        return render_html(ctx, "scenarios.html", context)

    html = await run_in_threadpool(make)
    return html_response(ctx, html, status_code=400)


@router.get("/scenarios", response_class=HTMLResponse, include_in_schema=False)
async def scenarios_page(
    ctx: CtxDep, form: FormDep, draws: DrawsQ = None, s: BasketQ = None
) -> HTMLResponse:
    """Presets and the builder."""
    basket = _basket(s)
    try:
        return await cached_page(
            ctx, lambda: ("scenarios.html", builder_context(ctx, form, draws, basket))
        )
    except ScenarioFormError as exc:
        return await _form_error_page(ctx, exc, form, draws, basket)


def _form_envelope(exc: ScenarioFormError) -> Response:
    body = envelope(exc, 400)
    body["errors"] = exc.envelope_items()
    return json_response(body, status_code=400)


@router.get(
    "/api/v1/scenarios",
    summary="Preset scenarios and the builder's locations (JSON twin of /scenarios)",
    tags=["api v1"],
)
async def scenarios_json(
    ctx: CtxDep, form: FormDep, draws: DrawsQ = None, s: BasketQ = None
) -> Response:
    """The presets (as ``kansrijk scenario presets --json``), the region's locations with
    their technical profiles, and the scenario the builder's fields make (if any)."""

    def build() -> dict[str, Any]:
        context = builder_context(ctx, form, draws, _basket(s))
        table = context["table"]
        built = None
        if form.given:
            resolved = resolve_form(ctx, form, require_measures=False)
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

    try:
        return await cached_json(ctx, build)
    except ScenarioFormError as exc:
        return _form_envelope(exc)


# ---------------------------------------------------------------------- run
def _resolve_run(
    ctx: Ctx, form: BuilderForm, preset: str | None, draws_text: str | None
) -> tuple[Resolved, int]:
    draws, draws_error = parse_draws(draws_text, ctx.state.settings.max_draws)
    if preset:
        if draws_error:
            raise ScenarioFormError([draws_error], form)
        return resolve_spec(ctx, PRESET_PREFIX + preset.strip().lower()), draws
    try:
        resolved = resolve_form(ctx, form)
    except ScenarioFormError as exc:
        raise ScenarioFormError(
            [*exc.errors, *([draws_error] if draws_error else [])], form
        ) from None
    if draws_error:
        raise ScenarioFormError([draws_error], form)
    return resolved, draws


def _result_of(
    ctx: Ctx, form: BuilderForm, preset: str | None, draws_text: str | None
) -> tuple[Resolved, int, ScenarioResult]:
    resolved, draws = _resolve_run(ctx, form, preset, draws_text)
    return resolved, draws, run_resolved(ctx, resolved, draws)


def run_context(
    ctx: Ctx, form: BuilderForm, preset: str | None, draws_text: str | None, basket: list[str]
) -> dict[str, Any]:
    """The template context of ``/scenarios/run``."""
    lang = ctx.lang
    resolved, draws, result = _result_of(ctx, form, preset, draws_text)
    query = ctx.request.url.query
    context = _page(
        ctx,
        t(lang, "Scenario: {name}", name=scenario_title(ctx, result.name)),
        result.region,
        "/api/v1/scenarios/run" + ("?" + query if query else ""),
    )
    if context.get("region_form"):
        context["region_form"]["action"] = "/scenarios"
        context["region_form"]["hidden"] = [("s", b) for b in basket]
    spec = resolved.spec
    in_basket = spec in basket
    full = len(basket) >= MAX_SCENARIOS and not in_basket
    new_basket = basket if in_basket else [*basket, spec]
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
            "result_title": scenario_title(ctx, result.name),
            "region_name": _region_name(ctx, result.region),
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


@router.get("/scenarios/run", response_class=HTMLResponse, include_in_schema=False)
async def scenario_run_page(
    ctx: CtxDep,
    form: FormDep,
    preset: PresetQ = None,
    draws: DrawsQ = None,
    s: BasketQ = None,
) -> HTMLResponse:
    """The result of one scenario; invalid input shows the builder with the messages."""
    basket = _basket(s)
    try:
        return await cached_page(
            ctx,
            lambda: ("scenario_run.html", run_context(ctx, form, preset, draws, basket)),
        )
    except ScenarioFormError as exc:
        if preset:
            raise ScenarioFormError(exc.errors, column="draws") from None
        return await _form_error_page(ctx, exc, form, draws, basket)


@router.get(
    "/api/v1/scenarios/run",
    responses=RUN_RESPONSES,
    summary="Run a scenario: the document of `kansrijk scenario run --json`",
    tags=["api v1"],
)
async def scenario_run_json(
    ctx: CtxDep, form: FormDep, preset: PresetQ = None, draws: DrawsQ = None
) -> Response:
    """A preset (``preset=NAME``) or the builder's scenario, run with ``draws`` draws."""

    def build() -> dict[str, Any]:
        return _result_of(ctx, form, preset, draws)[2].to_dict()

    try:
        return await cached_json(ctx, build)
    except ScenarioFormError as exc:
        return _form_envelope(exc)


@router.get(
    "/scenarios/yaml",
    responses={
        200: file_response(YAML, "The scenario as YAML (an attachment)."),
        400: error_response(400, HTML),
        404: error_response(404, HTML),
        414: error_response(414, HTML),
    },
    summary="The builder's scenario (or a preset) as a YAML file for `kansrijk scenario run`",
    tags=["pages"],
)
async def scenario_yaml_file(
    ctx: CtxDep,
    form: FormDep,
    preset: PresetQ = None,
    draws: DrawsQ = None,
    s: BasketQ = None,
) -> Response:
    """Download the scenario as YAML; invalid input shows the builder with the messages."""
    try:
        resolved, n = await run_in_threadpool(_resolve_run, ctx, form, preset, draws)
    except ScenarioFormError as exc:
        if preset:
            raise ScenarioFormError(exc.errors, column="draws") from None
        return await _form_error_page(ctx, exc, form, draws, _basket(s))
    comment = ""
    if resolved.preset and ctx.state.demo:
        comment = "The demo counterpart of the preset " + resolved.preset
    elif resolved.preset:
        comment = f"The same as: kansrijk scenario run --preset {resolved.preset}"
    text = scenario_yaml(resolved.scenario, draws=n, comment=comment)
    return Response(
        text,
        media_type="application/yaml; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{yaml_file_name(resolved.scenario)}"'
        },
    )


# ---------------------------------------------------------------------- compare
def comparison_for(
    ctx: Ctx, specs: Sequence[str], draws_text: str | None
) -> tuple[Comparison, list[Resolved], int]:
    """Run (cached) and compare the scenarios of ``specs``.

    Raises:
        InputError: more than four, a bad spec, bad draws, duplicate names.
    """
    check_count(specs)
    draws, draws_error = parse_draws(draws_text, ctx.state.settings.max_draws)
    if draws_error:
        raise ScenarioFormError([draws_error], column="draws")
    resolved = []
    for i, spec in enumerate(specs):
        try:
            resolved.append(resolve_spec(ctx, spec))
        except InputError as exc:
            raise InputError(
                Message("s[{i}] ({spec}): {error}", i=i, spec=spec[:40], error=message_of(exc)),
                column="s",
            ) from None
    results = []
    for i, r in enumerate(resolved):
        try:
            results.append(run_resolved(ctx, r, draws))
        except InputError as exc:
            raise InputError(
                Message(
                    "s[{i}] ({spec}): {error}", i=i, spec=r.scenario.name, error=message_of(exc)
                ),
                column="s",
            ) from None
    return compare(results), resolved, draws


def compare_context(ctx: Ctx, specs: list[str], draws_text: str | None) -> dict[str, Any]:
    """The template context of ``/scenarios/compare``."""
    lang = ctx.lang
    query = ctx.request.url.query
    comparison: Comparison | None = None
    resolved: list[Resolved] = []
    draws, _ = parse_draws(draws_text, ctx.state.settings.max_draws)
    if specs:
        comparison, resolved, draws = comparison_for(ctx, specs, draws_text)
    context = _page(
        ctx,
        t(lang, "Scenario's vergelijken"),
        None,
        # an empty basket has nothing to compare, so no twin (the API answers 400)
        ("/api/v1/scenarios/compare" + ("?" + query if query else "")) if specs else None,
    )
    if context.get("region_form"):
        context["region_form"]["action"] = "/scenarios"
        context["region_form"]["hidden"] = [("s", b) for b in specs]
    columns = []
    for i, r in enumerate(resolved):
        rest = [x for j, x in enumerate(specs) if j != i]
        columns.append(
            {
                "name": scenario_title(ctx, r.scenario.name),
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
    suffix = "?" + query if query else ""
    context.update(
        {
            "comparison": comparison,
            "columns": columns,
            "rows": compare_rows(comparison, lang) if comparison else [],
            "years": compare_year_rows(comparison, lang) if comparison else [],
            "chart": compare_chart(comparison, lang) if comparison else None,
            "year_chart": extra_entrants_chart(comparison, lang) if comparison else None,
            "notes": [(scenario_title(ctx, r.name), r.notes) for r in comparison.results]
            if comparison
            else [],
            "pct": pct_label(comparison.results[0]) if comparison else "",
            "draws": draws,
            "add_presets": add_presets,
            "builder_url": "/scenarios?" + urlencode([("s", x) for x in specs]),
            "full": len(specs) >= MAX_SCENARIOS,
            "csv_url": "/scenarios/compare.csv" + suffix,
            "xlsx_url": "/scenarios/compare.xlsx" + suffix,
            "json_url_api": "/api/v1/scenarios/compare" + suffix,
            "max": MAX_SCENARIOS,
        }
    )
    return context


@router.get("/scenarios/compare", response_class=HTMLResponse, include_in_schema=False)
async def scenario_compare_page(
    ctx: CtxDep, s: BasketQ = None, draws: DrawsQ = None
) -> HTMLResponse:
    """Up to four scenarios side by side."""
    specs = _basket(s)
    return await cached_page(
        ctx, lambda: ("scenario_compare.html", compare_context(ctx, specs, draws))
    )


@router.get(
    "/api/v1/scenarios/compare",
    responses=RUN_RESPONSES,
    summary="Compare up to four scenarios: the document of `kansrijk scenario compare --json`",
    tags=["api v1"],
)
async def scenario_compare_json(ctx: CtxDep, s: BasketQ = None, draws: DrawsQ = None) -> Response:
    """Summary (one column per scenario name), years, additions and every result."""
    specs = _basket(s)

    def build() -> dict[str, Any]:
        return comparison_for(ctx, specs, draws)[0].to_dict()

    return await cached_json(ctx, build)


def _file_name(comparison: Comparison, ext: str, demo: bool) -> str:
    tag = "-demo-fictief" if demo else ""
    return f"kansrijk-scenarios-{len(comparison.results)}{tag}.{ext}"


@router.get(
    "/scenarios/compare.csv",
    responses=RUN_RESPONSES,
    summary="The scenario comparison's summary as CSV",
    tags=["pages"],
)
def scenario_compare_csv(ctx: CtxDep, s: BasketQ = None, draws: DrawsQ = None) -> Response:
    """The rows of the JSON's ``summary``: metric, unit, one column per scenario name."""
    comparison = comparison_for(ctx, _basket(s), draws)[0]
    return Response(
        csv_text(comparison),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": "attachment; "
            f'filename="{_file_name(comparison, "csv", ctx.state.demo)}"'
        },
    )


@router.get(
    "/scenarios/compare.xlsx",
    responses=RUN_RESPONSES,
    summary="The scenario comparison as XLSX (as `kansrijk scenario compare --xlsx`)",
    tags=["pages"],
)
def scenario_compare_xlsx(ctx: CtxDep, s: BasketQ = None, draws: DrawsQ = None) -> Response:
    """Sheets summary, years, additions and notes, the scenario names in every sheet."""
    comparison = comparison_for(ctx, _basket(s), draws)[0]
    return Response(
        xlsx_bytes(comparison),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": "attachment; "
            f'filename="{_file_name(comparison, "xlsx", ctx.state.demo)}"'
        },
    )


__all__ = ["router"]
