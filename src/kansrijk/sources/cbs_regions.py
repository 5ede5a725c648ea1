"""CBS 'Gebieden in Nederland' (StatLine 85755NED for 2024): gemeente -> higher regions.

Format quirks (seen in ``gebieden-in-nederland-2024.csv``):

- ``;``-separated, UTF-8 with BOM, one row per gemeente (342 in 2024; other years differ).
- Every value is right-padded with spaces to a fixed width (codes to 10, names to 50).
- Columns are named by position, not by meaning: ``ID;RegioS;Code_1;Naam_2;
  SorteringNaam_3;Code_4;Naam_5;...``. The number suffix shifts between releases when region
  types are added or dropped, so each region type is found by the *shape of its codes*; the
  name column is the one right after its code column.
- Region types used here: ``GMdddd`` gemeente, ``PVdd`` provincie, ``CRdd`` COROP-gebied and
  ``AMdd`` arbeidsmarktregio (35 in 2024, e.g. AM22 Rijnmond). Beware ``ARdd``: in this file
  it is the *arrondissement* (court district, 11 in 2024), not the arbeidsmarktregio.
  Everything else (CS, CP, GG, JZ, KK, LB, LG, LD, RE, ES, MC, RA, RT, ET, TR, TG, VT, VR, ZK
  and the size/urbanity classes) is ignored.
- ``Inwonertal_NN`` is the number of residents on 1 January of the file's year.
- The file does not state its year; it comes from the file name (``...-2024.csv``) or the
  user's ``--year``.

Output: ``region`` rows for NL00 (Nederland), every provincie, COROP, arbeidsmarktregio and
gemeente as printed; ``region_member`` rows (parent, gemeente) for NL00 and each parent;
``population`` rows (gemeente, age band 'total', sex 'all') with codes of merged gemeenten
mapped to their current code.
"""

from __future__ import annotations

import re
from pathlib import Path

from kansrijk.errors import InputError, MissingColumnError
from kansrijk.regions import GemeenteNames, Level, current_code
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import (
    DelimitedFile,
    Row,
    parse_decimal,
    reference_year,
)

_GM = re.compile(r"^GM\d{4}$")
#: More residents than the Netherlands has is damage (``1e9``).
MAX_RESIDENTS = 20_000_000
_CODE_COLUMN = re.compile(r"^CODE_\d+$")
#: Parent region types: level, code prefix, code pattern, label for messages.
_PARENTS: tuple[tuple[Level, str, re.Pattern[str], str], ...] = (
    (Level.PROVINCIE, "PV", re.compile(r"^PV\d{2}$"), "provincie"),
    (Level.COROP, "CR", re.compile(r"^CR\d{2}$"), "COROP-gebied"),
    (Level.ARBEIDSMARKTREGIO, "AM", re.compile(r"^AM\d{2}$"), "arbeidsmarktregio"),
)

_PLURAL = {"PV": "provincies", "CR": "COROP-gebieden", "AM": "arbeidsmarktregio's"}


def _suffix(sniff: Sniff) -> str:
    return sniff.suffix.lower().lstrip(".")


def _year(path: Path, context: ReadContext) -> int:
    return reference_year(path, context.year, "gebieden-in-nederland-2024.csv")


def _find_column(
    f: DelimitedFile, rows: list[Row], pattern: re.Pattern[str], label: str, prefix: str
) -> tuple[str, str]:
    """The (code column, name column) whose values mostly have the shape of ``pattern``."""
    found = []
    for i, col in enumerate(f.header[:-1]):
        name_col = f.header[i + 1]
        if not _CODE_COLUMN.match(col) or not name_col.startswith("NAAM"):
            continue
        values = [r.get(col) for r in rows if r.get(col)]
        if values and sum(1 for v in values if pattern.match(v)) * 2 > len(values):
            found.append((col, name_col))
    if not found:
        raise MissingColumnError(
            f"no Code_N column holds {label} codes ({prefix} followed by digits) with a "
            f"Naam_N column after it; found {', '.join(f.header)}",
            file=f.path,
            line=1,
        )
    if len(found) > 1:
        raise InputError(
            f"several columns hold {label} codes ({', '.join(c for c, _ in found)}); "
            "expected exactly one",
            file=f.path,
            line=1,
        )
    return found[0]


class CbsRegionsReader:
    """Reads CBS 'Gebieden in Nederland' into the region hierarchy and gemeente population."""

    info = DatasetInfo(
        name="cbs_gebieden",
        title="CBS Gebieden in Nederland (gemeente -> provincie, COROP, arbeidsmarktregio)",
        publisher="CBS (Centraal Bureau voor de Statistiek)",
        licence="CC BY 4.0",
        tables=("region", "region_member", "population"),
        url="https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85755NED/table",
    )

    def matches(self, sniff: Sniff) -> bool:
        """A CSV with RegioS, many positional Code_N columns and an Inwonertal column."""
        header = set(sniff.header)
        codes = sum(1 for h in header if _CODE_COLUMN.match(h))
        return (
            _suffix(sniff) == "csv"
            and "REGIOS" in header
            and codes >= 3
            and any(h.startswith("INWONERTAL") for h in header)
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Parse, validate (one PV, CR and AM per gemeente) and build the tables."""
        year = _year(path, context)
        f = DelimitedFile(path, encoding="utf-8")  # CBS writes UTF-8 only
        residents_cols = [h for h in f.header if h.startswith("INWONERTAL")]
        if not residents_cols:
            raise MissingColumnError(
                f"missing column 'Inwonertal_N'; found {', '.join(f.header)}", file=path, line=1
            )
        residents_col = residents_cols[0]
        rows = list(f.rows())
        if not rows:
            raise InputError("no data rows; expected one row per gemeente", file=path, line=2)
        gm_col, gm_name_col = _find_column(f, rows, _GM, "gemeente", "GM")
        parent_cols = [_find_column(f, rows, pat, lab, pre) for _, pre, pat, lab in _PARENTS]

        names: dict[str, tuple[str, int]] = {}  # code -> (name, first line)
        gemeenten: dict[str, int] = {}  # code -> line
        members: list[tuple[str, str]] = []
        residents: dict[str, tuple[float | None, bool]] = {}
        for row in rows:
            gm = row.get(gm_col)
            if not _GM.match(gm):
                raise InputError(
                    f"expected a gemeente code like GM0599, found {gm!r}",
                    file=path,
                    line=row.line,
                    column=gm_col,
                )
            if gm in gemeenten:
                raise InputError(
                    f"gemeente {gm} is listed twice (first at line {gemeenten[gm]}); "
                    "expected one row per gemeente",
                    file=path,
                    line=row.line,
                )
            gemeenten[gm] = row.line
            self._name(names, gm, row, gm_name_col, path)
            members.append(("NL00", gm))
            for (_, prefix, pattern, label), (col, name_col) in zip(
                _PARENTS, parent_cols, strict=True
            ):
                code = row.get(col)
                if not pattern.match(code):
                    raise InputError(
                        f"gemeente {gm} must belong to exactly one {label}; expected a code "
                        f"like {prefix}01, found {code!r}",
                        file=path,
                        line=row.line,
                        column=col,
                    )
                self._name(names, code, row, name_col, path)
                members.append((code, gm))
            raw = row.get(residents_col)
            value = parse_decimal(raw, file=path, line=row.line, column=residents_col)
            if value is not None and not (0 <= value <= MAX_RESIDENTS and value == int(value)):
                raise InputError(
                    f"expected a whole number of residents from 0 to {MAX_RESIDENTS:,}, "
                    f"found {raw!r}",
                    file=path,
                    line=row.line,
                    column=residents_col,
                )
            residents[gm] = (value, value is None)

        notes = [
            f"{len(gemeenten)} gemeenten in "
            + ", ".join(
                f"{len({p for p, _ in members if p.startswith(pre)})} {_PLURAL[pre]}"
                for _, pre, _, _ in _PARENTS
            )
            + f"; Inwonertal = residents on 1 January {year}"
        ]
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={
                "region": to_arrow("region", self._regions(names, year)),
                "region_member": to_arrow(
                    "region_member",
                    [
                        {"dataset": self.info.name, "year": year, "parent": p, "child": c}
                        for p, c in sorted(set(members))
                    ],
                ),
                "population": to_arrow("population", self._population(residents, year, notes)),
            },
            notes=tuple(notes),
        )

    @staticmethod
    def _name(names: dict[str, tuple[str, int]], code: str, row: Row, col: str, path: Path) -> None:
        name = row.get(col)
        if not name:
            raise InputError(f"region {code} has no name", file=path, line=row.line, column=col)
        seen = names.setdefault(code, (name, row.line))
        if seen[0] != name:
            raise InputError(
                f"region {code} is called {name!r} here but {seen[0]!r} at line {seen[1]}; "
                "expected one name per code",
                file=path,
                line=row.line,
                column=col,
            )

    def _regions(self, names: dict[str, tuple[str, int]], year: int) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = [
            {
                "dataset": self.info.name,
                "year": year,
                "code": "NL00",
                "name": "Nederland",
                "level": Level.NL.value,
            }
        ]
        levels = {pre: level for level, pre, _, _ in _PARENTS} | {"GM": Level.GEMEENTE}
        order = ["PV", "CR", "AM", "GM"]
        for code in sorted(names, key=lambda c: (order.index(c[:2]), c)):
            rows.append(
                {
                    "dataset": self.info.name,
                    "year": year,
                    "code": code,
                    "name": names[code][0],
                    "level": levels[code[:2]].value,
                }
            )
        return rows

    def _population(
        self, residents: dict[str, tuple[float | None, bool]], year: int, notes: list[str]
    ) -> list[dict[str, object]]:
        """Residents per current gemeente code (summing gemeenten merged since)."""
        folded: dict[str, tuple[float | None, bool]] = {}
        renamed = []
        for gm, (value, masked) in residents.items():
            code = current_code(gm)
            if code != gm:
                renamed.append(f"{gm}->{code}")
            if code in folded:
                old_value, old_masked = folded[code]
                both = None if old_value is None or value is None else old_value + value
                folded[code] = (both, old_masked or masked)
            else:
                folded[code] = (value, masked)
        if renamed:
            notes.append(
                "population of merged gemeenten stored under the current code: "
                + ", ".join(renamed)
            )
        missing = sorted(gm for gm, (_, masked) in residents.items() if masked)
        if missing:
            notes.append(f"no Inwonertal for {', '.join(missing)}: stored as masked (NULL)")
        return [
            {
                "dataset": self.info.name,
                "year": year,
                "area_level": "gemeente",
                "area_code": code,
                "age_band": "total",
                "age_min": 0,
                "age_max": None,
                "sex": "all",
                "count": value,
                "masked": masked,
            }
            for code, (value, masked) in sorted(folded.items())
        ]


def gemeente_names(result: ReadResult) -> GemeenteNames:
    """A name resolver built from the gemeente rows of a CbsRegionsReader result."""
    table = result.tables["region"]
    return GemeenteNames(
        {r["code"]: r["name"] for r in table.to_pylist() if r["level"] == Level.GEMEENTE.value}
    )
