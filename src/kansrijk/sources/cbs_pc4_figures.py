"""CBS 'Kerncijfers per postcode' (PC4), Excel (``kerncijfers-pc4-YYYY.xlsx``).

Layout of the first sheet (seen in the 2024 file, sheet ``PC4_2024_v1``):

- Rows 1-4: title ('... postcode, peildatum 1 januari 2024'), version, date and the
  legend ``Betekenis -99 997 = '0 - 4 / geheim'``; row 5 empty.
- Row 6: topic groups (Inwoners, Huishouden, Woning, Sociale Zekerheid, Dichtheid), each
  written once over its columns (merged cells): forward-filled here.
- Row 7: sub-groups (Totaal, Geslacht, Leeftijdklassen, Herkomst, Bouwperiode, ...). Some are
  shifted by one column against the labels below (``Type`` over Meergezins+Koopwoning),
  so only the group and the label are used to recognise a column; the last two columns
  have their label only in this row (Omgevingsadressendichtheid, Stedelijkheid).
- Row 8: labels, first cell ``Postcode-4``; row 9: units (``Code``, ``x1``, ``%``,
  ``adressen/km2``, ``categorie``). Data from row 10, one row per PC4, integers (the mean
  household size is a float); counts are rounded to multiples of 5, shares to 10 percent.
- ``-99997`` means '0-4 or secret': stored as masked (NULL), never as 0.

Output: ``population`` rows (total by sex; the five age classes for all sexes, as bands
'0-14', '15-24', '25-44', '45-64', '65+' from the printed 'tot 15 jaar' ... '65 jaar en
ouder') and ``area_figure`` rows for every other key figure (origin shares, households,
dwellings, benefits, address density, urbanity), figure ids in English snake_case.
Columns not recognised are listed in the notes, not read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO, NamedTuple

from kansrijk.errors import InputError, MissingColumnError
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.limits import check_time, check_zip
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.result import DatasetInfo, ReadResult, sha256_of
from kansrijk.sources.textfile import normalise_header, reference_year

#: Values at or below this are CBS secrecy markers (-99997 '0-4 / geheim', -99995, ...).
SECRET_BELOW = -99990.0
#: No key figure of one PC4 area reaches this (residents, dwellings, densities).
MAX_VALUE = 20_000_000
_PLAIN = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")
_SCAN_ROWS = 30
#: Population columns every release has: (band, sex) -> label in messages.
_POPULATION_COLUMNS = {
    ("total", "m"): "'Man'",
    ("total", "f"): "'Vrouw'",
    ("0-14", "all"): "'tot 15 jaar'",
    ("15-24", "all"): "'15 tot 25 jaar'",
    ("25-44", "all"): "'25 tot 45 jaar'",
    ("45-64", "all"): "'45 tot 65 jaar'",
    ("65+", "all"): "'65 jaar en ouder'",
}
_UNITS = {
    "x1": "count",
    "%": "percent",
    "adressen/km2": "addresses_per_km2",
    "categorie": "category",
}
#: (group, label regex) -> figure id; label compared lower-case, whitespace collapsed.
_FIGURES: tuple[tuple[str, str, str], ...] = (
    (
        "inwoners",
        r"geboren in nederland met een nederlandse herkomst",
        "share_born_nl_dutch_origin",
    ),
    (
        "inwoners",
        r"geboren in nederland met een europese herkomst.*",
        "share_born_nl_european_origin",
    ),
    (
        "inwoners",
        r"geboren in nederland met (een )?herkomst buiten europa",
        "share_born_nl_non_european_origin",
    ),
    (
        "inwoners",
        r"geboren buiten nederland met een europese herkomst.*",
        "share_born_abroad_european_origin",
    ),
    (
        "inwoners",
        r"geboren buiten nederland met (een )?herkomst buiten europa",
        "share_born_abroad_non_european_origin",
    ),
    ("huishouden", r"totaal", "households"),
    ("huishouden", r"eenpersoons", "households_single_person"),
    ("huishouden", r"meerpersoons zonder kinderen", "households_multi_person_no_children"),
    ("huishouden", r"eenouder", "households_single_parent"),
    ("huishouden", r"tweeouder", "households_two_parents"),
    ("huishouden", r"huishoudgrootte", "household_size_mean"),
    ("woning", r"totaal", "dwellings"),
    ("woning", r"voor (\d{4})", "dwellings_built_before_{0}"),
    ("woning", r"(\d{4}) tot (\d{4})", "dwellings_built_{0}_{1}"),
    ("woning", r"(\d{4}) en later", "dwellings_built_{0}_or_later"),
    ("woning", r"meergezins", "dwellings_multi_family"),
    ("woning", r"koopwoning", "share_dwellings_owner_occupied"),
    ("woning", r"huurwoning", "share_dwellings_rented"),
    ("woning", r"huurco(r)?poratie", "dwellings_housing_association"),
    ("woning", r"niet bewoond", "dwellings_unoccupied"),
    (
        "sociale zekerheid",
        r"personen met ww, bijstand en/of ao uitkering.*",
        "persons_with_benefits_below_pension_age",
    ),
    ("dichtheid", r"omgevingsadressendichtheid", "address_density"),
    ("dichtheid", r"stedelijkheid", "urbanity"),
)


def age_class(label: str) -> tuple[int, int | None] | None:
    """'tot 15 jaar' -> (0, 14); '15 tot 25 jaar' -> (15, 24); '65 jaar en ouder' -> (65, None)."""
    text = _text(label)
    if m := re.fullmatch(r"tot (\d+) jaar", text):
        return 0, int(m.group(1)) - 1
    if m := re.fullmatch(r"(\d+) tot (\d+) jaar", text):
        return int(m.group(1)), int(m.group(2)) - 1
    if m := re.fullmatch(r"(\d+) jaar en ouder", text):
        return int(m.group(1)), None
    return None


Cells = tuple[object, ...]


def _text(value: object) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


def _sheet_rows(path: Path, limit: int | None = None) -> list[Cells]:
    """Rows (cell values) of the first sheet, all or the first ``limit``.

    The zip directory is checked first (damage, decompressed size: ``limits.check_zip``).
    The sheet's ``<dimension>`` is ignored (``reset_dimensions``): openpyxl's read-only
    mode trusts it and would silently drop the rows beyond a dimension that lies.
    """
    check_zip(path)
    with path.open("rb") as fh:  # ours to close, also when openpyxl fails half-way
        return _read_sheet(path, fh, limit)


def _read_sheet(path: Path, fh: BinaryIO, limit: int | None) -> list[Cells]:
    from openpyxl import load_workbook  # imported when a workbook is read (0.4 s)
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged container fails in many ways
        raise InputError(
            f"cannot open as an Excel .xlsx workbook ({type(exc).__name__}: {exc}); is the "
            "file damaged or truncated?",
            file=path,
        ) from None
    try:
        if not wb.worksheets:
            raise InputError("the workbook has no sheets; expected a data sheet", file=path)
        sheet = wb.worksheets[0]
        if isinstance(sheet, ReadOnlyWorksheet):
            sheet.reset_dimensions()
        rows: list[Cells] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) % 2048 == 0:
                check_time(path, len(rows))
            if limit is not None and len(rows) >= limit:
                break
        width = max((len(r) for r in rows), default=0)  # rows are not padded without
        return [r + (None,) * (width - len(r)) if len(r) < width else r for r in rows]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - damaged XML inside the container
        raise InputError(
            f"cannot read the first sheet ({type(exc).__name__}: {exc}); is the file damaged "
            "or truncated?",
            file=path,
        ) from None
    finally:
        wb.close()


def _header_index(rows: list[Cells]) -> int | None:
    for i, row in enumerate(rows[:_SCAN_ROWS]):
        if row and _text(row[0]).startswith("postcode"):
            return i
    return None


def sniff_xlsx(path: Path) -> tuple[str, ...]:
    """Normalised (upper case, whitespace collapsed) label cells of the first sheet's header
    row (the row starting with 'Postcode'), else of its first non-empty row."""
    rows = _sheet_rows(path, limit=_SCAN_ROWS)
    i = _header_index(rows)
    if i is None:
        i = next((j for j, r in enumerate(rows) if any(c is not None for c in r)), None)
    if i is None:
        return ()
    return tuple(normalise_header(str(c)) for c in rows[i] if c is not None and str(c).strip())


def _forward_fill(row: Cells, width: int) -> list[str]:
    out, last = [], ""
    for j in range(width):
        value = _text(row[j]) if j < len(row) else ""
        last = value or last
        out.append(last)
    return out


class CbsPc4KeyFiguresReader:
    """Reads CBS key figures per PC4 (residents by sex and age; shares and other figures)."""

    info = DatasetInfo(
        name="cbs_kerncijfers_pc4",
        title="CBS Kerncijfers per postcode (PC4)",
        publisher="CBS (Centraal Bureau voor de Statistiek)",
        licence="CC BY 4.0",
        tables=("population", "area_figure"),
        url=(
            "https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/"
            "geografische-data/gegevens-per-postcode"
        ),
    )

    def matches(self, sniff: Sniff) -> bool:
        """An xlsx whose header row starts with Postcode and has Man and Vrouw columns."""
        h = sniff.header
        return (
            sniff.suffix.lower().lstrip(".") == "xlsx"
            and bool(h)
            and h[0].startswith("POSTCODE")
            and {"MAN", "VROUW"} <= set(h)
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Find the header block, map the columns, read every PC4 row."""
        rows = _sheet_rows(path)
        hi = _header_index(rows)
        if hi is None:
            raise MissingColumnError(
                f"no header row starting with 'Postcode-4' in the first {_SCAN_ROWS} rows",
                file=path,
            )
        has_units = hi + 1 < len(rows) and bool(rows[hi + 1]) and _text(rows[hi + 1][0]) == "code"
        year = self._year(rows[:hi], path, context)
        columns, unread = _columns(rows, hi, has_units, path)
        notes = [f"columns not read: {', '.join(unread)}"] if unread else []
        if not any(
            c.kind == "population" and c.ident == "total" and c.tag == "all" for c in columns
        ):
            raise MissingColumnError(
                "missing column 'Totaal' under 'Inwoners' (residents)", file=path, line=hi + 1
            )
        have = {(c.ident, c.tag) for c in columns if c.kind == "population"}
        absent = [label for key, label in _POPULATION_COLUMNS.items() if key not in have]
        if absent:
            raise MissingColumnError(
                f"missing column(s) {', '.join(absent)} under 'Inwoners'; expected residents "
                "by sex and the five age classes",
                file=path,
                line=hi + 1,
            )
        population: list[dict[str, object]] = []
        figures: list[dict[str, object]] = []
        seen: dict[str, int] = {}
        masked_cells = 0
        first = hi + (2 if has_units else 1)
        for line, row in enumerate(rows[first:], start=first + 1):
            if not row or all(c is None or str(c).strip() == "" for c in row):
                continue
            pc = str(row[0]).strip().removesuffix(".0")
            if not (len(pc) == 4 and pc.isdigit()):
                if all(c is None for c in row[1:]):  # a footnote below the table
                    notes.append(f"row {line} ignored (text below the table: {pc[:60]!r})")
                    continue
                raise InputError(
                    f"expected a 4-digit postcode, found {row[0]!r}",
                    file=path,
                    line=line,
                    column="A",
                )
            if pc in seen:
                raise InputError(
                    f"postcode {pc} appears twice (first at row {seen[pc]})",
                    file=path,
                    line=line,
                    column="A",
                )
            seen[pc] = line
            for c in columns:
                value, masked = _value(row[c.col] if c.col < len(row) else None, path, line, c.col)
                masked_cells += masked
                base = {
                    "dataset": self.info.name,
                    "year": year,
                    "area_level": "pc4",
                    "area_code": pc,
                    "masked": masked,
                }
                if c.kind == "population":
                    population.append(
                        base
                        | {
                            "age_band": c.ident,
                            "age_min": c.age_min,
                            "age_max": c.age_max,
                            "sex": c.tag,
                            "count": value,
                        }
                    )
                else:
                    figures.append(base | {"figure": c.ident, "value": value, "unit": c.tag})
        if not seen:
            raise InputError("no PC4 rows below the header", file=path, line=hi + 1)
        notes.insert(
            0,
            f"{len(seen)} PC4 areas, peildatum 1 January {year}; {masked_cells} cells with "
            "-99997 ('0-4 / geheim') or empty stored as masked (NULL)",
        )
        return ReadResult(
            dataset=self.info,
            path=path,
            sha256=sha256_of(path),
            years=(year,),
            tables={
                "population": to_arrow("population", population),
                "area_figure": to_arrow("area_figure", figures),
            },
            notes=tuple(notes),
        )

    @staticmethod
    def _year(top: list[Cells], path: Path, context: ReadContext) -> int:
        if context.year:  # --year overrides what the file says
            return context.year
        for row in top:
            text = _text(row[0] if row else None)
            if m := re.search(r"peildatum\s+\d{1,2}\s+\w+\s+((?:19|20)\d\d)", text):
                return int(m.group(1))
        return reference_year(path, None, "kerncijfers-pc4-2024.xlsx (or 'peildatum' in the title)")


class _Column(NamedTuple):
    """A recognised column: population (ident = age band, tag = sex) or a figure (ident =
    figure id, tag = unit)."""

    col: int
    kind: str
    ident: str
    age_min: int | None
    age_max: int | None
    tag: str


def _columns(
    rows: list[Cells], hi: int, has_units: bool, path: Path
) -> tuple[list[_Column], list[str]]:
    """Recognised columns plus the letters and labels of the columns not recognised."""
    header = rows[hi]
    width = len(header)
    units = rows[hi + 1] if has_units else ()
    groups = _forward_fill(rows[hi - 2], width) if hi >= 2 else [""] * width
    subgroups = _forward_fill(rows[hi - 1], width) if hi >= 1 else [""] * width
    out: list[_Column] = []
    unread: list[str] = []
    for j in range(1, width):
        label = _text(header[j]) or subgroups[j]
        group = groups[j]
        unit = _text(units[j]) if j < len(units) else ""
        where = f"{_column_letter(j + 1)} ({label})"
        expected = "x1"
        if group == "inwoners" and label in {"totaal", "man", "vrouw"}:
            sex = {"totaal": "all", "man": "m", "vrouw": "f"}[label]
            out.append(_Column(j, "population", "total", 0, None, sex))
        elif group == "inwoners" and (ages := age_class(label)) is not None:
            lo, top = ages
            band = f"{lo}+" if top is None else f"{lo}-{top}"
            out.append(_Column(j, "population", band, lo, top, "all"))
        else:
            figure = None
            for fgroup, regex, ident in _FIGURES:
                if fgroup == group and (fm := re.fullmatch(regex, label)):
                    figure = ident.format(*fm.groups())
                    break
            if figure is None:
                unread.append(where)
                continue
            expected = "%" if figure.startswith("share_") else ""
            unit_name = _UNITS.get(unit, unit or "count")
            if figure == "household_size_mean":
                unit_name = "persons"
            out.append(_Column(j, "figure", figure, None, None, unit_name))
        if has_units and expected and unit != expected:
            raise InputError(
                f"column {where}: expected unit {expected!r}, found {unit!r}",
                file=path,
                line=hi + 2,
                column=_column_letter(j + 1),
            )
    return out, unread


def _value(cell: object, path: Path, line: int, j: int) -> tuple[float | None, bool]:
    """A data cell: number -> (value, False); empty or secrecy marker -> (None, True)."""
    if cell is None or (isinstance(cell, str) and cell.strip() in {"", ".", "-", "x"}):
        return None, True
    value = float("nan")
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value = float(cell)
    elif isinstance(cell, str) and _PLAIN.match(text := cell.replace(" ", "")):
        value = float(text.replace(",", "."))
    if value <= SECRET_BELOW:
        return None, True
    if not 0 <= value <= MAX_VALUE:  # NaN, inf, another negative value, 1e9
        raise InputError(
            f"expected a number from 0 to {MAX_VALUE:,} or the secrecy marker -99997, found "
            f"{cell!r}",
            file=path,
            line=line,
            column=_column_letter(j + 1),
        )
    return value, False


def _column_letter(n: int) -> str:
    """Spreadsheet column letters of the 1-based column ``n`` (1 -> A, 27 -> AA)."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out
