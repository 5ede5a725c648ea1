"""Activities (what providers offer) and requests (what school locations ask for): create,
edit, delete, list, with authorisation checked for every object: a provider changes only its
own organisation's activities, a school only its own requests; admins may do both. Only
approved organisations publish; the public sees published activities of approved
organisations only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import ForbiddenError, RecordNotFoundError
from kansrijk.registry.fields import clean_fields
from kansrijk.registry.models import Activity, Organisation, SchoolRequest, utcnow
from kansrijk.registry.places import Places

__all__ = [
    "create_activity",
    "create_request",
    "delete_object",
    "get_activity",
    "get_request",
    "public_activities",
    "update_object",
    "visible_activity",
]


def _may_offer(actor: Actor) -> None:
    if actor.role not in ("provider", "admin"):
        raise ForbiddenError(Message("only providers (companies, intermediaries) offer activities"))
    if not actor.approved:
        raise ForbiddenError(Message("your organisation is awaiting approval by an admin"))


def _may_ask(actor: Actor) -> None:
    if actor.role not in ("school", "admin"):
        raise ForbiddenError(Message("only school accounts post requests"))
    if not actor.approved:
        raise ForbiddenError(Message("your organisation is awaiting approval by an admin"))


def create_activity(
    session: Session, actor: Actor, raw: Mapping[str, Any], *, published: bool = True
) -> Activity:
    """A new activity of the actor's organisation (fields cleaned by ``clean_fields``)."""
    _may_offer(actor)
    assert actor.org_id is not None
    act = Activity(org_id=actor.org_id, published=published, **clean_fields(raw))
    session.add(act)
    session.flush()
    audit.record(session, actor, "create", "activity", act.id, None, audit.snapshot(act))
    return act


def request_defaults(places: Places, loc_code: str) -> dict[str, Any]:
    """What a school's new request starts with: its location's postcode, a radius of 15 km,
    Dutch and no cost (nothing when the location or its postcode is unknown)."""
    loc = places.location(loc_code) if loc_code else None
    if loc is None or not loc.pc4:
        return {}
    return {"pc4": loc.pc4, "radius_km": 15, "languages": "nl", "cost_eur": 0}


def create_request(
    session: Session, actor: Actor, raw: Mapping[str, Any], *, loc_code: str
) -> SchoolRequest:
    """A new request of the actor's school location (``loc_code``: its organisation's)."""
    if not loc_code:
        raise ForbiddenError(Message("only a school location posts requests"))
    _may_ask(actor)
    assert actor.org_id is not None
    req = SchoolRequest(org_id=actor.org_id, loc_code=loc_code, **clean_fields(raw))
    session.add(req)
    session.flush()
    audit.record(session, actor, "create", "request", req.id, None, audit.snapshot(req))
    return req


#: The largest id a table holds (a 32-bit INTEGER on PostgreSQL): a larger one names nothing.
MAX_ID = 2**31 - 1


def get_activity(session: Session, activity_id: int) -> Activity:
    """An activity by id (RecordNotFoundError otherwise)."""
    act = session.get(Activity, activity_id) if 0 < activity_id <= MAX_ID else None
    if act is None:
        raise RecordNotFoundError(Message("no activity {id}", id=activity_id))
    return act


def get_request(session: Session, actor: Actor, request_id: int) -> SchoolRequest:
    """A request, for its own organisation, providers (to match) and admins."""
    req = session.get(SchoolRequest, request_id) if 0 < request_id <= MAX_ID else None
    if req is None:
        raise RecordNotFoundError(Message("no request {id}", id=request_id))
    if not (actor.admin or actor.org_id == req.org_id or actor.role == "provider"):
        raise ForbiddenError(Message("request {id} belongs to another organisation", id=request_id))
    return req


def visible_activity(session: Session, actor: Actor | None, activity_id: int) -> Activity:
    """An activity as ``actor`` (None: the public) may see it: published by an approved
    organisation, or the actor's own, or any for an admin."""
    act = get_activity(session, activity_id)
    if actor is not None and (actor.admin or actor.org_id == act.org_id):
        return act
    org = session.get(Organisation, act.org_id)
    if not act.published or org is None or not org.approved:
        raise RecordNotFoundError(Message("no activity {id}", id=activity_id))
    return act


def _owns(actor: Actor, obj: Activity | SchoolRequest) -> None:
    if not (actor.admin or (actor.org_id is not None and actor.org_id == obj.org_id)):
        if isinstance(obj, Activity):
            raise ForbiddenError(
                Message("activity {id} belongs to another organisation", id=obj.id)
            )
        raise ForbiddenError(Message("request {id} belongs to another organisation", id=obj.id))


def own_object(session: Session, actor: Actor, kind: str, obj_id: int) -> Activity | SchoolRequest:
    """An ``activity`` or ``request`` of the actor's own organisation (any for an admin),
    to edit or to match (ForbiddenError for another organisation's)."""
    obj: Activity | SchoolRequest
    if kind == "request":
        obj = get_request(session, actor, obj_id)
    else:
        obj = get_activity(session, obj_id)
    _owns(actor, obj)
    return obj


def update_object(
    session: Session, actor: Actor, obj: Activity | SchoolRequest, raw: Mapping[str, Any]
) -> None:
    """Change an activity or request of the actor's own organisation."""
    _owns(actor, obj)
    values = clean_fields(raw)
    before = audit.snapshot(obj)
    for k, v in values.items():
        setattr(obj, k, v)
    if isinstance(obj, Activity) and "published" in raw:
        obj.published = str(raw["published"]).lower() in ("1", "true", "on", "yes")
    obj.updated_at = utcnow()
    session.flush()
    entity = "activity" if isinstance(obj, Activity) else "request"
    audit.record(session, actor, "update", entity, obj.id, before, audit.snapshot(obj))


def delete_object(session: Session, actor: Actor, obj: Activity | SchoolRequest) -> None:
    """Delete an activity or request of the actor's own organisation (with its matches)."""
    _owns(actor, obj)
    entity = "activity" if isinstance(obj, Activity) else "request"
    before = audit.snapshot(obj)
    session.delete(obj)
    session.flush()
    audit.record(session, actor, "delete", entity, before["id"] if before else None, before)


def public_activities(session: Session, *, limit: int = 500) -> list[Activity]:
    """Published activities of approved organisations, newest first."""
    q = (
        select(Activity)
        .join(Organisation, Organisation.id == Activity.org_id)
        .where(Activity.published.is_(True), Organisation.approved.is_(True))
        .order_by(Activity.id.desc())
        .limit(limit)
    )
    return list(session.scalars(q))


def own_activities(session: Session, org_id: int) -> list[Activity]:
    """An organisation's activities, newest first."""
    q = select(Activity).where(Activity.org_id == org_id).order_by(Activity.id.desc())
    return list(session.scalars(q))


def own_requests(session: Session, org_id: int) -> list[SchoolRequest]:
    """An organisation's requests, newest first."""
    q = (
        select(SchoolRequest)
        .where(SchoolRequest.org_id == org_id)
        .order_by(SchoolRequest.id.desc())
    )
    return list(session.scalars(q))


def open_requests(session: Session) -> list[SchoolRequest]:
    """Open requests of approved schools."""
    q = (
        select(SchoolRequest)
        .join(Organisation, Organisation.id == SchoolRequest.org_id)
        .where(SchoolRequest.open.is_(True), Organisation.approved.is_(True))
        .order_by(SchoolRequest.id.desc())
    )
    return list(session.scalars(q))
