"""Region levels and how codes show their level."""

from __future__ import annotations

import re
from enum import StrEnum


class Level(StrEnum):
    """A level of the region hierarchy."""

    NL = "nl"
    PROVINCIE = "provincie"
    COROP = "corop"
    ARBEIDSMARKTREGIO = "arbeidsmarktregio"
    GEMEENTE = "gemeente"
    PC4 = "pc4"
    CUSTOM = "custom"


LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    Level.NL: ("Nederland", "Netherlands"),
    Level.PROVINCIE: ("provincie", "province"),
    Level.COROP: ("COROP-gebied", "COROP area"),
    Level.ARBEIDSMARKTREGIO: ("arbeidsmarktregio", "labour market region"),
    Level.GEMEENTE: ("gemeente", "municipality"),
    Level.PC4: ("postcodegebied (PC4)", "postcode area (PC4)"),
    Level.CUSTOM: ("eigen regio", "custom region"),
}

_PATTERNS: tuple[tuple[Level, re.Pattern[str]], ...] = (
    (Level.NL, re.compile(r"^NL00$")),
    (Level.PROVINCIE, re.compile(r"^PV\d{2}$")),
    (Level.COROP, re.compile(r"^CR\d{2}$")),
    (Level.ARBEIDSMARKTREGIO, re.compile(r"^AM\d{2}$")),
    (Level.GEMEENTE, re.compile(r"^GM\d{4}$")),
    (Level.PC4, re.compile(r"^\d{4}$")),
)

#: Prefixes of CBS codes; custom region codes must not look like these.
CBS_CODE = re.compile(r"^(NL\d{2}|PV\d{2}|CR\d{2}|AM\d{2}|AR\d{2}|GM\d{4}|\d{4})$")


def level_of(code: str) -> Level:
    """The level a code's shape implies; anything else is a custom region."""
    for level, pattern in _PATTERNS:
        if pattern.match(code):
            return level
    return Level.CUSTOM


def normalise_gemeente_code(value: str) -> str:
    """``'599'``, ``'0599'``, ``'GM0599'`` -> ``'GM0599'``; raises ValueError otherwise."""
    v = value.strip().upper()
    if v.startswith("GM"):
        v = v[2:]
    if not v.isdigit() or len(v) > 4:
        raise ValueError(f"not a gemeente code: {value!r}")
    return "GM" + v.zfill(4)
