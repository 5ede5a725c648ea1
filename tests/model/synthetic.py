"""Synthetic choice data drawn from a known MNL with availability."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kansrijk.model import ChoiceData
from kansrijk.vocab.profiles import Profile

PROFILES: tuple[str, ...] = tuple(p.value for p in Profile)
TECHNIEK = ("BWI", "PIE", "MT", "MAT")


def true_shares(
    alpha: npt.NDArray[np.float64],
    beta: npt.NDArray[np.float64],
    x: npt.NDArray[np.float64],
    available: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    u = alpha + x @ beta
    u = np.where(available, u, -np.inf)
    e = np.exp(u - u.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def simulate(
    rng: np.random.Generator,
    *,
    n_loc: int = 300,
    profiles: tuple[str, ...] = PROFILES,
    alpha: npt.ArrayLike | None = None,
    beta: npt.ArrayLike | None = None,
    k: int = 2,
    p_offer: float = 0.6,
    size: tuple[int, int] = (20, 150),
    full_offer: bool = False,
) -> tuple[ChoiceData, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Data from a known MNL; returns (data, alpha, beta) with alpha[0] = beta[:, 0] = 0."""
    n_prof = len(profiles)
    a = rng.normal(0, 0.7, n_prof) if alpha is None else np.asarray(alpha, dtype=float)
    a = a - a[0]
    b = rng.normal(0, 0.4, (k, n_prof)) if beta is None else np.asarray(beta, dtype=float)
    b = b - b[:, :1]
    x = rng.normal(size=(n_loc, b.shape[0])) * np.linspace(1, 3, b.shape[0]) + 2.0
    if full_offer:
        offer = np.ones((n_loc, n_prof), dtype=bool)
    else:
        offer = rng.random((n_loc, n_prof)) < p_offer
        offer[np.arange(n_loc), rng.integers(0, n_prof, n_loc)] = True
    probs = true_shares(a, b, x, offer)
    pupils = rng.integers(size[0], size[1], n_loc)
    counts = np.array([rng.multinomial(pupils[i], probs[i]) for i in range(n_loc)], dtype=float)
    data = ChoiceData(
        locations=tuple(f"{i:04d}AA00" for i in range(n_loc)),
        profiles=profiles,
        counts=counts,
        available=offer,
        covariates=x,
        covariate_names=tuple(f"x{j}" for j in range(b.shape[0])),
        leerweg="KB",
    )
    return data, a, b
