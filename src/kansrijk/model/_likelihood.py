"""The grouped multinomial-logit likelihood with availability: value, gradient, Hessian.

Internal. Utilities ``U = Z @ W`` with ``Z = [1, x]`` (``n x K1``) and ``W`` (``K1 x P``);
only the entries of ``W`` flagged in ``free`` are parameters (``theta``, row-major order),
the others are fixed at 0. The objective is the penalised negative log-likelihood

    f(theta) = - sum_l w_l sum_{p in A_l} n_lp log P_lp + ridge/2 |theta|^2,

with ``P_lp = exp(U_lp) / sum_{q in A_l} exp(U_lq)`` for available profiles, 0 elsewhere.
With ``N_l = sum_p n_lp`` the derivatives are

    df/dU_lp = w_l (N_l P_lp - n_lp)
    d2f/dU_lp dU_lq = w_l N_l (P_lp [p = q] - P_lp P_lq),

and chain through ``U_lp = sum_a Z_la W_ap``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def masked_softmax(utilities: FloatArray, available: BoolArray) -> tuple[FloatArray, FloatArray]:
    """Probabilities and log-probabilities over the available entries of the last axis.

    Stable (max-shifted); unavailable entries get probability 0 and log-probability
    ``-inf``. Every row must have at least one available entry.
    """
    masked = np.where(available, utilities, -np.inf)
    top = masked.max(axis=-1, keepdims=True)
    shifted = masked - top
    expd = np.exp(shifted)
    total = expd.sum(axis=-1, keepdims=True)
    probs = expd / total
    logp = shifted - np.log(total)
    return probs, logp


def masked_probabilities(utilities: FloatArray, available: BoolArray) -> FloatArray:
    """``masked_softmax`` without the log-probabilities, in fewer passes (for prediction)."""
    probs = np.where(available, utilities, -np.inf)
    probs -= probs.max(axis=-1, keepdims=True)
    np.exp(probs, out=probs)
    probs /= probs.sum(axis=-1, keepdims=True)
    return probs


class MnlProblem:
    """Objective, gradient and Hessian of one estimation problem (arrays fixed, theta varies)."""

    def __init__(
        self,
        z: FloatArray,
        counts: FloatArray,
        available: BoolArray,
        free: BoolArray,
        ridge: float,
        weights: FloatArray | None = None,
    ) -> None:
        self.z = z
        self.counts = counts
        self.available = available
        self.free = free
        self.ridge = float(ridge)
        self.k1, self.n_prof = free.shape
        self.free_idx = np.flatnonzero(free.ravel())
        self.n_params = int(self.free_idx.size)
        self.totals = counts.sum(axis=1)
        self.weights = np.ones(z.shape[0]) if weights is None else weights

    # -------------------------------------------------------------- parameters
    def unflatten(self, theta: FloatArray) -> FloatArray:
        w = np.zeros(self.k1 * self.n_prof, dtype=np.float64)
        w[self.free_idx] = theta
        return w.reshape(self.k1, self.n_prof)

    def flatten(self, w: FloatArray) -> FloatArray:
        return np.asarray(w.ravel()[self.free_idx], dtype=np.float64)

    def probabilities(self, theta: FloatArray) -> tuple[FloatArray, FloatArray]:
        return masked_softmax(self.z @ self.unflatten(theta), self.available)

    # -------------------------------------------------------------- objective
    def loglik(self, theta: FloatArray) -> float:
        """Unpenalised, weighted log-likelihood (multinomial coefficients omitted)."""
        _, logp = self.probabilities(theta)
        wn = self.weights[:, None] * self.counts
        return float(np.sum(wn[self.available] * logp[self.available]))

    def value_grad(self, theta: FloatArray) -> tuple[float, FloatArray]:
        probs, logp = self.probabilities(theta)
        wn = self.weights[:, None] * self.counts
        value = -float(np.sum(wn[self.available] * logp[self.available]))
        value += 0.5 * self.ridge * float(theta @ theta)
        g_u = (self.weights * self.totals)[:, None] * probs - wn
        grad_w = self.z.T @ g_u
        return value, self.flatten(grad_w) + self.ridge * theta

    def hessian(self, theta: FloatArray) -> FloatArray:
        probs, _ = self.probabilities(theta)
        return self.hessian_from_probs(probs, self.weights * self.totals)

    def hessian_from_probs(self, probs: FloatArray, mass: FloatArray) -> FloatArray:
        """Hessian of the penalised objective given probabilities and ``w_l N_l`` per row."""
        k1, n_prof = self.k1, self.n_prof
        # np.einsum (no BLAS) on purpose: OpenBLAS threading makes these small products
        # up to 20x slower when other processes compete for the cores.
        # diagonal (p == q) part: sum_l m_l P_lp Z_la Z_lb
        weighted = (self.z[:, :, None] * (mass[:, None] * probs)[:, None, :]).reshape(
            -1, k1 * n_prof
        )
        diag = np.einsum("la,lk->ak", self.z, weighted).reshape(k1, k1, n_prof)
        full = np.zeros((k1, n_prof, k1, n_prof), dtype=np.float64)
        idx = np.arange(n_prof)
        full[:, idx, :, idx] = diag.transpose(2, 0, 1)
        flat = full.reshape(k1 * n_prof, k1 * n_prof)
        # outer-product part: sum_l m_l (Z_l kron P_l)(Z_l kron P_l)^T
        v = (np.sqrt(mass)[:, None, None] * self.z[:, :, None] * probs[:, None, :]).reshape(
            -1, k1 * n_prof
        )
        flat = flat - np.einsum("la,lb->ab", v, v)
        sel = self.free_idx
        h = flat[np.ix_(sel, sel)]
        h[np.diag_indices_from(h)] += self.ridge
        return np.asarray(0.5 * (h + h.T), dtype=np.float64)

    # -------------------------------------------------------------- per location
    def location_grad(self, theta: FloatArray, row: int) -> FloatArray:
        """Gradient contribution of one location (unit weight, no penalty)."""
        probs, _ = masked_softmax(self.z[row] @ self.unflatten(theta), self.available[row])
        g_u = self.totals[row] * probs - self.counts[row]
        return self.flatten(np.outer(self.z[row], g_u))

    def location_hessian(self, theta: FloatArray, row: int) -> FloatArray:
        """Hessian contribution of one location (unit weight, no penalty)."""
        probs, _ = masked_softmax(self.z[row] @ self.unflatten(theta), self.available[row])
        block = self.totals[row] * (np.diag(probs) - np.outer(probs, probs))
        full = np.kron(np.outer(self.z[row], self.z[row]), block)
        sel = self.free_idx
        return np.asarray(full[np.ix_(sel, sel)], dtype=np.float64)
