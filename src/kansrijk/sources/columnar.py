"""Column-wise reading of a delimited text file: DuckDB parses it, Python checks distinct values.

:class:`DelimitedFile` has already scanned the file's bytes (encoding, NUL bytes, line ends)
and read its header. :class:`ColumnarCsv` then lets DuckDB parse the whole file into an
in-memory table with every column as text, so that a reader classifies only the *distinct*
values of a column in Python and builds its canonical table with one SQL statement.

It is a fast path with a precondition: the file must parse in DuckDB into exactly one record
per line (no blank lines, no line ends inside quotes, exactly as many fields as the header in
every row), hold no control characters and no over-long field, and show none of the quoting
on which parsers differ (spaces between a quote and a separator). Whenever that is not so,
or a reader finds a value it cannot classify, :class:`NotColumnar` is raised and the reader
reads the file row by row instead: the row-wise path then reports the problem with its
line, or reads the unusual file correctly. So every check of the row-wise path stays, and
error messages keep naming the line in the file.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kansrijk.sources.limits import check_time
from kansrijk.sources.textfile import DelimitedFile

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

#: Characters the row-wise reader refuses in a field (as ``textfile._CONTROL``).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Encodings DuckDB decodes itself; cp1252 is transcoded to UTF-8 first when it has bytes
#: 0x80-0x9f (where it differs from latin-1).
#: DuckDB threads for parsing: one keeps the rows in file order (compact in the warehouse).
THREADS = 1
_NATIVE = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "latin-1"}


class NotColumnar(Exception):  # noqa: N818 - a signal between a reader and its fast path
    """The file must be read row by row (it may be damaged, or unusual). Never escapes a
    reader: the reader catches it and takes the row-wise path, which names file and line."""


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


class ColumnarCsv:
    """A delimited file parsed by DuckDB into the in-memory table ``raw``.

    Columns are named ``c0``, ``c1``, ... in header order (:meth:`col` maps a normalised
    header name to its SQL name); every value is text, an empty field is ``''`` (never
    NULL). Use as a context manager; the connection is closed on exit.
    """

    def __init__(self, df: DelimitedFile) -> None:
        info = df.info
        if info is None or not info.ends_with_newline or info.quote_space:
            raise NotColumnar("needs the row-wise reader")
        if df.encoding not in _NATIVE:  # latin-1: bytes 0x80-0x9f are control characters
            raise NotColumnar(f"encoding {df.encoding}")
        self.df = df
        self.path = df.path
        self._names = {h: f"c{i}" for i, h in enumerate(df.header)}
        self._distinct: dict[str, list[str]] = {}
        self._con: duckdb.DuckDBPyConnection | None = None
        self.rows = 0

    # -- life cycle ---------------------------------------------------------------------

    def __enter__(self) -> ColumnarCsv:
        import duckdb

        self._con = duckdb.connect(":memory:", config={"threads": THREADS})
        try:
            with self._utf8_or_native() as (source, encoding):
                self._parse(source, encoding)
        except duckdb.Error as exc:
            self.close()
            raise NotColumnar(str(exc).split("\n", 1)[0]) from None
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the in-memory database."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The in-memory connection holding ``raw``."""
        assert self._con is not None, "use ColumnarCsv as a context manager"
        return self._con

    @contextmanager
    def _utf8_or_native(self) -> Iterator[tuple[Path, str]]:
        """The file as DuckDB can decode it: itself, or a UTF-8 copy of a cp1252 file that
        has bytes 0x80-0x9f (the euro sign, curly quotes: latin-1 would read them wrongly)."""
        info = self.df.info
        assert info is not None
        if self.df.encoding != "cp1252" or not info.c1_bytes:
            yield self.path, _NATIVE[self.df.encoding]
            return
        fd, name = tempfile.mkstemp(suffix=".csv", prefix="kansrijk-utf8-")
        tmp = Path(name)
        try:
            with (
                os.fdopen(fd, "w", encoding="utf-8", newline="") as out,
                self.path.open(encoding="cp1252", newline="") as src,
            ):
                for block in iter(lambda: src.read(1 << 20), ""):
                    out.write(block)
            yield tmp, "utf-8"
        finally:
            tmp.unlink(missing_ok=True)

    def _parse(self, source: Path, encoding: str) -> None:
        df = self.df
        info = df.info
        assert info is not None
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(df.header)))
        select = ", ".join(f"coalesce(c{i}, '') AS c{i}" for i in range(len(df.header)))
        self.con.execute(
            f"CREATE TABLE raw AS SELECT {select} FROM read_csv({sql_text(str(source))}, "
            f"auto_detect = false, header = true, delim = {sql_text(df.delimiter)}, "
            f"quote = '\"', escape = '\"', columns = {{{columns}}}, strict_mode = true, "
            f"null_padding = false, encoding = {sql_text(encoding)}, "
            f"max_line_size = {4 * csv.field_size_limit()})"
        )
        check_time(self.path)
        row = self.con.execute("SELECT count(*) FROM raw").fetchall()[0]
        self.rows = int(row[0]) if row else 0
        # one record per line: no blank lines, no line ends inside quoted fields
        if self.rows == 0 or self.rows != info.lines - 1:
            raise NotColumnar(f"{self.rows} records in {info.lines - 1} lines")
        lists = ", ".join(f"list(DISTINCT c{i})" for i in range(len(df.header)))
        found = self.con.execute(f"SELECT {lists} FROM raw").fetchall()[0]
        assert found is not None
        limit = csv.field_size_limit()
        for header, values in zip(df.header, found, strict=True):
            for v in values:
                if len(v) > limit or _CONTROL.search(v):
                    raise NotColumnar(f"field in column {header!r}")
            self._distinct[header] = values
        check_time(self.path)

    # -- what readers use -----------------------------------------------------------------

    def col(self, header: str) -> str:
        """The SQL name of the column with this normalised header name."""
        return self._names[header]

    def distinct(self, header: str) -> list[str]:
        """The distinct values of a column, as in the file ('' for an empty field)."""
        return self._distinct[header]

    def distinct_rows(self, headers: Sequence[str]) -> list[tuple[str, ...]]:
        """The distinct combinations of the values of these columns."""
        cols = ", ".join(self.col(h) for h in headers)
        return [tuple(r) for r in self.con.execute(f"SELECT DISTINCT {cols} FROM raw").fetchall()]

    def mapped(self, header: str, fn: Callable[[str], str | None], alias: str) -> str:
        """A SQL expression for ``fn`` applied to every value of a column: the column itself
        when ``fn`` changes no value, else a lookup in a small table of the distinct values."""
        values = self.distinct(header)
        out = [fn(v) for v in values]
        if all(o == v for o, v in zip(out, values, strict=True)):
            return self.col(header)
        import pyarrow as pa

        self.register(alias, pa.table({"raw": values, "val": out}))
        return f"(SELECT val FROM {alias} WHERE {alias}.raw = {self.col(header)})"

    def register(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table visible to SQL under ``name``."""
        self.con.register(name, table)

    def unique(self, exprs: Sequence[str]) -> bool:
        """True when no two rows have equal values of these SQL expressions."""
        key = ", ".join(exprs)
        row = self.con.execute(f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM raw)").fetchall()[
            0
        ]
        return bool(row) and int(row[0]) == self.rows
