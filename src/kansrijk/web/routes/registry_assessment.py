"""The school self-assessment pages: the school's form for its location and school year
(``/partners/assessment``, editable until closed), one location's answers for its own
school and admins (``/partners/assessment/{loc}``, twin ``.json``; 403 for everyone else),
and the region's aggregates for analysts and admins (``/partners/assessment/region``, twins
``.json``, ``.csv`` and ``.xlsx``)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from openpyxl import Workbook
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kansrijk.registry import assessment
from kansrijk.registry.errors import FieldError
from kansrijk.registry.measure_models import Assessment
from kansrijk.registry.reach import school_year_label
from kansrijk.web.deps import CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.i18n import t
from kansrijk.web.registry_session import (
    RegistryHolder,
    WebSession,
    Who,
    check_csrf,
    holder,
    read_session,
)
from kansrijk.web.registry_view import redirect, registry_page
from kansrijk.web.render import json_response
from kansrijk.web.routes.registry_pages import RegionQ, YearQ, school_year_param
from kansrijk.web.routes.registry_work import _me, _signed_in, login_first

router = APIRouter(include_in_schema=False)  # pages of signed-in accounts
# The fixed paths (region, region.json, ...) are declared before /partners/assessment/{loc}.
_MULTI = tuple(q.id for q in assessment.form_definition().questions if q.type == "multi")


def _form_spec(lang: str, answers: dict[str, Any]) -> list[dict[str, Any]]:
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


def _answers_doc(a: Assessment, lang: str) -> dict[str, Any]:
    form = assessment.form_definition()
    answers = json.loads(a.answers)
    return {
        "loc_code": a.loc_code,
        "school_year": school_year_label(a.school_year),
        "form_version": a.form_version,
        "closed": a.closed,
        "updated_at": a.updated_at.isoformat(),
        "answers": answers,
        "questions": {q.id: q.text(lang) for q in form.questions},
    }


def _school_page(
    ctx: CtxDep,
    h: RegistryHolder,
    sess: WebSession,
    me: Who,
    year: int,
    raw: dict[str, Any] | None = None,
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    if me.actor is None or me.actor.role != "school" or me.org is None or not me.org.loc_code:
        raise HTTPException(403, "only the account of a school location fills its self-assessment")
    loc = me.org.loc_code
    with h.registry.session() as s:
        found = assessment.find(s, loc, year)
        saved = json.loads(found.answers) if found else {}
        closed = bool(found and found.closed)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/assessment_form.html",
        t(
            ctx.lang,
            "Zelfevaluatie techniekonderwijs {loc}, schooljaar {year}",
            loc=loc,
            year=school_year_label(year),
        ),
        status_code=status_code,
        sections=_form_spec(ctx.lang, raw if raw is not None else saved),
        loc=loc,
        year=year,
        closed=closed,
        saved=found is not None,
        version=assessment.form_definition().version,
        error=error,
    )


@router.get("/partners/assessment", response_class=HTMLResponse)
@login_first
async def assessment_form(ctx: CtxDep, year: YearQ = None) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_me, h, sess)
    return await run_in_threadpool(_school_page, ctx, h, sess, me, school_year_param(year))


async def _posted(request: Request) -> tuple[RegistryHolder, WebSession, dict[str, Any]]:
    h = holder(request)
    sess = read_session(request, h)
    form = await request.form()
    raw: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    for k in _MULTI:
        raw[k] = [v for v in form.getlist(k) if isinstance(v, str)]
    await form.close()
    check_csrf(h, sess, raw)
    return h, sess, raw


@router.post("/partners/assessment")
async def assessment_save(ctx: CtxDep, year: YearQ = None) -> Response:
    h, sess, raw = await _posted(ctx.request)
    school_year = school_year_param(year)
    closing = raw.get("action") == "close"

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        loc = (me.org.loc_code if me.org else None) or ""
        assessment.save(s, me.actor, h.places, loc, school_year, raw)
        if closing:
            assessment.close(s, me.actor, loc, school_year)

    try:
        await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return await run_in_threadpool(
            _school_page, ctx, h, sess, me, school_year, raw, localised(exc, ctx.lang)[0], 400
        )
    return redirect(ctx.request, h, sess, f"/partners/assessment?year={school_year}")


def _one(h: RegistryHolder, sess: WebSession, loc: str, year: int, lang: str) -> Any:
    def work(s: Session, me: Who) -> tuple[Who, dict[str, Any]]:
        assert me.actor is not None
        return me, _answers_doc(assessment.answers_of(s, me.actor, loc.upper(), year), lang)

    return _signed_in(h, sess, work)


def _region_doc(ctx: CtxDep, region_code: str | None, year_raw: str | None) -> dict[str, Any]:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    region = ctx.region(region_code)
    year = school_year_param(year_raw)

    def work(s: Session, me: Who) -> dict[str, Any]:
        assert me.actor is not None
        if me.actor.role not in ("analyst", "admin"):
            raise HTTPException(403, "the region's aggregates are for analysts and admins")
        agg = assessment.aggregate(s, region, year, ctx.lang)
        return {
            "region": region.code,
            "region_name": region.name_en if ctx.lang == "en" and region.name_en else region.name,
            "school_year": school_year_label(year),
            "form_version": assessment.form_definition().version,
            "locations": agg.locations,
            "min_locations": assessment.MIN_LOCATIONS,
            "shown": agg.shown,
            "rows": list(agg.rows),
        }

    return _signed_in(h, sess, work)


@router.get("/partners/assessment/region", response_class=HTMLResponse)
@login_first
async def region_page(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    doc = await run_in_threadpool(_region_doc, ctx, region, year)
    me = await run_in_threadpool(_me, h, sess)
    query = ctx.request.url.query
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/assessment_region.html",
        t(ctx.lang, "Zelfevaluatie techniekonderwijs: {region}", region=doc["region_name"]),
        json_url="/partners/assessment/region.json" + (f"?{query}" if query else ""),
        doc=doc,
        query=query,
    )


@router.get("/partners/assessment/region.json")
async def region_json(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    return json_response(await run_in_threadpool(_region_doc, ctx, region, year))


_COLS = ("question", "question_text", "option", "option_label", "locations", "share", "mean")


def _table(doc: dict[str, Any]) -> list[list[Any]]:
    head = ["region", "school_year", "answering_locations", *_COLS]
    rows = [head]
    for r in doc["rows"]:
        rows.append([doc["region"], doc["school_year"], doc["locations"], *(r[c] for c in _COLS)])
    return rows


@router.get("/partners/assessment/region.csv")
async def region_csv(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    doc = await run_in_threadpool(_region_doc, ctx, region, year)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(_table(doc))
    name = f"zelfevaluatie-{doc['region']}-{doc['school_year']}.csv"
    return Response(
        buf.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def xlsx_of(doc: dict[str, Any]) -> bytes:
    """The aggregates as an XLSX workbook (one sheet, a header row)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "aggregates"
    for row in _table(doc):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@router.get("/partners/assessment/region.xlsx")
async def region_xlsx(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    doc = await run_in_threadpool(_region_doc, ctx, region, year)
    name = f"zelfevaluatie-{doc['region']}-{doc['school_year']}.xlsx"
    return Response(
        await run_in_threadpool(xlsx_of, doc),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/partners/assessment/{loc_code}.json")
async def assessment_json(ctx: CtxDep, loc_code: str, year: YearQ = None) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    year_n = school_year_param(year)
    _, doc = await run_in_threadpool(_one, h, sess, loc_code, year_n, ctx.lang)
    return json_response(doc)


@router.get("/partners/assessment/{loc_code}", response_class=HTMLResponse)
@login_first
async def assessment_view(ctx: CtxDep, loc_code: str, year: YearQ = None) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    year_n = school_year_param(year)
    me, doc = await run_in_threadpool(_one, h, sess, loc_code, year_n, ctx.lang)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/assessment_view.html",
        t(
            ctx.lang,
            "Zelfevaluatie techniekonderwijs {loc}, schooljaar {year}",
            loc=doc["loc_code"],
            year=doc["school_year"],
        ),
        json_url=f"/partners/assessment/{doc['loc_code']}.json?year={year_n}",
        sections=_form_spec(ctx.lang, doc["answers"]),
        doc=doc,
    )
