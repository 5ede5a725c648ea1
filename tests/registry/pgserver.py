"""A throwaway PostgreSQL server for the registry tests and benchmarks: ``initdb`` in a
temporary directory, a free port, its unix socket in that directory, trust authentication
on the socket only; stopped (and the directory removed) at the end. As root the server runs
as the ``postgres`` user (``runuser``), which owns the directory.

``KANSRIJK_TEST_DATABASE_URL`` names an existing server instead (CI may start one).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

#: Debian's server binaries, newest major version first.
BIN_DIRS = tuple(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
ENV_URL = "KANSRIJK_TEST_DATABASE_URL"


def pg_bin() -> Path | None:
    """The directory of Debian's PostgreSQL server binaries, if installed."""
    for d in BIN_DIRS:
        if (d / "initdb").exists():
            return d
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running server; ``url(db)`` is a SQLAlchemy URL to a database on it."""

    base_url: str  # without database name
    tmp: Path | None = None
    bindir: Path | None = None

    def url(self, database: str) -> str:
        """The URL of ``database`` on this server."""
        return (
            sa.make_url(self.base_url).set(database=database).render_as_string(hide_password=False)
        )

    def create_database(self, prefix: str = "kansrijk") -> str:
        """A new empty database; its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        engine = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as con:
            con.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        """Stop the server this object started (not an external one)."""
        if self.tmp is None or self.bindir is None:
            return
        _run_as_owner(
            [str(self.bindir / "pg_ctl"), "-D", str(self.tmp / "data"), "-m", "fast", "-w", "stop"],
            self.tmp,
        )
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None


def _run_as_owner(argv: list[str], tmp: Path) -> None:
    if os.geteuid() == 0:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=True, capture_output=True, cwd=tmp, timeout=120)


def start_server() -> PgServer:
    """Start a server in a new temporary directory (RuntimeError when impossible)."""
    external = os.environ.get(ENV_URL)
    if external:
        return PgServer(external)
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    tmp = Path(tempfile.mkdtemp(prefix="kansrijk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    port = _free_port()
    data = tmp / "data"
    try:
        _run_as_owner(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
            ],
            tmp,
        )
        opts = f"-p {port} -k {tmp} -c listen_addresses='' -c fsync=off -c max_connections=200"
        _run_as_owner(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(tmp / "log"),
                "-w",
                "start",
            ],
            tmp,
        )
    except subprocess.CalledProcessError as exc:
        log = (tmp / "log").read_text() if (tmp / "log").exists() else ""
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr!r} {log}") from exc
    return PgServer(f"postgresql+psycopg://postgres@?host={tmp}&port={port}", tmp, bindir)
