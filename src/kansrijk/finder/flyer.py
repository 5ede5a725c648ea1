"""Flyers: an A4 PDF that lists the vmbo locations near where a primary school's pupils
live (or near a gemeente or a PC4 area), those with and those without a technical profile,
with the explainer and the data date, in any of the finder's languages.

HTML from ``templates/flyer.html`` (gettext through ``l10n``), PDF by WeasyPrint (pango and
harfbuzz from the system shape Arabic and lay it out right to left)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kansrijk.finder.offer import TECHNIEK_PROFILES
from kansrijk.finder.primary import PrimarySchool
from kansrijk.finder.problems import FinderInputError
from kansrijk.finder.search import Finder, Found, Origin
from kansrijk.finder.text import (
    assumption_text,
    data_date,
    distance_text,
    isolate,
    profile_items,
)
from kansrijk.l10n import format_date, jinja_environment, translate

__all__ = [
    "FLYER_KM",
    "HOME_SHARE",
    "Flyer",
    "flyer_html",
    "flyer_pdf",
    "gemeente_flyer",
    "origin_flyer",
    "pc4_flyer",
    "school_flyer",
]

#: Distance of the flyer lists, km (from the nearest of the home areas).
FLYER_KM = 5.0
#: A PC4 area counts as where a school's pupils live when it holds this share of them.
HOME_SHARE = 0.05
#: Rows per list on the flyer (the rest: "and N more").
ROWS = 8


@dataclass(frozen=True, slots=True)
class Flyer:
    """What one flyer says (language-independent)."""

    kind: str  # 'school', 'gemeente', 'pc4'
    subject: str  # school name, gemeente name or PC4
    origin: Origin
    found: tuple[Found, ...]
    homes: tuple[tuple[str, int], ...]  # (pc4, pupils) where a school's pupils live
    year: int | None
    pupils_year: int | None
    km: float
    demo: bool = False


def school_flyer(
    finder: Finder, school: PrimarySchool, km: float = FLYER_KM, demo: bool = False
) -> Flyer:
    """The flyer of a primary school: origins are the PC4 areas where at least HOME_SHARE
    of its pupils live (and that have a centroid)."""
    total = max(school.pupils, 1)
    homes = sorted(
        ((pc, n) for pc, n in school.pupils_by_pc4.items() if pc in finder.places.points),
        key=lambda p: (-p[1], p[0]),
    )
    main = [(pc, n) for pc, n in homes if n / total >= HOME_SHARE] or homes[:1]
    if not main:
        raise FinderInputError(
            "unknown_school",
            f"the pupils of {school.code} {school.name} live in no known postcode area",
            values={"query": school.code},
            status=404,
        )
    points = tuple((finder.places.points[pc].x, finder.places.points[pc].y) for pc, _ in main)
    origin = Origin("school", school.name, points, gemeente_code=school.gemeente_code)
    return Flyer(
        "school",
        school.name,
        origin,
        tuple(finder.near(origin, km)),
        tuple(main),
        finder.year,
        school.year,
        km,
        demo,
    )


def gemeente_flyer(finder: Finder, code: str, km: float = FLYER_KM, demo: bool = False) -> Flyer:
    """The flyer of a gemeente: origins are its PC4 areas with residents."""
    gm = code.strip().upper()
    pts = [
        p
        for p in finder.places.points.values()
        if p.gemeente_code == gm and (p.residents is None or p.residents > 0)
    ]
    name = finder.places.gemeente_name(gm)
    if not pts or name is None:
        raise FinderInputError(
            "unknown_place",
            f"unknown gemeente {code!r}; expected a code like GM0599",
            values={"query": code},
            status=404,
        )
    origin = Origin("gemeente", name, tuple((p.x, p.y) for p in pts), gemeente_code=gm)
    return Flyer(
        "gemeente", name, origin, tuple(finder.near(origin, km)), (), finder.year, None, km, demo
    )


def pc4_flyer(finder: Finder, pc4: str, km: float = FLYER_KM, demo: bool = False) -> Flyer:
    """The flyer of one PC4 area."""
    from kansrijk.finder.postcode import clean_query, parse_postcode

    pc = parse_postcode(clean_query(pc4))
    if pc is None:
        raise FinderInputError(
            "malformed", f"expected a postcode, found {pc4!r}", values={"query": pc4}
        )
    origin = finder.postcode_origin(pc)
    return Flyer(
        "pc4", pc.pc4, origin, tuple(finder.near(origin, km)), (), finder.year, None, km, demo
    )


def origin_flyer(finder: Finder, origin: Origin, km: float = FLYER_KM, demo: bool = False) -> Flyer:
    """The flyer of what a parent searched for (a postcode or a place)."""
    kind = "pc4" if origin.kind in ("pc4", "pc6") else "gemeente"
    subject = origin.pc4 if kind == "pc4" and origin.pc4 else origin.label
    return Flyer(
        kind, subject, origin, tuple(finder.near(origin, km)), (), finder.year, None, km, demo
    )


def _row(f: Found, lang: str, kind: str) -> dict[str, Any]:
    loc = f.location
    phone = loc.phone_number
    return {
        "name": loc.name,
        "address": loc.address,
        "website": loc.website_url,
        "phone": phone.text if phone else None,
        "phone_href": phone.href if phone else None,
        "distance": distance_text(f.km, lang, kind),
        "minutes": f.minutes if f.km >= 0.05 else None,
        "leerwegen": ", ".join(loc.leerwegen),
        "profiles": profile_items(loc.profiles, lang),
        "techniek": any(p in TECHNIEK_PROFILES for p in loc.profiles),
    }


def _templates() -> str:
    return str(resources.files("kansrijk.finder").joinpath("templates"))


def flyer_html(flyer: Flyer, lang: str, *, finder_url: str = "/scholenwijzer") -> str:
    """The flyer as HTML (for WeasyPrint)."""
    env = jinja_environment((_templates(),), lang)
    with_tech = [f for f in flyer.found if f.location.technical]
    without = [f for f in flyer.found if f.location.kind == "no_technical"]
    tl_only = sum(1 for f in flyer.found if f.location.tl_only)
    title_args = {"name": isolate(flyer.subject)}
    titles = {
        "school": translate(
            lang, "Vmbo schools near the homes of the pupils of %(name)s", **title_args
        ),
        "gemeente": translate(lang, "Vmbo schools in and near %(name)s", **title_args),
        "pc4": translate(lang, "Vmbo schools near postcode area %(name)s", **title_args),
    }
    context = {
        "title": titles[flyer.kind],
        "kind": flyer.kind,
        "km": f"{flyer.km:g}",
        "homes": ", ".join(pc for pc, _ in flyer.homes[:8]),
        "with_tech": [_row(f, lang, flyer.kind) for f in with_tech[:ROWS]],
        "with_tech_more": max(0, len(with_tech) - ROWS),
        "without": [_row(f, lang, flyer.kind) for f in without[:ROWS]],
        "without_more": max(0, len(without) - ROWS),
        "tl_only": tl_only,
        "assumption": assumption_text(_params(), lang),
        "data_date": format_date(data_date(flyer.year), lang) if flyer.year else "",
        "pupils_date": format_date(dt.date(flyer.pupils_year, 10, 1), lang)
        if flyer.pupils_year
        else "",
        "made": format_date(dt.date.today(), lang),
        "finder_url": finder_url,
        "demo": flyer.demo,
    }
    return env.get_template("flyer.html").render(**context)


def _params() -> Any:
    from kansrijk.finder.cycling import cycling_parameters

    return cycling_parameters()


def flyer_pdf(flyers: list[tuple[Flyer, str]], *, finder_url: str = "/scholenwijzer") -> bytes:
    """One PDF with a flyer per (flyer, language), each starting on a new page."""
    from weasyprint import HTML

    documents = [
        HTML(string=flyer_html(f, lang, finder_url=finder_url)).render() for f, lang in flyers
    ]
    first = documents[0]
    pages = [p for d in documents for p in d.pages]
    return bytes(first.copy(pages).write_pdf())
