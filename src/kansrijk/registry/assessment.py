"""The school self-assessment: the Masterplan's questionnaire for vmbo schools as a versioned
form definition (``data/self_assessment.yaml``), answered per school location and school
year, editable until the school (or an admin) closes it.

A location's answers are seen by its own school and by admins; everyone else (analysts
included) sees only the region's aggregates: the share of answering locations with a
workshop for each technical profile, the barriers by how often they are named, mean scores
of the scales and counts of the choices; shown from ``MIN_LOCATIONS`` answering locations.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from kansrijk.errors import Message
from kansrijk.regions import Region
from kansrijk.registry import audit
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import ConflictError, FieldError, ForbiddenError, RecordNotFoundError
from kansrijk.registry.measure_models import Assessment
from kansrijk.registry.models import Organisation, utcnow
from kansrijk.registry.places import TECH_PROFILES, Places

FORM_FILE = "data/self_assessment.yaml"
TYPES = ("scale", "number", "choice", "multi", "text")
#: Region aggregates are shown from this many answering locations (one alone is not hidden
#: in a crowd).
MIN_LOCATIONS = 2
MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class Question:
    """One question: id, type, Dutch and English text, options (code -> (nl, en))."""

    id: str
    type: str
    section: str
    nl: str
    en: str
    options: tuple[tuple[str, str, str], ...] = ()
    low: int = 0
    high: int = 0

    def text(self, lang: str) -> str:
        """The question in ``lang``."""
        return self.en if lang == "en" else self.nl

    def option_label(self, code: str, lang: str) -> str:
        """An option's name in ``lang``."""
        for c, nl, en in self.options:
            if c == code:
                return en if lang == "en" else nl
        return code


@dataclass(frozen=True, slots=True)
class FormDefinition:
    """The parsed form: version, sections (id, nl, en) and questions in order."""

    version: str
    sections: tuple[tuple[str, str, str], ...]
    questions: tuple[Question, ...]
    scale_labels: dict[str, tuple[str, ...]]

    def question(self, qid: str) -> Question:
        """A question by id."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


def parse_form(text: str, name: str = FORM_FILE) -> FormDefinition:
    """Parse and check a form definition (FieldError naming the question when wrong)."""
    doc: dict[str, Any] = yaml.safe_load(text)
    sections = []
    questions: list[Question] = []
    seen: set[str] = set()
    for sec in doc["sections"]:
        sections.append((str(sec["id"]), str(sec["nl"]), str(sec["en"])))
        for q in sec["questions"]:
            qid, kind = str(q["id"]), str(q["type"])
            if kind not in TYPES or qid in seen:
                raise FieldError(
                    Message(
                        "expected a new question id with a type in {types}; "
                        "found {qid!r} of type {kind!r}",
                        types=", ".join(TYPES),
                        qid=qid,
                        kind=kind,
                    ),
                    file=name,
                    column=qid,
                )
            seen.add(qid)
            raw = q.get("options")
            opts: tuple[tuple[str, str, str], ...] = ()
            if raw == "tech_profiles":
                opts = tuple((p, p, p) for p in TECH_PROFILES)
            elif isinstance(raw, dict):
                opts = tuple((str(k), str(v["nl"]), str(v["en"])) for k, v in raw.items())
            if kind in ("choice", "multi") and not opts:
                raise FieldError(Message("expected options for a choice"), file=name, column=qid)
            low, high = (1, 5) if kind == "scale" else (int(q.get("min", 0)), int(q.get("max", 0)))
            questions.append(
                Question(qid, kind, str(sec["id"]), str(q["nl"]), str(q["en"]), opts, low, high)
            )
    labels = {k: tuple(str(x) for x in v) for k, v in doc["scale_labels"].items()}
    return FormDefinition(str(doc["version"]), tuple(sections), tuple(questions), labels)


@cache
def form_definition() -> FormDefinition:
    """The packaged form (parsed once)."""
    text = resources.files("kansrijk.registry").joinpath(FORM_FILE).read_text("utf-8")
    return parse_form(text)


def clean_answers(form: FormDefinition, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Answers checked against the form: scale and number as whole numbers in range, choice
    one option, multi a list of options (a list or comma-separated text), text at most 2000
    characters. Unanswered questions are left out; unknown keys are ignored."""
    out: dict[str, Any] = {}
    for q in form.questions:
        value = raw.get(q.id)
        if q.type == "multi":
            items = value if isinstance(value, list) else str(value or "").split(",")
            chosen = [str(x).strip() for x in items if str(x).strip()]
            codes = [c for c, _, _ in q.options]
            bad = [c for c in chosen if c not in codes]
            if bad:
                raise FieldError(
                    Message(
                        "expected options of {allowed}; found {found!r}",
                        allowed=", ".join(codes),
                        found=bad[0],
                    ),
                    column=q.id,
                )
            if chosen:
                out[q.id] = [c for c in codes if c in chosen]
            continue
        text = "" if value is None else str(value).strip()
        if not text:
            continue
        if q.type in ("scale", "number"):
            if not (text.isascii() and text.isdigit()) or not q.low <= int(text) <= q.high:
                raise FieldError(
                    Message(
                        "expected a whole number from {low} to {high}; found {found!r}",
                        low=q.low,
                        high=q.high,
                        found=text,
                    ),
                    column=q.id,
                )
            out[q.id] = int(text)
        elif q.type == "choice":
            codes = [c for c, _, _ in q.options]
            if text not in codes:
                raise FieldError(
                    Message(
                        "expected one of {allowed}; found {found!r}",
                        allowed=", ".join(codes),
                        found=text,
                    ),
                    column=q.id,
                )
            out[q.id] = text
        else:
            if len(text) > MAX_TEXT:
                raise FieldError(
                    Message(
                        "expected at most {most} characters; found {found}",
                        most=MAX_TEXT,
                        found=len(text),
                    ),
                    column=q.id,
                )
            out[q.id] = text
    return out


def _own(session: Session, actor: Actor, loc_code: str) -> bool:
    if actor.admin:
        return True
    org = session.get(Organisation, actor.org_id) if actor.org_id else None
    return actor.role == "school" and org is not None and (org.loc_code or "") == loc_code


def own_location(session: Session, actor: Actor) -> str:
    """The location whose form a school account fills (ForbiddenError for other accounts)."""
    org = session.get(Organisation, actor.org_id) if actor.org_id else None
    if actor.role != "school" or org is None or not org.loc_code:
        raise ForbiddenError(
            Message("only the account of a school location fills its self-assessment")
        )
    return org.loc_code


def may_aggregate(actor: Actor) -> None:
    """ForbiddenError unless the actor is an analyst or an admin."""
    if actor.role not in ("analyst", "admin"):
        raise ForbiddenError(Message("the region's aggregates are for analysts and admins"))


def find(session: Session, loc_code: str, school_year: int) -> Assessment | None:
    """The assessment of a location and school year (None when not begun)."""
    q = select(Assessment).where(
        Assessment.loc_code == loc_code, Assessment.school_year == school_year
    )
    return session.scalar(q)


def answers_of(session: Session, actor: Actor, loc_code: str, school_year: int) -> Assessment:
    """A location's assessment for its own school or an admin (ForbiddenError otherwise:
    analysts see only aggregates)."""
    if not _own(session, actor, loc_code):
        raise ForbiddenError(
            Message(
                "the answers of location {code} are seen only by its own school and admins; "
                "analysts see the region's aggregates",
                code=loc_code,
            )
        )
    found = find(session, loc_code, school_year)
    if found is None:
        raise RecordNotFoundError(
            Message(
                "location {code} has no self-assessment for {year}", code=loc_code, year=school_year
            )
        )
    return found


def save(
    session: Session,
    actor: Actor,
    places: Places,
    loc_code: str,
    school_year: int,
    raw: Mapping[str, Any],
) -> Assessment:
    """Save (create or replace) a location's answers; ConflictError once closed."""
    code = loc_code.strip().upper()
    if not actor.approved or not _own(session, actor, code):
        raise ForbiddenError(
            Message("only the approved school of location {code} fills its form", code=code)
        )
    loc = places.location(code)
    if loc is None:
        raise FieldError(
            Message("expected a vmbo location; found {found!r}", found=code), column="loc_code"
        )
    form = form_definition()
    answers = clean_answers(form, raw)
    found = find(session, code, school_year)
    text = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    if found is not None:
        if found.closed:
            raise ConflictError(
                Message(
                    "the self-assessment {year} of {code} is closed", year=school_year, code=code
                )
            )
        before = audit.snapshot(found)
        found.answers, found.form_version, found.updated_at = text, form.version, utcnow()
        session.flush()
        audit.record(
            session, actor, "update", "assessment", found.id, before, audit.snapshot(found)
        )
        return found
    assert actor.org_id is not None
    new = Assessment(
        org_id=actor.org_id,
        loc_code=code,
        school_year=school_year,
        form_version=form.version,
        answers=text,
        pc4=loc.pc4,
        gemeente_code=loc.gemeente_code,
    )
    session.add(new)
    session.flush()
    audit.record(session, actor, "create", "assessment", new.id, None, audit.snapshot(new))
    return new


def close(session: Session, actor: Actor, loc_code: str, school_year: int) -> Assessment:
    """Close a location's assessment: no more changes."""
    found = answers_of(session, actor, loc_code, school_year)
    before = audit.snapshot(found)
    found.closed = True
    session.flush()
    audit.record(session, actor, "close", "assessment", found.id, before, audit.snapshot(found))
    return found


def _names(answer: Any, code: str) -> bool:
    """Whether an answer (one code, or a list of codes) names ``code``."""
    return code in answer if isinstance(answer, list) else answer == code


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A region's aggregated answers (``shown`` False below MIN_LOCATIONS)."""

    region: str
    school_year: int
    locations: int
    shown: bool
    rows: tuple[dict[str, Any], ...]


def aggregate(session: Session, region: Region, school_year: int, lang: str = "nl") -> Aggregate:
    """Per question: for multi and choice questions the number and share of answering
    locations naming each option (barriers by how often named), for scale and number
    questions the number of answers and, from MIN_LOCATIONS answers, their mean (one
    location's answer is never shown as a mean); text answers are never aggregated."""
    form = form_definition()
    rows = [
        a
        for a in session.scalars(select(Assessment).where(Assessment.school_year == school_year))
        if region.contains(a.gemeente_code, a.pc4)
    ]
    answers: Sequence[dict[str, Any]] = [json.loads(a.answers) for a in rows]
    n = len(rows)
    if n < MIN_LOCATIONS:
        return Aggregate(region.code, school_year, n, shown=False, rows=())
    out: list[dict[str, Any]] = []
    for q in form.questions:
        if q.type in ("multi", "choice"):
            counts = []
            for code, _, _ in q.options:
                k = sum(1 for a in answers if _names(a.get(q.id), code))
                counts.append((code, k))
            if q.id == "barriers":
                counts.sort(key=lambda c: -c[1])
            for code, k in counts:
                out.append(
                    {
                        "question": q.id,
                        "question_text": q.text(lang),
                        "option": code,
                        "option_label": q.option_label(code, lang),
                        "locations": k,
                        "share": k / n,
                        "mean": None,
                        "answers": n,
                    }
                )
        elif q.type in ("scale", "number"):
            vals = [int(a[q.id]) for a in answers if q.id in a]
            out.append(
                {
                    "question": q.id,
                    "question_text": q.text(lang),
                    "option": "",
                    "option_label": "",
                    "locations": len(vals),
                    "share": None,
                    # a mean of fewer than MIN_LOCATIONS answers is one location's answer
                    "mean": sum(vals) / len(vals) if len(vals) >= MIN_LOCATIONS else None,
                    "answers": len(vals),
                }
            )
    return Aggregate(region.code, school_year, n, shown=True, rows=tuple(out))
