"""``/compare``: the member gemeenten of a region (or any chosen set of regions) side by side
for one indicator and breakdown; twins ``/compare.json``, ``/compare.csv``, ``/compare.xlsx``
(the CSV and XLSX hold exactly the rows of the table, in its order)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pyarrow as pa

from kansrijk.errors import InputError, Message
from kansrijk.indicators import INDICATORS, IndicatorResult, IndicatorRow, get_indicator
from kansrijk.l10n.monitor import N_, choice_label, definition_text, t
from kansrijk.regions import Level
from kansrijk.vocab import ProfileSet
from kansrijk.web import charts
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.page import Page, doc
from kansrijk.web.params import parse_year, split
from kansrijk.web.render import page_context, url_with
from kansrijk.web.table import ResultTable
from kansrijk.web.trend_view import trend_view

DEFAULT_INDICATOR = "vmbo.tech_choice_share"


@dataclass(frozen=True, slots=True)
class CompareQuery:
    """The parameters of a comparison, as given."""

    region: str | None = field(
        default=None,
        metadata=doc("Region code whose member gemeenten are compared (default MRDH/DEMO)."),
    )
    regions: str | None = field(
        default=None, metadata=doc("Any regions instead, comma-separated (A,B,C).")
    )
    indicator: str | None = field(
        default=None, metadata=doc(f"A computed indicator (default {DEFAULT_INDICATOR}).")
    )
    by: str | None = field(default=None, metadata=doc("Breakdown(s), comma-separated."))
    profile_set: str | None = field(
        default=None,
        metadata=doc("Profile set: techniek or techniek_ict (default of the indicator).", "set"),
    )
    year: str | None = field(default=None, metadata=doc("Year (default the newest loaded)."))
    sort: str | None = field(
        default=None,
        metadata=doc(
            "Column to sort by: name, code, value, numerator, denominator or a "
            "breakdown; prefix - for descending."
        ),
    )


def _table_of(indicator_id: str) -> str:
    return get_indicator(indicator_id).table


def _sort_key(column: str, row: IndicatorRow) -> tuple[Any, ...]:
    if column == "value":
        primary: Any = row.value
    elif column == "numerator":
        primary = row.numerator
    elif column == "denominator":
        primary = row.denominator
    elif column == "code":
        primary = row.region
    elif column == "name":
        primary = row.region_name.lower()
    else:
        primary = row.breakdown.get(column, "")
    return (primary,)


def sort_rows(rows: tuple[IndicatorRow, ...], sort: str, by: tuple[str, ...]) -> list[IndicatorRow]:
    """Rows sorted by a column (``-col`` descending); empty values always last; ties by
    region name and breakdown."""
    desc = sort.startswith("-")
    column = sort.lstrip("-")
    tie = sorted(rows, key=lambda r: (r.region_name.lower(), [r.breakdown.get(b, "") for b in by]))
    present = [r for r in tie if _sort_key(column, r)[0] is not None]
    empty = [r for r in tie if _sort_key(column, r)[0] is None]
    return sorted(present, key=lambda r: _sort_key(column, r), reverse=desc) + empty


#: The page's data for its template and JSON twin, and the result restricted to the table's
#: rows in the table's order (its CSV and XLSX).
CompareView = tuple[dict[str, Any], IndicatorResult]


def compare_view(ctx: Ctx, q: CompareQuery) -> CompareView:
    """The data of the compare page (and of its JSON, CSV and XLSX twins), and the result
    restricted to the table's rows in the table's order."""
    ind = get_indicator(q.indicator or DEFAULT_INDICATOR)
    if not ind.computable:
        raise InputError(
            Message(
                "indicator: {indicator} is not computed by Kansrijk (only published figures); "
                "choose a computed indicator (see /api/v1/indicators)",
                indicator=ind.id,
            )
        )
    region = ctx.region(q.region)
    chosen = split(q.regions)
    context = not chosen and region.by_postcode
    if chosen:
        members = [ctx.catalog.get(c).code for c in chosen]
    elif context:
        members = context_of(ctx, region)
    elif region.level is Level.GEMEENTE:
        members = [region.code]
    else:
        members = [g for g in region.gemeenten if g in ctx.catalog]
    table = _table_of(ind.id)
    loaded = ctx.state.years.get(table, [])
    year = parse_year(q.year) or (loaded[-1] if loaded else None)
    by = split(q.by)
    allowed_sorts = ("name", "code", "value", "numerator", "denominator")
    result = ctx.compute(ind.id, members, [year] if year else None, by, q.profile_set)
    sort = (q.sort or "name").strip()
    if sort.lstrip("-") not in (*allowed_sorts, *result.by):
        raise InputError(
            Message(
                "sort: expected one of {allowed} (prefix - for descending), found {found!r}",
                allowed=", ".join((*allowed_sorts, *result.by)),
                found=q.sort,
            )
        )
    if context and not q.sort:
        order = {code: i for i, code in enumerate(members)}
        rows = sorted(result.rows, key=lambda r: order.get(r.region, len(order)))
    else:
        rows = sort_rows(result.rows, sort, result.by)
    position = {id(r): i for i, r in enumerate(result.rows)}
    table_result = dataclasses.replace(
        result,
        # typed indices: an empty list (a year without data) would be of type null
        table=result.table.take(pa.array([position[id(r)] for r in rows], pa.int64())),
        published=(),
        targets=(),
    )
    total = None
    if not chosen and members and region.code not in members:
        whole = ctx.compute(ind.id, [region.code], [year] if year else None, by, q.profile_set)
        total_rows = [r for r in whole.rows if not r.breakdown]
        if total_rows:
            r0 = total_rows[0]
            total = {
                "region": r0.region,
                "region_name": r0.region_name,
                "value": r0.value,
                "suppressed": r0.suppressed,
                "display": fmt.value(r0.value, ind.unit.value, ctx.lang, suppressed=r0.suppressed),
            }
    unit = ind.unit.value
    view = {
        "ok": True,
        "lang": ctx.lang,
        "region": {"code": region.code, "name": region.name, "name_en": region.name_en},
        "regions": members,
        "own_selection": bool(chosen),
        "context": context,
        "indicator": {
            "id": ind.id,
            "label_nl": ind.label_nl,
            "label_en": ind.label_en,
            "label": ind.label(ctx.lang),
            "unit": unit,
            "definition": definition_text(ctx.lang, ind.definition),
            "breakdowns": [b.value for b in ind.breakdowns],
            "required": [b.value for b in ind.required],
        },
        "profile_set": result.profile_set,
        "year": year,
        "years": loaded,
        "by": list(result.by),
        "sort": sort,
        "total": total,
        "rows": [
            {
                "region": r.region,
                "region_name": r.region_name,
                "breakdown": r.breakdown,
                "value": r.value,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "suppressed": r.suppressed,
                "masked_cells": r.masked_cells,
                "display": fmt.value(r.value, unit, ctx.lang, suppressed=r.suppressed),
            }
            for r in rows
        ],
        "published": [
            {
                "region": f.region,
                "year": f.year,
                "breakdown": f.breakdown_dict(),
                "value": f.value,
                "display": fmt.value(f.value, f.unit, ctx.lang),
                "label": fmt.published_label(f, ctx.lang),
                "source": f.source,
            }
            for f in result.published
        ],
        "missing": [
            {"region": r, "region_name": _name(ctx, r), "year": y} for r, y in result.missing
        ],
    }
    return view, table_result


def context_of(ctx: Ctx, region: Any) -> list[str]:
    """A region drawn by postcode (Rotterdam Zuid) is not a set of gemeenten: it is compared
    with what it lies in, from small to large: itself, its gemeente(s), the custom regions
    made of gemeenten that hold all of them (MRDH), the provincie and Nederland."""
    inside: list[str] = [region.code, *region.gemeenten]
    holders: list[Any] | None = None
    for g in region.gemeenten:
        parents = ctx.catalog.parents_of(g)
        holders = parents if holders is None else [p for p in holders if p in parents]
    wanted = (Level.CUSTOM, Level.PROVINCIE, Level.NL)
    for level in wanted:
        for parent in holders or []:
            if parent.level is level and not parent.by_postcode and parent.code != region.code:
                inside.append(parent.code)
    return list(dict.fromkeys(inside))


def _name(ctx: Ctx, code: str) -> str:
    region = ctx.catalog.get(code)
    return region.label(ctx.lang)


def _file_name(view: dict[str, Any]) -> str:
    code = "selectie" if view["own_selection"] else view["region"]["code"]
    return f"kansrijk-{view['indicator']['id']}-{code}-{view['year']}"


def compare_table(_ctx: Ctx, _q: CompareQuery, view: CompareView) -> ResultTable:
    """Exactly the rows of the table, in its order, written like ``kansrijk indicator
    --csv`` / ``--xlsx`` (the XLSX with the definition)."""
    return ResultTable(name=_file_name(view[0]), result=view[1])


def _columns(ctx: Ctx, view: dict[str, Any]) -> list[dict[str, Any]]:
    lang = ctx.lang
    current = view["sort"]
    cols = [
        ("name", t(lang, "Regio"), False),
        ("code", t(lang, "Code"), False),
    ]
    cols += [(b, fmt.dimension(b, lang), False) for b in view["by"]]
    cols += [
        ("value", t(lang, "Waarde"), True),
        ("numerator", t(lang, "Teller"), True),
        ("denominator", t(lang, "Noemer"), True),
    ]
    out = []
    for key, label, num in cols:
        state = "ascending" if current == key else "descending" if current == "-" + key else None
        nxt = "-" + key if current == key else key
        hint = (
            t(lang, "Sorteer op {column}", column=label)
            + ", "
            + t(lang, N_("aflopend") if nxt.startswith("-") else N_("oplopend"))
        )
        out.append(
            {
                "key": key,
                "label": label,
                "num": num,
                "sort": state,
                "href": url_with(ctx.request, sort=nxt) + "#compare-table",
                "hint": hint,
            }
        )
    return out


def _chart_panels(ctx: Ctx, view: dict[str, Any]) -> list[dict[str, Any]]:
    """One bar chart, or one per statistic (their units differ)."""
    lang = ctx.lang
    unit = view["indicator"]["unit"]
    by = list(view["by"])
    panel_dim = "statistic" if "statistic" in by else None
    series_dims = [b for b in by if b != panel_dim]
    panels: dict[str, list[dict[str, Any]]] = {}
    for r in view["rows"]:
        panels.setdefault(r["breakdown"].get(panel_dim, "") if panel_dim else "", []).append(r)
    out = []
    for key, rows in panels.items():
        names = list(dict.fromkeys(r["region_name"] for r in rows))
        cats = list(
            dict.fromkeys(tuple(r["breakdown"].get(d, "") for d in series_dims) for r in rows)
        )
        series = []
        for cat in cats:
            values = {
                r["region_name"]: r["value"]
                for r in rows
                if tuple(r["breakdown"].get(d, "") for d in series_dims) == cat
            }
            label = ", ".join(
                fmt.category(d, c, lang) for d, c in zip(series_dims, cat, strict=True)
            )
            series.append((label or view["indicator"]["label"], [values.get(n) for n in names]))
        suffix = (
            " km"
            if key in ("mean_km", "median_km")
            else "%"
            if unit == "percent" or key == "share_over_5km"
            else ""
        )
        title = fmt.category("statistic", key, lang) if key else view["indicator"]["label"]
        out.append(
            {
                "title": title,
                "spec": charts.bar_chart(names, series, lang=lang, suffix=suffix),
            }
        )
    return out


def _choices(ctx: Ctx, view: dict[str, Any]) -> dict[str, Any]:
    lang = ctx.lang
    ind = get_indicator(view["indicator"]["id"])
    optional = [b for b in ind.breakdowns if b not in ind.required]
    return {
        "indicators": [
            {"id": i.id, "label": i.label(lang), "selected": i.id == ind.id}
            for i in INDICATORS
            if i.computable
        ],
        "by": [
            {
                "value": "",
                "label": t(lang, "geen"),
                "selected": not ctx.request.query_params.get("by"),
            }
        ]
        + [
            {
                "value": b.value,
                "label": fmt.dimension(b.value, lang),
                "selected": b.value in split(ctx.request.query_params.get("by")),
            }
            for b in optional
        ],
        "sets": [
            {
                "value": "",
                "label": t(lang, "standaard van de indicator"),
                "selected": not ctx.request.query_params.get("set"),
            }
        ]
        + [
            {
                "value": s.value,
                "label": choice_label(lang, "set", s.value),
                "selected": ctx.request.query_params.get("set") == s.value,
            }
            for s in ProfileSet
        ],
        "uses_set": ind.profile_set is not None,
        "years": [{"value": y, "selected": y == view["year"]} for y in reversed(view["years"])],
    }


def compare_trend(ctx: Ctx, view: dict[str, Any], q: CompareQuery) -> dict[str, Any]:
    """The trend of the region as a whole (or of the chosen regions) over every loaded year,
    for the page's indicator, breakdown and set: breaks marked, targets drawn."""
    codes = view["regions"] if view["own_selection"] else [view["region"]["code"]]
    return trend_view(
        ctx,
        view["indicator"]["id"],
        codes,
        by=view["by"],
        profile_set=q.profile_set,
        chart_id="compare-trend",
    )


def downloads(ind_id: str, q: CompareQuery) -> list[dict[str, str]]:
    """The one-click downloads of the indicator for every gemeente x every loaded year."""
    params = {k: v for k, v in (("set", q.profile_set), ("by", q.by)) if v}
    query = ("?" + urlencode(params)) if params else ""
    return [
        {"key": key, "href": f"/downloads/{ind_id}.{ext}{query}", "ext": ext}
        for key, ext in (
            (N_("CSV"), "csv"),
            (N_("CSV voor Excel (NL: ; en decimale komma)"), "nl.csv"),
            (N_("Excel (XLSX)"), "xlsx"),
            (N_("Parquet"), "parquet"),
        )
    ]


def compare_context(ctx: Ctx, q: CompareQuery, both: CompareView) -> dict[str, Any]:
    """The template context of the compare page."""
    view = both[0]
    lang = ctx.lang
    label = view["indicator"]["label"]
    region_name = view["region"]["name_en" if lang == "en" else "name"] or view["region"]["name"]
    context = page_context(
        ctx,
        title=t(lang, "Vergelijken: {label}", label=label),
        nav="/compare",
        region=view["region"]["code"],
        keep=("indicator", "by", "set", "year", "sort"),
    )
    context.update(
        {
            "view": view,
            "region_name": region_name,
            "columns": _columns(ctx, view),
            "panels": _chart_panels(ctx, view),
            "choices": _choices(ctx, view),
            "regions_text": q.regions or "",
            "trend": compare_trend(ctx, view, q),
            "downloads": downloads(view["indicator"]["id"], q),
        }
    )
    return context


PAGE = Page(
    path="/compare",
    template="compare.html",
    params=CompareQuery,
    view=compare_view,
    data=lambda both: both[0],
    context=compare_context,
    table=compare_table,
    summary="Comparison of municipalities (JSON twin of /compare)",
    description="The rows of the compare table, in its order, with the region as a whole.",
    table_summary="The compare table",
)
router = PAGE.router()
