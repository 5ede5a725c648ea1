"""The crosswalk of the vmbo afdelingen of before the 2016 reform to the ten profiles and the
technical sets (packaged data ``data/old_afdelingen.yaml``, with source and reasoning).

DUO's 2016 enrollment file has the new profiles in leerjaar 3 and the old afdelingen and
intra-/intersectoral programmes in leerjaar 4. Readers store a mapped old afdeling with its
profile and ``profile_mapped = true``; entries without a profile (``Techniek Breed -ISP``,
``Techniek & Commercie``, ...) get their own ``old_category``. Indicators choose whether they
include mapped old afdelingen through ``set_filter_sql``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from kansrijk.vocab.profiles import PROFILE_SETS, OldSector, Profile, ProfileSet


@dataclass(frozen=True, slots=True)
class OldAfdeling:
    """One crosswalk entry."""

    name: str
    kind: str  # afdeling | intrasectoraal | intersectoraal
    sector: OldSector
    profile: Profile | None
    category: str | None  # own category (entries without a profile)
    category_other: str | None  # category when the row's sector is not Techniek
    sets: frozenset[ProfileSet]  # technical sets it counts in when mapped ones are included
    judgement: bool
    reason: str

    def category_for(self, sector: OldSector | None) -> str | None:
        """The own category of a row, given the row's VMBO SECTOR."""
        if self.category_other is not None and sector is not OldSector.TECHNIEK:
            return self.category_other
        return self.category


def _key(name: str) -> str:
    text = name.lower().replace("&", " en ").replace(" -isp", " isp").replace("-isp", " isp")
    return " ".join(text.replace(",", " ").split())


def _entry(raw: dict[str, Any]) -> OldAfdeling:
    profile = Profile(raw["profile"]) if raw.get("profile") else None
    cat = raw.get("category")
    other = None
    if isinstance(cat, dict):
        cat, other = cat["techniek"], cat["other"]
    if profile is not None:
        sets = frozenset(s for s, members in PROFILE_SETS.items() if profile in members)
    else:
        sets = frozenset(ProfileSet(s) for s in raw.get("sets", ()))
    return OldAfdeling(
        name=str(raw["name"]),
        kind=str(raw["kind"]),
        sector=OldSector(raw["sector"]),
        profile=profile,
        category=cat,
        category_other=other,
        sets=sets,
        judgement=bool(raw["judgement"]),
        reason=str(raw["reason"]),
    )


@cache
def _load() -> tuple[tuple[str, ...], tuple[OldAfdeling, ...]]:
    text = resources.files("kansrijk.vocab").joinpath("data/old_afdelingen.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(data["source"]), tuple(_entry(e) for e in data["entries"])


def crosswalk_sources() -> tuple[str, ...]:
    """The sources the crosswalk rests on."""
    return _load()[0]


def old_afdelingen() -> tuple[OldAfdeling, ...]:
    """Every crosswalk entry, in the order of the packaged file."""
    return _load()[1]


@cache
def _by_key() -> dict[str, OldAfdeling]:
    return {_key(e.name): e for e in old_afdelingen()}


def find_old_afdeling(name: str) -> OldAfdeling | None:
    """The crosswalk entry of an AFDELING as DUO prints it, or None."""
    return _by_key().get(_key(name))


def old_categories(profiles: Sequence[str]) -> list[str]:
    """Own categories that count as technical for the set with exactly these profile codes
    (none for a list that is not a named set)."""
    wanted = frozenset(profiles)
    sets = [s for s, members in PROFILE_SETS.items() if {p.value for p in members} == wanted]
    if not sets:
        return []
    cats: set[str] = set()
    for e in old_afdelingen():
        if e.profile is None and sets[0] in e.sets and e.category:
            cats.add(e.category)
    return sorted(cats)


def set_filter_sql(profiles: Sequence[str], *, mapped: bool, alias: str = "") -> str:
    """SQL predicate over ``vo_enrollment`` rows: the row counts in the technical set.

    ``mapped`` = include old afdelingen mapped through the crosswalk (their profile, and the
    own categories counted as technical such as ``techniek_breed``); without, only rows whose
    AFDELING is one of the ten profiles count.
    """
    a = f"{alias}." if alias else ""
    codes = ", ".join(f"'{p}'" for p in profiles) or "NULL"
    if not mapped:
        return f"({a}profile IN ({codes}) AND NOT {a}profile_mapped)"
    cats = ", ".join(f"'{c}'" for c in old_categories(profiles)) or "NULL"
    return f"({a}profile IN ({codes}) OR {a}old_category IN ({cats}))"
