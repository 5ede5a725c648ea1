"""Vectorised evaluation of a state: pupils per location x profile, flow rates, entrants.

**Pivot-point prediction.** A location-leerweg row whose offer and utilities are as in
the baseline keeps its observed counts, so the baseline equals the data. For a changed
row the MNL is applied as a change to the observed shares: with ``A0`` the observed
offer and ``u`` the model utilities, every profile ``p`` gets the weight

    w_p = observed share of p                         (p in A0)
    w_p = exp(u_p) / sum_{q in A0} exp(u_q)           (p newly available)

times ``exp(shift_p)`` (guidance: log odds ratio; shared profile: minus the travel
penalty), and the new shares are ``w_p / sum_{q available} w_q``. This is the MNL with
location-specific constants calibrated to the observed shares: a new profile gets
exactly the model's predicted share for the new offer, every other profile loses the
same proportion (IIA), and the shares sum to 1.

Every function works on ``D`` parameter sets at once (``Params``): ``D = 1`` for the
point estimate, ``D = draws`` for intervals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kansrijk.model import FlowRates
from kansrijk.scenarios.baseline import Baseline
from kansrijk.scenarios.mbo import TECHNIEK_ICT_KAMERS, TECHNIEK_KAMERS, nearest_km
from kansrijk.scenarios.national import PROFILES
from kansrijk.scenarios.state import State

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True, eq=False)
class Params:
    """Parameter values of one evaluation: ``n`` sets (1 = the point estimate).

    ``coefs[lw]`` is ``n x (1 + k) x 10`` (None when the leerweg has no model);
    ``rates_incl``/``rates_excl`` are ``n x 10`` flow rates to technical mbo incl./excl.
    ICT (``rates_excl`` None when not published); ``uniform[item]`` holds ``n`` uniform
    draws for the intervention ``item``'s range (absent: the central value is used).
    """

    n: int
    coefs: tuple[FloatArray | None, ...]
    rates_incl: FloatArray
    rates_excl: FloatArray | None
    per_km: float
    uniform: Mapping[int, FloatArray] = field(default_factory=dict)

    def take(self, sets: slice) -> Params:
        """The parameter sets ``sets`` (a slice of the ``n``) as their own ``Params``."""
        return Params(
            n=len(range(self.n)[sets]),
            coefs=tuple(None if c is None else c[sets] for c in self.coefs),
            rates_incl=self.rates_incl[sets],
            rates_excl=None if self.rates_excl is None else self.rates_excl[sets],
            per_km=self.per_km,
            uniform={k: v[sets] for k, v in self.uniform.items()},
        )

    def term_values(self, item: int, central: float, low: float, high: float) -> FloatArray:
        """``n`` values of an intervention parameter: central, or uniform in [low, high]."""
        u = self.uniform.get(item)
        if u is None:
            return np.full(self.n, float(central))
        return np.asarray(low + u * (high - low), dtype=np.float64)


def central_coefs(baseline: Baseline) -> tuple[FloatArray | None, ...]:
    return tuple(None if m is None else m.coefficients[None] for m in baseline.models)


def flow_vectors(
    rates: FlowRates, region: str
) -> tuple[FloatArray, FloatArray | None, tuple[FloatArray, FloatArray], list[str]]:
    """Central rates incl. ICT, excl. ICT (None when any is missing), the (low, high)
    bounds incl. ICT, and notes."""
    notes: list[str] = []
    incl = rates.vector(PROFILES, region=region)
    low = rates.vector(PROFILES, bound="low")
    high = rates.vector(PROFILES, bound="high")
    excl: FloatArray | None
    try:
        excl = rates.vector(PROFILES, region=region, include_ict=False)
    except ValueError:
        excl = None
        notes.append(
            "no flow rates to technical mbo without ICT are published (SEOR 2026 table 3.6 "
            "gives techniek incl. ICT only): entrants without ICT are not computed; supply "
            "excl_ict rates in a flow-rate file (parameters.flow_rates_file) to get them"
        )
    return incl, excl, (low, high), notes


def central_params(baseline: Baseline, rates: FlowRates, region: str, per_km: float) -> Params:
    incl, excl, _, _ = flow_vectors(rates, region)
    return Params(
        n=1,
        coefs=central_coefs(baseline),
        rates_incl=incl[None],
        rates_excl=None if excl is None else excl[None],
        per_km=per_km,
    )


def draw_params(
    baseline: Baseline,
    rates: FlowRates,
    region: str,
    per_km: float,
    n: int,
    rng: np.random.Generator,
    items: int,
) -> Params:
    """``n`` draws: choice-model parameters from N(estimate, covariance), flow rates
    uniform in the [low, high] of the published columns (independent per profile), and
    a uniform for each intervention's range (``items`` interventions)."""
    coefs: list[FloatArray | None] = []
    for m in baseline.models:
        if m is None:
            coefs.append(None)
            continue
        theta = m.draw(n, rng)
        c = np.zeros((n, *m.coefficients.shape))
        c[:, m.free] = theta
        coefs.append(c)
    _, excl, (low, high), _ = flow_vectors(rates, region)
    u = rng.random((n, len(PROFILES)))
    draws_incl = low + u * (high - low)
    draws_excl = None
    if excl is not None:
        lo_x = rates.vector(PROFILES, bound="low", include_ict=False)
        hi_x = rates.vector(PROFILES, bound="high", include_ict=False)
        draws_excl = lo_x + u * (hi_x - lo_x)
    uniform = {i: rng.random(n) for i in range(items)}
    return Params(n, tuple(coefs), draws_incl, draws_excl, per_km, uniform)


# ---------------------------------------------------------------------- shares
def row_shares(
    state: State,
    params: Params,
    lw_idx: IntArray,
    loc_idx: IntArray,
    times: FloatArray | None = None,
) -> FloatArray:
    """Shares (``n x m x 10``) of the given leerweg x location rows in ``state`` (times
    ``times``, one number per row, when given: the rows' pupils per profile).

    Only the cells that depend on the parameters are computed per parameter set: the model
    utilities of a row's newly available profiles and of its observed offer (for the
    log-sum over the observed offer), one matrix product per leerweg x profile over just
    those rows. The observed profiles keep their observed shares as weights, so the dense
    ``n x m x 10`` work is a scaled copy, the shift factors on their own cells, a sum and
    a division. A new profile in a row whose observed offer has no profile the model
    estimates gets no weight (the model has nothing to compare it with).
    """
    base = state.baseline
    n, m, n_prof = params.n, lw_idx.size, len(PROFILES)
    base_offer = base.offer[lw_idx, loc_idx]
    avail = state.available[lw_idx, loc_idx]
    with_model = np.array([c is not None for c in params.coefs])[lw_idx]
    est = base.estimable[lw_idx] & with_model[:, None]
    new_cells = avail & ~base_offer & est
    lse_cells = base_offer & est & new_cells.any(axis=1)[:, None]
    need = new_cells | lse_cells
    rr, pp = np.nonzero(need)  # row-major: grouped by row
    util = np.empty((rr.size, n))
    for lw in np.unique(lw_idx[rr]):
        coef = params.coefs[lw]
        assert coef is not None
        in_lw = lw_idx[rr] == lw
        for p in np.unique(pp[in_lw]):
            at = np.flatnonzero(in_lw & (pp == p))
            util[at] = base.design[lw][loc_idx[rr[at]]] @ coef[:, :, p].T
    # log-sum-exp over the observed offer, per row x parameter set
    is_lse = lse_cells[rr, pp]
    u_obs, rows_obs = util[is_lse], rr[is_lse]
    lse = np.full((m, n), -np.inf)
    if rows_obs.size:
        starts = np.flatnonzero(np.r_[True, rows_obs[1:] != rows_obs[:-1]])
        top = np.maximum.reduceat(u_obs, starts, axis=0)
        group = np.cumsum(np.r_[False, rows_obs[1:] != rows_obs[:-1]])
        sums = np.add.reduceat(np.exp(u_obs - top[group]), starts, axis=0)
        lse[rows_obs[starts]] = top + np.log(sums)
    shared = state.shared[lw_idx, loc_idx]
    penalty = np.where(shared, state.penalty[lw_idx, loc_idx], 0.0)
    is_new = ~is_lse
    r_new, p_new = rr[is_new], pp[is_new]
    log_new = util[is_new] - lse[r_new] - penalty[r_new, p_new][:, None]  # cells x n
    log_new[~np.isfinite(lse[r_new])] = -np.inf
    # scale per row x set so that no weight overflows (the observed weights are <= 1)
    scale = np.zeros((m, n))
    if r_new.size:
        firsts = np.flatnonzero(np.r_[True, r_new[1:] != r_new[:-1]])
        scale[r_new[firsts]] = np.maximum(np.maximum.reduceat(log_new, firsts, axis=0), 0.0)
    static = np.where(base_offer & avail, base.shares[lw_idx, loc_idx] * np.exp(-penalty), 0.0)
    weights = static[None] * np.exp(-scale.T)[:, :, None]
    weights[:, r_new, p_new] = np.exp(log_new - scale[r_new]).T
    for term in state.shifts:
        tr, tp = np.nonzero(term.mask[lw_idx, loc_idx])
        if tr.size:
            ratio = params.term_values(term.item, term.central, term.low, term.high)
            weights[:, tr, tp] *= ratio[:, None]
    total = weights @ np.ones(n_prof)
    factor = 1.0 / np.where(total > 0, total, 1.0)
    if times is not None:
        factor *= times
    weights *= factor[..., None]
    return weights


@dataclass(frozen=True, eq=False)
class StatePupils:
    """Pupils in leerjaar 3-4 (all leerwegen) per location x profile, ``n x locs x 10``.

    ``by_school``: at the school the pupils attend; ``taught``: where the profile is
    taught (pupils following a shared profile count at the host).
    """

    by_school: FloatArray
    taught: FloatArray


def state_pupils(state: State, params: Params, switch_rate: float = 0.0) -> StatePupils:
    """Pupils per location x profile in ``state`` (fixed school populations unless
    ``switch_rate`` > 0, see ``kansrijk.scenarios.switching``).

    A location's pupils are its unchanged leerweg rows' observed counts plus its changed
    rows' predicted pupils; the changed rows of one leerweg are a contiguous block (rows
    come leerweg by leerweg) and each location has at most one row in it, so each
    leerweg's block is added with one indexed addition."""
    base = state.baseline
    observed = base.counts.sum(axis=0)
    changed = state.changed_rows()
    lw_idx, loc_idx = np.nonzero(changed)  # sorted by leerweg
    if not lw_idx.size and switch_rate <= 0:
        # nothing changes: every parameter set sees the observed pupils (a read-only view)
        same = np.broadcast_to(observed, (params.n, *observed.shape))
        return StatePupils(same, same)
    totals = base.pupils[lw_idx, loc_idx]
    shares = None
    if lw_idx.size:
        shares = row_shares(state, params, lw_idx, loc_idx, None if switch_rate > 0 else totals)
    blocks = _leerweg_blocks(lw_idx)
    unchanged = observed.copy()
    for lw, sl in blocks:
        unchanged[loc_idx[sl]] -= base.counts[lw, loc_idx[sl]]
    by_school = np.empty((params.n, *observed.shape))
    by_school[:] = unchanged if shares is not None else observed
    taught = by_school
    if shares is not None:
        new = shares * totals[None, :, None] if switch_rate > 0 else shares
        for _lw, sl in blocks:
            by_school[:, loc_idx[sl]] += new[:, sl]
        shared = state.shared[lw_idx, loc_idx]
        if shared.any():
            taught = by_school.copy()
            outgoing = new * shared[None]
            for _lw, sl in blocks:
                taught[:, loc_idx[sl]] -= outgoing[:, sl]
            hosts = state.host[lw_idx, loc_idx]
            r, p = np.nonzero(shared)
            n_prof = taught.shape[2]
            to_host = np.zeros((base.n_locations * n_prof, taught.shape[0]))  # (loc, p) x n
            np.add.at(to_host, hosts[r, p] * n_prof + p, outgoing[:, r, p].T)
            taught += to_host.T.reshape(taught.shape)
    if switch_rate > 0:
        from kansrijk.scenarios.switching import switching_flows

        all_shares = np.broadcast_to(base.shares, (params.n, *base.shares.shape)).copy()
        if shares is not None:
            all_shares[:, lw_idx, loc_idx] = shares
        start = State.initial(base)
        moved = switching_flows(
            state, all_utilities(state, params), all_shares, switch_rate
        ) - switching_flows(
            start,
            all_utilities(start, params),
            np.broadcast_to(base.shares, all_shares.shape),
            switch_rate,
        )
        by_school = by_school + moved
        taught = taught + moved
    return StatePupils(by_school, taught)


def _leerweg_blocks(lw_idx: IntArray) -> list[tuple[int, slice]]:
    """The contiguous block of rows of each leerweg in ``lw_idx`` (sorted by leerweg)."""
    if lw_idx.size and (np.diff(lw_idx) < 0).any():
        raise ValueError("rows must come leerweg by leerweg")
    out = []
    for lw in np.unique(lw_idx):
        a, b = np.searchsorted(lw_idx, [lw, lw + 1])
        out.append((int(lw), slice(int(a), int(b))))
    return out


def all_utilities(state: State, params: Params) -> FloatArray:
    """Model utilities of every row with the state's guidance shifts, ``n x 3 x locs x 10``."""
    base = state.baseline
    out = np.full((params.n, *base.counts.shape), -np.inf)
    estimable = base.estimable
    for lw in range(3):
        coef = params.coefs[lw]
        if coef is None:
            continue
        u = np.matmul(base.design[lw], coef)
        u[..., ~estimable[lw]] = -np.inf
        out[:, lw] = u
    for term in state.shifts:
        ratio = params.term_values(term.item, term.central, term.low, term.high)
        out = out + np.log(ratio)[:, None, None, None] * term.mask[None]
    return out


def added_profile_pupils(state: State, row: int, profile: int) -> float:
    """Point estimate of the pupils (leerjaar 3-4, all its leerwegen) choosing ``profile``
    at location ``row`` if it were added to the location's current offer."""
    base = state.baseline
    lws = np.flatnonzero(base.has_leerweg[:, row] & base.estimable[:, profile])
    if lws.size == 0:
        return 0.0
    offer = state.offer.copy()
    offer[lws, row, profile] = True
    trial = State(
        baseline=base,
        offer=offer,
        host=state.host,
        penalty=state.penalty,
        shifts=state.shifts,
        mbo=state.mbo,
    )
    params = Params(1, central_coefs(base), np.zeros((1, 10)), None, 0.0)
    locs = np.full(lws.size, row, dtype=np.intp)
    shares = row_shares(trial, params, lws.astype(np.intp), locs)
    return float((base.pupils[lws, row] * shares[0, :, profile]).sum())


# ---------------------------------------------------------------------- flow
def state_rates(state: State, params: Params, *, include_ict: bool = True) -> FloatArray | None:
    """Flow rates to technical mbo per location x profile (``n x locs x 10``), with the
    distance effect relative to the baseline's reference distance and flow uplifts."""
    base = state.baseline
    rates = params.rates_incl if include_ict else params.rates_excl
    if rates is None:
        return None
    kamers = TECHNIEK_ICT_KAMERS if include_ict else TECHNIEK_KAMERS
    ref = base.ref_ict_km if include_ict else base.ref_tech_km
    dist = nearest_km(base.xy, state.mbo_list, kamers)
    shift = np.where(np.isfinite(dist) & np.isfinite(ref), dist - ref, 0.0)
    if not state.flows and not (params.per_km * shift).any():
        # the same rates at every location: a read-only view, no n x locs x 10 copy
        same = np.clip(rates, 0.0, 1.0)[:, None, :]
        return np.broadcast_to(same, (rates.shape[0], base.n_locations, rates.shape[1]))
    out = rates[:, None, :] + params.per_km * shift[None, :, None]
    for term in state.flows:
        points = params.term_values(term.item, term.central, term.low, term.high) / 100.0
        out = out + points[:, None, None] * term.mask[None]
    return np.asarray(np.clip(out, 0.0, 1.0), dtype=np.float64)


def distances(state: State) -> FloatArray:
    """km to the nearest mbo location offering techniek incl. ICT, per location."""
    return nearest_km(state.baseline.xy, state.mbo_list, TECHNIEK_ICT_KAMERS)
