"""DuckDB store: schema, atomic loads, provenance, and queries shared by the layers above."""

from kansrijk.warehouse.ingest import ingest, read_files
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
    "DatasetStatus",
    "LoadOutcome",
    "UnmatchedLocation",
    "Warehouse",
    "ingest",
    "mapped_afdeling_pupils",
    "read_files",
    "region_catalog",
    "status",
    "unmatched_locations",
]
