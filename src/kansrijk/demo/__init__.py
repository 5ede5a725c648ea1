"""Deterministic generator of a fictional demo region (the embedded default when no real
data is loaded). Everything it makes is labelled as fictional: ``fictional=True`` on every
read result, ``(fictief)`` in every name, codes and postcodes that do not exist."""

from kansrijk.demo.build import (
    DEFAULT_SEED,
    LICENCE,
    PUBLISHER,
    build_demo,
    dataset_names,
    load_demo,
)
from kansrijk.demo.custom import demo_custom_regions, regions_for

__all__ = [
    "DEFAULT_SEED",
    "LICENCE",
    "PUBLISHER",
    "build_demo",
    "dataset_names",
    "demo_custom_regions",
    "load_demo",
    "regions_for",
]
