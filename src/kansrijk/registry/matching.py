"""Matching: rank offers for a request (and requests for an offer) by fit and distance;
propose, accept, decline, with the status history of every match.

Fit (0-100): the same activity type 40, shared vmbo profiles 30 (share of the request's),
shared target groups 20, shared themes 10; a side that names no profiles, groups or
themes is open to all. A pair is left out when the periods do not overlap or the distance
between the two postcodes is more than the larger of the two radii.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import ConflictError, ForbiddenError, RecordNotFoundError
from kansrijk.registry.fields import split_list
from kansrijk.registry.models import (
    Activity,
    Match,
    MatchEvent,
    Organisation,
    SchoolRequest,
    utcnow,
)
from kansrijk.registry.offers import open_requests, public_activities
from kansrijk.registry.places import Places


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked counterpart: its id, fit (0-100) and distance (km, None when unknown)."""

    id: int
    fit: int
    distance_km: float | None


def _overlap(a: str, b: str, *, lower: bool = True) -> float | None:
    sa = {x.lower() if lower else x for x in split_list(a)}
    sb = {x.lower() if lower else x for x in split_list(b)}
    if not sa or not sb:
        return None
    return len(sa & sb) / len(sb)


def fit(act: Activity, req: SchoolRequest) -> int:
    """The fit of an activity for a request, 0-100 (see the module docstring)."""
    score = 40.0 if act.kind == req.kind else 0.0
    for weight, a, b in (
        (30.0, act.profiles, req.profiles),
        (20.0, act.target_groups, req.target_groups),
        (10.0, act.themes, req.themes),
    ):
        share = _overlap(a, b)
        score += weight * (1.0 if share is None else share)
    return round(score)


def _periods_meet(act: Activity, req: SchoolRequest) -> bool:
    if act.start_date and req.end_date and act.start_date > req.end_date:
        return False
    return not (req.start_date and act.end_date and req.start_date > act.end_date)


def pair(places: Places, act: Activity, req: SchoolRequest) -> Candidate | None:
    """The fit and distance of a pair, or None when it is out of reach or period."""
    if not _periods_meet(act, req):
        return None
    km = places.distance_km(act.pc4, req.pc4)
    if km is not None and km > max(act.radius_km, req.radius_km):
        return None
    return Candidate(0, fit(act, req), None if km is None else round(km, 1))


def _rank(cands: list[Candidate]) -> list[Candidate]:
    return sorted(
        cands, key=lambda c: (-c.fit, c.distance_km if c.distance_km is not None else 1e9, c.id)
    )


def offers_for(session: Session, places: Places, req: SchoolRequest) -> list[Candidate]:
    """Published activities for a request, best first."""
    out = []
    for act in public_activities(session, limit=5000):
        c = pair(places, act, req)
        if c is not None:
            out.append(Candidate(act.id, c.fit, c.distance_km))
    return _rank(out)


def requests_for(session: Session, places: Places, act: Activity) -> list[Candidate]:
    """Open requests for an activity, best first."""
    out = []
    for req in open_requests(session):
        c = pair(places, act, req)
        if c is not None:
            out.append(Candidate(req.id, c.fit, c.distance_km))
    return _rank(out)


def fitting(
    session: Session, places: Places, own: Activity | SchoolRequest
) -> list[tuple[Candidate, Activity | SchoolRequest, str]]:
    """What fits an activity (open requests) or a request (published activities), best
    first, each with its object and the name of its organisation."""
    found: list[tuple[Candidate, Activity | SchoolRequest | None]]
    if isinstance(own, SchoolRequest):
        found = [(c, session.get(Activity, c.id)) for c in offers_for(session, places, own)]
    else:
        found = [(c, session.get(SchoolRequest, c.id)) for c in requests_for(session, places, own)]
    out: list[tuple[Candidate, Activity | SchoolRequest, str]] = []
    for c, obj in found:
        assert obj is not None
        org = session.get(Organisation, obj.org_id)
        out.append((c, obj, org.name if org is not None else "?"))
    return out


def _sides(session: Session, match: Match) -> tuple[Activity, SchoolRequest]:
    act = session.get(Activity, match.activity_id)
    req = session.get(SchoolRequest, match.request_id)
    assert act is not None
    assert req is not None
    return act, req


def _event(session: Session, actor: Actor, match: Match, status: str) -> None:
    session.add(MatchEvent(match_id=match.id, status=status, org_id=actor.org_id or 0))


def propose(session: Session, actor: Actor, activity_id: int, request_id: int) -> Match:
    """One side proposes a pair: the actor must own the activity or the request."""
    act = session.get(Activity, activity_id)
    req = session.get(SchoolRequest, request_id)
    if act is None or req is None:
        raise RecordNotFoundError(
            Message(
                "no activity {activity} or request {request}",
                activity=activity_id,
                request=request_id,
            )
        )
    if actor.org_id not in (act.org_id, req.org_id) and not actor.admin:
        raise ForbiddenError(Message("you can only propose for your own activity or request"))
    if not actor.approved:
        raise ForbiddenError(Message("your organisation is awaiting approval by an admin"))
    if actor.org_id == act.org_id and not req.open:
        raise ConflictError(Message("request {id} is closed", id=request_id))
    if actor.org_id == req.org_id and not act.published:
        raise RecordNotFoundError(Message("no activity {id}", id=activity_id))
    exists = session.scalar(
        select(Match).where(Match.activity_id == activity_id, Match.request_id == request_id)
    )
    if exists is not None:
        raise ConflictError(
            Message(
                "activity {activity} and request {request} are matched already",
                activity=activity_id,
                request=request_id,
            )
        )
    m = Match(activity_id=activity_id, request_id=request_id, proposed_by=actor.org_id or 0)
    session.add(m)
    session.flush()
    _event(session, actor, m, "proposed")
    audit.record(session, actor, "propose", "match", m.id, None, audit.snapshot(m))
    return m


def get_match(session: Session, actor: Actor, match_id: int) -> Match:
    """A match, for the two organisations in it and admins."""
    m = session.get(Match, match_id)
    if m is None:
        raise RecordNotFoundError(Message("no match {id}", id=match_id))
    act, req = _sides(session, m)
    if not (actor.admin or actor.org_id in (act.org_id, req.org_id)):
        raise ForbiddenError(Message("match {id} is between other organisations", id=match_id))
    return m


#: A match's status as a word of a message (translated with it).
_STATUS_WORDS: dict[str, str] = {
    "proposed": Message("proposed"),
    "accepted": Message("accepted"),
    "declined": Message("declined"),
}


def answer(session: Session, actor: Actor, match_id: int, status: str) -> Match:
    """Accept or decline a proposed match: acceptance by the other side than the one that
    proposed; either side may decline."""
    if status not in ("accepted", "declined"):
        raise ConflictError(
            Message("expected accepted or declined; found {found!r}", found=status[:40])
        )
    m = get_match(session, actor, match_id)
    if m.status != "proposed":
        raise ConflictError(
            Message(
                "match {match} is {status} already",
                match=match_id,
                status=_STATUS_WORDS.get(m.status, m.status),
            )
        )
    if status == "accepted" and actor.org_id == m.proposed_by and not actor.admin:
        raise ForbiddenError(Message("the other side accepts a proposal"))
    before = audit.snapshot(m)
    m.status = status
    m.updated_at = utcnow()
    session.flush()
    _event(session, actor, m, status)
    audit.record(
        session,
        actor,
        status[:-2] if status.endswith("ed") else status,
        "match",
        m.id,
        before,
        audit.snapshot(m),
    )
    return m


def matches_of(session: Session, org_id: int) -> list[Match]:
    """Every match an organisation is in, newest first."""
    q = (
        select(Match)
        .join(Activity, Activity.id == Match.activity_id)
        .join(SchoolRequest, SchoolRequest.id == Match.request_id)
        .where(or_(Activity.org_id == org_id, SchoolRequest.org_id == org_id))
        .order_by(Match.id.desc())
    )
    return list(session.scalars(q))


def history(session: Session, match_id: int) -> list[MatchEvent]:
    """The status history of a match, oldest first."""
    q = select(MatchEvent).where(MatchEvent.match_id == match_id).order_by(MatchEvent.id)
    return list(session.scalars(q))
