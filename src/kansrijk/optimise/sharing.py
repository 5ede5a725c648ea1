"""Sharing a workshop as a decision: guests within N km of a candidate host, valued by the
planner's sharing model.

A **share option** ``(host, guest, profile)``: the host is a candidate addition of the
profile; the guest is a location of the region that offers the profile in no leerweg and
lies within ``km`` (crow-fly, PC4 centroids) of the host. If chosen, the guest's pupils may
follow the profile at the host (the planner's ``share_profile``) at a utility penalty of
``travel_penalty + per_km x km`` log-odds (the planner's ``share_where_missing`` rule),
capped at 20. Each guest considers its ``max_hosts`` nearest candidate hosts.

Values come from the planner itself. Options are packed into rounds in which every
location is in one pair at most (as host or guest, of any profile); each round is one
planner run (every host of the round added, each with its one guest). An option's value is the
host's row with its guest minus the host's candidate value alone: extra entrants (uptake
model: the host's pupils scaled by the MNL's guests per own pupil), diplomas, equivalent
annual cost (the host's cost with the guest's pupils; with the default reference sizing
the same, so 0) and the MNL's extra entrants (the guest's location). In the planner a
host's guests add up: the MNL values each guest's pupils on their own, and the uptake
model scales the host's draws by the sum of its guests' ratios; with common random numbers
the host's draws are the same in every run, so the values are exact, not estimates. A
guest's pupils would choose between a shared profile and one added at the guest itself,
so the solver counts a share like an addition at the guest's location (``per_location``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from kansrijk.optimise.candidates import LEFT_OUT_FLAGS, CandidateSet
from kansrijk.optimise.errors import OptimiseError
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import AddProfile, Baseline, Scenario, ShareProfile, run
from kansrijk.scenarios.national import PROFILES
from kansrijk.warehouse import Warehouse

#: Defaults of the planner's ``share_where_missing``.
DEFAULT_SHARE_KM = 3.0
DEFAULT_TRAVEL_PENALTY = 1.0
DEFAULT_PER_KM = 0.1
MAX_PENALTY = 20.0


@dataclass(frozen=True)
class ShareOption:
    """Pupils of ``guest`` follow ``profile`` at ``host`` (which adds it)."""

    host: str
    guest: str
    guest_name: str
    profile: str
    km: float
    travel_penalty: float
    entrants: float
    diplomas: float
    eac: float
    entrants_mnl: float
    guest_pupils: float

    @property
    def key(self) -> str:
        return f"{self.host}:{self.profile}<{self.guest}"

    @property
    def host_key(self) -> str:
        return f"{self.host}:{self.profile}"

    @property
    def guest_key(self) -> str:
        return f"{self.guest}:{self.profile}"

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, **asdict(self)}

    def intervention(self) -> ShareProfile:
        return ShareProfile(
            host=self.host,
            guests=(self.guest,),
            profile=self.profile,
            travel_penalty=self.travel_penalty,
        )


@dataclass(frozen=True)
class Sharing:
    """The share options of a candidate set and the rule they were made by."""

    km: float
    travel_penalty: float
    per_km: float
    options: tuple[ShareOption, ...]
    runs: int = 0

    def __len__(self) -> int:
        return len(self.options)

    def subset(self, keys: Sequence[str]) -> Sharing:
        wanted = set(keys)
        kept = tuple(o for o in self.options if o.key in wanted)
        return Sharing(self.km, self.travel_penalty, self.per_km, kept, self.runs)

    def rule(self) -> dict[str, Any]:
        return {
            "km": self.km,
            "travel_penalty": self.travel_penalty,
            "per_km": self.per_km,
            "options": len(self.options),
            "planner_runs": self.runs,
        }


def scenario_with_shares(
    cands: CandidateSet, keys: Sequence[str], shares: Sequence[ShareOption] = ()
) -> Scenario:
    """The chosen additions, then the chosen shares (``share_profile``), as one scenario."""
    base = cands.scenario(keys)
    hosts = set(keys)
    orphans = [o.key for o in shares if o.host_key not in hosts]
    if orphans:
        raise OptimiseError(f"a share needs its host's addition; not chosen for {orphans}")
    return base.model_copy(
        update={
            "interventions": (*base.interventions, *(o.intervention() for o in shares)),
        }
    )


def build_sharing(
    wh: Warehouse,
    catalog: RegionCatalog,
    cands: CandidateSet,
    *,
    km: float = DEFAULT_SHARE_KM,
    travel_penalty: float = DEFAULT_TRAVEL_PENALTY,
    per_km: float = DEFAULT_PER_KM,
    max_hosts: int = 3,
) -> Sharing:
    """Every share option of ``cands`` within ``km``, valued by planner runs."""
    if not 0.0 < km <= 50.0:
        raise OptimiseError(f"share km: expected a distance in (0, 50] km; found {km:g}")
    if not 0.0 <= travel_penalty <= MAX_PENALTY or not 0.0 <= per_km <= 5.0:
        raise OptimiseError(
            f"travel penalty: expected 0-{MAX_PENALTY:g} log-odds and 0-5 per km; found "
            f"{travel_penalty:g} and {per_km:g}"
        )
    if max_hosts < 1:
        raise OptimiseError(f"max_hosts: expected at least 1; found {max_hosts}")
    base = Baseline.from_warehouse(wh, catalog, cands.region, cands.year)
    in_region = base.mask(base.region) & base.has_leerweg.any(axis=0)
    left_out = {(loc, p) for loc, p, why in cands.excluded if why.startswith("planner:")}
    by_key = {c.key: c for c in cands.candidates}
    pairs: list[tuple[str, int, str, float]] = []  # (host key, guest row, profile, km)
    for p in dict.fromkeys(c.profile for c in cands.candidates):
        j = PROFILES.index(p)
        hosts = [c for c in cands.candidates if c.profile == p]
        hxy = np.array([(c.x_rd, c.y_rd) for c in hosts], dtype=float)
        for g in [int(v) for v in np.flatnonzero(in_region)]:
            loc = base.locations[g]
            if base.offer[:, g, j].any() or (loc, p) in left_out:
                continue
            d = np.hypot(hxy[:, 0] - base.xy[g, 0], hxy[:, 1] - base.xy[g, 1]) / 1000.0
            near = [
                int(i)
                for i in np.argsort(d, kind="stable")
                if np.isfinite(d[i]) and d[i] <= km and hosts[i].location != loc
            ][:max_hosts]
            pairs += [(hosts[i].key, int(g), p, float(d[i])) for i in near]
    options: list[ShareOption] = []
    rounds = _rounds(pairs, base.locations)
    for todo in rounds:
        scen = Scenario(
            name="share options",
            region=cands.region,
            baseline_year=cands.year,
            interventions=(
                *(
                    AddProfile(location=by_key[h].location, profile=by_key[h].profile)
                    for h, _g, _p, _d in todo
                ),
                *(
                    ShareProfile(
                        host=by_key[h].location,
                        guests=(base.locations[g],),
                        profile=p,
                        travel_penalty=_penalty(travel_penalty, per_km, d),
                    )
                    for h, g, p, d in todo
                ),
            ),
            parameters=cands.parameters,
        )
        res = run(scen, wh, catalog)
        rows = {(a.location, a.profile): a for a in res.additions}
        locs = {lr.location: lr for lr in res.locations}
        keyed, dip = res.extra.get("uptake_diploma_draws", ([], None))
        dip_mean = {f"{loc}:{prof}": float(dip[:, m].mean()) for m, (loc, prof) in enumerate(keyed)}
        for h, g, p, d in todo:
            c = by_key[h]
            a = rows[(c.location, p)]
            if LEFT_OUT_FLAGS & set(a.flags):
                continue
            guest = base.locations[g]
            glr, hlr = locs.get(guest), locs[c.location]
            mnl = 0.0 if glr is None else glr.entrants_scenario - glr.entrants_baseline
            mnl += (hlr.entrants_scenario - hlr.entrants_baseline) - c.entrants_mnl
            if c.model == "uptake" and a.extra_entrants_per_year is not None:
                ent = a.extra_entrants_per_year - c.entrants
                dips = dip_mean.get(h, c.diplomas) - c.diplomas
            else:
                ent = mnl
                dips = mnl * sum(cands.parameters.diploma_yield) / 3.0
            options.append(
                ShareOption(
                    host=c.location,
                    guest=guest,
                    guest_name=base.names[g],
                    profile=p,
                    km=d,
                    travel_penalty=_penalty(travel_penalty, per_km, d),
                    entrants=float(ent),
                    diplomas=float(dips),
                    eac=max(float(a.equivalent_annual_cost or 0.0) - c.eac, 0.0),
                    entrants_mnl=float(mnl),
                    guest_pupils=float(a.guest_pupils),
                )
            )
    options.sort(key=lambda o: (o.profile, o.guest, o.km, o.host))
    return Sharing(km, travel_penalty, per_km, tuple(options), len(rounds))


def _penalty(travel_penalty: float, per_km: float, km: float) -> float:
    return min(travel_penalty + per_km * km, MAX_PENALTY)


def _rounds(
    pairs: list[tuple[str, int, str, float]], locations: Sequence[str]
) -> list[list[tuple[str, int, str, float]]]:
    """Pack pairs into planner runs in which every location is in one pair at most (as
    host or guest, of any profile): its values are then those of that pair alone."""
    rounds: list[list[tuple[str, int, str, float]]] = []
    used: list[set[str]] = []  # locations per round
    for pair in sorted(pairs, key=lambda q: (q[3], q[0], q[1])):
        h, g, _p, _d = pair
        both = {h.split(":")[0], locations[g]}
        for k, seen in enumerate(used):
            if not both & seen:
                rounds[k].append(pair)
                seen.update(both)
                break
        else:
            rounds.append([pair])
            used.append(set(both))
    return rounds
