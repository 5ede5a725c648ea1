"""The state an intervention transforms: offers, utility shifts, flow shifts, mbo locations.

A ``State`` is immutable; ``Intervention.apply`` returns a new one. It starts as the
baseline (``State.initial``): the observed offer, no shifts, the baseline's mbo list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from kansrijk.scenarios.baseline import Baseline
from kansrijk.scenarios.mbo import MboList

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]


class InterventionError(ValueError):
    """An intervention cannot be applied to the state (the runner adds file and item)."""


@dataclass(frozen=True, eq=False)
class ShiftTerm:
    """Odds of the masked cells multiplied by an odds ratio (``GuidanceUplift``).

    ``mask`` is ``3 x n x 10``; the ratio is ``central`` in the point estimate and drawn
    uniformly from ``[low, high]`` for intervals.
    """

    label: str
    mask: BoolArray
    central: float
    low: float
    high: float
    item: int = -1


@dataclass(frozen=True, eq=False)
class FlowTerm:
    """Percentage points added to the flow rates of the masked cells (``FlowUplift``).

    ``mask`` is ``n x 10``; ``central`` in the point estimate, uniform in ``[low, high]``
    for intervals. Rates are clamped to [0, 1] after all terms.
    """

    label: str
    mask: BoolArray
    central: float
    low: float
    high: float
    item: int = -1


@dataclass(frozen=True)
class Addition:
    """A profile added to a location (for costs and viability).

    ``new_site``: the location offered the profile in no leerweg before, so the one-off
    building and furnishing costs apply; otherwise only leerwegen were added.
    """

    row: int
    location: str
    profile: str
    leerwegen: tuple[str, ...]
    from_year: int | None
    item: int
    new_site: bool


@dataclass(frozen=True)
class CostItem:
    """A cost an intervention states itself (guidance, flow measures, a new mbo site)."""

    label: str
    item: int
    from_year: int | None
    one_off: float = 0.0
    per_year: float = 0.0


@dataclass(frozen=True, eq=False)
class State:
    """Offer and parameters of one scenario state. Arrays ``[leerweg, location, profile]``.

    ``host[lw, g, p] >= 0`` when pupils of guest ``g`` may follow profile ``p`` at that
    host location, at a utility decrement ``penalty[lw, g, p]`` (log-odds); a profile the
    guest offers itself ignores the host.
    """

    baseline: Baseline
    offer: BoolArray
    host: IntArray
    penalty: FloatArray
    shifts: tuple[ShiftTerm, ...] = ()
    flows: tuple[FlowTerm, ...] = ()
    mbo: MboList | None = None
    additions: tuple[Addition, ...] = ()
    costs: tuple[CostItem, ...] = ()
    notes: tuple[str, ...] = field(default=())
    item: int = -1  # index of the intervention being applied (set by the runner)
    from_year: int | None = None

    @classmethod
    def initial(cls, baseline: Baseline) -> State:
        """The baseline as a state: observed offer, no shifts."""
        shape = baseline.counts.shape
        return cls(
            baseline=baseline,
            offer=baseline.offer.copy(),
            host=np.full(shape, -1, dtype=np.intp),
            penalty=np.zeros(shape),
            mbo=baseline.mbo,
        )

    @property
    def mbo_list(self) -> MboList:
        return self.mbo if self.mbo is not None else self.baseline.mbo

    @property
    def shared(self) -> BoolArray:
        """Cells available only through a host."""
        return np.asarray((self.host >= 0) & ~self.offer)

    @property
    def available(self) -> BoolArray:
        """Own offer or via a host, where the location has pupils in the leerweg."""
        return np.asarray((self.offer | (self.host >= 0)) & self.baseline.has_leerweg[..., None])

    def changed_rows(self) -> BoolArray:
        """``3 x n``: leerweg rows whose choice set or utilities differ from the baseline."""
        rows = (self.available != self.baseline.offer).any(axis=2)
        for term in self.shifts:
            rows |= term.mask.any(axis=2)
        return np.asarray(rows & self.baseline.has_leerweg)

    def with_note(self, note: str) -> State:
        return replace(self, notes=(*self.notes, note))

    def for_item(self, item: int, from_year: int | None) -> State:
        """The state tagged with the intervention being applied (for records)."""
        return replace(self, item=item, from_year=from_year)
