"""The baseline of a scenario: a region's vmbo locations as the data show them in one year.

Per location x leerweg (BB, KB, GL): pupils per profile in leerjaar 3-4, the offer set
(profiles with pupils), route pupils (held fixed), the model's utilities for every
profile, coordinates (PC4 centroid, RD) and the distance to the nearest technical mbo
location. The choice models are estimated per leerweg on *all* locations of the year
(``national_data``, cached), not only the region's.

Membership follows the indicators: a location belongs to a region by its newest
(current) gemeente code, to a PC4-defined region (RDAM-ZUID) by its PC4, and every
location belongs to NL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from kansrijk.errors import UnknownRegionError
from kansrijk.model import ChoiceModel
from kansrijk.regions import Membership, Region, RegionCatalog
from kansrijk.scenarios.errors import ScenarioDataError
from kansrijk.scenarios.mbo import (
    TECHNIEK_ICT_KAMERS,
    TECHNIEK_KAMERS,
    MboList,
    default_mbo_list,
    nearest_km,
    place_locations,
)
from kansrijk.scenarios.national import (
    DEFAULT_COVARIATES,
    DEFAULT_COVARIATES_FOR,
    LEERWEGEN,
    PROFILES,
    NationalData,
    national_data,
)
from kansrijk.warehouse import Warehouse

FloatArray = npt.NDArray[np.float64]
#: A profile constant with a standard error above this is flagged as weakly identified.
WEAK_SE = 5.0
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]


def region_mask(region: Region, gemeenten: Sequence[str], pc4: Sequence[str]) -> BoolArray:
    """Which of the locations (by current gemeente and PC4) belong to ``region``."""
    membership = region.membership
    if membership is Membership.ALL:
        return np.ones(len(gemeenten), dtype=np.bool_)
    # Region.contains, with the membership rule decided once for all locations
    codes = region.member_codes
    keys = pc4 if membership is Membership.PC4 else gemeenten
    return np.fromiter((k in codes for k in keys), dtype=np.bool_, count=len(keys))


@dataclass(frozen=True, eq=False)
class Baseline:
    """The baseline state of one region and year. Arrays ``[leerweg, location, profile]``.

    ``counts`` are observed pupils in leerjaar 3-4 (masked cells imputed), ``offer`` the
    profiles with pupils, ``utilities`` the central model utilities ``alpha + beta . x``
    (``-inf`` for profiles the leerweg's model could not estimate), ``design`` the rows
    ``[1, x]`` for parameter draws. ``dist_ict_km`` / ``dist_tech_km``: km to the nearest
    mbo location offering techniek incl. ICT (TGO, MLT, ICT) / techniek (TGO, MLT);
    ``ref_ict_km`` / ``ref_tech_km`` their pupil-weighted means, the distances at which
    the published flow rates hold (fixed for every scenario on this baseline).
    """

    region: Region
    year: int
    catalog: RegionCatalog | None
    national: NationalData
    rows: IntArray
    locations: tuple[str, ...]
    names: tuple[str, ...]
    gemeenten: tuple[str, ...]
    pc4: tuple[str, ...]
    xy: FloatArray
    counts: FloatArray
    routes: FloatArray
    utilities: FloatArray
    design: tuple[FloatArray, ...]
    mbo: MboList
    dist_ict_km: FloatArray
    dist_tech_km: FloatArray
    ref_ict_km: float
    ref_tech_km: float
    notes: tuple[str, ...]

    # ------------------------------------------------------------------ views
    @property
    def n_locations(self) -> int:
        return len(self.locations)

    @property
    def models(self) -> tuple[ChoiceModel | None, ...]:
        return self.national.models

    @cached_property
    def offer(self) -> BoolArray:
        """Profiles with pupils (the offer set), ``3 x n x 10``."""
        return _frozen(self.counts > 0)

    @cached_property
    def pupils(self) -> FloatArray:
        """Profile pupils per leerweg x location (routes excluded), ``3 x n``."""
        return _frozen(self.counts.sum(axis=2))

    @cached_property
    def has_leerweg(self) -> BoolArray:
        return _frozen(self.pupils > 0)

    @cached_property
    def shares(self) -> FloatArray:
        """Observed shares per leerweg x location (0 where the leerweg has no pupils)."""
        tot = self.pupils[..., None]
        return _frozen(np.divide(self.counts, tot, out=np.zeros_like(self.counts), where=tot > 0))

    @cached_property
    def estimable(self) -> BoolArray:
        """``3 x 10``: the leerweg's model has parameters for the profile."""
        out = np.zeros((3, len(PROFILES)), dtype=np.bool_)
        for lw, m in enumerate(self.models):
            if m is not None:
                out[lw] = [p in m.included for p in PROFILES]
        return _frozen(out)

    @cached_property
    def alpha_se(self) -> FloatArray:
        """``3 x 10``: standard error of each profile's constant (0 for the reference, NaN
        where not estimated). A large one (``WEAK_SE``) means the data hardly identify
        the profile, e.g. when it is only chosen where nothing else is offered."""
        out = np.full((3, len(PROFILES)), np.nan)
        for lw, m in enumerate(self.models):
            if m is None:
                continue
            se = dict(zip(m.param_names, m.se, strict=True))
            for j, p in enumerate(PROFILES):
                if p == m.reference:
                    out[lw, j] = 0.0
                elif p in m.included:
                    out[lw, j] = float(se[f"alpha[{p}]"])
        return _frozen(out)

    def index(self, code: str) -> int | None:
        """Row of a location code, None when it is not in the baseline."""
        try:
            return self.locations.index(code)
        except ValueError:
            return None

    def mask(self, region: Region) -> BoolArray:
        """Which baseline locations belong to ``region``."""
        return region_mask(region, self.gemeenten, self.pc4)

    def resolve(self, code: str) -> Region:
        """A region by code: the baseline's own, or any in the catalogue.

        Raises:
            UnknownRegionError: the code is unknown (with suggestions).
        """
        if code.strip().upper() == self.region.code:
            return self.region
        if self.catalog is None:
            raise UnknownRegionError(
                f"unknown region {code!r}; without a region catalogue only the baseline's "
                f"region {self.region.code} is known"
            )
        return self.catalog.get(code)

    def location_records(self) -> list[dict[str, object]]:
        """One dict per location: code, name, gemeente, pc4, pupils per leerweg, offer."""
        out = []
        for i, code in enumerate(self.locations):
            offer = sorted(
                {PROFILES[j] for lw in range(3) for j in np.flatnonzero(self.offer[lw, i])}
            )
            out.append(
                {
                    "location": code,
                    "name": self.names[i],
                    "gemeente": self.gemeenten[i],
                    "pc4": self.pc4[i],
                    "pupils": {
                        LEERWEGEN[lw][0]: float(self.pupils[lw, i])
                        for lw in range(3)
                        if self.pupils[lw, i] > 0
                    },
                    "route_pupils": float(self.routes[:, i].sum()),
                    "offer": offer,
                    "dist_mbo_techniek_ict_km": _clean(self.dist_ict_km[i]),
                }
            )
        return out

    # ------------------------------------------------------------------ building
    @classmethod
    def from_warehouse(
        cls,
        wh: Warehouse,
        catalog: RegionCatalog,
        region: str,
        year: int,
        *,
        covariates: Sequence[str] = DEFAULT_COVARIATES,
        covariates_for: frozenset[str] | None = DEFAULT_COVARIATES_FOR,
        mbo: MboList | None = None,
        key: tuple[object, ...] | None = None,
    ) -> Baseline:
        """The baseline of ``region`` in ``year`` (``key``: the warehouse's ``content_key``
        when the caller has it).

        Raises:
            UnknownRegionError: the region code is not in the catalogue.
            ScenarioDataError: no enrollment for the year, or no location in the region.
        """
        reg = catalog.get(region)
        nd = national_data(wh, year, covariates=covariates, covariates_for=covariates_for, key=key)
        return cls.from_national(
            nd, reg, mbo if mbo is not None else default_mbo_list(wh), catalog=catalog
        )

    @classmethod
    def from_national(
        cls,
        nd: NationalData,
        region: Region,
        mbo: MboList,
        *,
        catalog: RegionCatalog | None = None,
    ) -> Baseline:
        """The baseline of ``region`` from already loaded (cached) national data."""
        rows = np.flatnonzero(region_mask(region, nd.gemeenten, nd.pc4))
        if rows.size == 0:
            raise ScenarioDataError(
                f"region {region.code} ({region.name}) has no location with vmbo BB/KB/GL "
                f"pupils in leerjaar 3-4 in {nd.year}"
            )
        notes = list(nd.notes)
        placed, missing = place_locations(mbo.locations, nd.centroids)
        mbo = MboList(placed, mbo.source, mbo.indicative)
        if missing:
            notes.append(f"mbo locations without coordinates, ignored: {', '.join(missing)}")
        if mbo.missing:
            notes.append(
                f"{mbo.source}; distances to technical mbo are unknown and the distance "
                "effect on the flow to technical mbo is not applied"
            )
        elif not any(loc.offers(TECHNIEK_ICT_KAMERS) for loc in mbo.locations):
            notes.append(
                f"none of the {len(mbo.locations)} mbo locations ({mbo.source}) is known to "
                "offer technology or ICT (load DUO 'Mbo-studenten per instelling' to tell): "
                "the distance effect on the flow to technical mbo is not applied"
            )
        if mbo.indicative:
            notes.append(
                f"technical mbo locations from {mbo.source}: an INDICATIVE list written from "
                "public knowledge, not checked; distances and the distance effect are indicative"
            )
        counts = nd.counts[:, rows]
        xy = nd.xy[rows]
        utilities = np.full(counts.shape, -np.inf)
        design = []
        for lw, model in enumerate(nd.models):
            z = np.hstack([np.ones((rows.size, 1)), nd.model_x(lw)[rows]])
            design.append(z)
            if model is not None:
                u = z @ model.coefficients
                inc = np.array([p in model.included for p in PROFILES])
                utilities[lw][:, inc] = u[:, inc]
        dist_ict = nearest_km(xy, mbo, TECHNIEK_ICT_KAMERS)
        dist_tech = nearest_km(xy, mbo, TECHNIEK_KAMERS)
        weights = counts.sum(axis=(0, 2))
        ref_ict = _weighted_mean(dist_ict, weights)
        ref_tech = _weighted_mean(dist_tech, weights)
        if np.isnan(dist_ict).any():
            notes.append(
                f"{int(np.isnan(dist_ict).sum())} locations without a distance to technical mbo "
                "(no coordinates or no mbo location): their flow rates get no distance effect"
            )
        return cls(
            region=region,
            year=nd.year,
            catalog=catalog,
            national=nd,
            rows=rows,
            locations=tuple(nd.locations[i] for i in rows),
            names=tuple(nd.names[i] for i in rows),
            gemeenten=tuple(nd.gemeenten[i] for i in rows),
            pc4=tuple(nd.pc4[i] for i in rows),
            xy=xy,
            counts=counts,
            routes=nd.routes[:, rows],
            utilities=utilities,
            design=tuple(design),
            mbo=mbo,
            dist_ict_km=dist_ict,
            dist_tech_km=dist_tech,
            ref_ict_km=ref_ict,
            ref_tech_km=ref_tech,
            notes=tuple(notes),
        )


def _frozen(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``values`` made read-only: the cached views of a baseline are shared by every run."""
    values.setflags(write=False)
    return values


def _weighted_mean(values: FloatArray, weights: FloatArray) -> float:
    ok = np.isfinite(values) & (weights > 0)
    if not ok.any():
        return float("nan")
    return float((values[ok] * weights[ok]).sum() / weights[ok].sum())


def _clean(value: float) -> float | None:
    return None if not np.isfinite(value) else float(value)
