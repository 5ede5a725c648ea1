"""The candidate additions of a region and year, valued by the planner.

A candidate is a (location, technical profile) pair where the location offers the
profile in no leerweg, minus the exclusion list (licence/RPO). Each gets, from the
planner (``kansrijk.scenarios.run``): expected extra technical mbo entrants and
diplomas per year, predicted pupils per leerjaar, P(viable) and the equivalent annual
cost (EAC). The planner is run once per profile with that profile added at every
candidate location; with fixed school populations (``switch_rate`` 0, the default)
locations do not interact, so each location's row is its single addition's effect.

Values come from the uptake model (``model = 'uptake'``) when the warehouse has one
(real data); otherwise (the demo) from the MNL baseline model's steady-state entrants of
the location (``model = 'mnl'``), with P(viable) 1 or 0 by the MNL's pupils per
leerjaar. Diplomas: the planner's mean of entrants x its drawn diploma yield (uptake),
or entrants x the mean of the triangular yield (MNL). The planner draws with common
random numbers (streams keyed by seed, location and profile), so an addition's values
here are exactly its values in any run of a chosen set. The MNL's entrants are kept on
every candidate (``entrants_mnl``) to check separability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kansrijk.optimise.errors import OptimiseError
from kansrijk.optimise.exclusions import TECHNICAL, Exclusion
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import AddProfile, Baseline, Parameters, Scenario, run
from kansrijk.scenarios.national import PROFILES
from kansrijk.scenarios.runner import newest_year
from kansrijk.warehouse import Warehouse

FloatArray = npt.NDArray[np.float64]
#: Flags of additions the planner leaves out of its totals (closed or technical since).
LEFT_OUT_FLAGS = frozenset({"closed_since", "techniek_since"})
#: The model notes of every candidate set.
NOTES: tuple[str, ...] = (
    (
        "separability: school populations are fixed (switch_rate 0), so an addition "
        "changes only its own location's choices; additions at different locations add up"
    ),
)


@dataclass(frozen=True)
class Candidate:
    """One possible addition with the planner's values (per year, steady state)."""

    location: str
    name: str
    gemeente: str
    board: str
    profile: str
    x_rd: float
    y_rd: float
    entrants: float
    diplomas: float
    pupils_per_leerjaar: float
    p_viable: float
    eac: float
    model: str
    flags: tuple[str, ...] = ()
    entrants_mnl: float = 0.0

    @property
    def key(self) -> str:
        return f"{self.location}:{self.profile}"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["flags"] = list(self.flags)
        out["x_rd"] = self.x_rd if np.isfinite(self.x_rd) else None
        out["y_rd"] = self.y_rd if np.isfinite(self.y_rd) else None
        return out


@dataclass(frozen=True)
class CandidateSet:
    """Every candidate of a region and year, with what was left out and why."""

    region: str
    region_name: str
    year: int
    candidates: tuple[Candidate, ...]
    excluded: tuple[tuple[str, str, str], ...]  # (location, profile, reason)
    parameters: Parameters
    notes: tuple[str, ...] = field(default=())
    #: ``LOC:PROFILE`` -> the uptake model's extra entrants per parameter draw (``D``).
    draws: dict[str, FloatArray] = field(default_factory=dict, compare=False, repr=False)
    #: ``LOC:PROFILE`` -> the uptake model's extra diplomas per parameter draw (``D``).
    diploma_draws: dict[str, FloatArray] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.candidates)

    def total_eac(self) -> float:
        return float(sum(c.eac for c in self.candidates))

    def subset(self, keys: Sequence[str]) -> CandidateSet:
        """Only the candidates with these keys (``LOC:PROFILE``), in this set's order."""
        wanted = set(keys)
        return CandidateSet(
            self.region,
            self.region_name,
            self.year,
            tuple(c for c in self.candidates if c.key in wanted),
            self.excluded,
            self.parameters,
            self.notes,
            {k: v for k, v in self.draws.items() if k in wanted},
            {k: v for k, v in self.diploma_draws.items() if k in wanted},
        )

    def scenario(self, keys: Sequence[str], name: str = "optimised") -> Scenario:
        """The chosen additions as a planner scenario (add_profile per addition)."""
        by_key = {c.key: c for c in self.candidates}
        missing = [k for k in keys if k not in by_key]
        if missing:
            raise OptimiseError(f"not a candidate of {self.region}: {', '.join(missing)}")
        return Scenario(
            name=name,
            description=f"Additions chosen by the optimiser for {self.region_name} ({self.year})",
            region=self.region,
            baseline_year=self.year,
            interventions=tuple(
                AddProfile(location=by_key[k].location, profile=by_key[k].profile) for k in keys
            ),
            parameters=self.parameters,
        )


def build_candidates(
    wh: Warehouse,
    catalog: RegionCatalog,
    region: str,
    *,
    year: int | None = None,
    profiles: Sequence[str] = TECHNICAL,
    exclusions: Sequence[Exclusion] = (),
    parameters: Parameters | None = None,
) -> CandidateSet:
    """The candidates of ``region`` in ``year`` (default: the newest enrollment year)."""
    params = parameters or Parameters()
    if params.switch_rate > 0:
        raise OptimiseError(
            "the optimiser assumes fixed school populations (switch_rate 0); found "
            f"switch_rate {params.switch_rate:g}: with switching, additions interact"
        )
    bad = [p for p in profiles if p not in TECHNICAL]
    if bad:
        raise OptimiseError(f"profiles: expected some of {', '.join(TECHNICAL)}; found {bad}")
    yr = year or newest_year(wh)
    code = region.strip().upper()
    base = Baseline.from_warehouse(wh, catalog, code, yr)
    boards = _boards(wh, yr)
    rows = [int(r) for r in np.flatnonzero(base.mask(base.region) & base.has_leerweg.any(axis=0))]
    excluded: list[tuple[str, str, str]] = []
    values: dict[tuple[str, str], Candidate] = {}
    draws: dict[str, FloatArray] = {}
    dip_draws: dict[str, FloatArray] = {}
    yield_mean = sum(params.diploma_yield) / 3.0
    for p in profiles:
        j = PROFILES.index(p)
        todo = []
        for r in rows:
            loc = base.locations[r]
            if base.offer[:, r, j].any():
                continue
            hit = next((e for e in exclusions if e.matches(loc, p)), None)
            if hit is not None:
                excluded.append((loc, p, hit.reason or "exclusion list"))
                continue
            todo.append(r)
        if not todo:
            continue
        scen = Scenario(
            name=f"candidates {p}",
            region=code,
            baseline_year=yr,
            interventions=tuple(AddProfile(location=base.locations[r], profile=p) for r in todo),
            parameters=params,
        )
        res = run(scen, wh, catalog)
        loc_rows = {lr.location: lr for lr in res.locations}
        keyed, per_draw = res.extra.get("uptake_entrant_draws", ([], None))
        for m, (loc, prof) in enumerate(keyed):
            draws[f"{loc}:{prof}"] = np.asarray(per_draw[:, m], dtype=np.float64)
        keyed_d, dip_per_draw = res.extra.get("uptake_diploma_draws", ([], None))
        for m, (loc, prof) in enumerate(keyed_d):
            dip_draws[f"{loc}:{prof}"] = np.asarray(dip_per_draw[:, m], dtype=np.float64)
        for a in res.additions:
            row = base.index(a.location)
            if row is None or a.profile != p:
                continue
            if LEFT_OUT_FLAGS & set(a.flags):
                excluded.append(
                    (a.location, p, "planner: " + ", ".join(LEFT_OUT_FLAGS & set(a.flags)))
                )
                continue
            lr = loc_rows[a.location]
            mnl = lr.entrants_scenario - lr.entrants_baseline
            key = f"{a.location}:{p}"
            if a.extra_entrants_per_year is not None and a.p_viable is not None:
                entrants, p_viable, model = a.extra_entrants_per_year, a.p_viable, "uptake"
                pupils = a.uptake_per_leerjaar or 0.0
                # the planner's own mean of entrants x drawn yield (common random numbers)
                diplomas = (
                    float(dip_draws[key].mean()) if key in dip_draws else entrants * yield_mean
                )
            else:
                entrants = mnl
                diplomas = entrants * yield_mean
                pupils = a.per_leerjaar
                p_viable = 1.0 if pupils >= params.viable_pupils else 0.0
                model = "mnl"
            values[(a.location, p)] = Candidate(
                location=a.location,
                name=a.name,
                gemeente=a.gemeente,
                board=boards.get(a.location) or a.location[:4],
                profile=p,
                x_rd=float(base.xy[row, 0]),
                y_rd=float(base.xy[row, 1]),
                entrants=float(entrants),
                diplomas=float(diplomas),
                pupils_per_leerjaar=float(pupils),
                p_viable=float(p_viable),
                eac=float(a.equivalent_annual_cost or 0.0),
                model=model,
                flags=a.flags,
                entrants_mnl=float(mnl),
            )
    ordered = tuple(
        values[(base.locations[r], p)]
        for r in rows
        for p in profiles
        if (base.locations[r], p) in values
    )
    notes = NOTES
    kept = {c.key: draws[c.key] for c in ordered if c.key in draws}
    kept_d = {c.key: dip_draws[c.key] for c in ordered if c.key in dip_draws}
    return CandidateSet(
        code, base.region.name, yr, ordered, tuple(excluded), params, notes, kept, kept_d
    )


def _boards(wh: Warehouse, year: int) -> dict[str, str]:
    """loc_code -> school board (bevoegd gezag) from the locations file nearest ``year``."""
    try:
        rows = wh.query(
            """
            SELECT loc_code, arg_min(board, abs(year - ?)) FROM location
            WHERE board IS NOT NULL GROUP BY loc_code
            """,
            [year],
        )
    except Exception:  # noqa: BLE001 - an old warehouse without the column: BRIN instead
        return {}
    return {str(loc): str(b) for loc, b in rows}
