"""The school self-assessment pages: the school's form for its location and school year
(``/partners/assessment``, editable until closed), one location's answers for its own
school and admins (``/partners/assessment/{loc}``, twin ``.json``; 403 for everyone else),
and the region's aggregates for analysts and admins (``/partners/assessment/region``, twins
``.json``, ``.csv`` and ``.xlsx``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kansrijk.l10n.monitor import N_, t
from kansrijk.registry import assessment, documents
from kansrijk.registry.accounts import Who
from kansrijk.registry.reach import school_year_label
from kansrijk.tables import Records
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.registry_forms import (
    AccountPage,
    Call,
    FormPage,
    Values,
    account_json,
    signed_in,
)
from kansrijk.web.registry_public import PERSONAL, RegionYear, region_page, school_year_param
from kansrijk.web.registry_session import holder, read_session

router = APIRouter(include_in_schema=False)  # pages of signed-in accounts
_MULTI = tuple(q.id for q in assessment.form_definition().questions if q.type == "multi")


def _form_spec(lang: str, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    form = assessment.form_definition()
    out = []
    for sid, nl, en in form.sections:
        qs = []
        for q in form.questions:
            if q.section != sid:
                continue
            value = answers.get(q.id)
            scale = form.scale_labels.get(lang, form.scale_labels["nl"])
            options = [(c, en_ if lang == "en" else nl_) for c, nl_, en_ in q.options]
            if q.type == "scale":
                options = [(str(i), scale[i - 1]) for i in range(q.low, q.high + 1)]
            qs.append(
                {
                    "id": q.id,
                    "type": q.type,
                    "text": q.text(lang),
                    "options": options,
                    "chosen": set(value) if isinstance(value, list) else {str(value)},
                    "value": "" if value is None else str(value),
                    "low": q.low,
                    "high": q.high,
                }
            )
        out.append({"id": sid, "title": en if lang == "en" else nl, "questions": qs})
    return out


def _form_context(call: Call, values: Values) -> dict[str, Any]:
    loc = assessment.own_location(call.s, call.actor)
    found = assessment.find(call.s, loc, call.params["year"])
    saved = json.loads(found.answers) if found else {}
    return {
        "sections": _form_spec(call.lang, values or saved),
        "loc": loc,
        "year": call.params["year"],
        "closed": bool(found and found.closed),
        "saved": found is not None,
        "version": assessment.form_definition().version,
    }


def _save(call: Call, raw: dict[str, Any]) -> str:
    loc = (call.me.org.loc_code if call.me.org else None) or ""
    year = call.params["year"]
    assessment.save(call.s, call.actor, call.h.places, loc, year, raw)
    if raw.get("action") == "close":
        assessment.close(call.s, call.actor, loc, year)
    return f"/partners/assessment?year={year}"


FormPage(
    path="/partners/assessment",
    title=lambda call: t(
        call.lang,
        "Zelfevaluatie techniekonderwijs {loc}, schooljaar {year}",
        loc=assessment.own_location(call.s, call.actor),
        year=school_year_label(call.params["year"]),
    ),
    template="registry/assessment_form.html",
    context=_form_context,
    submit=_save,
    multi=_MULTI,
    join=False,
    year=True,
).add_to(router)


def region_doc(ctx: Ctx, q: RegionYear) -> dict[str, Any]:
    """A region's aggregated self-assessments, for analysts and admins."""
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    region = ctx.region(q.region)
    year = school_year_param(q.year)

    def work(s: Session, me: Who) -> dict[str, Any]:
        assert me.actor is not None
        return documents.assessment_region(s, me.actor, region, year, ctx.lang)

    return signed_in(h, sess, work)


def _table(_ctx: Ctx, _q: RegionYear, doc: dict[str, Any]) -> Records:
    return documents.assessment_table(doc)


# The fixed paths (region, region.json, ...) are declared before /partners/assessment/{loc}.
REGION = region_page(
    "/partners/assessment/region",
    "registry/assessment_region.html",
    region_doc,
    N_("Zelfevaluatie techniekonderwijs: {region}"),
    lambda ctx, doc: {"doc": doc, "query": ctx.request.url.query},
    table=_table,
    serving=PERSONAL,
)
router.include_router(REGION.router())


def _one(call: Call) -> dict[str, Any]:
    loc = call.params["loc_code"].upper()
    found = assessment.answers_of(call.s, call.actor, loc, call.params["year"])
    return documents.assessment_answers(found, call.lang)


@router.get("/partners/assessment/{loc_code}.json")
async def assessment_json(ctx: CtxDep) -> Response:
    return await account_json(ctx, _one, year=True)


def _view(call: Call) -> dict[str, Any]:
    doc = _one(call)
    json_url = f"/partners/assessment/{doc['loc_code']}.json?year={call.params['year']}"
    return {"doc": doc, "sections": _form_spec(call.lang, doc["answers"]), "json_url": json_url}


AccountPage(
    "/partners/assessment/{loc_code}",
    "registry/assessment_view.html",
    lambda call, data: t(
        call.lang,
        "Zelfevaluatie techniekonderwijs {loc}, schooljaar {year}",
        loc=data["doc"]["loc_code"],
        year=data["doc"]["school_year"],
    ),
    _view,
    year=True,
).add_to(router)
