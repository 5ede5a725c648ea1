"""The partner registry: organisations, accounts and roles, technology activities and
school requests, matching, reach and its two indicators, import, API tokens and the audit
trail. SQLAlchemy models with Alembic migrations; the only package that opens the registry
database (SQLite by default, PostgreSQL in production: ``KANSRIJK_DATABASE_URL``)."""

from kansrijk.registry import measure_models  # noqa: F401  (registers the tables)
from kansrijk.registry.audit import Actor
from kansrijk.registry.db import Registry, RegistryError, open_registry
from kansrijk.registry.errors import (
    ConflictError,
    FieldError,
    ForbiddenError,
    RecordNotFoundError,
    ThrottledError,
)
from kansrijk.registry.places import Places, load_places
from kansrijk.registry.reach import INDICATOR_IDS, Reach, indicator_value, reach

__all__ = [
    "INDICATOR_IDS",
    "Actor",
    "ConflictError",
    "FieldError",
    "ForbiddenError",
    "Places",
    "Reach",
    "RecordNotFoundError",
    "Registry",
    "RegistryError",
    "ThrottledError",
    "indicator_value",
    "load_places",
    "open_registry",
    "reach",
]
