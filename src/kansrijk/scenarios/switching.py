"""School switching (``switch_rate`` > 0): the change in switching flows a scenario causes.

With ``switch_rate = s``, a share ``s`` of the pupils whose preferred profile (the
model's share with every profile offered) is not available at their school moves to the
nearest location of the region offering it in the same leerweg, and takes it there; the
others choose among what their school offers (``kansrijk.model.apply_school_switching``).
The data already contain whatever switching happened, so a scenario adds only the
*change*: ``switching(scenario state) - switching(baseline state)``. The baseline still
equals the data, the region's total is preserved, and a location that starts offering a
profile keeps pupils who used to leave for it (and may attract those of its neighbours).
Switching out of the region is not modelled.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kansrijk.geo import nearest_distance_km
from kansrijk.scenarios.national import PROFILES
from kansrijk.scenarios.state import State

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


def nearest_offering(state: State) -> IntArray:
    """``3 x n x 10``: row of the nearest other location offering the profile itself in
    the leerweg (-1 where none, or the location has no coordinates)."""
    base = state.baseline
    xy = base.xy
    has_xy = np.isfinite(xy).all(axis=1)
    out = np.full(state.offer.shape, -1, dtype=np.intp)
    for lw in range(3):
        origins = np.flatnonzero(base.has_leerweg[lw] & has_xy)
        if origins.size == 0:
            continue
        for j in range(len(PROFILES)):
            cand = np.flatnonzero(state.offer[lw, :, j] & base.has_leerweg[lw] & has_xy)
            if cand.size == 0:
                continue
            _, idx = nearest_distance_km(xy[origins], xy[cand])
            out[lw, origins, j] = cand[idx]
    return out


def switching_flows(
    state: State, utilities: FloatArray, shares: FloatArray, switch_rate: float
) -> FloatArray:
    """Net pupils per school x profile (``n x locs x 10``) moved by switching in ``state``.

    ``utilities`` are the model utilities of every row (``n x 3 x locs x 10``, with the
    state's guidance shifts), ``shares`` the state's choice shares of every row (same
    shape). Movers leave their school (taken out of its shares in proportion) and add to
    the target's pupils in the profile.
    """
    base = state.baseline
    avail = state.available
    top = utilities.max(axis=-1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    full = np.exp(utilities - top)
    full /= np.where((s := full.sum(axis=-1, keepdims=True)) > 0, s, 1.0)
    target = nearest_offering(state)
    movable = ~avail & (target >= 0) & base.has_leerweg[..., None]
    movers = switch_rate * base.pupils[None, :, :, None] * full * movable
    out = -(movers.sum(axis=-1, keepdims=True) * shares).sum(axis=1)
    lw, loc, prof = np.nonzero(movable)
    if lw.size:
        scatter = np.zeros((base.n_locations, lw.size))
        scatter[target[lw, loc, prof], np.arange(lw.size)] = 1.0
        moved = movers[:, lw, loc, prof]  # n x m
        inflow = np.zeros((movers.shape[0], base.n_locations, len(PROFILES)))
        for j in np.unique(prof):
            sel = prof == j
            inflow[:, :, j] = moved[:, sel] @ scatter[:, sel].T
        out = out + inflow
    return np.asarray(out, dtype=np.float64)
