"""The region catalogue: CBS hierarchy (from the warehouse) plus custom regions."""

from __future__ import annotations

import builtins
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kansrijk.errors import Message, UnknownRegionError
from kansrijk.regions.custom import CustomRegion
from kansrijk.regions.level import Level, level_of
from kansrijk.regions.successions import predecessors

#: How much of an unknown code a message repeats: a code is at most a few characters, and
#: a message that echoes a whole pasted text (or a 300-character query value) helps no one.
ECHOED = 40


def echoed(code: str) -> str:
    """``code`` as an error message repeats it: its first ``ECHOED`` characters, and "…"
    when there were more."""
    return code if len(code) <= ECHOED else code[:ECHOED] + "…"


class Membership(StrEnum):
    """What decides whether something lies in a region."""

    ALL = "all"  # the Netherlands: everything
    PC4 = "pc4"  # a region defined by postcode areas
    GEMEENTE = "gemeente"  # by current gemeente code


@dataclass(frozen=True, slots=True)
class Region:
    """A region with its members: gemeenten (current codes) and, for PC4 regions, postcodes.

    For a region defined by postcode (``by_postcode``) membership is by ``pc4``; its
    ``gemeenten`` are then the gemeenten those postcodes lie in (for display), not members.
    """

    code: str
    name: str
    level: Level
    gemeenten: tuple[str, ...]
    pc4: tuple[str, ...] = field(default=())
    name_en: str = ""
    source: str = ""
    _members: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        members = self.pc4 if self.pc4 else self.gemeenten
        object.__setattr__(self, "_members", frozenset(members))

    @property
    def by_postcode(self) -> bool:
        """Membership is defined by PC4 areas."""
        return bool(self.pc4)

    @property
    def membership(self) -> Membership:
        """What decides membership: everything (NL), PC4 areas, or current gemeenten."""
        if self.level is Level.NL:
            return Membership.ALL
        return Membership.PC4 if self.by_postcode else Membership.GEMEENTE

    @property
    def member_codes(self) -> frozenset[str]:
        """The codes ``membership`` tests against: PC4s, gemeenten, or none (NL: all)."""
        return frozenset() if self.level is Level.NL else self._members

    def contains(self, gemeente_code: str | None, pc4: str | None = None) -> bool:
        """Whether something at ``gemeente_code`` (current code) and ``pc4`` lies in this
        region: always for NL, by PC4 for a region defined by postcode, else by gemeente.

        The one membership rule of Kansrijk: locations, PC4 areas and residents all use it
        (the SQL and vectorised forms go by ``membership`` and ``member_codes``).
        """
        match self.membership:
            case Membership.ALL:
                return True
            case Membership.PC4:
                return pc4 is not None and pc4 in self._members
            case Membership.GEMEENTE:
                return gemeente_code is not None and gemeente_code in self._members

    def label(self, lang: str) -> str:
        """The region's name in ``lang`` (``en``: the English name where there is one)."""
        return self.name_en if lang == "en" and self.name_en else self.name


class RegionCatalog:
    """Every region Kansrijk knows, resolvable by code.

    ``hierarchy`` rows are (code, name, level) and ``members`` rows (parent, child gemeente)
    as the warehouse holds them for the newest CBS year; custom regions come from YAML.
    """

    def __init__(
        self,
        regions: Iterable[tuple[str, str, str]],
        members: Iterable[tuple[str, str]],
        custom: Sequence[CustomRegion] = (),
    ) -> None:
        children: dict[str, list[str]] = {}
        for parent, child in members:
            children.setdefault(parent, []).append(child)
        self._regions: dict[str, Region] = {}
        for code, name, level in regions:
            lvl = Level(level)
            kids = (code,) if lvl is Level.GEMEENTE else tuple(sorted(children.get(code, [])))
            self._regions[code] = Region(code, name, lvl, kids, name_en=name)
        for c in custom:
            self._regions[c.code] = Region(
                c.code,
                c.name,
                Level.CUSTOM,
                c.gemeenten,
                pc4=c.pc4,
                name_en=c.name_en,
                source=c.source,
            )

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._regions

    def __len__(self) -> int:
        return len(self._regions)

    def get(self, code: str) -> Region:
        """The region with this code (case-insensitive).

        Raises:
            UnknownRegionError: with the closest known codes and names as suggestions.
        """
        key = code.strip().upper()
        if key in self._regions:
            return self._regions[key]
        by_name = {r.name.lower(): r for r in self._regions.values()}
        if code.strip().lower() in by_name:
            return by_name[code.strip().lower()]
        close = difflib.get_close_matches(key, list(self._regions), n=3, cutoff=0.6)
        close += [
            by_name[n].code
            for n in difflib.get_close_matches(code.lower(), list(by_name), n=3, cutoff=0.7)
        ]
        hint = (
            Message("; did you mean {codes}?", codes=", ".join(dict.fromkeys(close)))
            if close
            else ""
        )
        shape = level_of(key)
        need = (
            Message(" (is CBS 'Gebieden in Nederland' ingested?)")
            if shape not in (Level.CUSTOM, Level.PC4)
            else ""
        )
        raise UnknownRegionError(
            Message(
                "unknown region {code!r}{hint}{need}; expected a code like NL00, PV28, CR29, "
                "AM22, GM0599, MRDH or RDAM-ZUID (see `kansrijk regions list`)",
                code=echoed(code),
                hint=hint,
                need=need,
            )
        )

    def list(self, level: Level | None = None) -> builtins.list[Region]:
        """Regions, optionally of one level, sorted by level then code."""
        order = list(Level)
        regions = [r for r in self._regions.values() if level is None or r.level is level]
        return sorted(regions, key=lambda r: (order.index(r.level), r.code))

    def describe(self, region: Region) -> dict[str, Any]:
        """A region with its members, the shape of ``kansrijk regions show --json`` and of
        ``/api/v1/regions/{code}``: member gemeenten (current codes) with their names and
        predecessors, and for a gemeente the regions that contain it."""
        names = {r.code: r.name for r in self.list(Level.GEMEENTE)}
        return {
            "ok": True,
            "code": region.code,
            "name": region.name,
            "name_en": region.name_en,
            "level": region.level.value,
            "source": region.source,
            "by_postcode": region.by_postcode,
            "pc4": list(region.pc4),
            "gemeenten": [
                {
                    "code": g,
                    "name": names.get(g, g),
                    "predecessors": [
                        {"code": s.old_code, "name": s.old_name, "merged": s.year}
                        for s in predecessors(g)
                    ],
                }
                for g in region.gemeenten
            ],
            "parents": [p.code for p in self.parents_of(region.code)]
            if region.level is Level.GEMEENTE
            else [],
        }

    def parents_of(self, gemeente: str, pc4: str | None = None) -> builtins.list[Region]:
        """Every non-gemeente region that contains this gemeente (with ``pc4``: a place in
        it, so that regions defined by postcode count too), by ``Region.contains``."""
        return [
            r for r in self.list() if r.level is not Level.GEMEENTE and r.contains(gemeente, pc4)
        ]
