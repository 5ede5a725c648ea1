"""The finder's sentences in any language (gettext), shared by the pages and the flyers:
distances, cycling estimates, alternatives, the assumption and data notes, and the
translated message of each input problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kansrijk.finder.cycling import CyclingParameters
from kansrijk.finder.labels import ICT_BADGE, PROFILE_LABELS, TECHNIEK_BADGE
from kansrijk.finder.offer import ICT_PROFILES, TECHNIEK_PROFILES
from kansrijk.finder.problems import FinderInputError
from kansrijk.finder.search import Alternative
from kansrijk.l10n import format_date, format_number, translate

__all__ = [
    "alternative_text",
    "assumption_text",
    "data_date",
    "data_note",
    "distance_text",
    "isolate",
    "problem_text",
    "profile_items",
]


def isolate(text: str) -> str:
    """A name wrapped in Unicode first-strong isolates, so that a Latin name inside Arabic
    text (or the reverse) keeps its own direction and its punctuation in place."""
    return f"\u2068{text}\u2069"


def distance_text(km: float, lang: str, origin_kind: str = "pc4") -> str:
    """``2,1 km`` or, at distance 0, where the location is: in the home's postcode area,
    in the gemeente (gemeente flyer) or where the pupils live (school flyer)."""
    if km < 0.05:
        if origin_kind == "gemeente":
            return translate(lang, "in the gemeente")
        if origin_kind == "school":
            return translate(lang, "in a postcode area where the pupils live")
        return translate(lang, "in your own postcode area")
    return translate(lang, "%(km)s km", km=format_number(km, lang, 1))


def profile_items(profiles: tuple[str, ...], lang: str) -> list[dict[str, Any]]:
    """Each offered profile: code, translated name, technical badge (or None)."""
    out = []
    for p in profiles:
        badge = (
            translate(lang, TECHNIEK_BADGE)
            if p in TECHNIEK_PROFILES
            else translate(lang, ICT_BADGE)
            if p in ICT_PROFILES
            else None
        )
        out.append(
            {"code": p, "label": translate(lang, PROFILE_LABELS.get(p, p)), "technical": badge}
        )
    return out


def alternative_text(a: Alternative, lang: str) -> str:
    """``Nearest school with PIE: X (2,1 km from your home)``."""
    if a.location is None or a.km is None:
        return translate(lang, "No school with %(profile)s in the data.", profile=a.profile)
    if a.km < 0.05:
        return translate(
            lang,
            "Nearest school with %(profile)s: %(name)s (in your own postcode area)",
            profile=a.profile,
            name=isolate(a.location.name),
        )
    return translate(
        lang,
        "Nearest school with %(profile)s: %(name)s (%(distance)s from your home)",
        profile=a.profile,
        name=isolate(a.location.name),
        distance=distance_text(a.km, lang),
    )


def assumption_text(p: CyclingParameters, lang: str) -> str:
    """How distances and cycling times are estimated."""
    return translate(
        lang,
        "Distances are in a straight line between the centres of postcode areas. The cycling "
        "time is an estimate: the straight distance times %(factor)s for the route, at "
        "%(speed)s km/h.",
        factor=format_number(p.detour_factor, lang, 1),
        speed=format_number(p.speed_kmh, lang, 0),
    )


def data_date(year: int) -> dt.date:
    """The peildatum of an enrollment year: 1 October."""
    return dt.date(year, 10, 1)


def data_note(year: int | None, lang: str) -> str:
    """Which data the list shows."""
    if year is None:
        return translate(lang, "No vmbo data are loaded yet.")
    return translate(
        lang,
        "Data: DUO, pupils in year 3 and 4 of the vmbo on %(date)s (school year %(years)s).",
        date=format_date(data_date(year), lang),
        years=f"{year}-{year + 1}",
    )


def problem_text(exc: FinderInputError, lang: str) -> str:
    """The problem in plain words in ``lang``."""
    v = exc.values
    texts = {
        "empty": lambda: translate(
            lang, "Enter a postcode (for example 3083 or 3083 AB) or the name of a place."
        ),
        "malformed": lambda: translate(
            lang,
            "“%(query)s” is not a postcode. A postcode has 4 digits and sometimes 2 letters, "
            "for example 3083 or 3083 AB.",
            query=v.get("query", ""),
        ),
        "unknown_postcode": lambda: translate(
            lang,
            "We do not know the postcode area %(pc4)s. Check the postcode and try again.",
            pc4=v.get("pc4", ""),
        ),
        "no_residents": lambda: translate(
            lang,
            "Nobody lives in postcode area %(pc4)s (for example a business park or a harbour). "
            "Enter the postcode of your home.",
            pc4=v.get("pc4", ""),
        ),
        "unknown_place": lambda: translate(
            lang,
            "We cannot find a place called “%(query)s”. Try your postcode instead.",
            query=v.get("query", ""),
        ),
        "ambiguous_place": lambda: translate(
            lang, "Several places are called “%(query)s”. Choose one:", query=v.get("query", "")
        ),
        "bad_distance": lambda: translate(
            lang, "Choose a distance between 1 and %(max)s km.", max=v.get("max", "50")
        ),
        "unknown_school": lambda: translate(
            lang,
            "We cannot find a primary school “%(query)s”. Use its DUO code (for example "
            "00AW00) or a part of its name.",
            query=v.get("query", ""),
        ),
    }
    make = texts.get(exc.key)
    return make() if make else str(exc)
