"""Reading the publishers' delimited text files: encodings, BOM, separators, quotes,
decimal commas, ``<5`` masks, truncation; every problem reported with file and line."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError
from kansrijk.sources.limits import check_file, check_time

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
    """A delimited text file, checked and then streamed row by row; header normalised.

    Opening it scans the bytes once (see :func:`scan_text`): the encoding is detected
    per file (``encoding`` forces one, e.g. ``'utf-8'`` for publishers that only write
    UTF-8), and NUL bytes, CR-only or mixed line ends and invalid bytes are errors naming
    the line. ``rows()`` then reads the file again as a stream, so the decoded text is
    never held in memory whole. Raises TruncatedFileError for a row with fewer fields
    than the header, an unterminated quoted field, or a last line without its line end.
    """

    def __init__(self, path: Path, text: str | None = None, *, encoding: str | None = None) -> None:
        self.path = path
        self._text = text
        #: what the byte scan found (None for text given in memory)
        self.info: TextInfo | None = None
        if text is None:
            check_file(path)
            self.info = scan_text(path, encoding)
            self.encoding = self.info.encoding
            self.ends_with_newline = self.info.ends_with_newline
        else:
            self.encoding = "utf-8"
            self.ends_with_newline = text.endswith(("\n", "\r"))
        first = self._first_line()
        self.delimiter = sniff_delimiter(first)
        try:
            fields = next(csv.reader([first], delimiter=self.delimiter), [])
        except csv.Error as exc:
            raise InputError(
                f"cannot read the header line ({exc}); expected column names", file=path, line=1
            ) from None
        self.header = [normalise_header(h) for h in fields]
        if not any(self.header):
            raise InputError("the file is empty; expected a header line", file=path, line=1)
        dupes = sorted({h for h in self.header if h and self.header.count(h) > 1})
        if dupes:
            raise InputError(
                f"column(s) {', '.join(repr(d) for d in dupes)} appear more than once in the "
                "header; expected each column once",
                file=path,
                line=1,
            )

    def _open(self) -> TextIO:
        if self._text is not None:
            return io.StringIO(self._text, newline="")
        return self.path.open(encoding=self.encoding, newline="")

    def _first_line(self) -> str:
        with self._open() as fh:
            first = fh.readline(1 << 20)
        return first.rstrip("\r\n")

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
        """Data rows as dicts keyed by the normalised header, streamed from the file."""
        ncols = len(self.header)
        with self._open() as fh:
            reader = csv.reader(fh, delimiter=self.delimiter, strict=True)
            line = 1
            try:
                next(reader)
                for fields in reader:
                    line = reader.line_num
                    if line % 2048 == 0:
                        check_time(self.path, line)
                    if not fields or (len(fields) == 1 and not fields[0].strip()):
                        continue
                    bad = next((f for f in fields if _CONTROL.search(f)), None)
                    if bad is not None:
                        ch = _CONTROL.search(bad)
                        assert ch is not None
                        raise InputError(
                            f"control character U+{ord(ch.group()):04X} in the text; expected "
                            "printable text (is the file binary or damaged?)",
                            file=self.path,
                            line=line,
                        )
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
                if "field larger than field limit" in str(exc):
                    raise InputError(
                        f"a field is longer than {csv.field_size_limit():,} characters; expected "
                        "short values (is this a data file of the publisher?)",
                        file=self.path,
                        line=reader.line_num + 1,
                    ) from None
                raise TruncatedFileError(
                    f"malformed quoting ({exc}); expected a closed quoted field "
                    "(is the file truncated?)",
                    file=self.path,
                    line=reader.line_num,
                ) from None
            except UnicodeDecodeError as exc:  # pragma: no cover - scan_text decoded it all
                raise InputError(
                    f"cannot decode as {self.encoding} ({exc.reason})", file=self.path, line=line
                ) from None
        if not self.ends_with_newline:
            raise TruncatedFileError(
                "the last line has no line end; expected every line, also the last, to end "
                "with a line end (is the file truncated?)",
                file=self.path,
                line=line,
            )


@dataclass(frozen=True, slots=True)
class TextInfo:
    """What :func:`scan_text` found: encoding, line ends and line count."""

    encoding: str
    newline: str  # '\n' or '\r\n' ('' for a file without any line end)
    lines: int
    ends_with_newline: bool
    #: a byte 0x80-0x9f occurs (C1 controls in latin-1, letters such as the euro sign in cp1252)
    c1_bytes: bool = False
    #: spaces between a quote and a separator or line end (`` "x"`` or ``"x" ;``): parsers
    #: differ on these, so only the row-wise reader reads such a file
    quote_space: bool = False


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A well-formed multi-byte UTF-8 sequence (RFC 3629).
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
_NOT_C1 = bytes(b for b in range(256) if not 0x80 <= b < 0xA0)
_BLOCK = 1 << 20


def scan_text(path: Path, encoding: str | None = None) -> TextInfo:
    """One streaming pass over a text file's bytes, before any parsing.

    Detects the encoding: UTF-8 (with or without BOM) when the bytes are valid UTF-8;
    otherwise cp1252 or latin-1 (as DUO writes its older files) -- but only when the file
    holds no well-formed multi-byte UTF-8 at all (no real DUO latin-1 file does). A file
    that is UTF-8 elsewhere with an invalid byte, or that mixes UTF-8 and latin-1, is an
    error naming the line, never silent mojibake. ``encoding='utf-8'`` accepts UTF-8 only.

    Also refuses NUL bytes (binary data), CR-only line ends and a mix of CRLF and LF.
    """
    crlf = lf = cr = 0
    first_lf = first_crlf = first_cr = 0
    lines_before = 0  # line ends before the current block
    first_bad: tuple[int, int] | None = None  # (line, byte)
    valid_multi = valid_bytes = high = first_multi = 0
    bom = False
    cp1252_ok = True
    c1_bytes = quote_space = False
    last = b""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = True
    pending = b""
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(_BLOCK)
            eof = not chunk
            if lines_before == 0 and not pending and chunk.startswith(codecs.BOM_UTF8):
                bom = True
                chunk = chunk[len(codecs.BOM_UTF8) :]
            data = pending + chunk
            if not eof:
                end = len(data) - 1 if data.endswith(b"\r") else len(data)
                cut = max(data.rfind(b"\n", 0, end), data.rfind(b"\r", 0, end))
                if cut < 0:
                    if len(data) < 16 * _BLOCK:
                        pending = data
                        continue
                    cut = end - 1
                block, pending = data[: cut + 1], data[cut + 1 :]
            else:
                block, pending = data, b""
            if block:
                check_time(path)
                last = block[-1:]
                nul = block.find(b"\0")
                if nul >= 0:
                    raise InputError(
                        "NUL byte in the file; expected text (is it a binary or damaged file?)",
                        file=path,
                        line=lines_before + _line_ends(block[:nul]) + 1,
                    )
                n_nl = block.count(b"\n")
                has_cr = b"\r" in block
                n_crlf = block.count(b"\r\n") if has_cr else 0
                n_lf = n_nl - n_crlf
                n_cr = block.count(b"\r") - n_crlf if has_cr else 0
                if n_lf and not lf:
                    first_lf = lines_before + _first_bare(block, b"\n") + 1
                if n_crlf and not crlf:
                    first_crlf = lines_before + _line_ends(block[: block.find(b"\r\n")]) + 1
                if n_cr and not cr:
                    first_cr = lines_before + _first_bare(block, b"\r") + 1
                crlf, lf, cr = crlf + n_crlf, lf + n_lf, cr + n_cr
                if not quote_space:
                    quote_space = _has_quote_space(block)
                if _HIGH.search(block):
                    # well-formed multi-byte UTF-8 characters, counted in C: what a UTF-8
                    # decoder keeps beyond the ASCII bytes (a regex pass costs 30 times more)
                    ascii_bytes = len(block.translate(None, _HIGH_BYTES))
                    kept = block.decode("utf-8", "ignore")
                    multi = len(kept) - ascii_bytes
                    if multi:
                        if not first_multi:
                            at = _UTF8_MULTI.search(block)
                            assert at is not None
                            first_multi = lines_before + _line_ends(block[: at.start()]) + 1
                        valid_multi += multi
                        valid_bytes += len(kept.encode("utf-8")) - ascii_bytes
                    high += len(block) - ascii_bytes
                    # byte classes by deletion (C speed; a regex search scans 10 times slower)
                    c1 = block.translate(None, _NOT_C1)
                    if c1:
                        c1_bytes = True
                        if cp1252_ok and len(c1.translate(None, _CP1252_UNDEFINED)) != len(c1):
                            cp1252_ok = False
                    if utf8_ok:
                        try:
                            decoder.decode(block)
                        except UnicodeDecodeError as exc:
                            utf8_ok = False
                            first_bad = (
                                lines_before + _line_ends(block[: exc.start]) + 1,
                                block[exc.start],
                            )
                lines_before += n_nl
            if eof:
                break
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
            first_bad = (lines_before, 0)
    if cr:
        if not crlf and not lf:
            raise InputError(
                "line ends are CR only (old Mac format); expected LF or CRLF line ends",
                file=path,
                line=1,
            )
        raise InputError(
            "a lone CR line end; expected LF or CRLF line ends throughout (is the file damaged?)",
            file=path,
            line=first_cr,
        )
    if crlf and lf:
        raise InputError(
            f"mixed line ends: {crlf:,} lines end in CRLF (first at line {first_crlf}) and "
            f"{lf:,} in LF (first at line {first_lf}); expected one kind throughout (was the "
            "file put together from pieces?)",
            file=path,
            line=max(first_crlf, first_lf),
        )
    newline = "\r\n" if crlf else "\n" if lf else ""
    info = {
        "newline": newline,
        "lines": lines_before,
        "ends_with_newline": last in {b"\n", b""},
        "c1_bytes": c1_bytes,
        "quote_space": quote_space,
    }
    if utf8_ok:
        return TextInfo("utf-8-sig" if bom else "utf-8", **info)  # type: ignore[arg-type]
    assert first_bad is not None
    line, byte = first_bad
    invalid = max(high - valid_bytes, 1)
    if encoding is not None or bom or valid_multi:
        why = (
            f"the file must be {encoding}"
            if encoding is not None
            else "the file starts with a UTF-8 byte order mark"
            if bom
            else f"the file has {valid_multi:,} UTF-8 character(s) (first at line {first_multi}) "
            f"and {invalid:,} byte(s) that are not UTF-8 (first at line {line})"
        )
        if encoding is None and not bom and invalid > valid_multi:
            line = first_multi  # mostly latin-1: the UTF-8 part is the odd one out
        raise InputError(
            f"invalid UTF-8 byte 0x{byte:02X} or mixed encodings; {why}; expected one "
            "encoding throughout (is the file damaged or pasted together?)",
            file=path,
            line=line,
        )
    return TextInfo("cp1252" if cp1252_ok else "latin-1", **info)  # type: ignore[arg-type]


def _has_quote_space(block: bytes) -> bool:
    """Spaces between a quote and a separator (``;``, ``,``, tab) or a line's start or end."""
    i = block.find(b' "')
    while i >= 0:
        j = i
        while j > 0 and block[j - 1] == 0x20:
            j -= 1
        if j == 0 or block[j - 1] in b";,\t\n":
            return True
        i = block.find(b' "', i + 1)
    i = block.find(b'" ')
    while i >= 0:
        j = i + 1
        while j < len(block) and block[j] == 0x20:
            j += 1
        if j == len(block) or block[j] in b";,\t\r\n":
            return True
        i = block.find(b'" ', i + 1)
    return False


def _line_ends(data: bytes) -> int:
    return data.count(b"\n")


def _first_bare(block: bytes, end: bytes) -> int:
    """Line ends before the first ``end`` that is not part of a CRLF."""
    pattern = rb"(?<!\r)\n" if end == b"\n" else rb"\r(?!\n)"
    m = re.search(pattern, block)
    return _line_ends(block[: m.start()]) if m else 0


#: The publishers' mask for small counts, exactly as written (1-4 pupils).
MASK = "<5"
#: No cell of a publisher's file counts this many pupils (one location x programme x
#: grade x sex); larger values are damage (``1e9``) and would overflow INTEGER columns.
MAX_COUNT = 100_000
_WHOLE = re.compile(r"^[0-9]+(?:[.,]0+)?$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")


def parse_count(value: str, *, file: Path, line: int, column: str) -> tuple[int | None, bool]:
    """A count cell: ``'12'`` -> (12, False); ``'<5'`` -> (None, True); ``''`` -> (0, False).

    Accepts ``'12.0'``/``'12,0'`` (whole numbers written as decimals). Anything else --
    ``1e9``, ``1_000``, ``inf``, ``nan``, negatives, fractions, other masks than ``<5``,
    counts above MAX_COUNT -- raises InputError naming file, line and column.
    """
    v = value.strip().strip('"').strip()
    if v in {"", "-"}:
        return 0, False
    if v == MASK:
        return None, True
    if _WHOLE.match(v):
        n = int(re.split(r"[.,]", v)[0])
        if n <= MAX_COUNT:
            return n, False
    raise InputError(
        f"expected a count (a whole number from 0 to {MAX_COUNT:,}, or {MASK!r} for a masked "
        f"count), found {value.strip()[:40]!r}",
        file=file,
        line=line,
        column=column,
    )


def parse_decimal(value: str, *, file: Path, line: int, column: str) -> float | None:
    """A decimal cell with comma or point: ``'66,7%'`` -> 66.7; ``''``/``'-'`` -> None.

    Only plain decimals are numbers: ``1e9``, ``1_000``, ``inf`` and ``nan`` raise
    InputError naming file, line and column.
    """
    v = value.strip().strip('"').rstrip("%").strip()
    if v in {"", "-", "."}:
        return None
    if "," in v and "." in v:
        v = v.replace(".", "")
    v = v.replace(",", ".")
    if not _NUMBER.match(v):
        raise InputError(
            f"expected a number (decimal comma or point), found {value.strip()[:40]!r}",
            file=file,
            line=line,
            column=column,
        )
    return float(v)


#: Years a publisher's file can be about.
YEAR_RANGE = (1950, 2100)


def check_year(year: int, *, file: Path | None = None, what: str = "year") -> int:
    """Raise InputError unless ``year`` lies in YEAR_RANGE."""
    lo, hi = YEAR_RANGE
    if not lo <= year <= hi:
        raise InputError(
            f"{what} {year} is not plausible; expected a year from {lo} to {hi}", file=file
        )
    return year


class KeyLines:
    """Remembers the line of each key, to report a duplicate with both lines."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        self._seen: dict[object, int] = {}

    def add(self, key: object, line: int, shown: str | None = None) -> None:
        """Record ``key`` at ``line``; raise InputError when it was seen before."""
        if isinstance(key, tuple):  # one string per key: a large file keeps ~40 bytes a row
            key = "\x1f".join(map(str, key))
        first = self._seen.setdefault(key, line)
        if first != line:
            raise InputError(
                f"duplicate {self.what} {shown or key} at lines {first} and {line}; expected "
                "each once (a duplicated row would be counted twice)",
                file=self.path,
                line=line,
            )

    def __len__(self) -> int:
        return len(self._seen)


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
    year = context_year if context_year is not None else year_from_name(path)
    if year is not None:
        return check_year(year, file=path)
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


def row_key(
    row: Row, cols: dict[str, str], roles: Sequence[str]
) -> tuple[tuple[str, ...], int, str]:
    """(key, line, shown) of a row for KeyLines: the trimmed, upper-cased values of the
    columns of ``roles`` (roles absent from ``cols`` are skipped)."""
    values = tuple(" ".join(row.get(cols[r]).upper().split()) for r in roles if r in cols)
    return values, row.line, " / ".join(repr(v) for v in values if v)
