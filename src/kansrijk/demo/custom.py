"""The demo region's custom regions (DEMO, DEMO-ZUID), from packaged YAML."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kansrijk.regions import CustomRegion, all_custom_regions, load_regions_file
from kansrijk.warehouse import Warehouse


def demo_custom_regions() -> list[CustomRegion]:
    """DEMO (the four demo gemeenten) and DEMO-ZUID (PC4 areas of Havenstad), read from
    ``demo/demo_regions.yaml`` with the regions package's parser."""
    with resources.as_file(resources.files("kansrijk.demo") / "demo_regions.yaml") as path:
        return load_regions_file(path)


def regions_for(wh: Warehouse, regions_file: Path | None = None) -> list[CustomRegion]:
    """The custom regions that apply to a warehouse: packaged and the user's file, plus DEMO
    and DEMO-ZUID when the fictional demo region is loaded (CLI and web alike)."""
    regions = all_custom_regions(regions_file)
    return regions + demo_custom_regions() if wh.has_fictional() else regions
