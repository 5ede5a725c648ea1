"""Reading the publishers' delimited text files: encodings, BOM, separators, quotes,
decimal commas, ``<5`` masks, truncation; every problem reported with file and line."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM allowed), falling back to cp1252 then latin-1.

    Returns (text, encoding used).
    """
    for enc in ENCODINGS:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def sniff_delimiter(header_line: str) -> str:
    """The most frequent of ``;``, ``,`` and tab in the header line."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d])


def normalise_header(name: str) -> str:
    """Upper case, trimmed, inner whitespace collapsed: DUO renames columns in small ways."""
    return " ".join(name.strip().strip('"').upper().split())


@dataclass(frozen=True, slots=True)
class Row:
    """One data row with its 1-based line number in the file (header = line 1)."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The trimmed value of a column ('' when the column is absent)."""
        return self.values.get(column, "").strip()


class DelimitedFile:
    """A delimited text file, decoded and split; header normalised.

    Raises TruncatedFileError for a row with fewer fields than the header or for an
    unterminated quoted field at the end, naming the line.
    """

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = path
        if text is None:
            text, self.encoding = decode(path.read_bytes())
        else:
            self.encoding = "utf-8"
        self.text = text
        first = text.split("\n", 1)[0]
        self.delimiter = sniff_delimiter(first)
        reader = csv.reader(io.StringIO(first), delimiter=self.delimiter)
        self.header = [normalise_header(h) for h in next(reader, [])]
        if not any(self.header):
            raise InputError("the file is empty; expected a header line", file=path, line=1)

    def require(self, columns: Sequence[str]) -> None:
        """Raise MissingColumnError naming every required column that is absent."""
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise MissingColumnError(
                f"missing column(s) {', '.join(repr(m) for m in missing)}; "
                f"found {', '.join(repr(h) for h in self.header)}",
                file=self.path,
                line=1,
            )

    def rows(self) -> Iterator[Row]:
        """Data rows as dicts keyed by the normalised header."""
        reader = csv.reader(
            io.StringIO(self.text, newline=""), delimiter=self.delimiter, strict=True
        )
        ncols = len(self.header)
        try:
            next(reader)
            for fields in reader:
                line = reader.line_num
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    continue
                if len(fields) < ncols:
                    raise TruncatedFileError(
                        f"row has {len(fields)} fields, expected {ncols} as in the header "
                        "(is the file truncated?)",
                        file=self.path,
                        line=line,
                    )
                if len(fields) > ncols and any(f.strip() for f in fields[ncols:]):
                    raise InputError(
                        f"row has {len(fields)} fields, expected {ncols} as in the header",
                        file=self.path,
                        line=line,
                    )
                yield Row(line, dict(zip(self.header, fields, strict=False)))
        except csv.Error as exc:
            raise TruncatedFileError(
                f"malformed quoting ({exc}); expected a closed quoted field "
                "(is the file truncated?)",
                file=self.path,
                line=reader.line_num,
            ) from exc


_MASK = re.compile(r"^<\s*(\d+)$")


def parse_count(value: str, *, file: Path, line: int, column: str) -> tuple[int | None, bool]:
    """A count cell: ``'12'`` -> (12, False); ``'<5'`` -> (None, True); ``''`` -> (0, False).

    Accepts ``'12.0'``/``'12,0'`` (whole numbers written as decimals). Anything else raises
    InputError naming file, line and column.
    """
    v = value.strip().strip('"')
    if v in {"", "-"}:
        return 0, False
    if v.isdigit():
        return int(v), False
    if _MASK.match(v):
        return None, True
    try:
        f = float(v.replace(",", "."))
    except ValueError:
        f = float("nan")
    if f == f and f >= 0 and f == int(f):  # noqa: PLR0124 - NaN check
        return int(f), False
    raise InputError(
        f"expected a count (a whole number, or '<5' for a masked count), found {value!r}",
        file=file,
        line=line,
        column=column,
    )


def parse_decimal(value: str, *, file: Path, line: int, column: str) -> float | None:
    """A decimal cell with comma or point: ``'66,7%'`` -> 66.7; ``''``/``'-'`` -> None."""
    v = value.strip().strip('"').rstrip("%").strip()
    if v in {"", "-", "."}:
        return None
    if "," in v and "." in v:
        v = v.replace(".", "")
    v = v.replace(",", ".")
    if v.startswith("."):
        v = "0" + v
    try:
        return float(v)
    except ValueError:
        raise InputError(
            f"expected a number (decimal comma or point), found {value!r}",
            file=file,
            line=line,
            column=column,
        ) from None


_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?!\d)")


def year_from_name(path: Path) -> int | None:
    """The dataset-year in a file name, or None.

    The last 4-digit year (``...-2019.csv`` -> 2019), except when the name ends in a school
    year of two consecutive years: ``...-2016-2017.csv`` is peildatum 1 October 2016 -> 2016.
    A range of several years (``examenkandidaten-2014-2019.csv``) still gives the last one.
    """
    found = [int(y) for y in _YEAR.findall(path.name)]
    if not found:
        return None
    if len(found) >= 2 and found[-1] == found[-2] + 1:
        return found[-2]
    return found[-1]


def reference_year(path: Path, context_year: int | None, example: str) -> int:
    """The dataset-year of a file: ``--year`` when given (an override), else the year in the
    file name (see ``year_from_name``); otherwise an InputError that shows an example file name."""
    year = context_year or year_from_name(path)
    if year is None:
        raise InputError(
            f"cannot tell the year of this file; expected a year in the file name (e.g. "
            f"{example}) or --year YEAR",
            file=path,
        )
    return year


def normalise_postcode(value: str) -> tuple[str | None, str | None]:
    """``'9406 NN'`` -> (``'9406NN'``, ``'9406'``); invalid -> (None, None)."""
    v = value.replace(" ", "").upper()
    m = re.match(r"^(\d{4})([A-Z]{2})?$", v)
    if not m:
        return None, None
    return v, m.group(1)
