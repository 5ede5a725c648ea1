"""``/scenarios``: the scenario planner — presets, a builder (a plain GET form: locations and
technical profiles of a region, guidance and flow uplifts, a new mbo location), a run's
result (``/scenarios/run``), up to four scenarios side by side (``/scenarios/compare``) and
their exports. Twins ``/api/v1/scenarios``, ``/api/v1/scenarios/run`` (the document of
``kansrijk scenario run --json``) and ``/api/v1/scenarios/compare`` (``kansrijk scenario
compare --json``); ``/scenarios/compare.csv``, ``.xlsx`` and ``/scenarios/yaml``.

The URL formats are in docs/web.md ("Scenario planner")."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import InputError, envelope
from kansrijk.scenarios import PRESETS, Comparison
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import N_
from kansrijk.web.limits import LimitError
from kansrijk.web.openapi import HTML, YAML, error_response, file_response
from kansrijk.web.render import cached_json, cached_page, html_response, json_response, render_html
from kansrijk.web.scenario_files import csv_text, scenario_yaml, xlsx_bytes, yaml_file_name
from kansrijk.web.scenario_form import DEFAULT_DRAWS, MAX_DRAWS, BuilderForm, ScenarioFormError
from kansrijk.web.scenario_pages import (
    basket_of,
    builder_context,
    builder_doc,
    compare_context,
    run_context,
)
from kansrijk.web.scenario_runs import comparison_for, resolve_run, result_of

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
    basket = basket_of(s)
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
    try:
        return await cached_json(ctx, lambda: builder_doc(ctx, form, draws, basket_of(s)))
    except ScenarioFormError as exc:
        return _form_envelope(exc)


@router.get("/scenarios/run", response_class=HTMLResponse, include_in_schema=False)
async def scenario_run_page(
    ctx: CtxDep,
    form: FormDep,
    preset: PresetQ = None,
    draws: DrawsQ = None,
    s: BasketQ = None,
) -> HTMLResponse:
    """The result of one scenario; invalid input shows the builder with the messages."""
    basket = basket_of(s)
    try:
        return await cached_page(
            ctx,
            lambda: ("scenario_run.html", run_context(ctx, form, preset, draws, basket)),
        )
    except ScenarioFormError as exc:
        if preset:
            raise InputError(str(exc), column="draws") from None
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
        return result_of(ctx, form, preset, draws)[2].to_dict()

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
        resolved, n = await run_in_threadpool(resolve_run, ctx, form, preset, draws)
    except ScenarioFormError as exc:
        if preset:
            raise InputError(str(exc), column="draws") from None
        return await _form_error_page(ctx, exc, form, draws, basket_of(s))
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


@router.get("/scenarios/compare", response_class=HTMLResponse, include_in_schema=False)
async def scenario_compare_page(
    ctx: CtxDep, s: BasketQ = None, draws: DrawsQ = None
) -> HTMLResponse:
    """Up to four scenarios side by side."""
    specs = basket_of(s)
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
    specs = basket_of(s)

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
    comparison = comparison_for(ctx, basket_of(s), draws)[0]
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
    comparison = comparison_for(ctx, basket_of(s), draws)[0]
    return Response(
        xlsx_bytes(comparison),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": "attachment; "
            f'filename="{_file_name(comparison, "xlsx", ctx.state.demo)}"'
        },
    )
