"""Opening the registry database: the engine, sessions, and the Alembic migrations.

The only module that connects to the registry database. ``open_registry(settings)`` makes
the engine for ``settings.database_url`` (default: a SQLite file in the user data dir) and
brings the schema to the newest migration.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from kansrijk.errors import KansrijkError, Message
from kansrijk.settings import Settings

__all__ = ["Registry", "RegistryError", "alembic_config", "default_url", "open_registry"]


class RegistryError(KansrijkError, RuntimeError):
    """The registry database cannot be used (bad URL, server down, ...)."""


def default_url(settings: Settings) -> str:
    """The registry URL: ``settings.database_url``, else a SQLite file ``registry.sqlite``
    next to the warehouse (by default both are in the user data dir)."""
    if settings.database_url:
        return settings.database_url
    path = Path(settings.warehouse).resolve().parent / "registry.sqlite"
    return f"sqlite:///{path}"


def _migrations_dir() -> str:
    return str(resources.files("kansrijk.registry").joinpath("migrations"))


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the registry at ``url`` (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", _migrations_dir())
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cur = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite with foreign keys and WAL; PostgreSQL with a pool."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False})
        else:
            engine = create_engine(
                url, connect_args={"check_same_thread": False}, poolclass=StaticPool
            )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


@dataclass
class Registry:
    """An open registry: its engine and a session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on error."""
        with self.sessions.begin() as s:
            yield s

    def upgrade(self, revision: str = "head") -> None:
        """Run the migrations up to ``revision``."""
        with self.engine.begin() as con:
            cfg = alembic_config(self.url)
            cfg.attributes["connection"] = con
            command.upgrade(cfg, revision)

    def downgrade(self, revision: str = "base") -> None:
        """Run the migrations down to ``revision``."""
        with self.engine.begin() as con:
            cfg = alembic_config(self.url)
            cfg.attributes["connection"] = con
            command.downgrade(cfg, revision)

    def tables(self) -> list[str]:
        """The tables in the database now."""
        return sorted(inspect(self.engine).get_table_names())

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


_LOCK = threading.Lock()


def open_registry(settings: Settings, *, migrate: bool = True) -> Registry:
    """The registry of ``settings``, migrated to the newest schema."""
    url = default_url(settings)
    engine = None
    try:
        engine = make_engine(url)
        reg = Registry(url, engine, sessionmaker(engine, expire_on_commit=False))
        if migrate:
            with _LOCK:
                reg.upgrade()
    except Exception as exc:  # the URL or the server: say which
        if engine is not None:
            engine.dispose()
        if isinstance(exc, KansrijkError):
            raise
        safe = make_url(url).render_as_string(hide_password=True)
        raise RegistryError(
            Message("cannot open the registry database {url}: {error}", url=safe, error=str(exc))
        ) from exc
    return reg
