"""Ingest budget: one DUO enrollment year < 2 s; all of shared/data (17 files) < 20 s; and
ingest CPU within 2x of a plain DuckDB ``read_csv`` + ``UNPIVOT`` that makes the identical
``vo_enrollment`` table, for one year and for a 10x national file, whose peak memory must stay
under 600 MiB.

The ratio benchmark runs each side in a fresh process (so that peak memory is its own):
``.venv/bin/python -m benchmarks.test_ingest_bench [ROUNDS]``. CPU is user + system time
of the process from after its imports to the end of the load (``resource.getrusage``); peak
memory is the process's peak resident set (``VmHWM``), imports included.

The reference is what DuckDB does with no checks at all: it parses the file with the
columns given, unpivots the twelve count columns, drops the zeros and joins two small
lookup tables (location code; education type x sector x afdeling x programme -> track,
profile, ...) that it is handed ready-made, built before its clock starts; it writes into a
new database file with the canonical table. Ours is ``kansrijk.warehouse.ingest`` into a new
warehouse: byte checks, header and layout checks, every value checked, the duplicate check,
provenance and placement. After both ran, their ``vo_enrollment`` tables must be equal.
"""

from __future__ import annotations

import csv
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import ENROLLMENT_2019, real_files
from benchmarks.synthetic_years import national_file
from kansrijk.warehouse import Warehouse, ingest

_counter = itertools.count()
#: Budgets of issue 15: ours / reference CPU, and peak memory for the 10x file.
MAX_RATIO = 2.0
MAX_PEAK_MIB_10X = 600


def _fresh(tmp_path: Path) -> Path:
    return tmp_path / f"bench-{next(_counter)}.duckdb"


@pytest.mark.realdata
def test_ingest_all_shared_data(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    files = real_files()

    def run() -> int:
        with Warehouse(_fresh(tmp_path)) as wh:
            return len(ingest(wh, files))

    assert benchmark.pedantic(run, rounds=3, iterations=1) == len(files)


@pytest.mark.realdata
def test_ingest_one_enrollment_year(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    real_files()

    def run() -> int:
        with Warehouse(_fresh(tmp_path)) as wh:
            return ingest(wh, [ENROLLMENT_2019])[0].rows

    assert benchmark.pedantic(run, rounds=5, iterations=1) == 74070


# -- ours against the plain DuckDB reference, each in its own process -----------------------


def _cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _peak_mib() -> float:
    """The process's peak resident set (VmHWM). Not ``ru_maxrss``: Linux keeps that across
    ``exec``, so a child started from a large pytest process reported the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _ours(source: Path, db: Path) -> dict[str, float]:
    from kansrijk.settings import Settings
    from kansrijk.sources.registry import readers

    readers(), Settings()  # imports are start-up cost (issue 15 measures them apart)
    start = _cpu()
    with Warehouse(db) as wh:
        rows = ingest(wh, [source])[0].rows
    return {"cpu": _cpu() - start, "peak_mib": _peak_mib(), "rows": rows}


def _lookups(source: Path) -> tuple[list[tuple[str, ...]], list[tuple[object, ...]]]:
    """The reference's ready-made lookup tables, from a plain csv-module pass (not timed)."""
    from kansrijk.sources.duo_vo_enrollment import _loc_code, classify

    locs: set[tuple[str, str]] = set()
    combos: set[tuple[str, str, str, str]] = set()
    with source.open(encoding="latin-1", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        for row in reader:
            locs.add((row["BRIN NUMMER"], row["VESTIGINGSNUMMER"]))
            combos.add(
                (
                    row["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"],
                    row["VMBO SECTOR"],
                    row["AFDELING"],
                    row["OPLEIDINGSNAAM"],
                )
            )
    loc_rows = [(b, v, _loc_code(b, v, None, source)) for b, v in sorted(locs)]
    class_rows = [(*c, *classify(*c, None)) for c in sorted(combos)]
    return loc_rows, class_rows


def _reference(source: Path, db: Path, year: int) -> dict[str, float]:
    import duckdb
    import pyarrow as pa

    from kansrijk.sources.canonical import TABLES

    loc_rows, class_rows = _lookups(source)
    loc_map = pa.table({n: [r[i] for r in loc_rows] for i, n in enumerate(["b", "v", "loc"])})
    names = ["t", "s", "a", "p", "track", "sector", "profile", "afdeling", "mapped", "old"]
    names += ["route", "lwoo", "lwt", "ent"]
    class_map = pa.table({n: [r[i] for r in class_rows] for i, n in enumerate(names)})
    ddl = ", ".join(f'"{c}" {t}' for c, t in TABLES["vo_enrollment"].items())
    counts = [f"LEER- OF VERBLIJFSJAAR {n} - {s}" for n in range(1, 7) for s in ("MAN", "VROUW")]
    on = ", ".join(f'"{c}"' for c in counts)
    start = _cpu()
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE vo_enrollment ({ddl})")
    con.register("loc_map", loc_map)
    con.register("class_map", class_map)
    columns = {
        "BRIN NUMMER": "VARCHAR",
        "VESTIGINGSNUMMER": "VARCHAR",
        "INSTELLINGSNAAM VESTIGING": "VARCHAR",
        "PLAATSNAAM VESTIGING": "VARCHAR",
        "PROVINCIE VESTIGING": "VARCHAR",
        "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR": "VARCHAR",
        "VMBO SECTOR": "VARCHAR",
        "AFDELING": "VARCHAR",
        "ELEMENTCODE": "VARCHAR",
        "OPLEIDINGSNAAM": "VARCHAR",
        **dict.fromkeys(counts, "INTEGER"),
    }
    con.execute(
        f"""INSERT INTO vo_enrollment
        SELECT 'duo_vo_enrollment', {year}, l.loc, u."INSTELLINGSNAAM VESTIGING",
            u."PLAATSNAAM VESTIGING", u."PROVINCIE VESTIGING", k.track,
            u."ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR",
            CAST(substr(u.col, 24, 1) AS INTEGER), k.sector, k.profile, k.afdeling, k.mapped,
            k.old, k.route, u.ELEMENTCODE, u.OPLEIDINGSNAAM, k.lwoo, k.lwt, k.ent,
            CASE WHEN u.col LIKE '%MAN' THEN 'm' ELSE 'f' END, u.n, false
        FROM (UNPIVOT (SELECT * FROM read_csv('{source}', header = true, delim = ';',
                  encoding = 'latin-1', columns = {columns!r}))
              ON {on} INTO NAME col VALUE n) u
        JOIN loc_map l ON l.b = u."BRIN NUMMER" AND l.v = u.VESTIGINGSNUMMER
        JOIN class_map k ON k.t = u."ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"
            AND k.s = u."VMBO SECTOR" AND k.a = u.AFDELING AND k.p = u.OPLEIDINGSNAAM
        WHERE u.n <> 0"""
    )
    (rows,) = con.execute("SELECT count(*) FROM vo_enrollment").fetchall()[0]
    con.close()
    return {"cpu": _cpu() - start, "peak_mib": _peak_mib(), "rows": rows}


def _run(side: str, source: Path, db: Path) -> dict[str, float]:
    """One measurement in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.test_ingest_bench", "--one", side, str(source), str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _same_table(ours: Path, reference: Path) -> int:
    """Rows in one table and not in the other (both ways, with multiplicity)."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"ATTACH '{ours}' AS o (READ_ONLY)")
    con.execute(f"ATTACH '{reference}' AS r (READ_ONLY)")
    cols = "* EXCLUDE (dataset)"
    sql = (
        f"SELECT (SELECT count(*) FROM (SELECT {cols} FROM o.vo_enrollment EXCEPT ALL "
        f"SELECT {cols} FROM r.vo_enrollment)) + (SELECT count(*) FROM (SELECT {cols} FROM "
        f"r.vo_enrollment EXCEPT ALL SELECT {cols} FROM o.vo_enrollment))"
    )
    (diff,) = con.execute(sql).fetchall()[0]
    con.close()
    return int(diff)


def compare(source: Path, rounds: int, folder: Path) -> dict[str, object]:
    """Median CPU and peak memory of ours and the reference on one file, same run."""
    runs: dict[str, list[dict[str, float]]] = {"ours": [], "reference": []}
    dbs: dict[str, Path] = {}
    for i in range(rounds):
        for side, done in runs.items():
            db = folder / f"{side}-{source.stem}-{i}.duckdb"
            done.append(_run(side, source, db))
            dbs[side] = db
    diff = _same_table(dbs["ours"], dbs["reference"])
    cpu = {s: statistics.median(r["cpu"] for r in runs[s]) for s in runs}
    peak = {s: max(r["peak_mib"] for r in runs[s]) for s in runs}
    return {
        "file": source.name,
        "rows": runs["ours"][0]["rows"],
        "cpu_ours": round(cpu["ours"], 3),
        "cpu_reference": round(cpu["reference"], 3),
        "ratio": round(cpu["ours"] / cpu["reference"], 2),
        "peak_mib_ours": round(peak["ours"]),
        "peak_mib_reference": round(peak["reference"]),
        "rows_differing": diff,
    }


def ratios(rounds: int = 3) -> list[dict[str, object]]:
    """One year (the real 2019 file) and a 10x national file made from it."""
    with tempfile.TemporaryDirectory(prefix="kansrijk-ingest-bench-") as tmp:
        folder = Path(tmp)
        big = national_file(
            ENROLLMENT_2019,
            folder / "leerlingen-vo-per-vestiging-naar-onderwijstype-10x-2019.csv",
            10,
        )
        return [compare(ENROLLMENT_2019, rounds, folder), compare(big, rounds, folder)]


@pytest.mark.realdata
def test_ingest_cpu_within_twice_plain_duckdb() -> None:
    real_files()
    one, ten = ratios(rounds=1)
    for r in (one, ten):
        print(r)
        assert r["rows_differing"] == 0
        assert float(r["ratio"]) <= MAX_RATIO, r  # type: ignore[arg-type]
    assert float(ten["peak_mib_ours"]) < MAX_PEAK_MIB_10X, ten  # type: ignore[arg-type]
    assert ten["rows"] == 10 * 74070


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        side, src, target = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
        res = _ours(src, target) if side == "ours" else _reference(src, target, 2019)
        print(json.dumps(res))
    else:
        for line in ratios(int(sys.argv[1]) if sys.argv[1:] else 3):
            print(json.dumps(line))
