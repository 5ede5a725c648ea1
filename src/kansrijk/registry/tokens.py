"""Per-organisation API tokens: scoped (``activities:read``, ``activities:write``),
revocable, stored as their SHA-256 only; the plain token is shown once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import FieldError, ForbiddenError, RecordNotFoundError
from kansrijk.registry.models import ApiToken, Organisation, utcnow
from kansrijk.registry.security import new_token, token_hash

SCOPES: tuple[str, ...] = ("activities:read", "activities:write")
PREFIX = "krt_"


def create_token(
    session: Session, actor: Actor, name: str, scopes: list[str]
) -> tuple[ApiToken, str]:
    """A new token of the actor's organisation; returns the row and the plain token."""
    if actor.org_id is None or actor.role not in ("provider", "admin") or not actor.approved:
        raise ForbiddenError(Message("only approved providers create API tokens"))
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        raise FieldError(
            Message(
                "expected scopes from {allowed}; found {found}",
                allowed=", ".join(SCOPES),
                found=", ".join(bad) or Message("none"),
            ),
            column="scopes",
        )
    label = name.strip()[:100] or "token"
    plain = new_token(PREFIX)
    row = ApiToken(
        org_id=actor.org_id, name=label, token_hash=token_hash(plain), scopes=",".join(scopes)
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "api_token", row.id, None, audit.snapshot(row))
    return row, plain


def revoke_token(session: Session, actor: Actor, token_id: int) -> None:
    """Revoke a token of the actor's organisation."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise RecordNotFoundError(Message("no token {id}", id=token_id))
    if not (actor.admin or row.org_id == actor.org_id):
        raise ForbiddenError(Message("token {id} belongs to another organisation", id=token_id))
    before = audit.snapshot(row)
    row.revoked_at = utcnow()
    session.flush()
    audit.record(session, actor, "revoke", "api_token", row.id, before, audit.snapshot(row))


def tokens_of(session: Session, org_id: int) -> list[ApiToken]:
    """An organisation's tokens, newest first."""
    q = select(ApiToken).where(ApiToken.org_id == org_id).order_by(ApiToken.id.desc())
    return list(session.scalars(q))


def token_actor(session: Session, plain: str, scope: str) -> Actor:
    """The actor of a valid, unrevoked token that has ``scope``; ForbiddenError otherwise."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(plain)))
    if row is None or row.revoked_at is not None:
        raise ForbiddenError(Message("unknown or revoked API token"))
    if scope not in row.scopes.split(","):
        raise ForbiddenError(Message("this token lacks the scope {scope}", scope=scope))
    org = session.get(Organisation, row.org_id)
    return Actor(None, row.org_id, "provider", bool(org and org.approved))
