"""Grouped profile-choice data for one leerweg: counts per location x profile, the offer set."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kansrijk.model.errors import ChoiceDataError
from kansrijk.vocab.profiles import Profile

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_PROFILE_CODES = frozenset(p.value for p in Profile)


def _empty_covariates() -> FloatArray:
    return np.zeros((0, 0), dtype=np.float64)


def _frozen(array: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class ChoiceData:
    """Pupils choosing each profile at each location, for one leerweg (BB, KB or GL).

    Attributes:
        locations: location codes (BRIN + vestiging), one per row; unique.
        profiles: profile codes (``Profile`` values), one per column; unique.
        counts: ``n_loc x n_prof`` pupils choosing each profile (float, >= 0).
        available: ``n_loc x n_prof`` bool, the offer set. ``from_counts`` derives it
            as "at least one pupil that year"; it may be given independently, but a
            count is only allowed where the profile is available.
        covariates: ``n_loc x k`` location covariates (finite floats); ``k`` may be 0.
        covariate_names: ``k`` unique names.
        leerweg: optional label (``"BB"``, ``"KB"``, ``"GL"``), carried into the model.

    Arrays are copied and made read-only. Invalid input raises ``ChoiceDataError``
    (a ``ValueError``) saying what was expected and what was found.
    """

    locations: tuple[str, ...]
    profiles: tuple[str, ...]
    counts: FloatArray
    available: BoolArray
    covariates: FloatArray = field(default_factory=_empty_covariates)
    covariate_names: tuple[str, ...] = ()
    leerweg: str | None = None

    def __post_init__(self) -> None:
        locations = tuple(str(x) for x in self.locations)
        profiles = tuple(str(p) for p in self.profiles)
        names = tuple(str(x) for x in self.covariate_names)
        n_loc, n_prof = len(locations), len(profiles)
        if n_loc == 0 or n_prof == 0:
            raise ChoiceDataError(
                f"ChoiceData needs at least one location and one profile; "
                f"found {n_loc} locations and {n_prof} profiles"
            )
        _check_unique("locations", locations)
        _check_unique("profiles", profiles)
        _check_unique("covariate_names", names)
        unknown = [p for p in profiles if p not in _PROFILE_CODES]
        if unknown:
            raise ChoiceDataError(
                f"unknown profile codes {unknown}; expected Profile codes "
                f"{', '.join(sorted(_PROFILE_CODES))}"
            )

        counts = _as_float("counts", self.counts, (n_loc, n_prof))
        if np.any(counts < 0):
            r, c = np.argwhere(counts < 0)[0]
            raise ChoiceDataError(
                f"counts must be >= 0; found {counts[r, c]} at location "
                f"{locations[r]!r}, profile {profiles[c]!r}"
            )
        available = np.array(self.available, copy=True)
        if available.dtype != np.bool_:
            raise ChoiceDataError(f"available must be a bool array; found dtype {available.dtype}")
        if available.shape != (n_loc, n_prof):
            raise ChoiceDataError(
                f"available must have shape {(n_loc, n_prof)} (locations x profiles); "
                f"found {available.shape}"
            )
        outside = (counts > 0) & ~available
        if np.any(outside):
            r, c = np.argwhere(outside)[0]
            raise ChoiceDataError(
                f"counts are only allowed where the profile is available; location "
                f"{locations[r]!r} has {counts[r, c]} pupils in {profiles[c]!r}, which it "
                f"does not offer ({int(outside.sum())} such cells)"
            )
        empty = ~available.any(axis=1)
        if np.any(empty):
            bad = [locations[i] for i in np.flatnonzero(empty)[:5]]
            raise ChoiceDataError(
                f"every location must offer at least one profile; {int(empty.sum())} "
                f"locations offer none, e.g. {bad}"
            )

        cov_in = np.asarray(self.covariates, dtype=np.float64)
        if cov_in.shape == (0, 0) and not names:
            cov_in = np.zeros((n_loc, 0), dtype=np.float64)
        covariates = _as_float("covariates", cov_in, (n_loc, len(names)))

        object.__setattr__(self, "locations", locations)
        object.__setattr__(self, "profiles", profiles)
        object.__setattr__(self, "covariate_names", names)
        object.__setattr__(self, "counts", _frozen(counts))
        object.__setattr__(self, "available", _frozen(available))
        object.__setattr__(self, "covariates", _frozen(covariates))

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_counts(
        cls,
        locations: Sequence[str],
        profiles: Sequence[str],
        counts: npt.ArrayLike,
        covariates: npt.ArrayLike | None = None,
        covariate_names: Sequence[str] = (),
        *,
        leerweg: str | None = None,
    ) -> ChoiceData:
        """Build from counts, with the offer set = profiles with at least one pupil."""
        arr = np.asarray(counts, dtype=np.float64)
        cov = (
            np.zeros((len(locations), 0), dtype=np.float64)
            if covariates is None
            else np.asarray(covariates, dtype=np.float64)
        )
        return cls(
            locations=tuple(locations),
            profiles=tuple(profiles),
            counts=arr,
            available=arr > 0,
            covariates=cov,
            covariate_names=tuple(covariate_names),
            leerweg=leerweg,
        )

    # ------------------------------------------------------------------ views
    @property
    def n_locations(self) -> int:
        return len(self.locations)

    @property
    def n_profiles(self) -> int:
        return len(self.profiles)

    @property
    def totals(self) -> FloatArray:
        """Pupils per location (row sums of ``counts``)."""
        return np.asarray(self.counts.sum(axis=1), dtype=np.float64)

    def profile_index(self, profiles: Sequence[str] | frozenset[str]) -> npt.NDArray[np.intp]:
        """Column indices of the given profile codes; unknown codes raise."""
        missing = sorted(str(p) for p in profiles if str(p) not in self.profiles)
        if missing:
            raise ChoiceDataError(
                f"profiles {missing} are not in this data; it has {', '.join(self.profiles)}"
            )
        wanted = {str(p) for p in profiles}
        return np.array([j for j, p in enumerate(self.profiles) if p in wanted], dtype=np.intp)

    def subset(self, rows: npt.ArrayLike) -> ChoiceData:
        """The data restricted to some locations (bool mask or integer indices)."""
        idx = np.arange(self.n_locations)[np.asarray(rows)]
        return ChoiceData(
            locations=tuple(self.locations[i] for i in idx),
            profiles=self.profiles,
            counts=self.counts[idx],
            available=self.available[idx],
            covariates=self.covariates[idx],
            covariate_names=self.covariate_names,
            leerweg=self.leerweg,
        )

    def select_covariates(self, names: Sequence[str]) -> ChoiceData:
        """The same data with only the named covariate columns, in the given order."""
        missing = [n for n in names if n not in self.covariate_names]
        if missing:
            raise ChoiceDataError(
                f"unknown covariates {missing}; this data has {list(self.covariate_names)}"
            )
        cols = [self.covariate_names.index(n) for n in names]
        return ChoiceData(
            locations=self.locations,
            profiles=self.profiles,
            counts=self.counts,
            available=self.available,
            covariates=self.covariates[:, cols],
            covariate_names=tuple(names),
            leerweg=self.leerweg,
        )


def _check_unique(what: str, values: tuple[str, ...]) -> None:
    dupes = sorted(v for v, n in Counter(values).items() if n > 1)
    if dupes:
        raise ChoiceDataError(f"{what} must be unique; found duplicates {dupes}")


def _as_float(what: str, value: npt.ArrayLike, shape: tuple[int, int]) -> FloatArray:
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise ChoiceDataError(f"{what} must be numeric; {exc}") from None
    if arr.shape != shape:
        raise ChoiceDataError(
            f"{what} must have shape {shape} (locations x "
            f"{'profiles' if what == 'counts' else 'covariates'}); found {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise ChoiceDataError(
            f"{what} must be finite; found {int((~np.isfinite(arr)).sum())} NaN or infinite values"
        )
    return arr
