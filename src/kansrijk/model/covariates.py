"""Location covariates for the choice model, built from plain arrays.

Each builder returns a ``CovariateBlock`` (an ``n_loc x k`` matrix with names);
``combine`` stacks blocks into the ``covariates`` / ``covariate_names`` of a
``ChoiceData``. The model standardises covariates internally, so the builders keep
natural units (shares in [0, 1], log pupils, 0/1 dummies). See docs/model.md for the
recommended set and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kansrijk.model.errors import ModelInputError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class CovariateBlock:
    """An ``n_loc x k`` covariate matrix and its ``k`` column names."""

    values: FloatArray
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        values = np.array(self.values, dtype=np.float64, copy=True)
        if values.ndim == 1:
            values = values[:, None]
        if values.ndim != 2 or values.shape[1] != len(self.names):
            raise ModelInputError(
                f"covariate block needs {len(self.names)} columns ({list(self.names)}); "
                f"found shape {values.shape}"
            )
        if not np.all(np.isfinite(values)):
            raise ModelInputError(
                f"covariates {list(self.names)} must be finite; found NaN or infinite values "
                "(impute or drop the locations first)"
            )
        values.flags.writeable = False
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "names", tuple(self.names))


def _vector(name: str, values: npt.ArrayLike) -> FloatArray:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 1:
        raise ModelInputError(f"{name} must be one value per location; found shape {arr.shape}")
    return arr


def numeric(name: str, values: npt.ArrayLike) -> CovariateBlock:
    """A numeric covariate as is (e.g. address density of the gemeente or PC4)."""
    return CovariateBlock(_vector(name, values), (name,))


def share(name: str, values: npt.ArrayLike) -> CovariateBlock:
    """A share in [0, 1] (e.g. LWOO share, non-European origin share); checked."""
    arr = _vector(name, values)
    bad = ~((arr >= 0) & (arr <= 1))
    if np.any(bad):
        raise ModelInputError(
            f"{name} must be shares in [0, 1]; found {arr[bad][:3].tolist()} "
            f"at rows {np.flatnonzero(bad)[:3].tolist()}"
        )
    return CovariateBlock(arr, (name,))


def log_size(pupils: npt.ArrayLike, name: str = "log_pupils") -> CovariateBlock:
    """``log(1 + pupils)``: the size of the location (e.g. its leerjaar-3 pupils)."""
    arr = _vector(name, pupils)
    if np.any(arr < 0):
        raise ModelInputError(f"{name}: pupil numbers must be >= 0")
    return CovariateBlock(np.log1p(arr), (name,))


def offer_breadth(
    available: npt.ArrayLike, *, many: int | None = None, name: str = "n_profiles"
) -> CovariateBlock:
    """The number of profiles a location offers, or (``many`` given) 1 if it offers >= many.

    Caution: this covariate is a function of the offer. When the offer changes in a
    scenario, either hold it at its baseline value or accept that the prediction then
    includes the breadth effect on every profile (docs/model.md).
    """
    avail = np.asarray(available, dtype=np.bool_)
    if avail.ndim != 2:
        raise ModelInputError(f"available must be n_loc x n_prof; found shape {avail.shape}")
    count = avail.sum(axis=1).astype(np.float64)
    if many is None:
        return CovariateBlock(count, (name,))
    return CovariateBlock((count >= many).astype(np.float64), (f"{name}>={many}",))


def dummies(name: str, labels: Sequence[str], *, reference: str | None = None) -> CovariateBlock:
    """0/1 indicators of a categorical variable (region, urbanity class), minus a reference.

    The reference category (default: the most frequent, ties by sort order) gets no
    column, so the block is not collinear with the profile constants.
    """
    labs = [str(x) for x in labels]
    if not labs:
        raise ModelInputError(f"{name}: no labels given")
    levels = sorted(set(labs))
    if reference is None:
        freq = Counter(labs)
        reference = min(levels, key=lambda v: (-freq[v], v))
    elif reference not in levels:
        raise ModelInputError(
            f"{name}: reference category {reference!r} does not occur; found {levels}"
        )
    others = [v for v in levels if v != reference]
    arr = np.array([[1.0 if lab == v else 0.0 for v in others] for lab in labs])
    return CovariateBlock(arr.reshape(len(labs), len(others)), tuple(f"{name}={v}" for v in others))


def combine(*blocks: CovariateBlock) -> CovariateBlock:
    """Stack blocks column-wise; names must be unique and row counts equal."""
    if not blocks:
        raise ModelInputError("combine needs at least one covariate block")
    rows = {b.values.shape[0] for b in blocks}
    if len(rows) != 1:
        raise ModelInputError(f"covariate blocks have different numbers of rows: {sorted(rows)}")
    names = tuple(n for b in blocks for n in b.names)
    if len(set(names)) != len(names):
        raise ModelInputError(f"covariate names must be unique; found {list(names)}")
    return CovariateBlock(np.hstack([b.values for b in blocks]), names)
