"""The warehouse schema: versioned DDL for the canonical tables (see sources.canonical),
provenance and meta."""

from __future__ import annotations

from kansrijk.sources.canonical import TABLES

__all__ = ["MIGRATIONS", "PROVENANCE_DDL", "SCHEMA_VERSION", "TABLES", "all_ddl", "table_ddl"]

SCHEMA_VERSION = 2

#: Statements that bring a warehouse of an older version up to the next one (run in order,
#: after the CREATE TABLE IF NOT EXISTS statements of ``all_ddl``, which add new tables).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # --- finder (version 2): po_pupils (new table); phone and website of a location ---
    2: (
        "ALTER TABLE location ADD COLUMN IF NOT EXISTS phone VARCHAR",
        "ALTER TABLE location ADD COLUMN IF NOT EXISTS website VARCHAR",
    ),
    # --- end finder ---
}

#: Provenance: one row per dataset x year loaded.
PROVENANCE_DDL = """
CREATE TABLE IF NOT EXISTS provenance (
    dataset VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    publisher VARCHAR NOT NULL,
    licence VARCHAR NOT NULL,
    source_url VARCHAR,
    loaded_at TIMESTAMP NOT NULL,
    rows BIGINT NOT NULL,
    reader_version VARCHAR NOT NULL,
    fictional BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (dataset, year)
)
"""

META_DDL = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"


def table_ddl(name: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one canonical table."""
    cols = ",\n    ".join(f'"{c}" {t}' for c, t in TABLES[name].items())
    return f'CREATE TABLE IF NOT EXISTS "{name}" (\n    {cols}\n)'


def all_ddl() -> list[str]:
    """Every statement that creates the current schema."""
    return [META_DDL, PROVENANCE_DDL, *(table_ddl(n) for n in TABLES)]
