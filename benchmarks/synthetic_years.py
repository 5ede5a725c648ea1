"""Synthetic enrollment years for benchmarks: a warehouse holding N copies of one real
enrollment year (2019 from ../shared/data, or the demo's newest year when the real files are
absent) as years ``last - N + 1 .. last``, with the location places of that year copied to
each, so that indicators do N times the work of one year on real-shaped data."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.conftest import ENROLLMENT_2019, REAL_FOLDERS, SHARED_DATA
from kansrijk.demo import load_demo
from kansrijk.warehouse import Warehouse, ingest


def base_warehouse(path: Path) -> str:
    """Load the real files (or, without them, the demo) into ``path``; which one it was."""
    with Warehouse(path) as wh:
        if ENROLLMENT_2019.exists():
            files = sorted(
                p for sub in REAL_FOLDERS for p in (SHARED_DATA / sub).glob("*") if p.is_file()
            )
            ingest(wh, files)
            return "real"
        load_demo(wh)
        return "demo"


def make_years(base: Path, path: Path, n_years: int) -> list[int]:
    """Copy ``base`` to ``path`` and make its enrollment ``n_years`` copies of the newest
    real year; the years it now holds."""
    shutil.copyfile(base, path)
    with Warehouse(path) as wh:
        con = wh.con
        (last,) = con.execute(
            "SELECT CASE WHEN list_contains(list(DISTINCT year), 2019) THEN 2019 "
            "ELSE max(year) END FROM vo_enrollment"
        ).fetchone() or (None,)
        years = list(range(int(last) - n_years + 1, int(last) + 1))
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM vo_enrollment WHERE year <> ?", [last])
        con.execute(
            "DELETE FROM location_place WHERE year IN (SELECT unnest(?)) AND year <> ?",
            [years, last],
        )
        for year in years[:-1]:
            con.execute(
                "INSERT INTO vo_enrollment SELECT * REPLACE (? AS year) FROM vo_enrollment "
                "WHERE year = ?",
                [year, last],
            )
            con.execute(
                "INSERT INTO location_place SELECT * REPLACE (? AS year) FROM location_place "
                "WHERE year = ?",
                [year, last],
            )
        con.execute("COMMIT")
        return years


_SYMBOLS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _brin_prefix(copy: int, digits: bytes) -> bytes:
    """The first two characters of a BRIN in copy ``copy`` (1-9) of a file: a letter and a
    letter or digit, one pair for each copy x the real BRIN's two leading digits."""
    index = (copy - 1) * 100 + int(digits)
    return bytes([_SYMBOLS[index // 36], _SYMBOLS[index % 36]])


def national_file(source: Path, path: Path, times: int) -> Path:
    """Write ``path``: the data rows of a 2019-layout enrollment file ``source`` ``times``
    times over, in the file's own bytes (encoding, separator, line ends). In copy ``k`` > 0
    every BRIN's two leading digits become two characters of which the first is a letter (no
    real BRIN starts with one), different for every copy and digit pair, so that every row
    stays a distinct location x programme. An ``N``x national file, one year."""
    if not 1 <= times <= 10:
        raise ValueError("times must be 1-10")
    raw = source.read_bytes()
    newline = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    header, _, body = raw.partition(newline)
    lines = [ln for ln in body.split(newline) if ln]
    with path.open("wb") as out:
        out.write(header + newline)
        for k in range(times):
            for ln in lines:
                out.write((_brin_prefix(k, ln[:2]) + ln[2:] if k else ln) + newline)
    return path
