"""Region hierarchy (NL, provincie, COROP, arbeidsmarktregio, gemeente, PC4), gemeente
mergers, and custom regions (MRDH, Rotterdam Zuid, user YAML)."""

from kansrijk.regions.catalog import Membership, Region, RegionCatalog
from kansrijk.regions.custom import (
    CustomRegion,
    all_custom_regions,
    load_regions_file,
    packaged_regions,
)
from kansrijk.regions.level import LEVEL_LABELS, Level, level_of, normalise_gemeente_code
from kansrijk.regions.successions import (
    GemeenteNames,
    Succession,
    current_code,
    fold_name,
    predecessors,
    successions,
)

__all__ = [
    "LEVEL_LABELS",
    "CustomRegion",
    "GemeenteNames",
    "Level",
    "Membership",
    "Region",
    "RegionCatalog",
    "Succession",
    "all_custom_regions",
    "current_code",
    "fold_name",
    "level_of",
    "load_regions_file",
    "normalise_gemeente_code",
    "packaged_regions",
    "predecessors",
    "successions",
]
