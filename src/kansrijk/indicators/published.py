"""Published reference figures and targets, packaged with citations.

Written by us from the seed reports (SEOR 2026, Oberon 2024, Platform Talent voor
Technologie). They are always shown as published, with their source, next to computed values
and never in their place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


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
    ``target`` or ``demo_target`` (the demo's fictional targets).
    """
    pool = {"published": published_figures, "target": targets, "demo_target": demo_targets}[kind]()
    wanted = {r.upper() for r in regions}
    return [
        f
        for f in pool
        if f.indicator == indicator
        and f.region in wanted
        and (years is None or f.year is None or f.year in years)
        and (f.profile_set is None or profile_set is None or f.profile_set == profile_set)
    ]
