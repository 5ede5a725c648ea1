"""Gemeente mergers: old code -> current code, packaged as data written from public facts."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Succession:
    """Gemeente ``old_code`` became part of ``new_code`` on 1 January of ``year``."""

    old_code: str
    old_name: str
    new_code: str
    new_name: str
    year: int
    note: str


@cache
def successions() -> tuple[Succession, ...]:
    """Every packaged succession (``regions/data/gemeente_successions.csv``)."""
    text = (
        resources.files("kansrijk.regions")
        .joinpath("data/gemeente_successions.csv")
        .read_text(encoding="utf-8")
    )
    return tuple(
        Succession(
            r["old_code"], r["old_name"], r["new_code"], r["new_name"], int(r["year"]), r["note"]
        )
        for r in csv.DictReader(text.splitlines())
    )


@cache
def _successor_map() -> dict[str, tuple[str, int]]:
    return {s.old_code: (s.new_code, s.year) for s in successions()}


def current_code(code: str, as_of: int | None = None) -> str:
    """Follow mergers from ``code`` to the code in use in ``as_of`` (default: now).

    A code with no merger is returned as it is. Chains are followed.
    """
    seen = set()
    smap = _successor_map()
    while code in smap and code not in seen:
        seen.add(code)
        new, year = smap[code]
        if as_of is not None and year > as_of:
            break
        code = new
    return code


def predecessors(code: str) -> list[Succession]:
    """Successions that ended in ``code`` (directly or through a chain), oldest first."""
    found = [s for s in successions() if current_code(s.old_code) == code]
    return sorted(found, key=lambda s: (s.year, s.old_code))


def fold_name(name: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key for gemeente names."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    for ch in "'’`.,()":
        text = text.replace(ch, " ")
    text = text.replace("-", " ")
    words = text.split()
    if words and words[0] == "s" and len(words) > 1:  # 's-Gravenhage, S GRAVENHAGE
        words = words[1:]
    return " ".join(words)


@cache
def _aliases() -> dict[str, str]:
    text = (
        resources.files("kansrijk.regions")
        .joinpath("data/gemeente_aliases.csv")
        .read_text(encoding="utf-8")
    )
    return {fold_name(r["name"]): r["code"] for r in csv.DictReader(text.splitlines())}


class GemeenteNames:
    """Resolves gemeente names, as printed in files without codes, to current codes.

    Built from current names (e.g. CBS Gebieden in Nederland), the packaged old names of
    merged gemeenten and packaged aliases. Joins should go by code; this is for files that
    only carry names.
    """

    def __init__(self, current: dict[str, str]) -> None:
        self._by_name: dict[str, str] = {}
        for code, name in current.items():
            self._by_name[fold_name(name)] = code
            base = name.split(" (")[0]
            self._by_name.setdefault(fold_name(base), code)
        for s in successions():
            self._by_name.setdefault(fold_name(s.old_name), current_code(s.old_code))
        for alias, code in _aliases().items():
            self._by_name.setdefault(alias, current_code(code))

    def code_for(self, name: str) -> str | None:
        """Current GM code for a name, or None when unknown."""
        return self._by_name.get(fold_name(name))
