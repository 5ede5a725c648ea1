"""What DUO's mbo open-data files share: header aliases, count columns per year (and sex),
institution codes, leerweg, level and sectorkamer cells, each problem reported with file,
line and column.

DUO publishes these files on its CKAN portal (onderwijsdata.duo.nl) as ``;``-separated
CSV. Whether a given file is UTF-8 or latin-1, quoted or not, is not documented per file:
``DelimitedFile`` accepts UTF-8 (with or without BOM), cp1252 and latin-1, quoted fields
and ``<5`` masks. Years come as count columns (``JAAR_2021``, ``MAN2021``/``VROUW2021``,
``DIPMAN2021``/``DIPVROUW2021``): one file holds several dataset-years.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kansrijk.errors import InputError, UnknownCodeError
from kansrijk.sources.textfile import DelimitedFile, Row
from kansrijk.vocab import parse_leerweg, parse_level, parse_sectorkamer


@dataclass(frozen=True, slots=True)
class CountColumn:
    """A count column: its (normalised) header, year and sex ('m', 'f' or None)."""

    header: str
    year: int
    sex: str | None


def resolve(
    df: DelimitedFile, aliases: dict[str, tuple[str, ...]], required: Sequence[str]
) -> dict[str, str]:
    """Canonical key -> the header the file uses; MissingColumnError naming the first
    accepted name of every required key that is absent."""
    found: dict[str, str] = {}
    for key, names in aliases.items():
        for n in names:
            if n in df.header:
                found[key] = n
                break
    missing = [aliases[k][0] for k in required if k not in found]
    if missing:
        df.require(missing)
    return found


def count_columns(header: Sequence[str], pattern: re.Pattern[str]) -> list[CountColumn]:
    """Columns whose header matches ``pattern`` (groups: ``year`` and optionally ``sex``)."""
    out = []
    for h in header:
        m = pattern.match(h)
        if m:
            groups = m.groupdict()
            sex = groups.get("sex")
            out.append(
                CountColumn(h, int(groups["year"]), None if sex is None else _SEX[sex.upper()])
            )
    return out


_SEX = {"MAN": "m", "VROUW": "f", "M": "m", "V": "f"}

#: ``JAAR_2021``, ``JAAR 2021``, ``2021``.
YEAR_COLUMN = re.compile(r"^(?:JAAR[ _-]?)?(?P<year>20\d\d)$")
#: ``MAN2021``, ``VROUW 2021``, ``MAN_2021``.
SEX_YEAR_COLUMN = re.compile(r"^(?P<sex>MAN|VROUW)[ _-]?(?P<year>20\d\d)$")
#: ``DIPMAN2021``, ``DIPVROUW 2021``.
DIPLOMA_COLUMN = re.compile(r"^DIP[ _-]?(?P<sex>MAN|VROUW)[ _-]?(?P<year>20\d\d)$")


def select_years(
    columns: list[CountColumn], wanted: int | None, path: Path, example: str
) -> list[CountColumn]:
    """All count columns, or only those of ``--year``; InputError when there are none."""
    if not columns:
        raise InputError(
            f"no count columns found; expected columns such as {example}", file=path, line=1
        )
    if wanted is None:
        return columns
    chosen = [c for c in columns if c.year == wanted]
    if not chosen:
        years = ", ".join(str(y) for y in sorted({c.year for c in columns}))
        raise InputError(f"--year {wanted} is not in this file; it has {years}", file=path, line=1)
    return chosen


def brin(value: str, row: Row, path: Path, column: str) -> str:
    """A 4-character institution code (``25LH``)."""
    v = value.strip().upper()
    if len(v) != 4 or not v.isalnum():
        raise InputError(
            f"expected a 4-character institution code (BRIN, e.g. 25LH), found {value!r}",
            file=path,
            line=row.line,
            column=column,
        )
    return v


def leerweg(value: str, row: Row, path: Path, column: str) -> str:
    """``'BOL'``/``'BBL'``/... -> ``'bol'``/``'bbl'``/``'extraneus'``."""
    lw = parse_leerweg(value)
    if lw is None:
        raise UnknownCodeError(
            f"unknown leerweg {value!r}; expected BOL, BOL-VT, BOL-DT, BBL or EX",
            file=path,
            line=row.line,
            column=column,
        )
    return lw


def level(value: str, row: Row, path: Path, column: str) -> int | None:
    """mbo niveau 1-4; None for an empty cell."""
    if not value.strip():
        return None
    lv = parse_level(value)
    if lv is None:
        raise UnknownCodeError(
            f"unknown mbo niveau {value!r}; expected 1, 2, 3 or 4",
            file=path,
            line=row.line,
            column=column,
        )
    return lv


def sectorkamer(value: str, row: Row, path: Path, column: str) -> str | None:
    """DUO's sectorkamer name -> code (see vocab.mbo); None for an empty cell."""
    if not value.strip():
        return None
    code = parse_sectorkamer(value)
    if code is None:
        raise UnknownCodeError(
            f"unknown sectorkamer {value!r}; expected one of DUO's sectorkamer names "
            "(e.g. 'Techniek en gebouwde omgeving'; see kansrijk/vocab/data/mbo_sectorkamers.yaml)",
            file=path,
            line=row.line,
            column=column,
        )
    return code


def flag(value: str, row: Row, path: Path, column: str) -> bool | None:
    """``J``/``N`` (also Ja/Nee, 1/0, true/false) -> bool; None for an empty cell."""
    v = value.strip().upper()
    if v in {"", "-"}:
        return None
    if v in {"J", "JA", "1", "TRUE", "Y"}:
        return True
    if v in {"N", "NEE", "0", "FALSE"}:
        return False
    raise InputError(f"expected J or N, found {value!r}", file=path, line=row.line, column=column)


def text(row: Row, cols: dict[str, str], key: str) -> str | None:
    """A text cell of an optional column; None when absent or empty."""
    if key not in cols:
        return None
    return row.get(cols[key]) or None
