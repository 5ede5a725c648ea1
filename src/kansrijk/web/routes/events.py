"""``/gebeurtenissen``: which vmbo locations of a region started or stopped a (technical)
profile between two years, with pupils, and the licence watch (profiles without pupils for
1, 2, 3+ years). Twins ``/gebeurtenissen.json`` (raw) and ``/gebeurtenissen.csv``."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse

from kansrijk.errors import InputError, Message
from kansrijk.indicators.events import LICENCE_YEARS, ProfileEvents, profile_events
from kansrijk.vocab import ProfileSet
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import N_, choice_label, t
from kansrijk.web.params import parse_year
from kansrijk.web.render import cached_json, cached_page, page_context

router = APIRouter()

Q = Annotated[str | None, Query()]
SetQ = Annotated[
    str | None,
    Query(alias="set", description="techniek_ict (default), techniek or all (every profile)."),
]


def _set(value: str | None) -> str | None:
    text = (value or "techniek_ict").strip().lower()
    if text == "all":
        return None
    if text not in {s.value for s in ProfileSet}:
        raise InputError(
            Message("set: expected techniek_ict, techniek or all, found {value!r}", value=value)
        )
    return text


def _events(
    ctx: Ctx, region: str | None, since: str | None, until: str | None, pset: str | None
) -> ProfileEvents:
    code = ctx.region(region).code
    s, u, p = parse_year(since), parse_year(until), _set(pset)
    ev: ProfileEvents = ctx.state.views.get_or_make(
        ("events", code, s, u, p),
        lambda: profile_events(ctx.wh, ctx.catalog, code, since=s, until=u, profile_set=p),
    )
    return ev


def _pupils(n: int, *, masked: bool, lang: str) -> str:
    if masked and not n:
        return "<5"
    return fmt.count(n, lang) + (" (+<5)" if masked else "")


def events_view(
    ctx: Ctx, region: str | None, since: str | None, until: str | None, pset: str | None
) -> dict[str, Any]:
    """The page's data: the raw document of ``kansrijk events --json`` plus display rows."""
    ev: ProfileEvents = _events(ctx, region, since, until, pset)
    lang = ctx.lang
    doc = ev.to_json()
    doc["lang"] = lang
    doc["demo"] = ctx.state.demo
    doc["rows"] = [
        {
            "year": e.year,
            "between": t(lang, "{prev} → {year}", prev=e.prev_year, year=e.year),
            "kind": e.kind,
            "kind_label": choice_label(lang, "events", e.kind),
            "loc_code": e.loc_code,
            "name": e.name,
            "url": f"/location/{e.loc_code}",
            "gemeente": e.gemeente_name or e.gemeente_code or "",
            "profile": e.profile,
            "profile_label": fmt.category("profile", e.profile, lang),
            "technical": e.technical,
            "pupils": _pupils(e.pupils, masked=e.masked, lang=lang),
            "break": bool(e.breaks),
            "note": t(lang, "nieuwe locatie")
            if e.new_location
            else t(lang, "locatie zonder leerlingen")
            if e.location_closed
            else "",
        }
        for e in ev.events
    ]
    doc["watch_rows"] = [
        {
            "loc_code": w.loc_code,
            "name": w.name,
            "url": f"/location/{w.loc_code}",
            "gemeente": w.gemeente_name or w.gemeente_code or "",
            "profile_label": fmt.category("profile", w.profile, lang),
            "last_year": w.last_year,
            "last_pupils": _pupils(w.last_pupils, masked=False, lang=lang),
            "years_without": w.years_without,
            "lapsed": w.lapsed,
            "status": t(lang, N_("licentie vervallen") if w.lapsed else N_("let op"))
            + (
                " "
                + t(
                    lang,
                    "(als er ook in {years} geen leerlingen waren: die jaren zijn niet geladen)",
                    years=", ".join(map(str, w.unloaded_years)),
                )
                if w.unloaded_years
                else ""
            ),
        }
        for w in ev.watch
    ]
    seen = {b.id: b for e in ev.events for b in e.breaks}
    doc["break_notes"] = [
        t(
            lang,
            "Breuk in de reeks vanaf {year}: {reason}",
            year=fmt.school_year(b.year),
            reason=b.reason(lang),
        )
        for b in seen.values()
    ]
    tot = ev.totals()
    doc["totals_text"] = t(
        lang,
        "{started} keer gestart ({pupils_started} leerlingen), {stopped} "
        "keer gestopt ({pupils_stopped} leerlingen in het jaar ervoor).",
        started=tot["started"],
        stopped=tot["stopped"],
        pupils_started=fmt.count(tot["pupils_started"], lang),
        pupils_stopped=fmt.count(tot["pupils_stopped"], lang),
    )
    return doc


@router.get(
    "/gebeurtenissen.json",
    summary="Profiles started and stopped, licence watch (JSON twin of /gebeurtenissen)",
    tags=["pages"],
)
async def events_json(
    ctx: CtxDep, region: Q = None, since: Q = None, until: Q = None, pset: SetQ = None
) -> Response:
    """Events between loaded years (``since`` <= prev_year, year <= ``until``), raw."""

    def build() -> dict[str, Any]:
        return _events(ctx, region, since, until, pset).to_json()

    return await cached_json(ctx, build)


@router.get("/gebeurtenissen.csv", summary="The events table as CSV", tags=["pages"])
def events_csv(
    ctx: CtxDep, region: Q = None, since: Q = None, until: Q = None, pset: SetQ = None
) -> Response:
    """One row per event, as the page's table (pupils as whole numbers)."""
    ev = _events(ctx, region, since, until, pset)
    buf = io.StringIO()
    rows = [e.to_json() for e in ev.events]
    keys = ["region", *(rows[0].keys() if rows else ["loc_code", "profile", "kind", "year"])]
    w = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({"region": ev.region, **r})
    name = f"kansrijk-gebeurtenissen-{ev.region}-{ev.since or 'alle'}-{ev.until or 'nu'}.csv"
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def events_page_context(
    ctx: Ctx, region: str | None, since: str | None, until: str | None, pset: str | None
) -> dict[str, Any]:
    """The template context of the events page."""
    view = events_view(ctx, region, since, until, pset)
    lang = ctx.lang
    r = ctx.catalog.get(view["region"])
    name = r.label(lang)
    query = ctx.request.url.query
    suffix = "?" + query if query else "?" + urlencode({"region": view["region"]})
    context = page_context(
        ctx,
        title=t(lang, "Gebeurtenissen: {region}", region=name),
        nav="/gebeurtenissen",
        region=view["region"],
        json_url="/gebeurtenissen.json" + suffix,
        keep=("since", "until", "set"),
    )
    chosen = (pset or "techniek_ict").strip().lower()
    scope = t(lang, "alle profielen") if chosen == "all" else choice_label(lang, "set", chosen)
    context.update(
        {
            "view": view,
            "region_name": name,
            "scope": scope,
            "since_text": str(view["since"])
            if view["since"]
            else t(lang, "het eerste geladen jaar"),
            "until_text": str(view["until"])
            if view["until"]
            else t(lang, "het nieuwste geladen jaar"),
            "years": view["years"],
            "chosen_set": chosen,
            "sets": [
                {
                    "value": "techniek_ict",
                    "label": t(lang, "techniek incl. ICT (BWI, PIE, MT, MAT, MVI)"),
                },
                {"value": "techniek", "label": t(lang, "techniek (BWI, PIE, MT, MAT)")},
                {"value": "all", "label": t(lang, "alle profielen")},
            ],
            "csv_url": "/gebeurtenissen.csv" + suffix,
            "licence_years": LICENCE_YEARS,
            "newest": view["years"][-1] if view["years"] else None,
        }
    )
    return context


@router.get("/gebeurtenissen", response_class=HTMLResponse, include_in_schema=False)
async def events_page(
    ctx: CtxDep, region: Q = None, since: Q = None, until: Q = None, pset: SetQ = None
) -> HTMLResponse:
    """The events page."""
    return await cached_page(
        ctx, lambda: ("events.html", events_page_context(ctx, region, since, until, pset))
    )
