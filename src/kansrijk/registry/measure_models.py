"""The tables of the registry's measurements (migration ``0002``): internship and BBL-place
shortage reports and providers' answers, the school self-assessment, and the anonymous
satisfaction survey's links and responses.

Nothing here holds personal data: reports and assessments belong to a school location,
survey responses carry only a salted hash of a random device token (to count a repeat
once), the language, the day and the answers.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kansrijk.registry.models import Base, utcnow


class ShortageReport(Base):
    """Pupils of a school location without an internship or BBL place in a period, for one
    vmbo profile or mbo sectorkamer (crebo where known) and kind of place."""

    __tablename__ = "shortage_report"
    __table_args__ = (UniqueConstraint("loc_code", "period", "field", "crebo", "place_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    loc_code: Mapped[str] = mapped_column(String(6))
    level: Mapped[str] = mapped_column(String(4))  # vmbo or mbo
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    school_year: Mapped[int] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(20))  # vmbo profile or sectorkamer code
    crebo: Mapped[str] = mapped_column(String(5), default="")
    field_name: Mapped[str] = mapped_column(String(200), default="")
    place_kind: Mapped[str] = mapped_column(String(30))
    pupils: Mapped[int] = mapped_column(Integer)
    pc4: Mapped[str] = mapped_column(String(4), default="")
    gemeente_code: Mapped[str] = mapped_column(String(6), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ShortageAnswer(Base):
    """Places a provider offers for a shortage report."""

    __tablename__ = "shortage_answer"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("shortage_report.id", ondelete="CASCADE"), index=True
    )
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    places: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assessment(Base):
    """A location's answers to the self-assessment form in a school year (JSON text)."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("loc_code", "school_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    loc_code: Mapped[str] = mapped_column(String(6))
    school_year: Mapped[int] = mapped_column(Integer)
    form_version: Mapped[str] = mapped_column(String(20))
    answers: Mapped[str] = mapped_column(Text, default="{}")
    pc4: Mapped[str] = mapped_column(String(4), default="")
    gemeente_code: Mapped[str] = mapped_column(String(6), default="")
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SurveyLink(Base):
    """A location's anonymous survey link for pupils or parents in a school year."""

    __tablename__ = "survey_link"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    loc_code: Mapped[str] = mapped_column(String(6), index=True)
    audience: Mapped[str] = mapped_column(String(10))  # pupil or parent
    school_year: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    pc4: Mapped[str] = mapped_column(String(4), default="")
    gemeente_code: Mapped[str] = mapped_column(String(6), default="")
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SurveyResponse(Base):
    """One anonymous response: answers, language and day; ``respondent`` is a hash of the
    link and a random device token (a repeat from that token replaces the earlier one)."""

    __tablename__ = "survey_response"
    __table_args__ = (UniqueConstraint("link_id", "respondent"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("survey_link.id", ondelete="CASCADE"))
    respondent: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(2))
    answers: Mapped[str] = mapped_column(Text, default="{}")
    day: Mapped[dt.date] = mapped_column(Date)


MEASURE_TABLES: tuple[str, ...] = (
    "shortage_report",
    "shortage_answer",
    "assessment",
    "survey_link",
    "survey_response",
)
