"""The enrollment reader's two paths: DuckDB column-wise (fast) and Python row-wise.

The column path must give exactly the row path's table for every file it takes, and hand
every unusual file to the row path (``NotColumnar``), which then reads it or names the line
of its problem. Variants are written from the 2019 fixture in DUO's own format.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from tests.conftest import ENROLLMENT_2019, FIXTURES, SHARED_DATA, require_real_data

from kansrijk.errors import InputError
from kansrijk.sources import ReadContext
from kansrijk.sources.columnar import NotColumnar
from kansrijk.sources.duo_vo_enrollment import (
    _COUNT,
    _SEX,
    DuoVoEnrollmentReader,
    _resolve_columns,
    read_columns,
)
from kansrijk.sources.textfile import DelimitedFile

DUO = FIXTURES / "duo"
GOOD = DUO / "enrollment-fictief-2019.csv"
READER = DuoVoEnrollmentReader()


def _both(path: Path) -> tuple[pa.Table | None, pa.Table]:
    """(column path's table or None when it declines, row path's table)."""
    df = DelimitedFile(path)
    cols = _resolve_columns(df)
    counts = [(h, int(m.group(1)), _SEX[m.group(2)]) for h in df.header if (m := _COUNT.match(h))]
    try:
        columns: pa.Table | None = read_columns(df, cols, counts, 2019)
    except NotColumnar:
        columns = None
    return columns, READER.read_rows(df, cols, counts, 2019)


def _differing(a: pa.Table, b: pa.Table) -> int:
    """Rows in one table and not the other, with multiplicity, both ways."""
    con = duckdb.connect()
    con.register("a", a)
    con.register("b", b)
    sql = (
        "SELECT (SELECT count(*) FROM (FROM a EXCEPT ALL FROM b)) "
        "+ (SELECT count(*) FROM (FROM b EXCEPT ALL FROM a))"
    )
    return int(con.execute(sql).fetchall()[0][0])


@pytest.mark.parametrize(
    "name",
    [
        "enrollment-fictief-2019.csv",
        "enrollment-fictief-2023.csv",
        "leerlingen-vo-per-vestiging-fictief-2016-2017.csv",
    ],
)
def test_column_path_equals_row_path_on_every_layout(name: str) -> None:
    columns, rows = _both(DUO / name)
    assert columns is not None, "the fixtures are plain files: the column path takes them"
    assert columns.schema == rows.schema
    assert columns.num_rows == rows.num_rows > 0
    assert _differing(columns, rows) == 0


@pytest.mark.realdata
@pytest.mark.parametrize("year", [2016, 2019])
def test_column_path_equals_row_path_on_the_real_files(year: int) -> None:
    require_real_data()
    path = (
        ENROLLMENT_2019
        if year == 2019
        else SHARED_DATA
        / "duo-earlier"
        / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv"
    )
    columns, rows = _both(path)
    assert columns is not None
    assert columns.num_rows == rows.num_rows == {2016: 74590, 2019: 74070}[year]
    assert _differing(columns, rows) == 0


NL = b"\r\n" if b"\r\n" in GOOD.read_bytes() else b"\n"


def _lines() -> tuple[bytes, list[bytes]]:
    header, *rows = GOOD.read_bytes().split(NL)
    return header, [r for r in rows if r]


def _write(tmp_path: Path, header: bytes, rows: list[bytes]) -> Path:
    path = tmp_path / "enrollment-variant-2019.csv"
    path.write_bytes(NL.join([header, *rows]) + NL)
    return path


def _variant(tmp_path: Path, change: str) -> Path:
    header, rows = _lines()
    if change == "blank line":
        rows = [*rows[:3], b"", *rows[3:]]
    elif change == "space before a quoted field":
        f = rows[1].split(b";")
        f[2] = b' "' + f[2] + b'"'
        rows[1] = b";".join(f)
    elif change == "line end inside a quoted field":
        f = rows[1].split(b";")
        f[2] = b'"' + f[2] + NL + b'annex"'
        rows[1] = b";".join(f)
    elif change == "empty field after the last column":
        rows = [r + b";" for r in rows]
    elif change == "names trimmed differently":
        f = rows[0].split(b";")
        f[3] = b"  " + f[3] + b"  "
        rows[0] = b";".join(f)
    elif change == "duplicate in other case":
        f = rows[1].split(b";")
        f[9] = f[9].lower()
        rows.append(b";".join(f))
    else:  # "latin-1 with a euro sign" (cp1252 0x80): read through a UTF-8 copy
        f = rows[0].split(b";")
        f[2] = f[2] + b" \x80"
        rows[0] = b";".join(f)
    return _write(tmp_path, header, rows)


@pytest.mark.parametrize(
    ("change", "columnar"),
    [
        ("blank line", False),
        ("space before a quoted field", False),
        ("line end inside a quoted field", False),
        ("empty field after the last column", True),
        ("duplicate in other case", False),
        ("names trimmed differently", True),
        ("latin-1 with a euro sign", True),
    ],
)
def test_unusual_files_read_as_the_row_path_reads_them(
    tmp_path: Path, change: str, columnar: bool
) -> None:
    path = _variant(tmp_path, change)
    if change == "duplicate in other case":
        with pytest.raises(InputError) as info:
            READER.read(path, ReadContext())
        _, rows = _lines()
        assert f"line {len(rows) + 2}: duplicate location x education type" in str(info.value)
        assert f"at lines 3 and {len(rows) + 2}" in str(info.value)
        return
    columns, rows_table = _both(path)
    assert (columns is not None) == columnar
    result = READER.read(path, ReadContext()).tables["vo_enrollment"]
    assert _differing(result, rows_table) == 0
    if change == "names trimmed differently":
        assert "HAVENSTAD" in result.column("place").to_pylist()
        assert not any(p.startswith(" ") for p in result.column("place").to_pylist())
    if change == "latin-1 with a euro sign":
        assert "Fictief Collège Havenstad \u20ac" in result.column("loc_name").to_pylist()


@pytest.mark.parametrize(
    ("value", "line"),
    [("1e9", 3), ("<999", 4), ("abc", 2)],
)
def test_a_bad_count_is_named_with_its_line(tmp_path: Path, value: str, line: int) -> None:
    header, rows = _lines()
    f = rows[line - 2].split(b";")
    f[14] = value.encode()
    rows[line - 2] = b";".join(f)
    path = _write(tmp_path, header, rows)
    with pytest.raises(InputError) as info:
        READER.read(path, ReadContext())
    assert f"line {line}, column 'LEER- OF VERBLIJFSJAAR 3 - MAN'" in str(info.value)
    assert repr(value) in str(info.value)
