"""Cleaning the fields of an activity or request, shared by the web forms, the API and the
import: text in, typed values out, or a :class:`FieldError` that names the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from kansrijk.errors import Message
from kansrijk.registry.errors import FieldError
from kansrijk.registry.vocab import ACTIVITY_KINDS, LANGUAGES, PROFILES, TARGET_GROUPS

#: The fields of an activity (and of a request), in form and import order.
FIELDS: tuple[str, ...] = (
    "title",
    "kind",
    "description",
    "themes",
    "profiles",
    "target_groups",
    "pc4",
    "radius_km",
    "capacity",
    "start_date",
    "end_date",
    "cost_eur",
    "languages",
    "contact",
)
REQUIRED: tuple[str, ...] = ("title", "kind", "pc4")
_POSTCODE = re.compile(r"^(\d{4})(?:\s?[A-Za-z]{2})?$")
_LIMITS = {"title": 200, "description": 4000, "themes": 400, "contact": 200}


def split_list(value: str) -> list[str]:
    """``'a, b;c'`` -> ``['a', 'b', 'c']`` (commas, semicolons or bars separate values)."""
    return [v.strip() for v in re.split(r"[,;|]", value) if v.strip()]


def _codes(name: str, raw: str, allowed: tuple[str, ...], *, upper: bool = False) -> str:
    values = [v.upper() if upper else v.lower() for v in split_list(raw)]
    bad = [v for v in values if v not in allowed]
    if bad:
        raise FieldError(
            Message(
                "expected codes from {allowed}; found {found}",
                allowed=", ".join(allowed),
                found=", ".join(bad),
            ),
            column=name,
        )
    return ",".join(dict.fromkeys(values))


def _int(name: str, raw: str, low: int, high: int) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise FieldError(
            Message("expected a whole number; found {raw!r}", raw=raw), column=name
        ) from None
    if not low <= value <= high:
        raise FieldError(
            Message(
                "expected a number from {low} to {high}; found {value}",
                low=low,
                high=high,
                value=value,
            ),
            column=name,
        )
    return value


def _date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise FieldError(
            Message("expected a date YYYY-MM-DD; found {raw!r}", raw=raw), column=name
        ) from None


def _text(name: str, raw: str) -> str:
    value = raw.strip()
    if len(value) > _LIMITS.get(name, 200):
        raise FieldError(
            Message(
                "expected at most {most} characters; found {found}",
                most=_LIMITS.get(name, 200),
                found=len(value),
            ),
            column=name,
        )
    if "\x00" in value:
        raise FieldError(Message("expected text; found a NUL character"), column=name)
    return value


def clean_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed values of an activity or request from text fields (missing optional fields get
    their defaults). Raises FieldError naming the first bad field."""
    get = {k: ("" if raw.get(k) is None else str(raw.get(k))) for k in FIELDS}
    for name in REQUIRED:
        if not get[name].strip():
            raise FieldError(Message("expected a value; found nothing"), column=name)
    kind = get["kind"].strip().lower()
    if kind not in ACTIVITY_KINDS:
        raise FieldError(
            Message(
                "expected one of {allowed}; found {found!r}",
                allowed=", ".join(ACTIVITY_KINDS),
                found=get["kind"],
            ),
            column="kind",
        )
    postcode = _POSTCODE.match(get["pc4"].strip())
    if postcode is None:
        raise FieldError(
            Message(
                "expected a postcode (4 digits, letters optional); found {found!r}",
                found=get["pc4"],
            ),
            column="pc4",
        )
    pc4 = postcode.group(1)
    out: dict[str, Any] = {
        "title": _text("title", get["title"]),
        "kind": kind,
        "description": _text("description", get["description"]),
        "themes": ",".join(split_list(_text("themes", get["themes"]))),
        "profiles": _codes("profiles", get["profiles"], PROFILES, upper=True),
        "target_groups": _codes("target_groups", get["target_groups"], tuple(TARGET_GROUPS)),
        "pc4": pc4,
        "radius_km": _int("radius_km", get["radius_km"], 0, 300) if get["radius_km"] else 15,
        "capacity": _int("capacity", get["capacity"], 1, 100_000) if get["capacity"] else None,
        "start_date": _date("start_date", get["start_date"]) if get["start_date"] else None,
        "end_date": _date("end_date", get["end_date"]) if get["end_date"] else None,
        "cost_eur": _int("cost_eur", get["cost_eur"], 0, 1_000_000) if get["cost_eur"] else 0,
        "languages": _codes("languages", get["languages"] or "nl", LANGUAGES),
        "contact": _text("contact", get["contact"]),
    }
    if out["start_date"] and out["end_date"] and out["end_date"] < out["start_date"]:
        raise FieldError(
            Message(
                "expected an end date on or after {start}; found {end}",
                start=out["start_date"],
                end=out["end_date"],
            ),
            column="end_date",
        )
    return out


def as_text(values: Mapping[str, Any]) -> dict[str, str]:
    """The fields of an object as form text (for editing)."""
    out = {}
    for k in FIELDS:
        v = values.get(k)
        out[k] = "" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v)
    return out
