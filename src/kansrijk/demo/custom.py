"""The demo region's custom regions (DEMO, DEMO-ZUID), from packaged YAML."""

from __future__ import annotations

from importlib import resources

from kansrijk.regions import CustomRegion, load_regions_file


def demo_custom_regions() -> list[CustomRegion]:
    """DEMO (the four demo gemeenten) and DEMO-ZUID (PC4 areas of Havenstad), read from
    ``demo/demo_regions.yaml`` with the regions package's parser."""
    with resources.as_file(resources.files("kansrijk.demo") / "demo_regions.yaml") as path:
        return load_regions_file(path)
