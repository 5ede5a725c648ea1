"""The DuckDB warehouse: the only module that opens the database file.

Loads are atomic: a batch of read results goes in one transaction, so a failure leaves
the warehouse exactly as it was. Re-loading a file whose sha256 is already recorded for
all its dataset-years changes nothing; a different file for a dataset-year replaces the
rows of that dataset-year only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from kansrijk.errors import WarehouseError
from kansrijk.sources.result import ReadResult
from kansrijk.warehouse.schema import MIGRATIONS, SCHEMA_VERSION, TABLES, all_ddl


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    """What happened to one file: ``loaded``, ``replaced`` (older release of the same
    dataset-year(s) replaced) or ``unchanged`` (same sha256 already loaded)."""

    file: str
    dataset: str
    years: tuple[int, ...]
    status: str
    rows: int
    notes: tuple[str, ...] = field(default=())


class Warehouse:
    """A DuckDB warehouse file. Use as ``with Warehouse(path) as wh: ...``."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None

    def __enter__(self) -> Warehouse:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Open (and, when writable, create or migrate) the database file."""
        if self.read_only and not self.path.exists():
            raise WarehouseError(f"{self.path}: no warehouse here; run `kansrijk ingest` first")
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.IOException as exc:
            raise WarehouseError(f"{self.path}: cannot open the warehouse ({exc})") from None
        except duckdb.Error as exc:
            raise WarehouseError(f"{self.path}: not a usable DuckDB warehouse ({exc})") from None
        if not self.read_only:
            self._ensure_schema()
        else:
            self._check_version()

    def close(self) -> None:
        """Close the connection."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def cursor(self) -> Warehouse:
        """A handle on the same open database with its own cursor, for one thread or request
        (DuckDB connections must not be shared between threads; cursors may)."""
        view = Warehouse(self.path, read_only=self.read_only)
        view._con = self.con.cursor()
        return view

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection."""
        if self._con is None:
            raise WarehouseError("the warehouse is not open")
        return self._con

    def _ensure_schema(self) -> None:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        for stmt in all_ddl():
            con.execute(stmt)
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) > SCHEMA_VERSION:
            con.execute("ROLLBACK")
            raise WarehouseError(
                f"{self.path}: schema version {row[0]} is newer than this Kansrijk supports "
                f"({SCHEMA_VERSION}); upgrade Kansrijk"
            )
        elif int(row[0]) < SCHEMA_VERSION:
            for version in range(int(row[0]) + 1, SCHEMA_VERSION + 1):
                for stmt in MIGRATIONS.get(version, ()):
                    con.execute(stmt)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
        con.execute("COMMIT")

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            raise WarehouseError(f"{self.path}: not a Kansrijk warehouse (no meta table)") from None
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise WarehouseError(
                f"{self.path}: schema version {row[0] if row else '?'}; expected "
                f"{SCHEMA_VERSION}. Open it once writable (e.g. `kansrijk status`) to migrate."
            )

    # -- loading -------------------------------------------------------------------------

    def load(self, results: Sequence[ReadResult]) -> list[LoadOutcome]:
        """Load a batch in one transaction: all or nothing."""
        con = self.con
        outcomes: list[LoadOutcome] = []
        con.execute("BEGIN TRANSACTION")
        try:
            has_real = any(not r.fictional for r in results)
            if has_real and self.has_fictional():
                self._drop_fictional()
            if any(r.fictional for r in results) and self.has_real():
                raise WarehouseError(
                    f"{self.path}: holds real data; the fictional demo region is never mixed "
                    "with real data. Use another --warehouse for the demo."
                )
            for res in results:
                outcomes.append(self._load_one(res))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return outcomes

    def _load_one(self, res: ReadResult) -> LoadOutcome:
        con = self.con
        name = res.dataset.name
        years = list(res.years)
        existing = con.execute(
            "SELECT year, sha256 FROM provenance WHERE dataset = ? AND year IN "
            f"({', '.join('?' * len(years))})",
            [name, *years],
        ).fetchall()
        same = {y for y, sha in existing if sha == res.sha256}
        if len(same) == len(years):
            return LoadOutcome(str(res.path), name, res.years, "unchanged", 0, res.notes)
        for table_name in res.dataset.tables:
            con.execute(
                f'DELETE FROM "{table_name}" WHERE dataset = ? AND year IN '
                f"({', '.join('?' * len(years))})",
                [name, *years],
            )
        con.execute(
            f"DELETE FROM provenance WHERE dataset = ? AND year IN ({', '.join('?' * len(years))})",
            [name, *years],
        )
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        for table_name, table in res.tables.items():
            if table_name not in TABLES:
                raise WarehouseError(f"reader produced unknown table {table_name!r}")
            cols = list(TABLES[table_name])
            arrow = table.select(cols)
            con.register("_incoming", arrow)
            quoted = ", ".join(f'"{c}"' for c in cols)
            con.execute(f'INSERT INTO "{table_name}" ({quoted}) SELECT {quoted} FROM _incoming')
            con.unregister("_incoming")
        for year in years:
            rows = sum(
                int(t.filter(pc.equal(t["year"], year)).num_rows) for t in res.tables.values()
            )
            con.execute(
                "INSERT INTO provenance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    name,
                    year,
                    res.path.name,
                    res.sha256,
                    res.dataset.publisher,
                    res.dataset.licence,
                    res.dataset.url,
                    now,
                    rows,
                    res.dataset.reader_version,
                    res.fictional,
                ],
            )
        status = "replaced" if existing else "loaded"
        return LoadOutcome(str(res.path), name, res.years, status, res.rows, res.notes)

    def has_fictional(self) -> bool:
        """True when the demo region is loaded."""
        row = self.con.execute("SELECT count(*) FROM provenance WHERE fictional").fetchone()
        return bool(row and row[0])

    def has_real(self) -> bool:
        """True when any real (non-fictional) dataset is loaded."""
        row = self.con.execute("SELECT count(*) FROM provenance WHERE NOT fictional").fetchone()
        return bool(row and row[0])

    def _drop_fictional(self) -> None:
        datasets = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT dataset FROM provenance WHERE fictional"
            ).fetchall()
        ]
        for table_name in TABLES:
            for ds in datasets:
                self.con.execute(f'DELETE FROM "{table_name}" WHERE dataset = ?', [ds])
        self.con.execute("DELETE FROM provenance WHERE fictional")

    # -- reading -------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query."""
        return self.con.execute(sql, list(params)).fetchall()

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """A query's result as an Arrow table."""
        return self.con.execute(sql, list(params)).to_arrow_table()

    @contextmanager
    def registered(self, name: str, table: pa.Table) -> Iterator[None]:
        """Make an Arrow table visible to SQL as ``name`` for the block."""
        self.con.register(name, table)
        try:
            yield
        finally:
            self.con.unregister(name)
