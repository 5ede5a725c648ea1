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

    # ------------------------------------------------------------------ web limits
    allowed_hosts: tuple[str, ...] = Field(
        default=("localhost", "127.0.0.1", "::1"),
        description=(
            "Host names the web app answers to (any port); others get 400. Add the server's "
            "public names; `*` allows any."
        ),
    )
    max_url_bytes: int = Field(
        default=16384,
        ge=256,
        description="Longest request target (path and query) the web app reads; longer: 414.",
    )
    max_query_items: int = Field(
        default=1000,
        ge=10,
        description="Most query parameters (repeats included) in one web request; more: 400.",
    )
    max_list_items: int = Field(
        default=50,
        ge=1,
        description=(
            "Most items of a comma-separated list parameter (regions, years, by) and most "
            "scenarios on the compare page's basket; more: 400."
        ),
    )
    max_value_chars: int = Field(
        default=8192,
        ge=64,
        description="Longest value of one query parameter; longer: 400.",
    )
    max_scenario_changes: int = Field(
        default=200,
        ge=1,
        description="Most additions plus removals of profiles in one built scenario; more: 400.",
    )
    max_draws: int = Field(
        default=1000,
        ge=0,
        le=100000,
        description="Most parameter draws of a scenario run on the web; more: 400.",
    )
    max_scenario_work: int = Field(
        default=250000,
        ge=1000,
        description=(
            "Budget of one scenario run on the web in location-draws (locations of the region "
            "x (draws + 1)); a larger run is refused with 400 saying how many draws fit."
        ),
    )
    scenario_workers: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Scenario runs computed at the same time by the web app.",
    )
    scenario_queue_seconds: float = Field(
        default=10.0,
        ge=0.0,
        description="How long a scenario run waits for a free worker; then 503 + Retry-After.",
    )
    scenario_timeout_seconds: float = Field(
        default=20.0,
        gt=0.0,
        description=(
            "How long a request waits for its scenario run; then 503 + Retry-After (the run "
            "finishes in the background and its result is cached)."
        ),
    )
    scenario_cache_size: int = Field(
        default=256,
        ge=1,
        description="Scenario results kept per web app (LRU by canonical scenario and draws).",
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        gt=0.0,
        description=(
            "`kansrijk serve`: a connection must send a complete request head within this "
            "time (slow or half-open clients are closed)."
        ),
    )
    keep_alive_seconds: float = Field(
        default=5.0,
        gt=0.0,
        description="`kansrijk serve`: idle keep-alive connections are closed after this time.",
    )
    max_header_bytes: int = Field(
        default=32768,
        ge=1024,
        description="`kansrijk serve`: largest request head (request line and headers); more: 431.",
    )
    max_connections: int = Field(
        default=1000,
        ge=1,
        description="`kansrijk serve`: most open connections and tasks; more get 503.",
    )

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
    finder_frame_ancestors: str = Field(
        default="'self'",
        description=(
            "Sites allowed to embed the school finder widget (/scholenwijzer/embed) in a "
            "frame: a CSP frame-ancestors source list, e.g. 'self' https://www.gemeente.nl"
        ),
    )

    # -- base map of the atlas and the finder (docs/web.md "Map") ------------------------
    tile_url: str = Field(
        default=(
            "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"
            "{z}/{x}/{y}.png"
        ),
        description=(
            "Base-map tiles (XYZ, EPSG:3857) with {z}, {x} and {y}; default PDOK's "
            "BRT-Achtergrondkaart. Empty: no tiles, the map draws its own layers only."
        ),
    )
    tile_attribution: str = Field(
        default="Kaartgegevens © Kadaster (BRT-Achtergrondkaart, PDOK)",
        description="Attribution shown on the map for the base-map tiles.",
    )
