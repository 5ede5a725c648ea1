"""Building Arrow tables with exactly the columns and types of a canonical table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyarrow as pa

from kansrijk.sources.canonical import TABLES

_TYPES: dict[str, pa.DataType] = {
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "VARCHAR": pa.string(),
    "TIMESTAMP": pa.timestamp("us"),
}


def arrow_schema(table_name: str) -> pa.Schema:
    """The Arrow schema of a canonical table."""
    fields = []
    for col, decl in TABLES[table_name].items():
        base = decl.split()[0]
        fields.append(pa.field(col, _TYPES[base], nullable="NOT NULL" not in decl))
    return pa.schema(fields)


def to_arrow(table_name: str, rows: Sequence[Mapping[str, object]]) -> pa.Table:
    """Rows (dicts keyed by column) to an Arrow table of the canonical table's schema.

    Every column of the schema must be present in every row (None allowed where nullable).
    """
    schema = arrow_schema(table_name)
    columns = {name: [row[name] for row in rows] for name in schema.names}
    return pa.table(columns, schema=schema)


class TableBuilder:
    """Collects rows (dicts) into a canonical Arrow table in batches, so a large file never
    holds all its rows as Python dicts at once (``append``/``extend``, then ``table()``)."""

    def __init__(self, table_name: str, batch_rows: int = 4_096) -> None:
        self.schema = arrow_schema(table_name)
        self.batch_rows = batch_rows
        self._rows: list[Mapping[str, object]] = []
        self._batches: list[pa.RecordBatch] = []
        self._count = 0

    def append(self, row: Mapping[str, object]) -> None:
        """Add one row."""
        self._rows.append(row)
        self._count += 1
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def extend(self, rows: Iterable[Mapping[str, object]]) -> None:
        """Add rows."""
        for row in rows:
            self.append(row)

    def __len__(self) -> int:
        return self._count

    def _flush(self) -> None:
        if self._rows:
            columns = [[row[name] for row in self._rows] for name in self.schema.names]
            self._batches.append(pa.record_batch(columns, schema=self.schema))
            self._rows = []

    def table(self) -> pa.Table:
        """All rows added so far as one table."""
        self._flush()
        return pa.Table.from_batches(self._batches, schema=self.schema)
