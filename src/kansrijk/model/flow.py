"""Flow from vmbo profile to technical mbo: published rates and the distance effect.

Rates per profile come from SEOR (2026) tabel 3.6 (packaged in
``model/data/flow_rates.yaml``, with citations). The expected number of entrants to
technical mbo at a location is ``sum_p pupils_p * r_p(d)`` with

    r_p(d) = clamp(r_p + per_km * (d - reference_km), 0, 1),

``per_km = -0.003`` (0.3 percentage point less per extra km to the nearest technical
mbo location; Bertrand-Cloodt et al. 2011, cited in SEOR 2026 footnote 10).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import yaml

from kansrijk.errors import MissingFileError
from kansrijk.model.errors import FlowRatesError, ModelInputError

FloatArray = npt.NDArray[np.float64]
Bound = Literal["central", "low", "high"]

#: Change of the flow rate per extra km (share, i.e. -0.3 percentage point).
DEFAULT_PER_KM = -0.003

#: Parsed flow-rate files by (path, size, mtime) (``FlowRates.load``); at most a few.
_loaded: dict[tuple[object, ...], FlowRates] = {}
_loaded_lock = threading.Lock()
_LOADED_MAX = 16


@dataclass(frozen=True)
class ProfileFlowRate:
    """Published flow rates of one profile to technical mbo, per region."""

    profile: str
    name: str
    incl_ict: Mapping[str, float | None]
    excl_ict: Mapping[str, float | None] | None = None
    note: str | None = None

    def _values(self, include_ict: bool) -> Mapping[str, float | None]:
        if include_ict:
            return self.incl_ict
        if self.excl_ict is None:
            raise ModelInputError(
                f"no flow rate without ICT is published for {self.profile} (SEOR 2026 table "
                "3.6 gives techniek including ICT only); supply one in an override file"
            )
        return self.excl_ict

    def value(self, region: str, *, include_ict: bool = True) -> float:
        """The published rate for ``region``; falls back to ``nederland`` where missing."""
        values = self._values(include_ict)
        if region not in values:
            raise ModelInputError(
                f"unknown flow-rate region {region!r}; expected one of {', '.join(values)}"
            )
        got = values[region]
        if got is None:
            got = values.get("nederland")
        if got is None:
            raise ModelInputError(f"no published flow rate for {self.profile} in {region}")
        return got

    def bounds(self, *, include_ict: bool = True) -> tuple[float, float]:
        """Lowest and highest published rate over all regions."""
        vals = [v for v in self._values(include_ict).values() if v is not None]
        return min(vals), max(vals)


@dataclass(frozen=True)
class FlowRates:
    """Flow rates per profile (incl. ICT; without ICT where given) and the km effect."""

    rates: Mapping[str, ProfileFlowRate]
    regions: tuple[str, ...]
    default_region: str
    per_km: float = DEFAULT_PER_KM
    source: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> FlowRates:
        """Read the packaged rates (SEOR 2026 tabel 3.6) or an override file.

        Parsed once per file version (path, size, modification time) and shared: the
        object is immutable, and parsing the YAML cost more than a whole scenario run."""
        if path is None:
            key: tuple[object, ...] = ("packaged",)
        else:
            p = Path(path)
            if not p.is_file():
                raise MissingFileError(f"flow-rate file {p} does not exist")
            st = p.stat()
            key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
        with _loaded_lock:
            hit = _loaded.get(key)
        if hit is not None:
            return hit
        if path is None:
            ref = resources.files("kansrijk.model").joinpath("data/flow_rates.yaml")
            text = ref.read_text(encoding="utf-8")
            where = "kansrijk/model/data/flow_rates.yaml"
        else:
            text = Path(path).read_text(encoding="utf-8")
            where = str(path)
        rates = cls.from_mapping(yaml.safe_load(text), file=where)
        with _loaded_lock:
            if len(_loaded) >= _LOADED_MAX:
                _loaded.pop(next(iter(_loaded)))
            _loaded[key] = rates
        return rates

    @classmethod
    def from_mapping(cls, doc: Any, *, file: str | None = None) -> FlowRates:
        """Build from the YAML structure (a dict); validates every value."""
        if not isinstance(doc, dict):
            raise FlowRatesError("expected a mapping at the top level", file=file)
        for key in ("regions", "default_region", "rates"):
            if key not in doc:
                raise FlowRatesError(f"missing key {key!r}", file=file)
        regions = tuple(str(r) for r in doc["regions"])
        default = str(doc["default_region"])
        if default not in regions:
            raise FlowRatesError(
                f"default_region {default!r} is not one of the regions {list(regions)}", file=file
            )
        rates: dict[str, ProfileFlowRate] = {}
        for code, entry in dict(doc["rates"]).items():
            if not isinstance(entry, dict) or "incl_ict" not in entry:
                raise FlowRatesError(f"rates.{code}: expected a mapping with incl_ict", file=file)
            incl = _region_values(entry["incl_ict"], regions, f"rates.{code}.incl_ict", file)
            excl_raw = entry.get("excl_ict")
            excl = (
                None
                if excl_raw is None
                else _region_values(excl_raw, regions, f"rates.{code}.excl_ict", file)
            )
            rates[str(code)] = ProfileFlowRate(
                profile=str(code),
                name=str(entry.get("name", code)),
                incl_ict=incl,
                excl_ict=excl,
                note=entry.get("note"),
            )
        distance = doc.get("distance") or {}
        per_km = float(distance.get("per_km", DEFAULT_PER_KM))
        if not math.isfinite(per_km):
            raise FlowRatesError(f"distance.per_km must be finite; found {per_km}", file=file)
        return cls(rates, regions, default, per_km, dict(doc.get("source") or {}))

    def rate(
        self,
        profile: str,
        *,
        region: str | None = None,
        bound: Bound = "central",
        include_ict: bool = True,
    ) -> float:
        """One profile's rate: the region's value (central) or the low/high of all regions."""
        try:
            entry = self.rates[str(profile)]
        except KeyError:
            raise ModelInputError(
                f"no flow rate for profile {profile!r}; known: {', '.join(self.rates)}"
            ) from None
        if bound == "central":
            return entry.value(region or self.default_region, include_ict=include_ict)
        low, high = entry.bounds(include_ict=include_ict)
        if bound == "low":
            return low
        if bound == "high":
            return high
        raise ModelInputError(f"bound must be central, low or high; found {bound!r}")

    def vector(
        self,
        profiles: Sequence[str],
        *,
        region: str | None = None,
        bound: Bound = "central",
        include_ict: bool = True,
    ) -> FloatArray:
        """Rates for ``profiles`` in order (e.g. the columns of a ``ChoiceData``)."""
        return np.array(
            [self.rate(p, region=region, bound=bound, include_ict=include_ict) for p in profiles],
            dtype=np.float64,
        )


def _region_values(
    raw: Any, regions: tuple[str, ...], where: str, file: str | None
) -> dict[str, float | None]:
    if not isinstance(raw, dict):
        raise FlowRatesError(f"{where}: expected a mapping region -> rate", file=file)
    unknown = sorted(set(map(str, raw)) - set(regions))
    if unknown:
        raise FlowRatesError(
            f"{where}: unknown regions {unknown}; expected {list(regions)}", file=file
        )
    out: dict[str, float | None] = {}
    for region in regions:
        value = raw.get(region)
        if value is None:
            out[region] = None
            continue
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise FlowRatesError(
                f"{where}.{region}: expected a number, found {value!r}", file=file
            ) from None
        if not 0.0 <= v <= 1.0:
            raise FlowRatesError(
                f"{where}.{region}: a rate is a share in [0, 1]; found {v}", file=file
            )
        out[region] = v
    if all(v is None for v in out.values()):
        raise FlowRatesError(f"{where}: no region has a value", file=file)
    return out


# ---------------------------------------------------------------------- distance
def reference_distance(distance_km: npt.ArrayLike, pupils: npt.ArrayLike) -> float:
    """Pupil-weighted mean distance: the default reference of ``expected_entrants``.

    Compute it once for the baseline and pass it to every scenario, so a scenario that
    changes distances shows the effect (recomputing it per scenario would cancel it).
    """
    d = _distances(distance_km)
    w = np.asarray(pupils, dtype=np.float64)
    if w.shape != d.shape or np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ModelInputError(
            f"pupils must be finite, >= 0 and one per location ({d.shape}); found {w.shape}"
        )
    if w.sum() <= 0:
        return float(d.mean())
    return float((d * w).sum() / w.sum())


def adjusted_rates(
    rates: npt.ArrayLike,
    distance_km: npt.ArrayLike,
    *,
    reference_km: float,
    per_km: float = DEFAULT_PER_KM,
) -> FloatArray:
    """``clamp(rate + per_km * (d - reference_km), 0, 1)`` per location x profile.

    ``rates`` is per profile (``n_prof``) or per location x profile.
    """
    d = _distances(distance_km)
    r = np.asarray(rates, dtype=np.float64)
    if r.ndim == 1:
        r = np.broadcast_to(r, (d.size, r.size))
    if r.ndim != 2 or r.shape[0] != d.size:
        raise ModelInputError(
            f"rates must be n_prof or ({d.size}, n_prof); found shape {np.shape(rates)}"
        )
    if not (math.isfinite(reference_km) and math.isfinite(per_km)):
        raise ModelInputError("reference_km and per_km must be finite")
    shifted = r + per_km * (d - reference_km)[:, None]
    return np.asarray(np.clip(shifted, 0.0, 1.0), dtype=np.float64)


def expected_entrants(
    pupils_by_profile: npt.ArrayLike,
    distance_km: npt.ArrayLike,
    rates: npt.ArrayLike,
    *,
    per_km: float = DEFAULT_PER_KM,
    reference_km: float | None = None,
) -> FloatArray:
    """Expected entrants to technical mbo per location x profile.

    Args:
        pupils_by_profile: ``n_loc x n_prof`` pupils (e.g. predicted shares x cohort).
        distance_km: ``n_loc`` km from each location to the nearest technical mbo location.
        rates: flow rates per profile (``n_prof``, e.g. ``FlowRates.vector(profiles)``)
            or per location x profile.
        per_km: change of the rate per extra km (default -0.003 = -0.3 percentage point).
        reference_km: distance at which the published rate holds. Default: the
            pupil-weighted mean of ``distance_km`` (``reference_distance``), so the
            region's average rate is the published one. For scenarios, compute it once
            on the baseline and pass it explicitly.

    Sum over axis 1 for entrants per location. Adjusted rates are clamped to [0, 1].
    """
    pupils = np.asarray(pupils_by_profile, dtype=np.float64)
    d = _distances(distance_km)
    if pupils.ndim != 2 or pupils.shape[0] != d.size:
        raise ModelInputError(
            f"pupils_by_profile must be ({d.size}, n_prof) to match distance_km; "
            f"found {pupils.shape}"
        )
    if np.any(pupils < 0) or not np.all(np.isfinite(pupils)):
        raise ModelInputError("pupils_by_profile must be finite and >= 0")
    ref = reference_distance(d, pupils.sum(axis=1)) if reference_km is None else reference_km
    adj = adjusted_rates(rates, d, reference_km=float(ref), per_km=per_km)
    if adj.shape != pupils.shape:
        raise ModelInputError(
            f"rates have {adj.shape[1]} profiles; pupils_by_profile has {pupils.shape[1]}"
        )
    return np.asarray(pupils * adj, dtype=np.float64)


def _distances(distance_km: npt.ArrayLike) -> FloatArray:
    d = np.atleast_1d(np.asarray(distance_km, dtype=np.float64))
    if d.ndim != 1:
        raise ModelInputError(f"distance_km must be one value per location; found {d.shape}")
    if not np.all(np.isfinite(d)) or np.any(d < 0):
        raise ModelInputError("distance_km must be finite and >= 0 (km)")
    return d
