"""Project evaluated states over the horizon: pupils, technical pupils and entrants per year.

Pupils in year ``y`` = ``(1 - leaver_share)`` x intake level of ``y`` x pupils under
the state of ``y`` (leerjaar 3) + ``leaver_share`` x level of ``y - 1`` x pupils under
the state of ``y - 1`` (leerjaar 4). Entrants in ``y`` = the leerjaar-4 part times the
flow rates of the state of ``y``. Arrays carry the parameter sets first (``n``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cached_property

import numpy as np
import numpy.typing as npt

from kansrijk.scenarios.evaluate import StatePupils
from kansrijk.scenarios.national import PROFILES
from kansrijk.vocab import ProfileSet

FloatArray = npt.NDArray[np.float64]
Key = tuple[int, ...]

TECH = np.isin(PROFILES, ProfileSet.TECHNIEK.codes).astype(np.float64)
TECH_ICT = np.isin(PROFILES, ProfileSet.TECHNIEK_ICT.codes).astype(np.float64)


@dataclass(frozen=True, eq=False)
class Evaluated:
    """Pupils and flow rates (incl. and, if published, excl. ICT) of one state."""

    pupils: StatePupils
    incl: FloatArray
    excl: FloatArray | None


@dataclass(frozen=True, eq=False)
class Projection:
    """The horizon's numbers for the regions (rows of ``masks``) and the steady state.

    Per year ``t`` and region ``r``: ``*_prof`` (``n x T x R x 10``), ``*_tech``,
    ``*_ict`` and ``*_ent`` (``n x T x R``), ``*_ent_x`` (None without rates excl. ICT).
    Steady state (every intervention in effect for both leerjaren, last year's intake):
    ``school_ss``/``taught_ss`` (``n x locs x 10``) and entrants ``ent_ss_*`` (``n x locs``).
    """

    base_prof: FloatArray
    scen_prof: FloatArray
    base_ent: FloatArray
    scen_ent: FloatArray
    base_ent_x: FloatArray | None
    scen_ent_x: FloatArray | None
    school_ss: FloatArray
    taught_ss: FloatArray
    base_ss: FloatArray
    ent_ss_base: FloatArray
    ent_ss_scen: FloatArray

    @classmethod
    def concat(cls, parts: Sequence[Projection]) -> Projection:
        """The projections of consecutive blocks of parameter sets as one."""
        values: dict[str, FloatArray | None] = {}
        for f in fields(cls):
            arrays = [getattr(p, f.name) for p in parts]
            if arrays[0] is None:
                values[f.name] = None
            elif f.name == "taught_ss" and all(p.taught_ss is p.school_ss for p in parts):
                values[f.name] = values["school_ss"]  # no shared profiles: the same array
            elif all(_same_for_all(a, 0) for a in arrays) and all(
                np.array_equal(a[0], arrays[0][0]) for a in arrays
            ):  # the baseline's: one slice for every parameter set
                n = sum(a.shape[0] for a in arrays)
                values[f.name] = np.broadcast_to(arrays[0][0], (n, *arrays[0].shape[1:]))
            else:
                values[f.name] = np.concatenate(arrays)
        return cls(**values)  # type: ignore[arg-type]

    @cached_property
    def base_tech(self) -> FloatArray:
        return np.asarray(self.base_prof @ TECH, dtype=np.float64)

    @cached_property
    def scen_tech(self) -> FloatArray:
        return np.asarray(self.scen_prof @ TECH, dtype=np.float64)

    @cached_property
    def base_ict(self) -> FloatArray:
        return np.asarray(self.base_prof @ TECH_ICT, dtype=np.float64)

    @cached_property
    def scen_ict(self) -> FloatArray:
        return np.asarray(self.scen_prof @ TECH_ICT, dtype=np.float64)


def project(
    evals: Mapping[Key, Evaluated],
    keys: Mapping[int, Key],
    full: Key,
    masks: FloatArray,
    levels: Mapping[int, float],
    leaver_share: float,
    years: Sequence[int],
) -> Projection:
    """Combine the evaluated states into yearly and steady-state numbers.

    ``keys[y]`` is the state of year ``y`` (and of the year before the horizon); the
    state ``()`` is the baseline.
    """
    base = evals[()]
    observed = base.pupils.by_school
    n, t_n, r_n = observed.shape[0], len(years), masks.shape[0]
    ls = leaver_share
    base_prof = np.empty((n, t_n, r_n, len(PROFILES)))
    scen_prof = np.empty_like(base_prof)
    base_ent = np.empty((n, t_n, r_n))
    scen_ent = np.empty_like(base_ent)
    with_x = base.excl is not None
    base_ent_x = np.empty_like(base_ent) if with_x else None
    scen_ent_x = np.empty_like(base_ent) if with_x else None
    base_flow = entrants(observed, base.incl) @ masks.T
    base_flow_x = entrants(observed, base.excl) @ masks.T if base.excl is not None else None
    observed_r = by_region(masks, observed)
    # The years share a few states: each state's pupils per report region, and each
    # (leavers' state, rates' state) pair's flow per report region, are computed once; the
    # years scale them (linear, so the same numbers up to rounding).
    regional: dict[Key, FloatArray] = {}
    flows: dict[tuple[Key, Key, bool], FloatArray] = {}

    def region_pupils(key: Key) -> FloatArray:
        if key not in regional:
            regional[key] = by_region(masks, evals[key].pupils.by_school)
        return regional[key]

    def region_flow(leavers: Key, rates: Key, *, excl: bool) -> FloatArray:
        k = (leavers, rates, excl)
        if k not in flows:
            r = evals[rates].excl if excl else evals[rates].incl
            assert r is not None
            flows[k] = entrants(evals[leavers].pupils.by_school, r) @ masks.T
        return flows[k]

    for t, y in enumerate(years):
        k_now, k_prev = keys[y], keys[y - 1]
        now = evals[k_now]
        lv_now, lv_prev = levels[y], levels[y - 1]
        scen_prof[:, t] = (1 - ls) * lv_now * region_pupils(k_now) + ls * lv_prev * region_pupils(
            k_prev
        )
        base_prof[:, t] = ((1 - ls) * lv_now + ls * lv_prev) * observed_r
        scen_ent[:, t] = ls * lv_prev * region_flow(k_prev, k_now, excl=False)
        base_ent[:, t] = ls * lv_prev * base_flow
        if scen_ent_x is not None and base_ent_x is not None and now.excl is not None:
            scen_ent_x[:, t] = ls * lv_prev * region_flow(k_prev, k_now, excl=True)
            assert base_flow_x is not None
            base_ent_x[:, t] = ls * lv_prev * base_flow_x
    last = levels[years[-1]]
    end = evals[full]
    school_ss = last * end.pupils.by_school
    base_ss = (
        np.broadcast_to(last * observed[0], observed.shape)
        if _same_for_all(observed, 0)
        else last * observed
    )
    return Projection(
        base_prof=base_prof,
        scen_prof=scen_prof,
        base_ent=base_ent,
        scen_ent=scen_ent,
        base_ent_x=base_ent_x,
        scen_ent_x=scen_ent_x,
        school_ss=school_ss,
        taught_ss=school_ss
        if end.pupils.taught is end.pupils.by_school
        else last * end.pupils.taught,
        base_ss=base_ss,
        ent_ss_base=ls * last * entrants(observed, base.incl),
        ent_ss_scen=ls * last * entrants(end.pupils.by_school, end.incl),
    )


def _same_for_all(values: FloatArray, axis: int) -> bool:
    """True when ``values`` repeats one slice along ``axis`` (a broadcast view)."""
    return values.shape[axis] == 1 or values.strides[axis] == 0


def entrants(pupils: FloatArray, rates: FloatArray) -> FloatArray:
    """``sum_p pupils * rates`` per parameter set x location (``n x locs``), from ``n x
    locs x 10`` arrays. Rates the same at every location (no distance effect, no flow
    measure: a broadcast view from ``state_rates``) are applied as one matrix product
    per parameter set, and pupils the same for every set (the baseline) as one product."""
    if _same_for_all(rates, 1):
        per_set = rates[:, 0, :]
        if _same_for_all(pupils, 0):
            return np.asarray((pupils[0] @ per_set.T).T, dtype=np.float64)
        return np.asarray(np.matmul(pupils, per_set[:, :, None])[..., 0], dtype=np.float64)
    return np.asarray(np.einsum("nlp,nlp->nl", pupils, rates), dtype=np.float64)


def by_region(masks: FloatArray, pupils: FloatArray) -> FloatArray:
    """Pupils per parameter set x region x profile (``n x R x 10``)."""
    if _same_for_all(pupils, 0):
        one = masks @ pupils[0]
        return np.asarray(np.broadcast_to(one, (pupils.shape[0], *one.shape)))
    return np.asarray(np.matmul(masks, pupils), dtype=np.float64)
