"""Alembic environment of the registry: runs on the connection given by
``Registry.upgrade`` (``config.attributes['connection']``) or on ``sqlalchemy.url``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from kansrijk.registry import measure_models  # noqa: F401  (the measurements' tables)
from kansrijk.registry.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run the migrations online."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(str(config.get_main_option("sqlalchemy.url")))
    with engine.begin() as con:
        context.configure(connection=con, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
