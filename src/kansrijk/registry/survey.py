"""The satisfaction survey (Masterplan Rotterdam par. 6.3): per school location an anonymous
link for pupils and one for parents, a few questions on technical education and career
guidance (LOB), results per location and region only from ``MIN_RESPONSES`` responses.

No personal data is stored: a response holds the answers, its language and day, and
``respondent`` = SHA-256 of a server secret, the link and a random device token that the
respondent's browser keeps in a cookie. A second response from that token replaces the
first, so it counts once. (``survey_form.allow`` limits responses per address, in memory only.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.regions import Region
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.disclosure import Part, protect
from kansrijk.registry.errors import FieldError, ForbiddenError, RecordNotFoundError
from kansrijk.registry.measure_models import SurveyLink, SurveyResponse
from kansrijk.registry.models import Organisation
from kansrijk.registry.places import Places
from kansrijk.registry.shortages import locate

#: Results are shown for a location or region from this many responses.
MIN_RESPONSES = 10
AUDIENCES: tuple[str, ...] = ("pupil", "parent")
ANONYMOUS = Actor(None, None, "anonymous", approved=False)
#: Choice options (English msgids; translated by the survey catalogue).
CHOICES: dict[str, tuple[str, ...]] = {
    "yes_no": ("yes", "no"),
    "yes_maybe_no": ("yes", "maybe", "no"),
}


@dataclass(frozen=True, slots=True)
class SurveyQuestion:
    """A question: id, English text (the msgid), kind ``scale`` (1-5) or a choice set."""

    id: str
    text: str
    kind: str


QUESTIONS: dict[str, tuple[SurveyQuestion, ...]] = {
    "pupil": (
        SurveyQuestion(
            "tech_lessons", "How interesting do you find the technology lessons at school?", "scale"
        ),
        SurveyQuestion(
            "lob_help",
            "How well does your school help you choose a study or profession?",
            "scale",
        ),
        SurveyQuestion(
            "tech_activity",
            "Did you visit a company or take part in a technology activity this school year?",
            "yes_no",
        ),
        SurveyQuestion(
            "consider_tech", "Would you consider a technical or IT study in mbo?", "yes_maybe_no"
        ),
    ),
    "parent": (
        SurveyQuestion(
            "tech_quality",
            "How satisfied are you with the technical education at your child's school?",
            "scale",
        ),
        SurveyQuestion(
            "lob_info",
            "How well does the school inform you about choosing a study or profession?",
            "scale",
        ),
        SurveyQuestion(
            "recommend_tech",
            "Would you recommend a technical or IT study to your child?",
            "yes_maybe_no",
        ),
    ),
}


def clean(audience: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The answers checked: scales 1-5, choices from their set; at least one answer."""
    out: dict[str, Any] = {}
    for q in QUESTIONS[audience]:
        text = str(raw.get(q.id) or "").strip()
        if not text:
            continue
        if q.kind == "scale":
            if text not in {"1", "2", "3", "4", "5"}:
                raise FieldError(
                    Message("expected 1 to 5; found {found!r}", found=text[:20]), column=q.id
                )
            out[q.id] = int(text)
        else:
            if text not in CHOICES[q.kind]:
                opts = ", ".join(CHOICES[q.kind])
                raise FieldError(
                    Message(
                        "expected one of {allowed}; found {found!r}", allowed=opts, found=text[:20]
                    ),
                    column=q.id,
                )
            out[q.id] = text
    if not out:
        raise FieldError(Message("expected at least one answer; found none"))
    return out


def create_link(
    session: Session, actor: Actor, places: Places, audience: str, school_year: int
) -> SurveyLink:
    """A new survey link for the actor's school location."""
    if actor.role != "school" or not actor.approved:
        raise ForbiddenError(
            Message("only the approved account of a school location makes survey links")
        )
    if audience not in AUDIENCES:
        raise FieldError(
            Message(
                "expected one of {allowed}; found {found!r}",
                allowed=", ".join(AUDIENCES),
                found=audience,
            ),
            column="audience",
        )
    org = session.get(Organisation, actor.org_id)
    loc = (org.loc_code if org else None) or ""
    where = locate(places, loc) if loc else None
    if where is None:
        raise FieldError(
            Message("expected a vmbo or mbo location; found {found!r}", found=loc),
            column="loc_code",
        )
    assert actor.org_id is not None
    link = SurveyLink(
        org_id=actor.org_id,
        loc_code=where.loc_code,
        audience=audience,
        school_year=school_year,
        slug=secrets.token_urlsafe(12),
        pc4=where.pc4,
        gemeente_code=where.gemeente_code,
    )
    session.add(link)
    session.flush()
    audit.record(session, actor, "create", "survey_link", link.id, None, audit.snapshot(link))
    return link


def link_by_slug(session: Session, slug: str) -> SurveyLink:
    """An open link by its slug (RecordNotFoundError otherwise)."""
    link = session.scalar(select(SurveyLink).where(SurveyLink.slug == slug))
    if link is None or not link.open:
        raise RecordNotFoundError(Message("no open survey at this address"))
    return link


def respondent_of(secret: str, slug: str, device_token: str) -> str:
    """The stored respondent key: SHA-256 of the secret, the link and the device token."""
    return hashlib.sha256(f"{secret}\x00{slug}\x00{device_token}".encode()).hexdigest()


def respond(
    session: Session,
    link: SurveyLink,
    respondent: str,
    lang: str,
    raw: Mapping[str, Any],
    today: dt.date | None = None,
) -> tuple[SurveyResponse, bool]:
    """Store a response; a repeat from the same respondent replaces the earlier answers.
    Returns the response and whether it was new."""
    answers = json.dumps(clean(link.audience, raw), sort_keys=True)
    day = today or dt.datetime.now(dt.UTC).date()
    found = session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.link_id == link.id, SurveyResponse.respondent == respondent
        )
    )
    if found is not None:
        found.answers, found.lang, found.day = answers, lang, day
        session.flush()
        audit.record(session, ANONYMOUS, "replace", "survey_response", found.id)
        return found, False
    new = SurveyResponse(
        link_id=link.id, respondent=respondent, lang=lang, answers=answers, day=day
    )
    session.add(new)
    session.flush()
    audit.record(session, ANONYMOUS, "create", "survey_response", new.id)
    return new, True


def own_links(session: Session, actor: Actor) -> list[SurveyLink]:
    """The links of the actor's organisation."""
    q = select(SurveyLink).where(SurveyLink.org_id == actor.org_id).order_by(SurveyLink.id)
    return list(session.scalars(q))


def protected(
    audience: str, groups: Sequence[tuple[str, list[dict[str, Any]]]]
) -> dict[str, dict[str, Any]]:
    """The summaries of parts (locations, or one location's links) whose answers add up to
    a whole that is shown beside them: the parts below MIN_RESPONSES are hidden, and as many
    of the smallest others as make the hidden parts together at least MIN_RESPONSES
    responses (two parts or more), so that whole minus the shown parts is never the
    answers of fewer than MIN_RESPONSES respondents (``kansrijk.registry.disclosure``)."""
    whole = sum(len(rows) for _, rows in groups)
    verdict = protect(whole, [[Part(len(rows), floor=0) for _, rows in groups]], MIN_RESPONSES)
    return {
        key: summarise(audience, rows, hide=not verdict.shown(0, i))
        for i, (key, rows) in enumerate(groups)
    }


def own_summaries(session: Session, actor: Actor) -> list[tuple[SurveyLink, dict[str, Any]]]:
    """The links of a school account, each with the summary of its responses (protected
    within the links of one location, audience and school year, whose sum is the location's
    published summary)."""
    if actor.role != "school":
        raise ForbiddenError(Message("only school accounts have survey links"))
    links = own_links(session, actor)
    rows: dict[int, list[dict[str, Any]]] = {}
    for link in links:
        q = select(SurveyResponse.answers).where(SurveyResponse.link_id == link.id)
        rows[link.id] = [json.loads(a) for a in session.scalars(q)]
    same: dict[tuple[str, str, int], list[SurveyLink]] = {}
    for link in links:
        same.setdefault((link.loc_code, link.audience, link.school_year), []).append(link)
    summaries: dict[int, dict[str, Any]] = {}
    for (_, audience, _), group in same.items():
        found = protected(audience, [(str(link.id), rows[link.id]) for link in group])
        summaries.update({link.id: found[str(link.id)] for link in group})
    return [(link, summaries[link.id]) for link in links]


def summarise(
    audience: str, answers: list[dict[str, Any]], *, hide: bool = False
) -> dict[str, Any]:
    """Responses and, from MIN_RESPONSES, per question the mean (scales) or the count of
    each option (choices); below it (or with ``hide``: to keep another summary's answers
    from being worked out, see ``protected``) only the number of responses."""
    n = len(answers)
    shown = n >= MIN_RESPONSES and not hide
    out: dict[str, Any] = {"responses": n, "shown": shown, "questions": []}
    if not shown:
        return out
    for q in QUESTIONS[audience]:
        vals = [a[q.id] for a in answers if q.id in a]
        row: dict[str, Any] = {"id": q.id, "answers": len(vals)}
        if q.kind == "scale":
            row["mean"] = sum(vals) / len(vals) if vals else None
        else:
            row["counts"] = {c: sum(1 for v in vals if v == c) for c in CHOICES[q.kind]}
        out["questions"].append(row)
    return out


def results(session: Session, region: Region, school_year: int) -> dict[str, dict[str, Any]]:
    """Per audience: the region's summary and each location's (``locations``), protected
    so that the region's minus the shown locations' never gives the answers of fewer than
    MIN_RESPONSES respondents (``protected``)."""
    q = (
        select(
            SurveyLink.loc_code,
            SurveyLink.audience,
            SurveyLink.pc4,
            SurveyLink.gemeente_code,
            SurveyResponse.answers,
        )
        .select_from(SurveyResponse)
        .join(SurveyLink, SurveyLink.id == SurveyResponse.link_id)
        .where(SurveyLink.school_year == school_year)
    )
    per: dict[str, dict[str, list[dict[str, Any]]]] = {a: {} for a in AUDIENCES}
    for loc, audience, pc4, gm, answers in session.execute(q):
        if region.contains(gm, pc4):
            per[audience].setdefault(loc, []).append(json.loads(answers))
    out: dict[str, dict[str, Any]] = {}
    for audience in AUDIENCES:
        all_rows = [a for rows in per[audience].values() for a in rows]
        out[audience] = {
            "region": summarise(audience, all_rows),
            "locations": protected(audience, sorted(per[audience].items())),
        }
    return out
