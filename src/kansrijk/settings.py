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
    finder_frame_ancestors: str = Field(
        default="'self'",
        description=(
            "Sites allowed to embed the school finder widget (/scholenwijzer/embed) in a "
            "frame: a CSP frame-ancestors source list, e.g. 'self' https://www.gemeente.nl"
        ),
    )
