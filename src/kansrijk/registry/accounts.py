"""Organisations and accounts: registration, approval by an admin, login with throttling,
password reset by e-mail token, logout everywhere, export and deletion of one's account."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import ConflictError, FieldError, ForbiddenError, ThrottledError
from kansrijk.registry.measure_models import Assessment, ShortageAnswer, ShortageReport, SurveyLink
from kansrijk.registry.models import (
    Activity,
    AuditEntry,
    LoginFailure,
    Organisation,
    ResetToken,
    SchoolRequest,
    User,
    utcnow,
)
from kansrijk.registry.places import Places
from kansrijk.registry.security import (
    check_password_rules,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from kansrijk.registry.vocab import ORG_KINDS, ROLE_OF_KIND

_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$")
_LOC = re.compile(r"^[0-9A-Z]{6}$")
#: Failed logins allowed per e-mail (and 4x that per address) in THROTTLE_WINDOW.
MAX_FAILURES = 5
THROTTLE_WINDOW = dt.timedelta(minutes=15)
RESET_VALID = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Registration:
    """What a new organisation and its first person give."""

    org_name: str
    kind: str
    name: str
    email: str
    password: str
    phone: str = ""
    loc_code: str = ""


def normalise_email(email: str) -> str:
    """Lower case, trimmed; FieldError when it is not an e-mail address."""
    value = email.strip().lower()
    if not _EMAIL.match(value):
        raise FieldError(
            Message("expected an e-mail address; found {email!r}", email=email), column="email"
        )
    return value


def actor_of(session: Session, user: User) -> Actor:
    """The actor an account acts as."""
    org = session.get(Organisation, user.org_id)
    return Actor(user.id, user.org_id, user.role, bool(org and org.approved))


@dataclass(frozen=True, slots=True)
class Who:
    """The account of a session (or nobody): the person, the organisation, the actor."""

    user: User | None
    org: Organisation | None
    actor: Actor | None


NOBODY = Who(None, None, None)


def who(session: Session, user_id: int | None, epoch: int) -> Who:
    """The account a session signed in as: nobody when it signed in as nobody, the account
    is gone, or its session epoch is not ``epoch`` (it logged out everywhere since)."""
    if user_id is None:
        return NOBODY
    user = session.get(User, user_id)
    if user is None or user.session_epoch != epoch:
        return NOBODY
    return Who(user, session.get(Organisation, user.org_id), actor_of(session, user))


def register(
    session: Session, reg: Registration, *, approved: bool = False, places: Places | None = None
) -> User:
    """A new organisation (awaiting approval) with its first account; with ``places``, a
    school's location code must name a location with vmbo pupils or an mbo location."""
    loc = reg.loc_code.strip().upper()
    if places is not None and reg.kind == "school" and loc and not places.known(loc):
        raise FieldError(
            Message(
                "expected the code of a school location with vmbo pupils or of an mbo "
                "location; found {found!r}",
                found=loc[:40],
            ),
            column="loc_code",
        )
    if reg.kind not in ORG_KINDS:
        raise FieldError(
            Message(
                "expected one of {allowed}; found {found!r}",
                allowed=", ".join(ORG_KINDS),
                found=reg.kind,
            ),
            column="kind",
        )
    org_name = reg.org_name.strip()
    name = reg.name.strip()
    for field, value in (("org_name", org_name), ("name", name)):
        if not value or len(value) > 200:
            raise FieldError(Message("expected 1 to 200 characters"), column=field)
    email = normalise_email(reg.email)
    check_password_rules(reg.password)
    loc_code = reg.loc_code.strip().upper()
    if reg.kind == "school" and not _LOC.match(loc_code):
        raise FieldError(
            Message(
                "expected a DUO location code like 18BR00; found {found!r}", found=reg.loc_code
            ),
            column="loc_code",
        )
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise ConflictError(Message("an account with e-mail {email} exists already", email=email))
    org = Organisation(
        name=org_name,
        kind=reg.kind,
        loc_code=loc_code if reg.kind == "school" else None,
        approved=approved,
        approved_at=utcnow() if approved else None,
    )
    session.add(org)
    session.flush()
    user = User(
        org_id=org.id,
        name=name,
        email=email,
        phone=reg.phone.strip()[:40] or None,
        password_hash=hash_password(reg.password),
        role=ROLE_OF_KIND[reg.kind],
    )
    session.add(user)
    session.flush()
    actor = Actor(user.id, org.id, user.role, approved)
    audit.record(session, actor, "register", "organisation", org.id, None, audit.snapshot(org))
    audit.record(session, actor, "register", "account", user.id, None, audit.snapshot(user))
    return user


def create_admin(session: Session, name: str, email: str, password: str) -> User:
    """An admin account in an approved organisation 'Beheer' (for `kansrijk registry`)."""
    org = session.scalar(select(Organisation).where(Organisation.kind == "admin"))
    if org is None:
        org = Organisation(name="Beheer", kind="admin", approved=True, approved_at=utcnow())
        session.add(org)
        session.flush()
    email_n = normalise_email(email)
    check_password_rules(password)
    if session.scalar(select(User.id).where(User.email == email_n)) is not None:
        raise ConflictError(Message("an account with e-mail {email} exists already", email=email_n))
    user = User(
        org_id=org.id,
        name=name.strip(),
        email=email_n,
        password_hash=hash_password(password),
        role="admin",
    )
    session.add(user)
    session.flush()
    audit.record(
        session, audit.SYSTEM, "create_admin", "account", user.id, None, audit.snapshot(user)
    )
    return user


def require_admin(actor: Actor) -> None:
    """ForbiddenError unless the actor is an admin."""
    if not actor.admin:
        raise ForbiddenError(Message("admins only"))


def pending(session: Session) -> list[Organisation]:
    """Organisations awaiting approval, oldest first."""
    q = select(Organisation).where(Organisation.approved.is_(False)).order_by(Organisation.id)
    return list(session.scalars(q))


def approve(session: Session, actor: Actor, org_id: int) -> Organisation:
    """An admin approves an organisation: from now on it may publish."""
    if not actor.admin:
        raise ForbiddenError(Message("only an admin approves organisations"))
    org = session.get(Organisation, org_id)
    if org is None:
        raise ConflictError(Message("no organisation {org}", org=org_id))
    before = audit.snapshot(org)
    org.approved = True
    org.approved_at = utcnow()
    session.flush()
    audit.record(session, actor, "approve", "organisation", org.id, before, audit.snapshot(org))
    return org


def _failures(session: Session, column: Any, value: str) -> int:
    since = utcnow() - THROTTLE_WINDOW
    q = (
        select(func.count())
        .select_from(LoginFailure)
        .where(column == value, LoginFailure.at >= since)
    )
    return int(session.scalar(q) or 0)


def authenticate(session: Session, email: str, password: str, address: str) -> User | None:
    """The account for e-mail and password, None for a wrong pair (the same for an unknown
    e-mail; the failure is recorded in the session, so commit it). ThrottledError after
    MAX_FAILURES failures for the e-mail (or 4x as many from the address) within
    THROTTLE_WINDOW."""
    email_n = email.strip().lower()[:254]
    address = address[:64]
    if (
        _failures(session, LoginFailure.email, email_n) >= MAX_FAILURES
        or _failures(session, LoginFailure.address, address) >= 4 * MAX_FAILURES
    ):
        raise ThrottledError(Message("too many failed logins; try again in 15 minutes"))
    user = session.scalar(select(User).where(User.email == email_n))
    if not verify_password(user.password_hash if user else None, password) or user is None:
        session.add(LoginFailure(email=email_n, address=address))
        return None
    session.execute(delete(LoginFailure).where(LoginFailure.email == email_n))
    return user


def logout_everywhere(session: Session, user: User) -> None:
    """End every session of the account (their cookies carry the old epoch)."""
    user.session_epoch += 1
    audit.record(session, actor_of(session, user), "logout_all", "account", user.id)


def request_reset(session: Session, email: str) -> tuple[User, str] | None:
    """A reset token for the account with this e-mail (None when there is none); only its
    hash is stored, valid RESET_VALID."""
    try:
        email_n = normalise_email(email)
    except FieldError:
        return None
    user = session.scalar(select(User).where(User.email == email_n))
    if user is None:
        return None
    token = new_token()
    session.add(
        ResetToken(user_id=user.id, token_hash=token_hash(token), expires_at=utcnow() + RESET_VALID)
    )
    audit.record(session, actor_of(session, user), "reset_request", "account", user.id)
    return user, token


def reset_password(session: Session, token: str, password: str) -> User:
    """Set a new password with a valid, unused token; ends every session."""
    row = session.scalar(select(ResetToken).where(ResetToken.token_hash == token_hash(token)))
    now = utcnow()
    if row is None or row.used or _aware(row.expires_at) < now:
        raise ForbiddenError(Message("this reset link is invalid or has expired"))
    check_password_rules(password)
    user = session.get(User, row.user_id)
    if user is None:  # pragma: no cover - cascades delete the token with the account
        raise ForbiddenError(Message("this reset link is invalid or has expired"))
    row.used = True
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    audit.record(session, actor_of(session, user), "reset_password", "account", user.id)
    return user


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _rows(session: Session, model: Any, where: Any) -> list[dict[str, Any] | None]:
    return [audit.snapshot(x) for x in session.scalars(select(model).where(where))]


def export_account(session: Session, user: User) -> dict[str, Any]:
    """Everything the registry holds about an account and its organisation."""
    org = session.get(Organisation, user.org_id)
    acts = session.scalars(select(Activity).where(Activity.org_id == user.org_id))
    reqs = session.scalars(select(SchoolRequest).where(SchoolRequest.org_id == user.org_id))
    trail = session.scalars(
        select(AuditEntry).where(AuditEntry.user_id == user.id).order_by(AuditEntry.id)
    )
    mine = user.org_id
    return {
        "account": audit.snapshot(user),
        "organisation": audit.snapshot(org),
        "activities": [audit.snapshot(a) for a in acts],
        "requests": [audit.snapshot(r) for r in reqs],
        # the measurements (docs/measurements.md); survey responses are anonymous: only counts
        "shortage_reports": _rows(session, ShortageReport, ShortageReport.org_id == mine),
        "shortage_answers": _rows(session, ShortageAnswer, ShortageAnswer.org_id == mine),
        "assessments": _rows(session, Assessment, Assessment.org_id == mine),
        "survey_links": _rows(session, SurveyLink, SurveyLink.org_id == mine),
        "audit": [
            {"at": e.at.isoformat(), "action": e.action, "entity": e.entity, "id": e.entity_id}
            for e in trail
        ],
    }


def delete_account(session: Session, user: User) -> None:
    """Delete an account and blank its personal data in the audit trail. The organisation
    and its activities stay (they belong to the organisation) unless it has no one left."""
    actor = actor_of(session, user)
    org_id, user_id = user.org_id, user.id
    session.execute(delete(ResetToken).where(ResetToken.user_id == user_id))
    session.delete(user)
    session.flush()
    audit.forget_person(session, user_id)
    audit.record(session, actor, "delete", "account", user_id)
    if session.scalar(select(func.count()).select_from(User).where(User.org_id == org_id)) == 0:
        org = session.get(Organisation, org_id)
        if org is not None and org.kind != "admin":
            org.approved = False  # nobody left to answer for it: no longer public


def purge(session: Session, retention_days: int) -> int:
    """Delete audit entries, login failures and reset tokens older than the retention."""
    cutoff = utcnow() - dt.timedelta(days=retention_days)
    n = 0
    for stmt in (
        delete(AuditEntry).where(AuditEntry.at < cutoff),
        delete(LoginFailure).where(LoginFailure.at < cutoff),
        delete(ResetToken).where(ResetToken.expires_at < cutoff),
    ):
        n += int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]
    return n
