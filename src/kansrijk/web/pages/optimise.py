"""``/optimaliseren``: the best places to add technical profiles for a budget (MILP), the
greedy answer beside it, the frontier chart with its table, and a link that opens the
chosen set as a scenario in the planner. Twins ``/optimaliseren.json`` and
``/api/v1/optimise`` (the document of ``kansrijk optimise --json``), and the report's
workbook ``/optimaliseren.xlsx`` (the file of ``kansrijk optimise --xlsx``; CSV: the chosen
additions). The tables are ``kansrijk.optimise.tables``; the page parses, calls, renders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kansrijk.errors import InputError, Message
from kansrijk.l10n.monitor import choice_label, t
from kansrijk.optimise import DEFAULT_KM, OBJECTIVES
from kansrijk.optimise.report import (
    DEFAULT_MIN_P_VIABLE,
    Report,
    Request,
    optimise,
    parse_budgets,
)
from kansrijk.optimise.tables import (
    additions_table,
    budget_table,
    frontier_table,
    report_book,
)
from kansrijk.tables import Book, Style, Table
from kansrijk.web import format as fmt
from kansrijk.web.charts import COLOURS, CONFIG, _layout
from kansrijk.web.deps import Ctx
from kansrijk.web.limits import RunGate
from kansrijk.web.page import Page, doc
from kansrijk.web.render import page_context
from kansrijk.web.scenario_form import BuilderForm
from kansrijk.web.scenario_pages import place_name

WEB_BUDGETS = 3
#: A missing figure.
NONE = "–"


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


def _number(text: str | None, name: str) -> float | None:
    """The field as a number, None when empty (its bounds are the ``Request``'s)."""
    if text is None or not text.strip():
        return None
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(
            Message("expected a number; found {text!r}", text=text), column=name
        ) from None


def optimise_report(ctx: Ctx, q: OptimiseQuery) -> Report:
    """The optimiser's report for the query (cached; run through the planner's bounded
    workers). The query's fields map onto a :class:`Request`, which checks their bounds."""
    code = ctx.region(q.region).code
    budgets = parse_budgets(q.budget or "2M")
    if len(budgets) > WEB_BUDGETS:  # the site's limit on work per request, not the domain's
        raise InputError(
            Message(
                "expected at most {most} budgets; found {found}",
                most=WEB_BUDGETS,
                found=len(budgets),
            ),
            column="budget",
        )
    board = _number(q.per_board, "per_board")
    km = _number(q.km, "km")
    p_viable = _number(q.min_p_viable, "min_p_viable")
    if board is not None and not board.is_integer():
        raise InputError(
            Message("expected a whole number; found {raw!r}", raw=q.per_board), column="per_board"
        )
    req = Request(
        region=code,
        budgets=budgets,
        objective=(q.objective or "diplomas").strip().lower(),
        km=DEFAULT_KM if km is None else km,
        per_board=None if board is None else int(board),
        min_p_viable=DEFAULT_MIN_P_VIABLE if p_viable is None else p_viable,
    )
    key = ("optimise", code, req.budgets, req.objective, req.km, req.per_board, req.min_p_viable)
    found = ctx.state.views.get(key)
    if isinstance(found, Report):
        return found
    root, catalog = ctx.state.warehouse, ctx.catalog

    def compute() -> Report:
        cursor = root.cursor()  # the request's cursor may be closed before a late run ends
        try:
            return optimise(cursor, catalog, req).light()  # cached: without the draws
        finally:
            cursor.close()

    gate: RunGate = ctx.request.app.state.scenario_gate  # the planner's bounded workers
    report: Report = gate.run_sync(lambda: ctx.state.views.get_or_make(key, compute))
    return report


def scenario_url(region: str, chosen: Sequence[str], budget: float) -> str:
    """The planner's run page with the chosen additions (its builder's query string)."""
    form = BuilderForm(
        name=f"Optimaal {region} {budget / 1e6:g}M",
        region=region,
        add=tuple(chosen),
    )
    return "/scenarios/run?" + form.query()


def atlas_url(region: str, chosen: Sequence[str]) -> str:
    """The atlas with the chosen additions ringed (``web/atlas_chosen.py``)."""
    return "/atlas?" + urlencode({"region": region, "chosen": ",".join(chosen)})


def frontier_chart(front: Table, lang: str) -> dict[str, Any]:
    """Optimum and greedy against the budget; axes titled and starting at zero."""
    xs = [f["budget"] for f in front.rows]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": t(lang, front.column(key).label),
            "x": xs,
            "y": [f[key] for f in front.rows],
            "line": {"color": COLOURS[i], "shape": "hv"} | ({"dash": "dash"} if i else {}),
        }
        for i, key in enumerate(("objective", "greedy"))
    ]
    layout = _layout(
        lang,
        height=340,
        xaxis={"title": {"text": t(lang, "Budget (euro per jaar)")}, "rangemode": "tozero"},
        yaxis={"title": {"text": t(lang, "Doelwaarde")}, "rangemode": "tozero"},
    )
    return {"data": data, "layout": layout, "config": CONFIG}


def page_view(report: Report, lang: str, place: Callable[[str], str] = str) -> dict[str, Any]:
    """Sentences and table rows of the page (``optimise.tables``), formatted for ``lang``."""
    budgets, additions, front = (
        budget_table(report),
        additions_table(report),
        frontier_table(report),
    )
    region = report.cands.region
    style = Style(lang)
    names = {"profile": lambda code: fmt.category("profile", code, lang), "gemeente": place}
    sols = []
    for b, s in zip(budgets.rows, report.solutions, strict=True):
        text = budgets.texts(style, [b], empty=NONE)[0]
        chosen = list(s.optimal.chosen)
        sols.append(
            {
                "budget": text["budget"],
                "text": t(
                    lang,
                    "Budget {budget} per jaar: status {status}, gap {gap}; doelwaarde "
                    "{objective} (beste verhouding eerst: {greedy}; verschil {diff}); "
                    "{n} toevoegingen, {eac} per jaar.",
                    budget=text["budget"],
                    status=b["status"],
                    gap=fmt.number(b["mip_gap"] or 0.0, lang, 3),
                    objective=text["objective"],
                    greedy=text["greedy"],
                    diff=text["greedy_difference"],
                    n=b["additions"],
                    eac=text["eac"],
                ),
                "rows": [
                    r | {"url": f"/location/{r['location']}"}
                    for r in additions.texts(
                        style,
                        [a for a in additions.rows if a["budget"] == b["budget"]],
                        names=names,
                        empty=NONE,
                    )
                ],
                "scenario_url": scenario_url(region, chosen, s.budget) if chosen else None,
                "atlas_url": atlas_url(region, chosen) if chosen else None,
                "check": None
                if b["check_model"] is None
                else t(
                    lang,
                    "De planner rekent deze keuze door: {planner} extra instromers per "
                    "jaar (optimalisatie: {optimiser}; beide gebruiken dezelfde trekkingen "
                    "per locatie en profiel).",
                    planner=text["planner_entrants"],
                    optimiser=text["optimiser_entrants"],
                ),
            }
        )
    return {
        "solutions": sols,
        "heads": additions.heads(lang),
        "frontier": front.texts(style, empty=NONE),
        "frontier_heads": front.heads(lang),
    }


def optimise_context(ctx: Ctx, q: OptimiseQuery, report: Report) -> dict[str, Any]:
    """The template context of the optimiser page."""
    lang = ctx.lang
    region = report.cands.region
    context = page_context(
        ctx,
        title=t(lang, "Optimaliseren: waar technische profielen toevoegen"),
        nav="/optimaliseren",
        region=region,
        keep=("budget", "objective", "km", "per_board", "min_p_viable"),
    )
    context.update(
        {
            "doc": {"region": region, "notes": list(report.notes)},
            "view": page_view(report, lang, lambda code: place_name(ctx, code)),
            "region_name": ctx.catalog.get(region).label(lang),
            "chart": frontier_chart(frontier_table(report), lang),
            "summary": t(
                lang,
                "{n} kandidaat-toevoegingen (gegevens {year}); alles toevoegen kost "
                "{total} per jaar.",
                n=len(report.cands),
                year=report.cands.year,
                total="€ " + fmt.count(report.cands.total_eac(), lang),
            ),
            "objectives": [
                {"value": o, "label": choice_label(lang, "opt_obj", o)} for o in OBJECTIVES
            ],
            "form": {
                "budget": q.budget or "2M",
                "objective": report.request.objective,
                "km": q.km or "5",
                "per_board": q.per_board or "",
                "min_p_viable": q.min_p_viable or "0.5",
            },
        }
    )
    return context


def optimise_book(_ctx: Ctx, _q: OptimiseQuery, report: Report) -> Book:
    """The report's workbook (the file of ``kansrijk optimise --xlsx``); CSV: the additions."""
    return report_book(report)


PAGE = Page(
    path="/optimaliseren",
    template="optimise.html",
    params=OptimiseQuery,
    view=optimise_report,
    context=optimise_context,
    table=optimise_book,
    data=Report.to_dict,
    api="/api/v1/optimise",
    summary="Optimal placement for a budget (JSON twin of /optimaliseren)",
    api_summary="Optimal placement of technical profiles for a budget (MILP, with greedy)",
    description="The document of ``kansrijk optimise --json``.",
    table_summary="The optimiser's tables (additions first)",
)
router = PAGE.router()
