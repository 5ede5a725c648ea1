"""Seeded random streams: one independent, reproducible stream per table."""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, name: str) -> np.random.Generator:
    """A numpy Generator for ``name`` under ``seed``; the same pair always gives the same
    draws, and changing one table's draws never shifts another's."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def poisson(rng: np.random.Generator, mean: float) -> int:
    """One Poisson draw as a Python int (0 for a non-positive mean)."""
    return int(rng.poisson(mean)) if mean > 0 else 0


def binomial(rng: np.random.Generator, n: int, p: float) -> int:
    """One binomial draw as a Python int."""
    return int(rng.binomial(n, p)) if n > 0 else 0
