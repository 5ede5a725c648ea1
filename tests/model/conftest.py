"""Fixtures: synthetic choice data drawn from a known MNL."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.model import ChoiceData

from .synthetic import simulate


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20260511)


@pytest.fixture
def simulated(rng: np.random.Generator) -> tuple[ChoiceData, np.ndarray, np.ndarray]:
    return simulate(rng)
