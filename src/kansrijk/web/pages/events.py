"""``/gebeurtenissen``: which vmbo locations of a region started or stopped a (technical)
profile between two years, with pupils, and the licence watch (profiles without pupils for
1, 2, 3+ years). Twins ``/gebeurtenissen.json`` (raw, as ``kansrijk events --json``),
``/gebeurtenissen.csv`` and ``.xlsx`` (one row per event)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kansrijk.errors import InputError, Message
from kansrijk.indicators.events import LICENCE_YEARS, ProfileEvents, profile_events
from kansrijk.l10n.monitor import N_, choice_label, t
from kansrijk.tables import Records
from kansrijk.vocab import ProfileSet
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.page import Page, doc
from kansrijk.web.params import parse_year
from kansrijk.web.render import page_context


@dataclass(frozen=True, slots=True)
class EventsQuery:
    """The events page's parameters."""

    region: str | None = field(default=None, metadata=doc("Region code."))
    since: str | None = field(
        default=None, metadata=doc("First year compared (the year before a change).")
    )
    until: str | None = field(default=None, metadata=doc("Last year compared."))
    pset: str | None = field(
        default=None,
        metadata=doc("techniek_ict (default), techniek or all (every profile).", alias="set"),
    )


def _set(value: str | None) -> str | None:
    text = (value or "techniek_ict").strip().lower()
    if text == "all":
        return None
    if text not in {s.value for s in ProfileSet}:
        raise InputError(
            Message("set: expected techniek_ict, techniek or all, found {value!r}", value=value)
        )
    return text


def events_of(ctx: Ctx, q: EventsQuery) -> ProfileEvents:
    """The events of the query's region and years (cached per query)."""
    code = ctx.region(q.region).code
    s, u, p = parse_year(q.since, "since"), parse_year(q.until, "until"), _set(q.pset)
    ev: ProfileEvents = ctx.state.views.get_or_make(
        ("events", code, s, u, p),
        lambda: profile_events(ctx.wh, ctx.catalog, code, since=s, until=u, profile_set=p),
    )
    return ev


def _pupils(n: int, *, masked: bool, lang: str) -> str:
    if masked and not n:
        return "<5"
    return fmt.count(n, lang) + (" (+<5)" if masked else "")


def display(ctx: Ctx, ev: ProfileEvents) -> dict[str, Any]:
    """The raw document of ``kansrijk events --json`` plus the page's display rows."""
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


#: The columns of the CSV/XLSX: one row per event.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("region", N_("Regio")),
    ("loc_code", N_("Locatie")),
    ("name", N_("Naam")),
    ("gemeente_code", N_("Gemeentecode")),
    ("gemeente_name", N_("Gemeente")),
    ("profile", N_("Profiel")),
    ("kind", N_("Gebeurtenis")),
    ("prev_year", N_("Vorig jaar")),
    ("year", N_("Jaar")),
    ("pupils", N_("Leerlingen")),
    ("masked", N_("Afgeschermd (<5)")),
    ("technical", N_("Technisch")),
    ("new_location", N_("Nieuwe locatie")),
    ("location_closed", N_("Locatie zonder leerlingen")),
    ("break", N_("Breuk in de reeks")),
)


def events_table(ctx: Ctx, _q: EventsQuery, ev: ProfileEvents) -> Records:
    """One row per event, as the page's table (pupils as whole numbers)."""
    rows = [
        {
            "region": ev.region,
            **e.to_json(),
            "break": " ".join(b.reason(ctx.lang) for b in e.breaks),
        }
        for e in ev.events
    ]
    return Records(
        name=f"kansrijk-gebeurtenissen-{ev.region}-{ev.since or 'alle'}-{ev.until or 'nu'}",
        columns=COLUMNS,
        rows=rows,
    )


def events_context(ctx: Ctx, q: EventsQuery, ev: ProfileEvents) -> dict[str, Any]:
    """The template context of the events page."""
    view = display(ctx, ev)
    lang = ctx.lang
    r = ctx.catalog.get(view["region"])
    name = r.label(lang)
    context = page_context(
        ctx,
        title=t(lang, "Gebeurtenissen: {region}", region=name),
        nav="/gebeurtenissen",
        region=view["region"],
        keep=("since", "until", "set"),
    )
    chosen = (q.pset or "techniek_ict").strip().lower()
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
            "licence_years": LICENCE_YEARS,
            "newest": view["years"][-1] if view["years"] else None,
        }
    )
    return context


PAGE = Page(
    path="/gebeurtenissen",
    template="events.html",
    params=EventsQuery,
    view=events_of,
    data=ProfileEvents.to_json,
    context=events_context,
    table=events_table,
    summary="Profiles started and stopped, licence watch (JSON twin of /gebeurtenissen)",
    description="Events between loaded years (``since`` <= prev_year, year <= ``until``), raw.",
    table_summary="The events table",
)
router = PAGE.router()
