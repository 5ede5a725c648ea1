"""The audit trail: every write records who, what, when, and the object before and after.

Snapshots never hold password hashes or tokens; after an account is deleted its snapshots
are blanked (``forget_person``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from kansrijk.registry.models import AuditEntry, Base

_SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: an account (user, organisation, role, approved) or an API token's
    organisation (``user_id`` None)."""

    user_id: int | None
    org_id: int | None
    role: str
    approved: bool

    @property
    def admin(self) -> bool:
        """Whether this actor is an admin."""
        return self.role == "admin"


SYSTEM = Actor(None, None, "system", approved=True)


def snapshot(obj: Base | None) -> dict[str, Any] | None:
    """The columns of a model object as JSON-ready values (secrets left out)."""
    if obj is None:
        return None
    out: dict[str, Any] = {}
    for col in inspect(obj).mapper.column_attrs:
        if col.key in _SECRET_COLUMNS:
            continue
        v = getattr(obj, col.key)
        out[col.key] = v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
    return out


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add one audit entry to the session's transaction."""
    session.add(
        AuditEntry(
            user_id=actor.user_id,
            org_id=actor.org_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before else None,
            after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after else None,
        )
    )


def entries(session: Session, *, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
    """The newest audit entries first."""
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(q))


def version(session: Session) -> int:
    """The id of the newest audit entry: changes with every write (a cache key)."""
    newest = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    return int(newest or 0)


def forget_person(session: Session, user_id: int) -> None:
    """Blank the snapshots of a deleted account (the entries themselves stay)."""
    session.execute(
        update(AuditEntry)
        .where(AuditEntry.entity == "account", AuditEntry.entity_id == user_id)
        .values(before=None, after=None)
    )
