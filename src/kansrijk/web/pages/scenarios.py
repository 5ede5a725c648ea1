"""``/scenarios``: the scenario planner — presets, a builder (a plain GET form: locations and
technical profiles of a region, guidance and flow uplifts, a new mbo location), a run's
result (``/scenarios/run``), up to four scenarios side by side (``/scenarios/compare``) and
their exports. Twins ``/api/v1/scenarios``, ``/api/v1/scenarios/run`` (the document of
``kansrijk scenario run --json``) and ``/api/v1/scenarios/compare`` (``kansrijk scenario
compare --json``); ``/scenarios/compare.csv``, ``.xlsx`` and ``/scenarios/yaml``.

Three :class:`~kansrijk.web.page.Page` definitions; their data and contexts are in
``web/scenario_pages.py``. A builder's invalid fields show the builder again with the
messages next to them (400), and the twins answer the envelope with one item per field.
The URL formats are in docs/web.md ("Scenario planner")."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import envelope
from kansrijk.scenarios import PRESETS, ScenarioResult
from kansrijk.scenarios.files import ComparisonFiles, scenario_yaml, yaml_file_name
from kansrijk.web.deps import Ctx
from kansrijk.web.openapi import HTML, YAML, error_response, file_response
from kansrijk.web.page import Page, doc
from kansrijk.web.render import html_response, json_response, render_html
from kansrijk.web.scenario_form import DEFAULT_DRAWS, MAX_DRAWS, BuilderForm, ScenarioFormError
from kansrijk.web.scenario_pages import (
    basket_of,
    builder_context,
    builder_doc,
    compare_context,
    run_context,
)
from kansrijk.web.scenario_runs import (
    Resolved,
    check_changes,
    compared,
    resolve_run,
    result_of,
)

_DRAWS = doc(f"Parameter draws for intervals, 0-{MAX_DRAWS} (default {DEFAULT_DRAWS}).")
_BASKET = doc(
    "Scenarios to compare (repeat, at most four): preset:NAME or built:<base64url of the "
    "builder's query>."
)
_COST = doc("Its cost, EUR per year.")


@dataclass(frozen=True, slots=True)
class BuilderQuery:
    """The builder's fields, its draws and the comparison basket (``s``)."""

    name: str | None = field(default=None, metadata=doc("Scenario name."))
    region: str | None = field(default=None, metadata=doc("Region code (default: the app's)."))
    start: str | None = field(default=None, metadata=doc("First year (default 2026)."))
    add: list[str] | None = field(
        default=None, metadata=doc("LOC:PROFILE to add, e.g. ZZ0800:PIE (repeat).")
    )
    remove: list[str] | None = field(default=None, metadata=doc("LOC:PROFILE to remove (repeat)."))
    guidance: str | None = field(
        default=None, metadata=doc("Career-guidance odds ratio for the set, > 0.")
    )
    guidance_cost: str | None = field(default=None, metadata=_COST)
    profile_set: str | None = field(
        default=None,
        metadata=doc("Set of the uplifts: techniek (default), techniek_ict.", alias="set"),
    )
    flow: str | None = field(
        default=None, metadata=doc("Flow uplift, percentage points (-100 to 100).")
    )
    flow_cost: str | None = field(default=None, metadata=_COST)
    mbo_pc4: str | None = field(default=None, metadata=doc("PC4 of a new technical mbo location."))
    mbo_name: str | None = field(default=None, metadata=doc("Its name."))
    mbo_one_off: str | None = field(default=None, metadata=doc("Its one-off cost, EUR."))
    draws: str | None = field(default=None, metadata=_DRAWS)
    s: list[str] | None = field(default=None, metadata=_BASKET)


@dataclass(frozen=True, slots=True)
class RunQuery(BuilderQuery):
    """A run: a preset, or the builder's fields."""

    preset: str | None = field(
        default=None, metadata=doc(f"A preset to run instead of the builder: {', '.join(PRESETS)}.")
    )


@dataclass(frozen=True, slots=True)
class CompareQuery:
    """The comparison basket and its draws."""

    s: list[str] | None = field(default=None, metadata=_BASKET)
    draws: str | None = field(default=None, metadata=_DRAWS)


#: The query fields that are no builder field.
_NOT_FORM = frozenset({"draws", "s", "preset"})
#: What the scenario runs may answer besides 200 (docs: ``kansrijk.web.openapi``).
RUN_RESPONSES: dict[int | str, dict[str, Any]] = {503: error_response(503)}


def form_of(ctx: Ctx, q: BuilderQuery) -> BuilderForm:
    """The builder's fields of the query.

    Raises:
        LimitError: more additions plus removals than ``max_scenario_changes`` (checked
        first, so such a request costs next to nothing).
    """
    check_changes(ctx, len(q.add or ()) + len(q.remove or ()))
    items: list[tuple[str, str]] = []
    for f in dataclasses.fields(BuilderQuery):
        value = getattr(q, f.name)
        if f.name in _NOT_FORM or value is None:
            continue
        key = f.metadata.get("alias", f.name)
        items += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return BuilderForm.from_params(items)


async def _refused(ctx: Ctx, q: BuilderQuery, exc: Exception, kind: str) -> Response | None:
    """Invalid builder fields: the builder again with the messages, or the envelope with one
    item per field. A preset's run has no builder: its bad draws are an input error."""
    if not isinstance(exc, ScenarioFormError):
        return None
    if kind == "json":
        body = envelope(exc, 400)
        body["errors"] = exc.envelope_items()
        return json_response(body, status_code=400)
    if getattr(q, "preset", None):
        raise ScenarioFormError(exc.errors, column="draws") from None
    form = exc.form or form_of(ctx, q)

    def make() -> str:
        context = builder_context(ctx, form, q.draws, basket_of(q.s), errors=exc.errors)
        return render_html(ctx, "scenarios.html", context)

    return html_response(ctx, await run_in_threadpool(make), status_code=400)


BUILDER = Page(
    path="/scenarios",
    twin="/api/v1/scenarios",
    template="scenarios.html",
    params=BuilderQuery,
    view=lambda ctx, q: builder_context(ctx, form_of(ctx, q), q.draws, basket_of(q.s)),
    context=lambda _ctx, _q, context: context,
    data=builder_doc,
    refused=_refused,
    summary="Preset scenarios and the builder's locations (JSON twin of /scenarios)",
    description="The presets (as ``kansrijk scenario presets --json``), the region's locations "
    "with\ntheir technical profiles, and the scenario the builder's fields make (if any).",
)


def _run(ctx: Ctx, q: RunQuery) -> tuple[Resolved, int, ScenarioResult]:
    return result_of(ctx, form_of(ctx, q), q.preset, q.draws)


RUN = Page(
    path="/scenarios/run",
    twin="/api/v1/scenarios/run",
    template="scenario_run.html",
    params=RunQuery,
    view=_run,
    context=lambda ctx, q, run: run_context(ctx, basket_of(q.s), run),
    data=lambda run: run[2].to_dict(),
    refused=_refused,
    responses=RUN_RESPONSES,
    summary="Run a scenario: the document of `kansrijk scenario run --json`",
    description="A preset (``preset=NAME``) or the builder's scenario, run with ``draws`` draws.",
)

COMPARE = Page(
    path="/scenarios/compare",
    twin="/api/v1/scenarios/compare",
    template="scenario_compare.html",
    params=CompareQuery,
    view=lambda ctx, q: compared(ctx, basket_of(q.s), q.draws),
    context=lambda ctx, _q, view: compare_context(ctx, view),
    data=lambda view: view.required().to_dict(),
    table=lambda _ctx, _q, view: ComparisonFiles(view.required()),
    # an empty basket has nothing to compare, so no twin (the API answers 400)
    linked=lambda q: bool(basket_of(q.s)),
    responses=RUN_RESPONSES,
    summary="Compare up to four scenarios: the document of `kansrijk scenario compare --json`",
    description="Summary (one column per scenario name), years, additions and every result.",
    table_summary="The scenario comparison",
)


async def _yaml_file(ctx: Ctx, q: RunQuery) -> Response:
    """The scenario as a YAML file ``kansrijk scenario run`` reads back."""
    try:
        resolved, n = await run_in_threadpool(resolve_run, ctx, form_of(ctx, q), q.preset, q.draws)
    except ScenarioFormError as exc:
        answer = await _refused(ctx, q, exc, "html")
        assert answer is not None
        return answer
    comment = ""
    if resolved.preset and ctx.state.demo:
        comment = "The demo counterpart of the preset " + resolved.preset
    elif resolved.preset:
        comment = f"The same as: kansrijk scenario run --preset {resolved.preset}"
    return Response(
        scenario_yaml(resolved.scenario, draws=n, comment=comment),
        media_type="application/yaml; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{yaml_file_name(resolved.scenario)}"'
        },
    )


router = APIRouter()
for _page in (BUILDER, RUN, COMPARE):
    router.include_router(_page.router())
router.add_api_route(
    "/scenarios/yaml",
    RUN.endpoint("scenario_yaml_file", _yaml_file),
    methods=["GET"],
    responses={
        200: file_response(YAML, "The scenario as YAML (an attachment)."),
        400: error_response(400, HTML),
        404: error_response(404, HTML),
        414: error_response(414, HTML),
    },
    summary="The builder's scenario (or a preset) as a YAML file for `kansrijk scenario run`",
    description="Download the scenario as YAML; invalid input shows the builder with the messages.",
    tags=["pages"],
)

__all__ = ["BUILDER", "COMPARE", "RUN", "router"]
