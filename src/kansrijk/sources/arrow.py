"""Building Arrow tables with exactly the columns and types of a canonical table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
