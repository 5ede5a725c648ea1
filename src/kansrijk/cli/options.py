"""Options shared by commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kansrijk.settings import Settings
    from kansrijk.warehouse import Warehouse


WarehouseOpt = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        help="Warehouse file (default: KANSRIJK_WAREHOUSE, else the user data dir).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
RegionsFileOpt = Annotated[
    Path | None,
    typer.Option("--regions", help="YAML file with extra custom regions (KANSRIJK_REGIONS_FILE)."),
]


def settings_for(warehouse: Path | None = None, regions_file: Path | None = None) -> Settings:
    """Settings from the environment, with command-line overrides."""
    from kansrijk.settings import Settings

    base = Settings()
    updates: dict[str, object] = {}
    if warehouse is not None:
        updates["warehouse"] = warehouse
    if regions_file is not None:
        updates["regions_file"] = regions_file
    return base.model_copy(update=updates) if updates else base


def open_for_reading(settings: Settings) -> Warehouse:
    """The settings' warehouse, read-only when it exists (so commands can read while
    `kansrijk serve` has it open), else created empty."""
    from kansrijk.warehouse import Warehouse

    path = settings.warehouse
    return Warehouse(path, read_only=path.exists())
