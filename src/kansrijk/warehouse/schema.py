"""The warehouse schema: versioned DDL for the canonical tables (see sources.canonical),
provenance and meta."""

from __future__ import annotations

from kansrijk.sources.canonical import TABLES
from kansrijk.warehouse.placement import LOCATION_PLACE_DDL

__all__ = ["PROVENANCE_DDL", "SCHEMA_VERSION", "TABLES", "all_ddl", "migration_ddl", "table_ddl"]

#: 2: vo_enrollment gained province, afdeling, profile_mapped, old_category (old afdelingen);
#: tables location_place and woonplaats (placement of locations by place name).
#: 3: mbo tables (mbo_student, mbo_student_home, mbo_entrant, mbo_diploma) and the address
#: columns of mbo_location (DUO 'Adressen mbo'); added to older warehouses by migration_ddl.
# --- finder: version 4 ---------------------------------------------------------------------
#: 4: table po_pupils (DUO primary-school pupils by home PC4 and age) and the phone and
#: website columns of location; added to older warehouses by migration_ddl.
# --- end finder ----------------------------------------------------------------------------
SCHEMA_VERSION = 4

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
    return [META_DDL, PROVENANCE_DDL, *(table_ddl(n) for n in TABLES), LOCATION_PLACE_DDL]


def migration_ddl(existing: dict[str, set[str]]) -> list[str]:
    """``ALTER TABLE ... ADD COLUMN`` for canonical columns an older warehouse lacks.

    ``existing``: table -> its column names. Added columns are nullable; a ``BOOLEAN NOT
    NULL`` column gets ``DEFAULT false`` so older rows read as false.
    """
    out = []
    for name, cols in TABLES.items():
        have = existing.get(name)
        if have is None:
            continue
        for col, decl in cols.items():
            if col in have:
                continue
            base = decl.split()[0]
            default = " DEFAULT false" if base == "BOOLEAN" else ""
            out.append(f'ALTER TABLE "{name}" ADD COLUMN "{col}" {base}{default}')
    return out
