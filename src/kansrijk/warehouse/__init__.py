"""DuckDB store: schema, atomic loads, provenance, and queries shared by the layers above."""

from kansrijk.warehouse.ingest import ingest, read_files
from kansrijk.warehouse.locations import (
    Cell,
    VmboLocation,
    has_real_enrollment,
    pc4_rd,
    table_years,
    vmbo_locations,
)
from kansrijk.warehouse.queries import (
    BOVENBOUW_FILTER,
    DatasetStatus,
    UnmatchedLocation,
    mapped_afdeling_pupils,
    region_catalog,
    status,
    unmatched_locations,
)
from kansrijk.warehouse.schema import SCHEMA_VERSION
from kansrijk.warehouse.store import LoadOutcome, Warehouse

__all__ = [
    "BOVENBOUW_FILTER",
    "SCHEMA_VERSION",
    "Cell",
    "DatasetStatus",
    "LoadOutcome",
    "UnmatchedLocation",
    "VmboLocation",
    "Warehouse",
    "has_real_enrollment",
    "ingest",
    "mapped_afdeling_pupils",
    "pc4_rd",
    "read_files",
    "region_catalog",
    "status",
    "table_years",
    "unmatched_locations",
    "vmbo_locations",
]
