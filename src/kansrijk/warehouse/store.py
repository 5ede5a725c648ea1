"""The DuckDB warehouse: the only module that opens the database file.

Loads are atomic: a batch of read results goes in one transaction, so a failure leaves
the warehouse exactly as it was. Re-loading a file whose sha256 is already recorded for
all its dataset-years changes nothing; a different file for a dataset-year replaces the
rows of that dataset-year only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
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
from kansrijk.sources.textfile import check_year
from kansrijk.warehouse.guard import check_replacement
from kansrijk.warehouse.placement import rebuild_placement
from kansrijk.warehouse.schema import SCHEMA_VERSION, TABLES, all_ddl, migration_ddl


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
        if self.path.exists() and not self.path.is_file():
            raise WarehouseError(
                f"{self.path}: is not a file; expected a DuckDB warehouse file (--warehouse)"
            )
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=self.read_only)
        except OSError as exc:
            raise WarehouseError(
                f"{self.path.parent}: cannot create the warehouse folder ({exc.strerror})"
            ) from None
        except duckdb.Error as exc:
            raise WarehouseError(plain_words(self.path, exc, opening=True)) from None
        try:
            if not self.read_only:
                self._ensure_schema()
            elif self._stored_version() < SCHEMA_VERSION:
                self.close()
                self._migrate_then_reopen()
            else:
                self._check_version()
        except duckdb.Error as exc:
            self.close()
            raise WarehouseError(plain_words(self.path, exc)) from None

    def _stored_version(self) -> int:
        """The schema version written in the file (0 when it has none)."""
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return SCHEMA_VERSION  # not ours: _check_version says so
        return int(row[0]) if row else 0

    def _migrate_then_reopen(self) -> None:
        """An older warehouse opened read-only: migrate it once writable, then reopen it
        read-only. When another process holds it (a running `kansrijk serve`), say so."""
        try:
            with Warehouse(self.path):
                pass
        except WarehouseError as exc:
            raise WarehouseError(
                f"{self.path}: written by an older Kansrijk (schema version older than "
                f"{SCHEMA_VERSION}) and it could not be migrated: {exc}. Stop the process "
                "that has it open and run any kansrijk command once."
            ) from None
        self._con = duckdb.connect(str(self.path), read_only=True)
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
        try:
            for stmt in all_ddl():
                con.execute(stmt)
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            elif int(row[0]) < SCHEMA_VERSION:  # older warehouse: add the columns it lacks
                existing: dict[str, set[str]] = {}
                for table, column in con.execute(
                    "SELECT table_name, column_name FROM information_schema.columns"
                ).fetchall():
                    existing.setdefault(str(table), set()).add(str(column))
                for stmt in migration_ddl(existing):
                    con.execute(stmt)
                con.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
                )
                rebuild_placement(con)
            elif int(row[0]) > SCHEMA_VERSION:
                raise WarehouseError(
                    f"{self.path}: schema version {row[0]} is newer than this Kansrijk supports "
                    f"({SCHEMA_VERSION}); upgrade Kansrijk"
                )
            con.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Roll back the open transaction; a failure to do so (DuckDB already aborted it,
        e.g. after a full disk) must never hide the error that caused it."""
        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            raise WarehouseError(f"{self.path}: not a Kansrijk warehouse (no meta table)") from None
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise WarehouseError(
                f"{self.path}: schema version {row[0] if row else '?'}; expected "
                f"{SCHEMA_VERSION}; it is migrated when opened writable (e.g. `kansrijk ingest`)."
            )

    # -- loading -------------------------------------------------------------------------

    def load(
        self,
        results: Sequence[ReadResult],
        *,
        replace_smaller: bool = False,
        min_share: float = 0.9,
    ) -> list[LoadOutcome]:
        """Load a batch in one transaction: all or nothing.

        A file replacing a loaded dataset-year with fewer than ``min_share`` of its rows or
        locations/areas (or a region set losing a gemeente) is refused with
        ShrinkingReplaceError, unless ``replace_smaller``. DuckDB failures (disk full,
        read-only file system, ...) end in a WarehouseError that says so in plain words.
        """
        for res in results:
            for year in res.years:
                check_year(year, file=res.path)
        con = self.con
        outcomes: list[LoadOutcome] = []
        try:
            con.execute("BEGIN TRANSACTION")
        except duckdb.Error as exc:
            raise WarehouseError(plain_words(self.path, exc)) from None
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
                outcomes.append(
                    self._load_one(res, min_share=None if replace_smaller else min_share)
                )
            rebuild_placement(con)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise WarehouseError(plain_words(self.path, exc)) from None
        except BaseException:
            self._rollback()
            raise
        return outcomes

    def _load_one(self, res: ReadResult, *, min_share: float | None) -> LoadOutcome:
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
        if min_share is not None and existing:
            check_replacement(
                con,
                file=str(res.path),
                dataset=name,
                years=years,
                tables=res.tables,
                dataset_tables=res.dataset.tables,
                min_share=min_share,
            )
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
            # one thread keeps the reader's row order: a parallel scan interleaves its
            # batches, which compresses to twice the size and costs a second at checkpoint
            # for a 10x national enrollment file
            threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
            con.execute("SET threads = 1")
            try:
                con.execute(f'INSERT INTO "{table_name}" ({quoted}) SELECT {quoted} FROM _incoming')
            finally:
                con.execute(f"SET threads = {int(threads)}")
                con.unregister("_incoming")
        for year in years:
            rows = sum(  # counted, not filtered: a filter copies every column
                int(pc.sum(pc.equal(t["year"], year)).as_py() or 0) for t in res.tables.values()
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


def plain_words(path: Path, exc: duckdb.Error, *, opening: bool = False) -> str:
    """A DuckDB error as a sentence a user can act on (locked, read-only, disk full)."""
    text = str(exc)
    low = text.lower()
    if "lock" in low and ("conflicting" in low or "could not set lock" in low):
        pid = re.search(r"PID (\d+)", text)
        who = f" (process {pid.group(1)})" if pid else ""
        return (
            f"{path}: the warehouse is in use by another process{who}, e.g. `kansrijk serve` "
            "or another ingest; stop it or use another --warehouse, then try again. "
            "Nothing was changed."
        )
    if "no space left" in low or "disk is full" in low or "disk full" in low:
        return (
            f"{path}: the disk is full; free some space and try again. Nothing was changed "
            f"(DuckDB: {text.splitlines()[0][:200]})"
        )
    if "read-only" in low or "read only" in low or "permission denied" in low:
        return (
            f"{path}: cannot write the warehouse (read-only file or folder, or no "
            "permission); choose a writable --warehouse. Nothing was changed "
            f"(DuckDB: {text.splitlines()[0][:200]})"
        )
    if opening:
        return f"{path}: not a usable DuckDB warehouse ({text.splitlines()[0][:300]})"
    return (
        f"{path}: the warehouse could not be written ({text.splitlines()[0][:300]}); "
        "nothing was changed"
    )
