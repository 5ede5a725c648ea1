"""Formatting for people: numbers in Dutch or English style, category and source labels."""

from __future__ import annotations

import re

from kansrijk.indicators import PublishedFigure
from kansrijk.indicators.trend import number as number  # noqa: PLC0414 - re-exported
from kansrijk.l10n.monitor import N_, t
from kansrijk.vocab import PROFILE_NAMES, SECTOR_NAMES, TRACK_LABELS, OldSector, Profile, Track

_CATEGORY_WORDS: dict[str, str] = {
    "m": N_("jongens"),
    "f": N_("meisjes"),
    "u": N_("onbekend"),
    "mean_km": N_("gemiddelde afstand (km)"),
    "median_km": N_("mediane afstand (km)"),
    "share_over_5km": N_("aandeel verder dan 5 km (%)"),
    "none": N_("geen sector"),
    "techniek": N_("techniek"),
    "zorg_welzijn": N_("zorg en welzijn"),
    "economie": N_("economie"),
    "landbouw": N_("landbouw (groen)"),
}
_DIMENSIONS: dict[str, str] = {
    "profile": N_("Profiel"),
    "track": N_("Leerweg"),
    "sex": N_("Geslacht"),
    "sector": N_("Sector"),
    "grade": N_("Leerjaar"),
    "statistic": N_("Maat"),
}
_UNIT_SUFFIX = {"percent": "%", "km": " km", "count": ""}


def value(value: float | None, unit: str, lang: str, *, suppressed: bool = False) -> str:
    """A value with its unit, or the suppression / no-data text."""
    if suppressed:
        return t(lang, "onderdrukt (1-4)")
    if value is None:
        return t(lang, "geen gegevens")
    digits = 0 if unit == "count" else 1
    return number(value, lang, digits) + _UNIT_SUFFIX.get(unit, "")


def count(value: float | None, lang: str) -> str:
    """A whole number, or empty."""
    return "" if value is None else number(value, lang, 0)


def school_year(year: int) -> str:
    """``2014`` -> ``'2014/15'`` (school-year data carry their first calendar year)."""
    return f"{year}/{(year + 1) % 100:02d}"


def dimension(name: str, lang: str) -> str:
    """The heading of a breakdown column."""
    return t(lang, _DIMENSIONS[name]) if name in _DIMENSIONS else name


def category(dim: str, code: str, lang: str) -> str:
    """A breakdown value for people: profile and track names, sexes, statistics."""
    i = 1 if lang == "en" else 0
    if dim == "profile":
        if code in Profile.__members__:
            return f"{PROFILE_NAMES[Profile(code)][i]} ({code})"
        if code.startswith("route:"):
            sector = code.split(":", 1)[1]
            word = t(lang, "Vakmanschaps-/Beroepsroute")
            try:
                return f"{word} {SECTOR_NAMES[OldSector(sector)][i]}"
            except (ValueError, KeyError):
                return code
        return code
    if dim == "track":
        try:
            return TRACK_LABELS[Track(code)][i]
        except ValueError:
            return code
    if code in _CATEGORY_WORDS:
        return t(lang, _CATEGORY_WORDS[code])
    return code


_SHORT_SOURCE = re.compile(r"^\s*([^,(]+?)\s*\((\d{4})\)")


def short_source(source: str) -> str:
    """``'SEOR (2026), Jongerenkeuzes ...'`` -> ``'SEOR 2026'``; else the first phrase."""
    m = _SHORT_SOURCE.match(source)
    if m:
        return f"{m.group(1)} {m.group(2)}"
    return source.split(",", maxsplit=1)[0].split(":", maxsplit=1)[0].strip()


def published_label(fig: PublishedFigure, lang: str) -> str:
    """``'gepubliceerd (SEOR 2026, 2021)'``; targets as ``'doel (Oberon 2024)'``."""
    src = short_source(fig.source)
    if fig.kind == "target":
        if fig.year is None:
            return t(lang, "doel ({source})", source=src)
        return t(lang, "doel {year} ({source})", source=src, year=fig.year)
    if fig.year is None:
        return t(lang, "gepubliceerd ({source})", source=src)
    return t(lang, "gepubliceerd ({source}, {year})", source=src, year=fig.year)
