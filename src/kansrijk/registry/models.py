"""The registry's tables (SQLAlchemy 2 declarative models).

Multi-valued fields (themes, profiles, target groups, languages, scopes) are stored as text
with the values separated by commas, the same on SQLite and PostgreSQL. Every timestamp is
UTC. The schema itself is created by the Alembic migrations in ``migrations/``, never by
``create_all``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Now, in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Base of the registry models."""

    metadata = MetaData(naming_convention=NAMING)


class Organisation(Base):
    """A school board or location, company, intermediary or gemeente."""

    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    loc_code: Mapped[str | None] = mapped_column(String(6), default=None)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class User(Base):
    """A person with an account: name, work e-mail, optional phone, one role."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoginFailure(Base):
    """One failed login (for throttling); kept ``retention_days``."""

    __tablename__ = "login_failure"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ResetToken(Base):
    """A password-reset token, stored as its SHA-256 only."""

    __tablename__ = "reset_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class Activity(Base):
    """A technology activity a provider offers (guest lesson, company visit, ...)."""

    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(String(400), default="")
    profiles: Mapped[str] = mapped_column(String(100), default="")
    target_groups: Mapped[str] = mapped_column(String(200), default="")
    pc4: Mapped[str] = mapped_column(String(4))
    radius_km: Mapped[int] = mapped_column(Integer, default=15)
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)
    start_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    cost_eur: Mapped[int] = mapped_column(Integer, default=0)
    languages: Mapped[str] = mapped_column(String(100), default="nl")
    contact: Mapped[str] = mapped_column(String(200), default="")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SchoolRequest(Base):
    """What a school location asks for: the same fields as an activity."""

    __tablename__ = "school_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    loc_code: Mapped[str] = mapped_column(String(6), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(String(400), default="")
    profiles: Mapped[str] = mapped_column(String(100), default="")
    target_groups: Mapped[str] = mapped_column(String(200), default="")
    pc4: Mapped[str] = mapped_column(String(4))
    radius_km: Mapped[int] = mapped_column(Integer, default=15)
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)
    start_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    cost_eur: Mapped[int] = mapped_column(Integer, default=0)
    languages: Mapped[str] = mapped_column(String(100), default="nl")
    contact: Mapped[str] = mapped_column(String(200), default="")
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Match(Base):
    """An activity proposed for a request: proposed, accepted or declined."""

    __tablename__ = "match"
    __table_args__ = (UniqueConstraint("activity_id", "request_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    request_id: Mapped[int] = mapped_column(ForeignKey("school_request.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    proposed_by: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MatchEvent(Base):
    """One step in a match's status history."""

    __tablename__ = "match_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    org_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """One write: who, what, when, the object before and after (JSON text)."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, default=None)
    org_id: Mapped[int | None] = mapped_column(Integer, default=None)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    before: Mapped[str | None] = mapped_column(Text, default=None)
    after: Mapped[str | None] = mapped_column(Text, default=None)


class ApiToken(Base):
    """A per-organisation API token (stored as its SHA-256), scoped and revocable."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
