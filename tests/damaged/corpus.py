"""A corpus of damaged input files, generated from good ones.

Every class of damage a hostile-input audit threw at ``kansrijk ingest`` (header only,
duplicated rows, truncation on and off a row boundary, dropped and renamed columns,
invalid bytes, out-of-range values, CR-only and mixed line ends, lying xlsx dimension,
corrupt zip/xlsx, zip bombs, partial and malformed GeoJSON, deep nesting, oversized and
endless inputs) is applied to each good file. Each case says how ``kansrijk ingest`` must
answer: refused with exit 2 and a message naming the file (and the line, where one
applies), or -- for a lying xlsx dimension -- accepted with every row.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

#: Cases whose data are fine but whose file is larger than this limit (MB, set through
#: KANSRIJK_MAX_FILE_MB for that case only).
OVERSIZE_LIMIT_MB = 1


@dataclass(frozen=True)
class Source:
    """A good file and what the corpus needs to know about it."""

    key: str
    path: Path
    kind: str  # 'csv' | 'xlsx' | 'geojson'
    #: columns (normalised upper case) whose values are counts/numbers to damage
    numbers: tuple[str, ...] = ()
    #: columns the reader does not read (dropping or renaming them loses nothing)
    unread: frozenset[str] = frozenset()
    #: 0-based data row whose values are damaged and which is duplicated
    target_row: int = 0
    #: encoding the publisher writes ('latin-1' for DUO's older files)
    encoding: str = "utf-8"


@dataclass
class Case:
    """One damaged input and the answer ``kansrijk ingest`` must give."""

    cls: str
    name: str
    path: Path
    args: tuple[str, ...] = ()
    line: int | None = None
    expect: str = "refused"  # 'refused' | 'accepted'
    env: dict[str, str] = field(default_factory=dict)
    must_name: str | None = None  # text the message must contain (default: file name)
    rows: int | None = None  # for accepted cases: rows the dataset-year must have

    @property
    def id(self) -> str:
        return f"{self.cls}:{self.name}"


# -- CSV helpers --------------------------------------------------------------------------


@dataclass
class _Csv:
    raw: bytes
    encoding: str
    bom: bool
    newline: bytes
    delimiter: str
    quote_all: bool
    header: list[str]
    rows: list[list[str]]

    @classmethod
    def parse(cls, path: Path, encoding: str) -> _Csv:
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        body = raw[3:] if bom else raw
        newline = b"\r\n" if b"\r\n" in body else b"\n"
        text = body.decode(encoding)
        first = text.split(newline.decode(), 1)[0]
        delimiter = max((";", ",", "\t"), key=first.count)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        return cls(
            raw,
            encoding,
            bom,
            newline,
            delimiter,
            first.startswith('"'),
            records[0],
            [r for r in records[1:] if r],
        )

    def line(self, record: list[str]) -> bytes:
        out = io.StringIO()
        quoting = csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL
        csv.writer(out, delimiter=self.delimiter, quoting=quoting, lineterminator="").writerow(
            record
        )
        return out.getvalue().encode(self.encoding, errors="replace")

    def build(self, header: list[str] | None = None, rows: list[list[str]] | None = None) -> bytes:
        lines = [self.line(header if header is not None else self.header)]
        lines += [self.line(r) for r in (rows if rows is not None else self.rows)]
        return (b"\xef\xbb\xbf" if self.bom else b"") + b"".join(ln + self.newline for ln in lines)

    def index(self, column: str) -> int:
        norm = [" ".join(h.strip().upper().split()) for h in self.header]
        return norm.index(column)


class _Writer:
    """Writes the damaged copies of one source into a folder, under the source's name."""

    def __init__(self, source: Source, folder: Path) -> None:
        self.source = source
        self.folder = folder / source.key
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def write(self, cls: str, name: str, data: bytes, **kw: Any) -> Case:
        self.count += 1
        sub = self.folder / f"{self.count:03d}"
        sub.mkdir()
        path = sub / self.source.path.name  # same name: detection and year as the good file
        path.write_bytes(data)
        return Case(cls, f"{self.source.key}/{name}", path, **kw)

    def special(self, cls: str, name: str, make: Callable[[Path], None], **kw: Any) -> Case:
        self.count += 1
        sub = self.folder / f"{self.count:03d}"
        sub.mkdir()
        path = sub / self.source.path.name
        make(path)
        return Case(cls, f"{self.source.key}/{name}", path, **kw)


BAD_NUMBERS = (
    "1e9",
    "1_000",
    "inf",
    "nan",
    "-1",
    "2147483648",
    "<999",
    "12.5",
    "999999999",
    "abc",
    "0x10",
    "１２",  # full-width digits
)


def csv_cases(source: Source, folder: Path, *, full: bool = True) -> Iterator[Case]:
    """The damaged copies of a CSV source. ``full`` = every column and value (fixtures);
    otherwise a few of each class (large real files)."""
    w = _Writer(source, folder)
    f = _Csv.parse(source.path, source.encoding)
    nl = f.newline
    n = len(f.rows)
    t = source.target_row
    target_line = t + 2
    body = f.build()
    header_len = len(f.line(f.header)) + len(nl) + (3 if f.bom else 0)

    yield w.write("header-only", "header-only", f.build(rows=[]))
    yield w.write("empty", "empty", b"")
    yield w.write("empty", "blank-lines", nl * 5)
    yield w.write(
        "duplicated-rows", "row-again-at-end", f.build(rows=[*f.rows, f.rows[t]]), line=n + 2
    )
    yield w.write(
        "duplicated-rows",
        "all-rows-twice",
        f.build(rows=f.rows + f.rows),
    )
    yield w.write("duplicated-rows", "file-twice", body + body)
    # truncation off a row boundary: inside the last row, inside its last field, no line end
    last_start = body.rstrip(nl).rfind(nl) + len(nl)
    last_line = n + 1
    yield w.write(
        "truncated-mid-row",
        "cut-in-last-row",
        body[: last_start + (len(body) - last_start) // 2],
        line=last_line,
    )
    yield w.write("truncated-mid-row", "cut-in-last-field", body[: -len(nl) - 1], line=last_line)
    yield w.write("truncated-mid-row", "last-line-end-missing", body[: -len(nl)], line=last_line)
    keep = max(1, n * 3 // 10)
    yield w.write(
        "truncated-on-boundary",
        f"first-{keep}-of-{n}-rows",
        f.build(rows=f.rows[:keep]),
    )
    if full and n > 2:
        yield w.write(
            "truncated-on-boundary",
            "cut-just-after-header",
            body[:header_len],
        )
    short = [*f.rows[:-1], f.rows[-1][: max(1, len(f.header) - 3)]]
    yield w.write("missing-fields", "last-record-short", f.build(rows=short), line=last_line)
    extra = [list(r) for r in f.rows]
    extra[t] = [*extra[t], "surplus", "fields"]
    yield w.write("extra-fields", "row-with-surplus-fields", f.build(rows=extra), line=target_line)
    # columns: every column the reader reads, dropped and renamed
    read_columns = [
        h for h in f.header if " ".join(h.strip().upper().split()) not in source.unread and h
    ]
    if not full:
        read_columns = read_columns[:2] + read_columns[-1:]
    for col in read_columns:
        i = f.header.index(col)
        header = f.header[:i] + f.header[i + 1 :]
        rows = [r[:i] + r[i + 1 :] for r in f.rows]
        yield w.write("dropped-column", f"drop-{col}", f.build(header=header, rows=rows), line=1)
    for col in read_columns if full else read_columns[:1]:
        i = f.header.index(col)
        header = [*f.header]
        header[i] = "X_" + col
        yield w.write("renamed-column", f"rename-{col}", f.build(header=header), line=1)
    dup_header = [*f.header, read_columns[0]]
    dup_rows = [[*r, r[f.header.index(read_columns[0])]] for r in f.rows]
    yield w.write(
        "renamed-column", "column-twice", f.build(header=dup_header, rows=dup_rows), line=1
    )
    # values
    numbers = source.numbers if full else source.numbers[:1]
    for col in numbers:
        i = f.index(col)
        for value in BAD_NUMBERS if (full and col == numbers[0]) or not full else BAD_NUMBERS[:3]:
            if not full and value not in {"1e9", "inf", "1_000", "<999", "-1"}:
                continue
            rows = [list(r) for r in f.rows]
            rows[t][i] = value
            yield w.write("out-of-range", f"{col}={value}", f.build(rows=rows), line=target_line)
    # bytes and line ends
    lines = body.split(nl)
    mid = min(max(1, t + 1), len(lines) - 2)
    if source.encoding == "latin-1":
        highs = [k for k, ln in enumerate(lines) if k and re.search(rb"[\x80-\xff]", ln)]
        mixed = [*lines]
        if len(highs) >= 2:  # one line re-encoded as UTF-8, the others stay latin-1
            mixed[highs[-1]] = lines[highs[-1]].decode("latin-1").encode("utf-8")
            yield w.write("invalid-bytes", "one-line-utf8", nl.join(mixed), line=highs[-1] + 1)
        else:  # a UTF-8 name in one line, a latin-1 one in another
            mixed[1] = lines[1] + b"\xe9"
            mixed[2] = lines[2] + "\u00e9".encode()
            yield w.write("invalid-bytes", "utf8-and-latin1", nl.join(mixed))
    else:
        bad = [*lines]
        bad[mid] = lines[mid][:3] + b"\xff" + lines[mid][3:]
        yield w.write("invalid-bytes", "ff-byte", nl.join(bad), line=mid + 1)
        bad = [*lines]
        bad[mid] = lines[mid][:3] + b"\xc3\x28" + lines[mid][3:]
        yield w.write("invalid-bytes", "broken-utf8-sequence", nl.join(bad), line=mid + 1)
    nul = [*lines]
    nul[mid] = lines[mid][:2] + b"\x00" + lines[mid][2:]
    yield w.write("invalid-bytes", "nul-byte", nl.join(nul), line=mid + 1)
    ctl = [*lines]
    ctl[mid] = lines[mid][:2] + b"\x1b" + lines[mid][2:]
    yield w.write("invalid-bytes", "control-character", nl.join(ctl), line=mid + 1)
    yield w.write("line-ends", "cr-only", body.replace(nl, b"\r"), line=1)
    half = len(lines) // 2
    other = b"\n" if nl == b"\r\n" else b"\r\n"
    yield w.write(
        "line-ends", "mixed-crlf-lf", nl.join(lines[:half]) + nl + other.join(lines[half:])
    )
    yield w.write(
        "malformed-quoting",
        "unterminated-quote",
        body.rstrip(nl) + f.delimiter.encode() + b'"open' + nl,
        line=last_line,
    )
    rng = random.Random(14)
    yield w.write("binary", "random-bytes", bytes(rng.randrange(256) for _ in range(4096)))
    yield from _common(w, body)


def _common(w: _Writer, body: bytes) -> Iterator[Case]:
    """Oversized and endless inputs, for any kind of file."""
    limit = OVERSIZE_LIMIT_MB * 1024 * 1024

    def sparse(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(body)
            fh.truncate(limit + 1024)

    yield w.special(
        "oversized",
        "over-max-file-size",
        sparse,
        env={"KANSRIJK_MAX_FILE_MB": str(OVERSIZE_LIMIT_MB)},
    )

    def fifo(path: Path) -> None:
        os.mkfifo(path)

    yield w.special("endless", "fifo", fifo)

    def to_dev_zero(path: Path) -> None:
        path.symlink_to("/dev/zero")

    yield w.special("endless", "symlink-to-dev-zero", to_dev_zero)

    def directory(path: Path) -> None:
        path.mkdir()

    yield w.special("endless", "directory", directory)


def argument_cases(good: Path, dataset: str, folder: Path) -> Iterator[Case]:
    """Bad command lines with a good file: years, devices, directories, missing files."""
    yield Case("bad-argument", "year=-1", good, args=("--year", "-1"), must_name="--year -1")
    yield Case(
        "bad-argument",
        "year=99999999999",
        good,
        args=("--year", "99999999999"),
        must_name="--year 99999999999",
    )
    yield Case("bad-argument", "year=0", good, args=("--year", "0"), must_name="--year 0")
    yield Case("endless", "dev-zero", Path("/dev/zero"), must_name="/dev/zero")
    yield Case("endless", "dev-urandom", Path("/dev/urandom"), must_name="/dev/urandom")
    yield Case(
        "endless",
        "dev-zero-with-dataset",
        Path("/dev/zero"),
        args=("--dataset", dataset),
        must_name="/dev/zero",
    )
    d = folder / "a-directory"
    d.mkdir(exist_ok=True)
    yield Case("endless", "directory-with-dataset", d, args=("--dataset", dataset))
    yield Case("missing", "no-such-file", folder / "missing-2019.csv")


# -- xlsx -----------------------------------------------------------------------------------


def _rezip(src: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(src)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def xlsx_cases(
    source: Source,
    folder: Path,
    make: Callable[[Path, list[list[Any]] | None], Path] | None = None,
    data: list[list[Any]] | None = None,
    rows: int | None = None,
) -> Iterator[Case]:
    """Damaged copies of a kerncijfers xlsx. ``make(path, data)`` rebuilds a workbook from
    data rows (fixtures); without it only byte-level damage is applied (real files)."""
    w = _Writer(source, folder)
    good = source.path.read_bytes()
    if make is not None and data is not None:

        def build(rows_: list[list[Any]]) -> bytes:
            tmp = folder / "_build" / source.path.name
            tmp.parent.mkdir(exist_ok=True)
            make(tmp, rows_)
            return tmp.read_bytes()

        yield w.write("header-only", "no-data-rows", build([]))
        yield w.write("duplicated-rows", "pc4-twice", build([*data, data[0]]))
        for value in (1e9, -5, "1e9", "inf", "1_000", "abc", 2**31):
            bad = [list(r) for r in data]
            bad[0][1] = value
            yield w.write("out-of-range", f"B={value}", build(bad))
        yield w.write(
            "truncated-on-boundary", "first-row-only", build(data[:1]), must_name="would replace"
        )

    def lie(name: str, content: bytes) -> bytes:
        if name == SHEET:
            return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:C3"/>', content)
        return content

    yield w.write(
        "lying-dimension", "dimension-A1-C3", _rezip(good, lie), expect="accepted", rows=rows
    )

    def no_dimension(name: str, content: bytes) -> bytes:
        if name == SHEET:
            return re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", content)
        return content

    yield w.write(
        "lying-dimension", "no-dimension", _rezip(good, no_dimension), expect="accepted", rows=rows
    )
    yield w.write("corrupt-zip", "cut-at-half", good[: len(good) // 2])
    yield w.write("corrupt-zip", "cut-last-100-bytes", good[:-100])
    yield w.write("corrupt-zip", "not-a-zip", b"Postcode-4;Man;Vrouw\n1011;1;2\n")
    flipped = bytearray(good)
    for k in range(len(good) // 3, len(good) // 3 + 64):
        flipped[k] ^= 0x5A
    yield w.write("corrupt-zip", "flipped-bytes", bytes(flipped))

    def cut_xml(name: str, content: bytes) -> bytes:
        return content[: len(content) // 2] if name == SHEET else content

    yield w.write("corrupt-xlsx", "sheet-xml-cut", _rezip(good, cut_xml))

    def drop_sheet(name: str, content: bytes) -> bytes | None:
        return None if name == SHEET else content

    yield w.write("corrupt-xlsx", "sheet-missing", _rezip(good, drop_sheet))

    def not_xml(name: str, content: bytes) -> bytes:
        return b"\x00\x01 this is not xml" if name == SHEET else content

    yield w.write("corrupt-xlsx", "sheet-not-xml", _rezip(good, not_xml))

    def bomb(name: str, content: bytes) -> bytes:
        if name == SHEET:
            return content.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 * 1024 * 1024), 1)
        return content

    if make is not None:  # a real sheet dilutes 40 MB of spaces below the bomb ratio
        yield w.write("zip-bomb", "40MB-of-spaces-in-the-sheet", _rezip(good, bomb))
    out = io.BytesIO(good)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/image1.bin", b"\0" * (100 * 1024 * 1024))
    yield w.write("zip-bomb", "100MB-member", out.getvalue())
    yield w.write(
        "zip-bomb",
        "decompressed-over-limit",
        good,
        env={"KANSRIJK_MAX_DECOMPRESSED_MB": "0.01"},
    )
    yield from _common(w, good)


# -- GeoJSON ----------------------------------------------------------------------------------


def geojson_cases(source: Source, folder: Path, *, full: bool = True) -> Iterator[Case]:
    """Damaged copies of a gemeente GeoJSON."""
    w = _Writer(source, folder)
    raw = source.path.read_bytes()
    doc = json.loads(raw)
    feats = doc["features"]

    def dump(d: Any) -> bytes:
        return json.dumps(d).encode()

    def with_features(fs: list[Any]) -> bytes:
        return dump({**doc, "features": fs})

    yield w.write("header-only", "no-features", with_features([]))
    yield w.write(
        "partial",
        f"1-of-{len(feats)}-features",
        with_features(feats[:1]),
        must_name="would replace",
    )
    yield w.write("duplicated-rows", "feature-twice", with_features([*feats, feats[0]]))
    yield w.write("truncated-mid-row", "cut-at-half", raw[: len(raw) // 2])
    yield w.write("truncated-mid-row", "last-byte-missing", raw.rstrip()[:-1])
    yield w.write("empty", "empty", b"")
    yield w.write("empty", "not-json", b"gemeenteCode;gemeenteNaam\nGM0001;X\n")
    deep: Any = [3.0, 52.0]
    for _ in range(100_000):
        deep = [deep]
    nested = json.loads(json.dumps(feats[0]))
    nested["geometry"]["coordinates"] = "DEEP"
    text = dump({**doc, "features": [nested]}).replace(
        b'"DEEP"', b"[" * 100_000 + b"1" + b"]" * 100_000
    )
    yield w.write("deep-nesting", "100000-deep-coordinates", text)
    yield w.write("deep-nesting", "100000-deep-document", b"[" * 100_000 + b"]" * 100_000)

    def broken(edit: Callable[[dict[str, Any]], None]) -> bytes:
        d = json.loads(raw)
        edit(d)
        return dump(d)

    edits: dict[str, Callable[[dict[str, Any]], None]] = {
        "features-object": lambda d: d.update(features={"a": 1}),
        "top-level-list": lambda d: (d.clear(), d.update(type="Feature")),
        "feature-string": lambda d: d["features"].__setitem__(0, "feature"),
        "properties-list": lambda d: d["features"][0].update(properties=[1, 2]),
        "geometry-point": lambda d: d["features"][0].update(
            geometry={"type": "Point", "coordinates": [5.0, 52.0]}
        ),
        "geometry-null": lambda d: d["features"][0].update(geometry=None),
        "coordinates-string": lambda d: d["features"][0]["geometry"].update(coordinates="abc"),
        "coordinates-of-strings": lambda d: d["features"][0]["geometry"].update(
            coordinates=[[["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]]]
        ),
        "ring-too-short": lambda d: d["features"][0]["geometry"].update(
            coordinates=[[[5.0, 52.0], [5.1, 52.0]]]
        ),
        "crs-unknown": lambda d: d.update(
            crs={"type": "name", "properties": {"name": "EPSG:3035"}}
        ),
        "code-number": lambda d: _set_first_prop(d, 12345),
        "code-empty": lambda d: _set_first_prop(d, ""),
        "coordinates-outside-nl": lambda d: _shift(d, 40.0 if _is_degrees(d) else 900_000.0),
    }
    for name, edit in edits.items():
        yield w.write("wrong-types", name, broken(edit))
    at = raw.find(b'"coordinates"')
    number = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?").search(raw, at)
    assert number is not None
    for name, value in (("nan", b"NaN"), ("infinity", b"Infinity"), ("1e308", b"1e308")):
        yield w.write(
            "wrong-types",
            f"{name}-coordinate",
            raw[: number.start()] + value + raw[number.end() :],
        )
    bad = bytearray(raw)
    at = raw.find(b'"', len(raw) // 3)
    bad[at + 1 : at + 1] = b"\xff"
    yield w.write("invalid-bytes", "ff-byte", bytes(bad), line=raw.count(b"\n", 0, at) + 1)
    yield w.write("line-ends", "only-a-cr", b"\r")
    yield from _common(w, raw)


def _is_degrees(d: dict[str, Any]) -> bool:
    return "28992" not in json.dumps(d.get("crs", ""))


def _set_first_prop(d: dict[str, Any], value: Any) -> None:
    props = d["features"][0]["properties"]
    key = next(k for k in props if k.lower() in {"gemeentecode", "statcode", "gemeente"})
    props[key] = value


def _shift(d: dict[str, Any], dx: float) -> None:
    def walk(c: Any) -> Any:
        if isinstance(c, list) and c and isinstance(c[0], (int, float)):
            return [c[0] + dx, *c[1:]]
        return [walk(x) for x in c]

    g = d["features"][0]["geometry"]
    g["coordinates"] = walk(g["coordinates"])


def checksums(warehouse: Path, ignore: frozenset[str] = frozenset()) -> dict[str, tuple[Any, ...]]:
    """Row count and sum of row hashes of every table (provenance included), leaving out
    the columns named in ``ignore`` (e.g. ``loaded_at``)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out: dict[str, tuple[Any, ...]] = {}
        for (table,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY 1"
        ).fetchall():
            cols = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                    [table],
                ).fetchall()
                if c not in ignore
            ]
            quoted = ", ".join(f'"{c}"' for c in cols)
            row = con.execute(
                f'SELECT count(*), sum(hash({quoted})::HUGEINT) FROM "{table}"'
            ).fetchone()
            assert row is not None
            out[str(table)] = tuple(row)
        return out
    finally:
        con.close()
