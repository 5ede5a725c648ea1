"""``/optimaliseren``: the best places to add technical profiles for a budget (MILP), the
greedy answer beside it, the frontier chart with its table, and a link that opens the
chosen set as a scenario in the planner. Twins ``/optimaliseren.json`` and
``/api/v1/optimise`` (the document of ``kansrijk optimise --json``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kansrijk.errors import InputError, Message
from kansrijk.l10n.monitor import choice_label, t
from kansrijk.optimise import OBJECTIVES
from kansrijk.optimise.report import DEFAULT_MIN_P_VIABLE, Request, optimise, parse_budgets
from kansrijk.web import format as fmt
from kansrijk.web.charts import COLOURS, CONFIG, _layout
from kansrijk.web.deps import Ctx
from kansrijk.web.limits import RunGate
from kansrijk.web.page import Page, doc
from kansrijk.web.render import page_context
from kansrijk.web.scenario_form import BuilderForm
from kansrijk.web.scenario_pages import place_name

WEB_BUDGETS = 3


@dataclass(frozen=True, slots=True)
class OptimiseQuery:
    """The optimiser's parameters (the page and its twins)."""

    region: str | None = field(default=None, metadata=doc("Region code."))
    budget: str | None = field(
        default=None,
        metadata=doc("EAC budget in EUR a year, e.g. 2M, 800k; several: 1M,3M."),
    )
    objective: str | None = field(default=None, metadata=doc(f"One of {', '.join(OBJECTIVES)}."))
    km: str | None = field(
        default=None, metadata=doc("Coverage radius in crow-fly km (default 5).")
    )
    per_board: str | None = field(
        default=None, metadata=doc("At most this many additions per board.")
    )
    min_p_viable: str | None = field(
        default=None, metadata=doc("Minimum P(viable), 0-1 (default 0.5).")
    )


def _number(text: str | None, name: str, default: float | None) -> float | None:
    if text is None or not text.strip():
        return default
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(
            Message("expected a number; found {text!r}", text=text), column=name
        ) from None


def optimise_doc(ctx: Ctx, q: OptimiseQuery) -> dict[str, Any]:
    """The document of ``kansrijk optimise --json`` for the query (cached; run through the
    planner's bounded workers)."""
    code = ctx.region(q.region).code
    budgets = parse_budgets(q.budget or "2M")
    if len(budgets) > WEB_BUDGETS:
        raise InputError(
            Message(
                "expected at most {most} budgets; found {found}",
                most=WEB_BUDGETS,
                found=len(budgets),
            ),
            column="budget",
        )
    board = _number(q.per_board, "per_board", None)
    req = Request(
        region=code,
        budgets=budgets,
        objective=(q.objective or "diplomas").strip().lower(),
        km=_number(q.km, "km", 5.0) or 5.0,
        per_board=None if board is None else int(board),
        min_p_viable=_number(q.min_p_viable, "min_p_viable", DEFAULT_MIN_P_VIABLE) or 0.0,
    )
    key = ("optimise", code, req.budgets, req.objective, req.km, req.per_board, req.min_p_viable)
    found = ctx.state.views.get(key)
    if found is not None:
        return dict(found)
    root, catalog = ctx.state.warehouse, ctx.catalog

    def compute() -> dict[str, Any]:
        cursor = root.cursor()  # the request's cursor may be closed before a late run ends
        try:
            return optimise(cursor, catalog, req).to_dict()
        finally:
            cursor.close()

    gate: RunGate = ctx.request.app.state.scenario_gate  # the planner's bounded workers
    doc: dict[str, Any] = gate.run_sync(lambda: ctx.state.views.get_or_make(key, compute))
    return doc


def scenario_url(doc: dict[str, Any], chosen: list[str], budget: float) -> str:
    """The planner's run page with the chosen additions (its builder's query string)."""
    form = BuilderForm(
        name=f"Optimaal {doc['region']} {budget / 1e6:g}M",
        region=doc["region"],
        add=tuple(chosen),
    )
    return "/scenarios/run?" + form.query()


def atlas_url(doc: dict[str, Any], chosen: list[str]) -> str:
    """The atlas with the chosen additions ringed (``web/atlas_chosen.py``)."""
    return "/atlas?" + urlencode({"region": doc["region"], "chosen": ",".join(chosen)})


def frontier_chart(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    """Optimum and greedy against the budget; axes titled and starting at zero."""
    xs = [f["budget"] for f in doc["frontier"]]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": t(lang, "Optimum"),
            "x": xs,
            "y": [f["objective"] for f in doc["frontier"]],
            "line": {"color": COLOURS[0], "shape": "hv"},
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": t(lang, "Beste verhouding eerst"),
            "x": xs,
            "y": [f["greedy"] for f in doc["frontier"]],
            "line": {"color": COLOURS[1], "dash": "dash", "shape": "hv"},
        },
    ]
    layout = _layout(
        lang,
        height=340,
        xaxis={"title": {"text": t(lang, "Budget (euro per jaar)")}, "rangemode": "tozero"},
        yaxis={"title": {"text": t(lang, "Doelwaarde")}, "rangemode": "tozero"},
    )
    return {"data": data, "layout": layout, "config": CONFIG}


def _eur(value: float, lang: str) -> str:
    return "€ " + fmt.count(value, lang)


def page_view(
    doc: dict[str, Any], lang: str, gemeente: Callable[[str], str] = str
) -> dict[str, Any]:
    sols = []
    for s in doc["solutions"]:
        o, g = s["optimal"], s["greedy"]
        check = s["planner_check"]
        sols.append(
            {
                "budget": _eur(s["budget"], lang),
                "text": t(
                    lang,
                    "Budget {budget} per jaar: status {status}, gap {gap}; doelwaarde "
                    "{objective} (beste verhouding eerst: {greedy}; verschil {diff}); "
                    "{n} toevoegingen, {eac} per jaar.",
                    budget=_eur(s["budget"], lang),
                    status=s["status"],
                    gap=fmt.number(s["mip_gap"] or 0.0, lang, 3),
                    objective=fmt.number(o["objective"], lang, 3),
                    greedy=fmt.number(g["objective"], lang, 3),
                    diff=fmt.number(s["greedy_difference"], lang, 3),
                    n=len(o["chosen"]),
                    eac=_eur(o["eac"], lang),
                ),
                "rows": [
                    {
                        "location": a["location"],
                        "name": a["name"],
                        "url": f"/location/{a['location']}",
                        "gemeente": gemeente(a["gemeente"]),
                        "profile": fmt.category("profile", a["profile"], lang),
                        "pupils": fmt.number(a["pupils_per_leerjaar"], lang, 1),
                        "p_viable": fmt.number(a["p_viable"], lang, 2),
                        "diplomas": fmt.number(a["diplomas"], lang, 1),
                        "eac": _eur(a["eac"], lang),
                        "flags": ", ".join(a["flags"]),
                    }
                    for a in s["additions"]
                ],
                "scenario_url": scenario_url(doc, o["chosen"], s["budget"])
                if o["chosen"]
                else None,
                "atlas_url": atlas_url(doc, o["chosen"]) if o["chosen"] else None,
                "check": None
                if not check
                else t(
                    lang,
                    "De planner rekent deze keuze door: {planner} extra instromers per "
                    "jaar (optimalisatie: {optimiser}; beide gebruiken dezelfde trekkingen "
                    "per locatie en profiel).",
                    planner=fmt.number(check["planner_entrants"], lang, 1),
                    optimiser=fmt.number(check["optimiser_entrants"], lang, 1),
                ),
            }
        )
    frontier = [
        {
            "budget": _eur(f["budget"], lang),
            "objective": fmt.number(f["objective"], lang, 3),
            "greedy": fmt.number(f["greedy"], lang, 3),
            "additions": f["additions"],
        }
        for f in doc["frontier"]
    ]
    return {"solutions": sols, "frontier": frontier}


def optimise_context(ctx: Ctx, q: OptimiseQuery, doc: dict[str, Any]) -> dict[str, Any]:
    """The template context of the optimiser page."""
    lang = ctx.lang
    context = page_context(
        ctx,
        title=t(lang, "Optimaliseren: waar technische profielen toevoegen"),
        nav="/optimaliseren",
        region=doc["region"],
        keep=("budget", "objective", "km", "per_board", "min_p_viable"),
    )
    context.update(
        {
            "doc": doc,
            "view": page_view(doc, lang, lambda code: place_name(ctx, code)),
            "region_name": ctx.catalog.get(doc["region"]).label(lang),
            "chart": frontier_chart(doc, lang),
            "summary": t(
                lang,
                "{n} kandidaat-toevoegingen (gegevens {year}); alles toevoegen kost "
                "{total} per jaar.",
                n=doc["candidates"],
                year=doc["year"],
                total=_eur(doc["cost_of_adding_everywhere"], lang),
            ),
            "objectives": [
                {"value": o, "label": choice_label(lang, "opt_obj", o)} for o in OBJECTIVES
            ],
            "form": {
                "budget": q.budget or "2M",
                "objective": doc["objective"],
                "km": q.km or "5",
                "per_board": q.per_board or "",
                "min_p_viable": q.min_p_viable or "0.5",
            },
        }
    )
    return context


PAGE = Page(
    path="/optimaliseren",
    template="optimise.html",
    params=OptimiseQuery,
    view=optimise_doc,
    context=optimise_context,
    api="/api/v1/optimise",
    summary="Optimal placement for a budget (JSON twin of /optimaliseren)",
    api_summary="Optimal placement of technical profiles for a budget (MILP, with greedy)",
    description="The document of ``kansrijk optimise --json``.",
)
router = PAGE.router()
