"""Settings, read from the environment with prefix ``KANSRIJK_``."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kansrijk", appauthor=False))


def _cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("kansrijk", appauthor=False))


class Settings(BaseSettings):
    """All settings of Kansrijk. Environment variables: ``KANSRIJK_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="KANSRIJK_", frozen=True)

    warehouse: Path = Field(
        default_factory=lambda: _data_dir() / "kansrijk.duckdb",
        description="The DuckDB warehouse file.",
    )
    cache_dir: Path = Field(
        default_factory=_cache_dir,
        description="Where `kansrijk fetch` keeps downloaded files.",
    )
    regions_file: Path | None = Field(
        default=None,
        description="A YAML file with extra custom regions, added to the packaged ones.",
    )
    language: str = Field(default="nl", description="Default language of the web app: nl or en.")
    # -- partner registry (docs/registry.md) ---------------------------------------------
    database_url: str | None = Field(
        default=None,
        description=(
            "The registry database (SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db); "
            "default a SQLite file registry.sqlite in the user data dir."
        ),
    )
    secret_key: str | None = Field(
        default=None,
        description=(
            "Key that signs session cookies and CSRF tokens; default a random key kept in "
            "secret.key in the user data dir (set it when several workers serve)."
        ),
    )
    smtp_host: str | None = Field(
        default=None, description="SMTP server for password-reset mail (none: mail is logged)."
    )
    smtp_port: int = Field(default=25, description="Port of the SMTP server.")
    smtp_user: str | None = Field(default=None, description="SMTP user name, if it needs one.")
    smtp_password: str | None = Field(default=None, description="SMTP password.")
    smtp_starttls: bool = Field(default=False, description="Use STARTTLS with the SMTP server.")
    mail_from: str = Field(
        default="kansrijk@localhost", description="Sender address of the registry's mail."
    )
    retention_days: int = Field(
        default=730,
        description=(
            "Days the registry keeps audit entries, login failures and used reset tokens."
        ),
    )
