"""Published reference figures and targets, packaged with citations.

Written by us from the seed reports (SEOR 2026, Oberon 2024, Platform Talent voor
Technologie). They are always shown as published, with their source, next to computed values
and never in their place.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: ``region`` of a standing target that applies to every region (e.g. PTvT's 40%).
ANY_REGION = "*"


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """A figure printed in a report (``kind`` = 'published') or a policy target ('target')."""

    kind: str
    indicator: str
    region: str
    year: int | None  # None: a standing target
    profile_set: str | None
    breakdown: tuple[tuple[str, str], ...]  # sorted (name, value) pairs
    value: float
    unit: str
    source: str
    note: str

    def breakdown_dict(self) -> dict[str, str]:
        """The breakdown as a dict."""
        return dict(self.breakdown)


def _parse_breakdown(text: str) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    pairs = [tuple(part.split("=", 1)) for part in text.split(";")]
    return tuple(sorted((k.strip(), v.strip()) for k, v in pairs))


def _load(name: str, kind: str) -> tuple[PublishedFigure, ...]:
    text = resources.files("kansrijk.indicators").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(
        PublishedFigure(
            kind=kind,
            indicator=r["indicator"],
            region=r["region"],
            year=int(r["year"]) if r["year"] else None,
            profile_set=r["profile_set"] or None,
            breakdown=_parse_breakdown(r["breakdown"]),
            value=float(r["value"]),
            unit=r["unit"],
            source=r["source"],
            note=r["note"],
        )
        for r in csv.DictReader(text.splitlines())
    )


@cache
def published_figures() -> tuple[PublishedFigure, ...]:
    """Every packaged published figure."""
    return _load("published.csv", "published")


@cache
def targets() -> tuple[PublishedFigure, ...]:
    """Every packaged target."""
    return _load("targets.csv", "target")


@cache
def demo_targets() -> tuple[PublishedFigure, ...]:
    """Fictional targets of the demo region: shown beside the fictional demo data only (real
    targets never are), so that the demo shows target lines too."""
    return _load("demo_targets.csv", "target")


def find(
    indicator: str,
    regions: list[str],
    years: list[int] | None,
    profile_set: str | None,
    *,
    kind: str = "published",
) -> list[PublishedFigure]:
    """Figures of an indicator for these regions (and years; standing targets always match).

    A figure with a profile set matches only that set. ``kind`` is ``published``,
    ``target`` or ``demo_target`` (the demo's fictional targets). A target for region ``*``
    (a standing target for every region) is returned once per requested region, as that
    region's target, unless the region has a target of its own.
    """
    pool = {"published": published_figures, "target": targets, "demo_target": demo_targets}[kind]()
    wanted = [r.upper() for r in regions]

    def matches(f: PublishedFigure) -> bool:
        return (
            f.indicator == indicator
            and (years is None or f.year is None or f.year in years)
            and (f.profile_set is None or profile_set is None or f.profile_set == profile_set)
        )

    own = [f for f in pool if matches(f) and f.region in set(wanted)]
    has_own = {f.region for f in own}
    anywhere = [f for f in pool if matches(f) and f.region == ANY_REGION and kind != "published"]
    expanded = [
        dataclasses.replace(f, region=r) for r in wanted if r not in has_own for f in anywhere
    ]
    return own + expanded
