"""Cohorts: leerjaar-3 intake per location over the years, and the school-switching assumption.

**Fixed school populations (default).** Pupils choose a vmbo school at 12 for distance,
reputation and friends, and choose a profile at 14 at the school they already attend.
Fewer than 10% switch school between leerjaar 2 and 3, and only 14% of those switch
into a technical profile (SEOR 2026 §3.1, footnote 8, citing Gelderblom et al. 2019,
BRIDGE). Kansrijk therefore keeps each location's intake fixed when its offer changes:
``switch_rate = 0``. ``apply_school_switching`` makes the alternative explicit: a share
``switch_rate`` of the pupils whose preferred profile is not offered at their school
moves to the nearest location that offers it. Sensible sensitivity values are small:
0.10 x 0.14 = 1.4% of all pupils switched to a technical profile in the BRIDGE data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from kansrijk.model.errors import ModelInputError

FloatArray = npt.NDArray[np.float64]

#: Default share of pupils who would switch school to follow a profile (none).
DEFAULT_SWITCH_RATE = 0.0


def project_cohorts(
    intake_by_location: Mapping[str, float],
    years: range,
    growth: Mapping[int, float] | None = None,
) -> dict[int, dict[str, float]]:
    """Leerjaar-3 intake per location for each year, constant by default.

    ``growth`` maps a year to a year-on-year factor applied from that year on
    (cumulative): with base intake ``b``, year ``y`` gets
    ``b * prod(growth[t] for t in years if t <= y)``; years without a factor use 1.
    E.g. ``growth={2027: 0.98, 2028: 0.98}`` gives ``b`` in 2026, ``0.98 b`` in 2027 and
    ``0.9604 b`` from 2028 on. The same path applies to every location.
    """
    if len(years) == 0:
        raise ModelInputError("years is empty; give e.g. range(2026, 2031)")
    for loc, value in intake_by_location.items():
        if not (math.isfinite(value) and value >= 0):
            raise ModelInputError(
                f"intake of location {loc!r} must be finite and >= 0; found {value}"
            )
    factors = dict(growth or {})
    outside = sorted(y for y in factors if y not in years)
    if outside:
        raise ModelInputError(
            f"growth has years {outside} outside the projection {years.start}-{years[-1]}"
        )
    for year, factor in factors.items():
        if not (math.isfinite(factor) and factor > 0):
            raise ModelInputError(
                f"growth factor for {year} must be finite and > 0; found {factor}"
            )
    out: dict[int, dict[str, float]] = {}
    level = 1.0
    for year in years:
        level *= factors.get(year, 1.0)
        out[year] = {loc: float(v) * level for loc, v in intake_by_location.items()}
    return out


def apply_school_switching(
    intake: npt.ArrayLike,
    shares_offered: npt.ArrayLike,
    shares_unrestricted: npt.ArrayLike,
    nearest_offering: npt.ArrayLike,
    *,
    switch_rate: float = DEFAULT_SWITCH_RATE,
) -> FloatArray:
    """Pupils per location x profile when a share of unmet demand switches school.

    Args:
        intake: ``n_loc`` pupils entering leerjaar 3.
        shares_offered: ``n_loc x n_prof`` model shares given each location's offer.
        shares_unrestricted: ``n_loc x n_prof`` model shares if every profile were
            offered (the pupils' preferences).
        nearest_offering: ``n_loc x n_prof`` int, the row index of the nearest location
            offering the profile (``-1`` if none); used only where the profile is not
            offered at the location itself.
        switch_rate: share of the pupils whose preferred profile is not offered who
            switch to ``nearest_offering`` and take it there (default 0: fixed school
            populations).

    Pupils who stay are distributed over the offered profiles by ``shares_offered``
    (consistent with the MNL's IIA). With ``switch_rate=0`` the result is
    ``intake[:, None] * shares_offered``. The total over all locations is preserved
    except for unmet demand without any location offering the profile (it stays).
    """
    n = np.asarray(intake, dtype=np.float64)
    offered = np.asarray(shares_offered, dtype=np.float64)
    full = np.asarray(shares_unrestricted, dtype=np.float64)
    target = np.asarray(nearest_offering)
    if not (0.0 <= switch_rate <= 1.0):
        raise ModelInputError(f"switch_rate must be in [0, 1]; found {switch_rate}")
    if n.ndim != 1 or offered.shape != (n.size, offered.shape[-1]) or offered.ndim != 2:
        raise ModelInputError(
            f"shares_offered must be (n_loc, n_prof) with n_loc = {n.size}; found {offered.shape}"
        )
    if full.shape != offered.shape or target.shape != offered.shape:
        raise ModelInputError(
            f"shares_unrestricted and nearest_offering must have shape {offered.shape}; "
            f"found {full.shape} and {target.shape}"
        )
    if not np.issubdtype(target.dtype, np.integer):
        raise ModelInputError("nearest_offering must be integer row indices (-1 for none)")
    if np.any(target >= n.size) or np.any(target < -1):
        raise ModelInputError(f"nearest_offering must be in [-1, {n.size - 1}]")
    not_offered = offered <= 0
    movable = not_offered & (target >= 0)
    movers = switch_rate * n[:, None] * full * movable
    stay = n - movers.sum(axis=1)
    result = stay[:, None] * offered
    rows, cols = np.nonzero(movers)
    np.add.at(result, (target[rows, cols], cols), movers[rows, cols])
    return np.asarray(result, dtype=np.float64)
