"""The warehouse schema: versioned DDL for the canonical tables (see sources.canonical),
provenance and meta."""

from __future__ import annotations

from kansrijk.sources.canonical import TABLES

__all__ = ["MIGRATIONS", "PROVENANCE_DDL", "SCHEMA_VERSION", "TABLES", "all_ddl", "table_ddl"]

#: 1: the first schema. 2: mbo tables (mbo_student, mbo_student_home, mbo_entrant,
#: mbo_diploma) and the address columns of mbo_location (DUO 'Adressen mbo').
SCHEMA_VERSION = 2

#: version -> statements that bring a warehouse of version - 1 to it. New tables need no
#: statement (``all_ddl`` creates every missing table); new columns of existing tables do.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: tuple(
        f'ALTER TABLE mbo_location ADD COLUMN IF NOT EXISTS "{c}" VARCHAR'
        for c in (
            "brin",
            "board",
            "kind",
            "street",
            "house_number",
            "postcode",
            "place",
            "gemeente_code_source",
            "gemeente_name_source",
            "province",
        )
    ),
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
