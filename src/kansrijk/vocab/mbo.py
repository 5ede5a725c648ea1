"""mbo sectorkamers (SBB), DUO's spellings of them, leerwegen and levels, and which
sectorkamers count as technology: techniek, techniek incl. ICT, and the NPRZ set
'techniek, haven en logistiek'.

The codes, names and sets are packaged data (``vocab/data/mbo_sectorkamers.yaml``, with
their sources); this module parses them once and offers lookups. No other I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

DATA_FILE = "data/mbo_sectorkamers.yaml"


class MboSet(StrEnum):
    """Named sets of sectorkamers."""

    TECHNIEK = "techniek"
    TECHNIEK_ICT = "techniek_ict"
    NPRZ = "nprz_techniek_haven_logistiek"


@dataclass(frozen=True, slots=True)
class MboVocabulary:
    """The parsed packaged file."""

    sectorkamers: dict[str, tuple[str, str]]  # code -> (nl, en)
    other: dict[str, tuple[str, str]]  # ENTREE, BOVENSECTORAAL, ONBEKEND
    by_duo_name: dict[str, str]  # folded DUO spelling or alias -> code
    sets: dict[MboSet, frozenset[str]]
    set_sources: dict[MboSet, str]
    crebo_overrides: dict[str, str]  # crebo -> sectorkamer code


def _fold(name: str) -> str:
    return " ".join(name.replace("_", " ").replace(",", " ").lower().split())


@cache
def vocabulary() -> MboVocabulary:
    """The packaged sectorkamers, spellings and sets (parsed once)."""
    text = resources.files("kansrijk.vocab").joinpath(DATA_FILE).read_text("utf-8")
    doc: dict[str, Any] = yaml.safe_load(text)
    kamers: dict[str, tuple[str, str]] = {}
    other: dict[str, tuple[str, str]] = {}
    by_name: dict[str, str] = {}
    for section, target in (("sectorkamers", kamers), ("other", other)):
        for code, item in doc[section].items():
            target[code] = (str(item["nl"]), str(item["en"]))
            for spelling in [code, item["nl"], *item.get("duo", []), *item.get("aliases", [])]:
                by_name[_fold(str(spelling))] = code
    sets = {MboSet(k): frozenset(v["sectorkamers"]) for k, v in doc["sets"].items()}
    sources = {MboSet(k): str(v["source"]) for k, v in doc["sets"].items()}
    overrides = {str(k): str(v) for k, v in (doc.get("crebo_overrides") or {}).items()}
    return MboVocabulary(kamers, other, by_name, sets, sources, overrides)


def parse_sectorkamer(name: str) -> str | None:
    """DUO's sectorkamer name (or a column-name form, or a code) -> code; None when the
    name is not known. ``'Techniek en gebouwde omgeving'`` -> ``'TGO'``."""
    return vocabulary().by_duo_name.get(_fold(name))


def mbo_set(which: MboSet | str) -> frozenset[str]:
    """The sectorkamer codes of a set (``techniek``, ``techniek_ict``, ``nprz_...``)."""
    return vocabulary().sets[MboSet(which)]


#: Sectorkamer code -> (Dutch name, English name); the eight SBB sectorkamers.
SECTORKAMERS: dict[str, tuple[str, str]] = vocabulary().sectorkamers

#: Sectorkamers counted as technology (without ICT) and with ICT.
MBO_TECHNIEK: frozenset[str] = mbo_set(MboSet.TECHNIEK)
MBO_TECHNIEK_ICT: frozenset[str] = mbo_set(MboSet.TECHNIEK_ICT)
MBO_NPRZ: frozenset[str] = mbo_set(MboSet.NPRZ)

#: DUO's LEERWEG values (spaces, hyphens and underscores removed, upper case) -> canonical
#: leerweg. BOL voltijd/deeltijd both count as BOL; CBL (combinatie BOL/BBL) as BBL.
LEERWEGEN: dict[str, str] = {
    "BOL": "bol",
    "BOLVT": "bol",
    "BOLDT": "bol",
    "BOLVOLTIJD": "bol",
    "BOLDEELTIJD": "bol",
    "BBL": "bbl",
    "CBL": "bbl",
    "EX": "extraneus",
    "EXTRANEI": "extraneus",
    "EXTRANEUS": "extraneus",
}


def parse_leerweg(value: str) -> str | None:
    """``'BOL-VT'``, ``'BOL VT'``, ``'bolvt'`` -> ``'bol'``; ``'BBL'`` -> ``'bbl'``; None when
    unknown."""
    return LEERWEGEN.get("".join(c for c in value.upper() if c.isalnum()))


def parse_level(value: str) -> int | None:
    """mbo niveau 1-4 from ``'4'``, ``'niveau 4'``, ``'Niveau 4'``, ``'N4'``; None when
    unknown."""
    digits = "".join(c for c in value if c.isdigit())
    return int(digits) if digits in {"1", "2", "3", "4"} else None
