"""Internship and BBL-place shortages (SBB's 'meldpunt stagetekorten'): a vmbo or mbo school
location reports per period (a month) how many of its pupils have no internship or BBL place,
by vmbo profile or mbo sectorkamer (with the crebo where known) and kind of place; providers
answer a report with places. The public sees only totals by region x field, with small
counts suppressed as the indicators do, and the indicator ``partners.internship_shortage``.

Within a school year (1 August - 31 July) the newest period's report of a location, field,
crebo and kind of place counts (a later report replaces an earlier one; the same period
reported again is corrected in place).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.indicators.engine import SMALL
from kansrijk.regions import Region
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.disclosure import Part, Protected, protect
from kansrijk.registry.errors import FieldError, ForbiddenError, RecordNotFoundError
from kansrijk.registry.measure_models import ShortageAnswer, ShortageReport
from kansrijk.registry.models import Organisation, utcnow
from kansrijk.registry.places import Places
from kansrijk.registry.reach import school_year_of
from kansrijk.registry.vocab import PROFILES
from kansrijk.vocab.mbo import SECTORKAMERS, parse_sectorkamer

INDICATOR_ID = "partners.internship_shortage"
#: Kinds of place a report can be about, per level.
PLACE_KINDS: dict[str, tuple[str, ...]] = {
    "vmbo": ("internship_vmbo",),
    "mbo": ("internship_mbo", "bbl_place"),
}
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_CREBO = re.compile(r"^\d{5}$")
MAX_PUPILS = 10_000
#: Counts from 1 to THRESHOLD - 1 are suppressed (the indicators' rule).
THRESHOLD: int = SMALL


def suppressed(n: int) -> bool:
    """Whether a count is small enough to hide on its own (1 to SMALL-1, as the indicators
    do); ``shortage`` hides more where needed (``kansrijk.registry.disclosure``)."""
    return 0 < n < SMALL


@dataclass(frozen=True, slots=True)
class Where:
    """A school location as the reports need it: level, postcode and gemeente."""

    loc_code: str
    level: str
    name: str
    pc4: str
    gemeente_code: str


def locate(places: Places, loc_code: str) -> Where | None:
    """A vmbo location (any loaded year) or an mbo location (newest list); None if neither."""
    code = loc_code.strip().upper()
    vmbo = places.location(code)
    if vmbo is not None:
        return Where(code, "vmbo", vmbo.name, vmbo.pc4, vmbo.gemeente_code)
    mbo = places.mbo.get(code)
    if mbo is not None:
        return Where(code, "mbo", mbo.name, mbo.pc4 or "", mbo.gemeente_code or "")
    return None


def _text(raw: Mapping[str, Any], key: str) -> str:
    v = raw.get(key)
    return "" if v is None else str(v).strip()


def _count(raw: Mapping[str, Any], key: str, high: int) -> int:
    text = _text(raw, key)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= high:
        raise FieldError(
            Message(
                "expected a whole number from 1 to {high}; found {found!r}", high=high, found=text
            ),
            column=key,
        )
    return int(text)


def clean_report(raw: Mapping[str, Any], where: Where) -> dict[str, Any]:
    """The fields of a report, checked: ``period`` (YYYY-MM), ``field`` (a vmbo profile code
    for a vmbo location; an mbo sectorkamer code or name for an mbo location), ``crebo``
    (5 digits, optional, mbo only), ``field_name`` (free text, e.g. the programme),
    ``place_kind`` and ``pupils`` (1-10,000)."""
    period = _text(raw, "period")
    m = _PERIOD.match(period)
    if not m:
        raise FieldError(
            Message("expected a period like 2024-11; found {found!r}", found=period),
            column="period",
        )
    day = dt.date(int(m.group(1)), int(m.group(2)), 1)
    field_raw = _text(raw, "field")
    if where.level == "vmbo":
        code = field_raw.upper()
        if code not in PROFILES:
            raise FieldError(
                Message(
                    "expected a vmbo profile ({allowed}); found {found!r}",
                    allowed=", ".join(PROFILES),
                    found=field_raw,
                ),
                column="field",
            )
    else:
        found = parse_sectorkamer(field_raw) if field_raw else None
        if found not in SECTORKAMERS:
            raise FieldError(
                Message(
                    "expected an mbo sectorkamer ({allowed}); found {found!r}",
                    allowed=", ".join(SECTORKAMERS),
                    found=field_raw,
                ),
                column="field",
            )
        code = str(found)
    crebo = _text(raw, "crebo")
    if crebo and (where.level != "mbo" or not _CREBO.match(crebo)):
        want = (
            Message("5 digits (mbo only)")
            if where.level == "mbo"
            else Message("none for a vmbo location")
        )
        raise FieldError(
            Message("expected a crebo code of {want}; found {found!r}", want=want, found=crebo),
            column="crebo",
        )
    kind = _text(raw, "place_kind")
    kinds = PLACE_KINDS[where.level]
    if kind not in kinds:
        raise FieldError(
            Message(
                "expected one of {allowed} for a {level} location; found {found!r}",
                allowed=", ".join(kinds),
                level=where.level,
                found=kind,
            ),
            column="place_kind",
        )
    name = _text(raw, "field_name")
    if len(name) > 200:
        raise FieldError(
            Message("expected at most {most} characters; found {found}", most=200, found=len(name)),
            column="field_name",
        )
    return {
        "period": period,
        "school_year": school_year_of(day),
        "field": code,
        "crebo": crebo,
        "field_name": name,
        "place_kind": kind,
        "pupils": _count(raw, "pupils", MAX_PUPILS),
    }


def may_report(actor: Actor) -> None:
    """ForbiddenError unless the actor is a school (or an admin)."""
    if actor.role not in ("school", "admin"):
        raise ForbiddenError(Message("only school accounts report shortages"))


def _may_report(session: Session, actor: Actor, loc_code: str) -> None:
    may_report(actor)
    if not actor.approved:
        raise ForbiddenError(Message("your organisation is awaiting approval by an admin"))
    if actor.admin:
        return
    org = session.get(Organisation, actor.org_id) if actor.org_id else None
    if org is None or (org.loc_code or "") != loc_code:
        raise ForbiddenError(
            Message("location {code} is not your organisation's location", code=loc_code)
        )


def report(
    session: Session, actor: Actor, places: Places, loc_code: str, raw: Mapping[str, Any]
) -> ShortageReport:
    """Report (or correct) pupils without a place for a location, period, field and kind."""
    code = loc_code.strip().upper()
    _may_report(session, actor, code)
    where = locate(places, code)
    if where is None:
        raise FieldError(
            Message(
                "expected a vmbo or mbo location in the warehouse; found {found!r}", found=code
            ),
            column="loc_code",
        )
    fields = clean_report(raw, where)
    found = session.scalar(
        select(ShortageReport).where(
            ShortageReport.loc_code == code,
            ShortageReport.period == fields["period"],
            ShortageReport.field == fields["field"],
            ShortageReport.crebo == fields["crebo"],
            ShortageReport.place_kind == fields["place_kind"],
        )
    )
    if found is not None:
        before = audit.snapshot(found)
        found.pupils = fields["pupils"]
        found.field_name = fields["field_name"]
        found.updated_at = utcnow()
        session.flush()
        audit.record(
            session, actor, "update", "shortage_report", found.id, before, audit.snapshot(found)
        )
        return found
    assert actor.org_id is not None
    rep = ShortageReport(
        org_id=actor.org_id,
        loc_code=code,
        level=where.level,
        pc4=where.pc4,
        gemeente_code=where.gemeente_code,
        **fields,
    )
    session.add(rep)
    session.flush()
    audit.record(session, actor, "create", "shortage_report", rep.id, None, audit.snapshot(rep))
    return rep


def get_report(session: Session, report_id: int) -> ShortageReport:
    """A report by id (RecordNotFoundError when none)."""
    rep = session.get(ShortageReport, report_id)
    if rep is None:
        raise RecordNotFoundError(Message("no shortage report {id}", id=report_id))
    return rep


def delete_report(session: Session, actor: Actor, report_id: int) -> None:
    """Withdraw a report (its own school or an admin)."""
    rep = get_report(session, report_id)
    _may_report(session, actor, rep.loc_code)
    before = audit.snapshot(rep)
    session.delete(rep)
    session.flush()
    audit.record(session, actor, "delete", "shortage_report", report_id, before, None)


def answer(
    session: Session, actor: Actor, report_id: int, raw: Mapping[str, Any]
) -> ShortageAnswer:
    """A provider offers places for a report."""
    if actor.role not in ("provider", "admin"):
        raise ForbiddenError(
            Message("only providers (companies, intermediaries) answer with places")
        )
    if not actor.approved:
        raise ForbiddenError(Message("your organisation is awaiting approval by an admin"))
    rep = get_report(session, report_id)
    note = _text(raw, "note")
    if len(note) > 400:
        raise FieldError(
            Message("expected at most {most} characters; found {found}", most=400, found=len(note)),
            column="note",
        )
    assert actor.org_id is not None
    ans = ShortageAnswer(
        report_id=rep.id, org_id=actor.org_id, places=_count(raw, "places", 1000), note=note
    )
    session.add(ans)
    session.flush()
    audit.record(session, actor, "create", "shortage_answer", ans.id, None, audit.snapshot(ans))
    return ans


def own_reports(session: Session, actor: Actor) -> list[ShortageReport]:
    """The reports of the actor's organisation, newest period first."""
    q = (
        select(ShortageReport)
        .where(ShortageReport.org_id == actor.org_id)
        .order_by(ShortageReport.period.desc(), ShortageReport.id.desc())
    )
    return list(session.scalars(q))


def places_offered(session: Session, report_ids: list[int]) -> dict[int, int]:
    """Places offered per report."""
    if not report_ids:
        return {}
    q = (
        select(ShortageAnswer.report_id, func.sum(ShortageAnswer.places))
        .where(ShortageAnswer.report_id.in_(report_ids))
        .group_by(ShortageAnswer.report_id)
    )
    return {int(r): int(n or 0) for r, n in session.execute(q)}


def may_answer(actor: Actor) -> None:
    """ForbiddenError unless the actor is an approved provider (or an admin)."""
    if actor.role not in ("provider", "admin") or not actor.approved:
        raise ForbiddenError(Message("only approved providers see the reports to answer"))


def open_reports(session: Session, school_year: int) -> list[ShortageReport]:
    """The counted reports of a school year (newest period per location, field, crebo and
    kind), by location; for providers who want to answer."""
    q = select(ShortageReport).where(ShortageReport.school_year == school_year)
    newest: dict[tuple[str, str, str, str], ShortageReport] = {}
    for rep in session.scalars(q):
        key = (rep.loc_code, rep.field, rep.crebo, rep.place_kind)
        if key not in newest or rep.period > newest[key].period:
            newest[key] = rep
    return sorted(newest.values(), key=lambda r: (r.loc_code, r.field, r.place_kind, r.crebo))


@dataclass(frozen=True, slots=True)
class Cell:
    """Pupils without a place in a region for a field and kind of place (None: suppressed)."""

    level: str
    field: str
    place_kind: str
    pupils: int | None
    places_offered: int
    locations: int

    @property
    def suppressed(self) -> bool:
        """Whether the count is hidden."""
        return self.pupils is None


@dataclass(frozen=True, slots=True)
class Shortage:
    """A region's shortages in a school year: cells by field, totals by gemeente."""

    region: str
    school_year: int
    total: int | None  # None when hidden (1..SMALL-1, or to protect a hidden part)
    locations: int
    cells: tuple[Cell, ...]
    gemeenten: tuple[tuple[str, int | None], ...]  # gemeente code, pupils (None: hidden)


@dataclass(frozen=True, slots=True)
class _Counted:
    """A counted report as the aggregates need it."""

    level: str
    field: str
    place_kind: str
    gemeente_code: str
    loc_code: str
    pupils: int
    report_id: int = 0


def _tables(
    rows: Sequence[_Counted],
) -> tuple[
    list[tuple[tuple[str, str, str], list[_Counted]]],
    list[tuple[str, list[_Counted]]],
    Protected,
]:
    """The two additive groups of a region's year (cells by level, field and kind; totals
    by gemeente), both adding up to the region's total, and what of them may be shown
    (``kansrijk.registry.disclosure``: a cell's floor is its number of reporting locations,
    shown beside it, as each reports at least one pupil)."""
    cells: dict[tuple[str, str, str], list[_Counted]] = {}
    by_gm: dict[str, list[_Counted]] = {}
    for r in rows:
        cells.setdefault((r.level, r.field, r.place_kind), []).append(r)
        by_gm.setdefault(r.gemeente_code, []).append(r)
    cell_list = sorted(cells.items())
    gm_list = sorted(by_gm.items())
    verdict = protect(
        sum(r.pupils for r in rows),
        [
            [Part(sum(r.pupils for r in rs), len({r.loc_code for r in rs})) for _, rs in cell_list],
            [Part(sum(r.pupils for r in rs)) for _, rs in gm_list],
        ],
    )
    return cell_list, gm_list, verdict


def shortage(session: Session, region: Region, school_year: int) -> Shortage:
    """The anonymised shortages of a region in a school year: counts of 1 to SMALL-1 hidden,
    and as many more cells, gemeenten or the total as keep every hidden count from being
    worked out from the shown ones (``kansrijk.registry.disclosure``)."""
    reps = [
        r for r in open_reports(session, school_year) if region.contains(r.gemeente_code, r.pc4)
    ]
    offered = places_offered(session, [r.id for r in reps])
    rows = [
        _Counted(r.level, r.field, r.place_kind, r.gemeente_code, r.loc_code, r.pupils, r.id)
        for r in reps
    ]
    cell_list, gm_list, verdict = _tables(rows)
    out = []
    for i, ((level, fld, kind), rs) in enumerate(cell_list):
        out.append(
            Cell(
                level,
                fld,
                kind,
                sum(r.pupils for r in rs) if verdict.shown(0, i) else None,
                sum(offered.get(r.report_id, 0) for r in rs),
                len({r.loc_code for r in rs}),
            )
        )
    gms = [
        (gm, sum(r.pupils for r in rs) if verdict.shown(1, i) else None)
        for i, (gm, rs) in enumerate(gm_list)
    ]
    total = sum(r.pupils for r in rows)
    return Shortage(
        region.code,
        school_year,
        total if verdict.total_shown else None,
        len({r.loc_code for r in rows}),
        tuple(out),
        tuple(gms),
    )


def indicator_value(
    session: Session, places: Places, region: Region, school_year: int
) -> tuple[int | None, int | None, int, bool]:
    """``partners.internship_shortage``: (value, numerator, reporting locations,
    suppressed); value = numerator = pupils reported without an internship or BBL place,
    both None when suppressed (1 to SMALL-1 pupils)."""
    del places  # the reports carry their location's postcode and gemeente
    s = shortage(session, region, school_year)
    hidden = s.total is None
    return s.total, s.total, s.locations, hidden


def trend(
    session: Session, region: Region, years: Sequence[int]
) -> list[tuple[int, int | None, int]]:
    """(school year, pupils or None when hidden, reporting locations) of a region for
    each school year, by the same rule as ``shortage`` (one query for all years), so a
    year's total is hidden here exactly when it is hidden there."""
    q = select(
        ShortageReport.school_year,
        ShortageReport.loc_code,
        ShortageReport.level,
        ShortageReport.field,
        ShortageReport.crebo,
        ShortageReport.place_kind,
        ShortageReport.period,
        ShortageReport.pupils,
        ShortageReport.gemeente_code,
        ShortageReport.pc4,
    ).where(ShortageReport.school_year.in_(list(years)))
    newest: dict[tuple[int, str, str, str, str], tuple[str, _Counted]] = {}
    for year, loc, level, fld, crebo, kind, period, pupils, gm, pc4 in session.execute(q):
        if not region.contains(gm, pc4):
            continue
        key = (int(year), str(loc), str(fld), str(crebo), str(kind))
        if key not in newest or period > newest[key][0]:
            row = _Counted(str(level), str(fld), str(kind), str(gm), str(loc), int(pupils))
            newest[key] = (str(period), row)
    out = []
    for year in years:
        rows = [newest[k][1] for k in newest if k[0] == year]
        n = sum(r.pupils for r in rows)
        shown = _tables(rows)[2].total_shown
        out.append((year, n if shown else None, len({r.loc_code for r in rows})))
    return out
