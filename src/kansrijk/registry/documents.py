"""What the registry shows, as documents: the JSON shapes of its pages and of the API alike
(an activity or request, the published activities, reach, shortages, survey results, a
school's self-assessment and a region's aggregates, audit entries), the rows of the
shortage lists, the overview of one's own account, and the self-assessment aggregates as a
table (CSV and XLSX).

Each function reads in the caller's session and returns plain data; who may see what (the
contact of an activity, a region's aggregates) is decided here or in the services it calls,
never by the page that shows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kansrijk.l10n import survey_gettext
from kansrijk.regions import Region
from kansrijk.registry import assessment, matching, offers, shortages, survey, tokens
from kansrijk.registry.audit import Actor
from kansrijk.registry.measure_models import Assessment, ShortageReport
from kansrijk.registry.models import Activity, AuditEntry, Organisation, SchoolRequest, User
from kansrijk.registry.places import Places
from kansrijk.registry.reach import LocationReach, reach, school_year_label
from kansrijk.registry.survey_form import option_labels
from kansrijk.registry.vocab import ACTIVITY_KINDS, field_label, label
from kansrijk.tables import Records

#: School years in the shortage trend (the asked one and the ones before it).
TREND_YEARS = 5


def _codes(text: str) -> list[str]:
    return [x for x in text.split(",") if x]


def offer_json(
    obj: Activity | SchoolRequest, lang: str, *, org_name: str | None = None, private: bool = False
) -> dict[str, Any]:
    """An activity or request as JSON (``contact`` only when ``private``)."""
    out: dict[str, Any] = {
        "id": obj.id,
        "title": obj.title,
        "kind": obj.kind,
        "kind_label": label(ACTIVITY_KINDS, obj.kind, lang),
        "description": obj.description,
        "themes": _codes(obj.themes),
        "profiles": _codes(obj.profiles),
        "target_groups": _codes(obj.target_groups),
        "pc4": obj.pc4,
        "radius_km": obj.radius_km,
        "capacity": obj.capacity,
        "start_date": obj.start_date.isoformat() if obj.start_date else None,
        "end_date": obj.end_date.isoformat() if obj.end_date else None,
        "cost_eur": obj.cost_eur,
        "languages": _codes(obj.languages),
    }
    if isinstance(obj, SchoolRequest):
        out["loc_code"] = obj.loc_code
    if org_name is not None:
        out["organisation"] = org_name
    if private:
        out["contact"] = obj.contact
    return out


def public_activities(s: Session, lang: str) -> dict[str, Any]:
    """The published activities of approved organisations, with their organisation."""
    acts = offers.public_activities(s)
    ids = {a.org_id for a in acts}
    rows = s.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids)))
    names = {int(i): str(n) for i, n in rows} if ids else {}
    return {"activities": [offer_json(a, lang, org_name=names.get(a.org_id)) for a in acts]}


def activity(s: Session, actor: Actor | None, activity_id: int, lang: str) -> dict[str, Any]:
    """One activity as ``actor`` may see it: its contact only for approved accounts."""
    act = offers.visible_activity(s, actor, activity_id)
    org = s.get(Organisation, act.org_id)
    private = actor is not None and actor.approved
    return offer_json(act, lang, org_name=org.name if org else None, private=private)


def candidates(
    s: Session, places: Places, actor: Actor, side: str, obj_id: int, lang: str
) -> dict[str, Any]:
    """One's own activity or request and what fits it, best first."""
    own = offers.own_object(s, actor, side, obj_id)
    rows = [
        {"fit": c.fit, "km": c.distance_km, "obj": offer_json(obj, lang, org_name=name)}
        for c, obj, name in matching.fitting(s, places, own)
    ]
    return {"side": side, "own": offer_json(own, lang), "rows": rows}


def reach_of(s: Session, places: Places, region: Region, year: int, lang: str) -> dict[str, Any]:
    """The reach of a region and school year: totals and every vmbo location (with its PC4
    centroid, lon/lat, where known)."""

    def row(lr: LocationReach) -> dict[str, Any]:
        loc = lr.location
        lon, lat = places.pc4_lonlat.get(loc.pc4, (None, None))
        return {
            "loc_code": loc.loc_code,
            "name": loc.name,
            "gemeente_code": loc.gemeente_code,
            "pc4": loc.pc4,
            "lon": lon,
            "lat": lat,
            "technical_profiles": list(loc.tech_profiles),
            "activities": lr.activities,
        }

    r = reach(s, places, region, year)
    return {
        "region": region.code,
        "region_name": region.label(lang),
        "school_year": school_year_label(year),
        "warehouse_year": r.warehouse_year,
        "locations": len(r.locations),
        "reached": len(r.reached),
        "activities": r.activities,
        "pupils": r.pupils,
        "reached_location_share": r.reached_location_share,
        "activities_per_100_pupils": r.activities_per_100_pupils,
        "reached_locations": [row(x) for x in r.reached],
        "unreached_locations": [row(x) for x in r.unreached],
    }


def shortage_of(
    s: Session,
    places: Places,
    region: Region,
    year: int,
    lang: str,
    gemeente_name: Callable[[str], str],
) -> dict[str, Any]:
    """The shortages of a region and school year (hidden counts, of 1-4 pupils or hidden
    with them by ``registry.disclosure``, are null with ``suppressed`` true), per gemeente
    at its centre, and the trend over TREND_YEARS."""
    now = shortages.shortage(s, region, year)
    series = shortages.trend(s, region, range(year - TREND_YEARS + 1, year + 1))
    centres = places.gemeente_centres
    return {
        "indicator": shortages.INDICATOR_ID,
        "region": region.code,
        "region_name": region.label(lang),
        "school_year": school_year_label(year),
        "threshold": shortages.THRESHOLD,
        "total": now.total,
        "suppressed": now.total is None,
        "locations": now.locations,
        "cells": [
            {
                "level": c.level,
                "field": c.field,
                "field_label": field_label(c.level, c.field, lang),
                "place_kind": c.place_kind,
                "place_kind_label": label(ACTIVITY_KINDS, c.place_kind, lang),
                "pupils": c.pupils,
                "suppressed": c.suppressed,
                "places_offered": c.places_offered,
                "locations": c.locations,
            }
            for c in now.cells
        ],
        "gemeenten": [
            {
                "gemeente_code": gm,
                "name": gemeente_name(gm),
                "pupils": n,
                "suppressed": n is None,
                "lon": centres.get(gm, (None, None))[0],
                "lat": centres.get(gm, (None, None))[1],
            }
            for gm, n in now.gemeenten
        ],
        "trend": [
            {
                "school_year": school_year_label(y),
                "total": n,
                "suppressed": n is None,
                "locations": locs,
            }
            for y, n, locs in series
        ],
    }


def report_rows(
    s: Session, reports: Sequence[ShortageReport], lang: str, names: dict[int, str] | None = None
) -> list[dict[str, Any]]:
    """Shortage reports as table rows, with the places offered for each (and the school's
    name from ``names``)."""
    offered = shortages.places_offered(s, [r.id for r in reports])
    return [
        {
            "id": r.id,
            "loc_code": r.loc_code,
            "school": (names or {}).get(r.org_id, ""),
            "pc4": r.pc4,
            "period": r.period,
            "field_label": field_label(r.level, r.field, lang),
            "crebo": r.crebo,
            "field_name": r.field_name,
            "place_kind": label(ACTIVITY_KINDS, r.place_kind, lang),
            "pupils": r.pupils,
            "places_offered": offered.get(r.id, 0),
        }
        for r in reports
    ]


def open_report_rows(s: Session, actor: Actor, year: int, lang: str) -> list[dict[str, Any]]:
    """The reports of a school year a provider may offer places for, with the schools."""
    shortages.may_answer(actor)
    names = {o.id: o.name for o in s.query(Organisation).all()}
    return report_rows(s, shortages.open_reports(s, year), lang, names)


def survey_questions(audience: str, lang: str) -> dict[str, str]:
    """The questions of an audience by id, in ``lang``."""
    return {q.id: survey_gettext(lang, q.text) for q in survey.QUESTIONS[audience]}


def survey_results(s: Session, region: Region, year: int, lang: str) -> dict[str, Any]:
    """The survey results of a region and school year (each summary only from the minimum
    number of responses; below it only the number of responses)."""
    return {
        "region": region.code,
        "region_name": region.label(lang),
        "school_year": school_year_label(year),
        "min_responses": survey.MIN_RESPONSES,
        "questions": {a: survey_questions(a, lang) for a in survey.AUDIENCES},
        "options": option_labels(lang),
        "audiences": survey.results(s, region, year),
    }


def own_surveys(s: Session, actor: Actor, lang: str) -> list[dict[str, Any]]:
    """A school's survey links with their summaries."""
    return [
        {
            "audience": link.audience,
            "school_year": school_year_label(link.school_year),
            "url": f"/s/{link.slug}",
            "summary": summary,
            "questions": survey_questions(link.audience, lang),
        }
        for link, summary in survey.own_summaries(s, actor)
    ]


def assessment_answers(a: Assessment, lang: str) -> dict[str, Any]:
    """One location's self-assessment: its answers and the questions' texts."""
    form = assessment.form_definition()
    return {
        "loc_code": a.loc_code,
        "school_year": school_year_label(a.school_year),
        "form_version": a.form_version,
        "closed": a.closed,
        "updated_at": a.updated_at.isoformat(),
        "answers": json.loads(a.answers),
        "questions": {q.id: q.text(lang) for q in form.questions},
    }


def assessment_region(
    s: Session, actor: Actor, region: Region, year: int, lang: str
) -> dict[str, Any]:
    """A region's aggregated self-assessments, for analysts and admins."""
    assessment.may_aggregate(actor)
    agg = assessment.aggregate(s, region, year, lang)
    return {
        "region": region.code,
        "region_name": region.label(lang),
        "school_year": school_year_label(year),
        "form_version": assessment.form_definition().version,
        "locations": agg.locations,
        "min_locations": assessment.MIN_LOCATIONS,
        "shown": agg.shown,
        "rows": list(agg.rows),
    }


_COLS = ("question", "question_text", "option", "option_label", "locations", "share", "mean")


def assessment_table(doc: dict[str, Any]) -> Records:
    """A region's aggregates (``assessment_region``) under their keys, for CSV and XLSX."""
    head = {"region": doc["region"], "school_year": doc["school_year"]}
    rows = [{**head, "answering_locations": doc["locations"], **r} for r in doc["rows"]]
    keys = ("region", "school_year", "answering_locations", *_COLS)
    name = f"zelfevaluatie-{doc['region']}-{doc['school_year']}"
    return Records(name, [(k, k) for k in keys], rows, sheet="aggregates")


def audit_entry(e: AuditEntry) -> dict[str, Any]:
    """An audit entry as JSON (before and after as objects)."""
    return {
        "id": e.id,
        "at": e.at.isoformat(),
        "user_id": e.user_id,
        "org_id": e.org_id,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": json.loads(e.before) if e.before else None,
        "after": json.loads(e.after) if e.after else None,
    }


def account_overview(s: Session, user: User, org_id: int) -> dict[str, Any]:
    """One's own account: the organisation's activities, requests, matches (with their
    history) and, for providers and admins, its API tokens."""
    ms = [
        {
            "id": m.id,
            "status": m.status,
            "activity": s.get(Activity, m.activity_id),
            "request": s.get(SchoolRequest, m.request_id),
            "mine_proposed": m.proposed_by == org_id,
            "history": [(e.status, e.at) for e in matching.history(s, m.id)],
        }
        for m in matching.matches_of(s, org_id)
    ]
    return {
        "activities": offers.own_activities(s, org_id),
        "requests": offers.own_requests(s, org_id),
        "matches": ms,
        "tokens": tokens.tokens_of(s, org_id) if user.role in ("provider", "admin") else [],
    }
