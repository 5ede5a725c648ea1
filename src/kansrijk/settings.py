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
    # -- ingest: limits and the replace guard ----------------------------------------------
    max_file_mb: float = Field(
        default=256.0,
        gt=0,
        description="Largest input file `kansrijk ingest` reads, in MB (publishers' files are "
        "a few MB).",
    )
    max_decompressed_mb: float = Field(
        default=512.0,
        gt=0,
        description="Largest decompressed size of an xlsx (zip) input, in MB (zip bombs).",
    )
    seconds_per_file: float = Field(
        default=300.0, gt=0, description="Time limit for reading one input file, in seconds."
    )
    replace_min_share: float = Field(
        default=0.9,
        ge=0,
        le=1,
        description="A new file replacing a loaded dataset-year must keep at least this share "
        "of its rows and locations/areas, unless `--replace-smaller` is given.",
    )
