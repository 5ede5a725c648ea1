"""Interventions: frozen pydantic models, each a pure function ``apply(state) -> state``.

Scenarios compose them in order (docs/scenarios.md). Types (YAML ``type``):

* ``add_profile``: a location starts offering a profile (in its BB/KB/GL leerwegen);
* ``remove_profile``: a location stops offering a profile;
* ``share_profile``: pupils of guest locations may follow a profile at a host, at a
  travel penalty (a log-odds decrement); they count in the host's group size;
* ``guidance_uplift``: better career guidance (LOB) multiplies the odds of a profile
  set by an odds ratio in a region; the evidence range ``[low, high]`` feeds intervals;
* ``flow_uplift``: percentage points added to the flow rates of a profile set (less
  leak to non-technical mbo), clamped to [0, 1];
* ``new_mbo_location``: a technical mbo location opens (shorter distances, so more
  flow via -0.3 percentage point per km);
* ``add_profile_where_missing``: every location of a region without a profile of a set
  gets one (a fixed profile, or the one the model predicts most pupils for).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator, model_validator

from kansrijk.scenarios.intervention_base import (
    DEFAULT_CANDIDATES,
    LW_LABELS,
    MAX_COST,
    MAX_ODDS_RATIO,
    TECHNIEK,
    InterventionBase,
    add_profile,
    add_profiles,
    best_profile,
    location_row,
    parse_profile,
    parse_profile_set,
    region_rows,
    with_costs,
)
from kansrijk.scenarios.location_offer import (
    check_location,
    check_offer_change,
    check_pc4,
    check_profile,
)
from kansrijk.scenarios.mbo import MboLocation, parse_sectorkamers
from kansrijk.scenarios.national import PROFILES
from kansrijk.scenarios.state import CostItem, FlowTerm, InterventionError, ShiftTerm, State

__all__ = [
    "DEFAULT_CANDIDATES",
    "INTERVENTION_TYPES",
    "AddProfile",
    "AddProfileWhereMissing",
    "FlowUplift",
    "GuidanceUplift",
    "Intervention",
    "NewMboLocation",
    "RemoveProfile",
    "ShareProfile",
]


class AddProfile(InterventionBase):
    """A location starts offering ``profile`` in its leerwegen (or those listed)."""

    type: Literal["add_profile"] = "add_profile"
    location: str
    profile: Annotated[str, Field(description="Profile code, e.g. PIE")]
    leerwegen: tuple[Literal["BB", "KB", "GL"], ...] | None = None

    _parse_profile = field_validator("profile", mode="before")(parse_profile)
    _check_profile = field_validator("profile")(check_profile)
    _check_location = field_validator("location")(check_location)

    @model_validator(mode="after")
    def _possible(self, info: ValidationInfo) -> AddProfile:
        check_offer_change("add", self.location, self.profile, info)
        return self

    def apply(self, state: State) -> State:
        return add_profile(state, location_row(state, self.location), self.profile, self.leerwegen)


class RemoveProfile(InterventionBase):
    """A location stops offering ``profile``; its pupils choose among the rest (IIA)."""

    type: Literal["remove_profile"] = "remove_profile"
    location: str
    profile: str

    _parse_profile = field_validator("profile", mode="before")(parse_profile)
    _check_profile = field_validator("profile")(check_profile)
    _check_location = field_validator("location")(check_location)

    @model_validator(mode="after")
    def _offered(self, info: ValidationInfo) -> RemoveProfile:
        check_offer_change("remove", self.location, self.profile, info)
        return self

    def apply(self, state: State) -> State:
        row = location_row(state, self.location)
        j = PROFILES.index(self.profile)
        code = state.baseline.locations[row]
        if not state.offer[:, row, j].any():
            return state.with_note(f"{code} does not offer {self.profile}: nothing removed")
        offer = state.offer.copy()
        offer[:, row, j] = False
        host = state.host.copy()
        avail = (offer | (host >= 0)) & state.baseline.has_leerweg[..., None]
        empty = state.baseline.has_leerweg[:, row] & ~avail[:, row].any(axis=1)
        if empty.any():
            lws = ", ".join(LW_LABELS[lw] for lw in np.flatnonzero(empty))
            raise InterventionError(
                f"removing {self.profile} leaves {code} without any profile in {lws}; "
                "its pupils would have nothing to choose (school populations are fixed)"
            )
        lost = host[:, :, j] == row
        host[:, :, j][lost] = -1
        notes = list(state.notes)
        if lost.any():
            notes.append(f"guests of {code} lose access to {self.profile}")
        additions = tuple(
            a for a in state.additions if not (a.row == row and a.profile == self.profile)
        )
        return replace(state, offer=offer, host=host, additions=additions, notes=tuple(notes))


class ShareProfile(InterventionBase):
    """Pupils of ``guests`` may follow ``profile`` at ``host`` (which must offer it).

    Guests choose as if the profile were offered at their own location, at a utility
    penalty ``travel_penalty`` (log-odds; 0 = no penalty, 1 = odds divided by e = 2.72).
    Their pupils in the profile count in the host's group size.
    """

    type: Literal["share_profile"] = "share_profile"
    host: str
    guests: tuple[str, ...] = Field(min_length=1)
    profile: str
    travel_penalty: float = Field(default=1.0, ge=0.0, le=20.0)
    cost_per_year: float = Field(default=0.0, ge=0.0, le=MAX_COST)

    _check_profile = field_validator("profile", mode="before")(parse_profile)

    def apply(self, state: State) -> State:
        h = location_row(state, self.host, "host location")
        j = PROFILES.index(self.profile)
        base = state.baseline
        if not state.offer[:, h, j].any():
            raise InterventionError(
                f"host {base.locations[h]} does not offer {self.profile}; add it first "
                "(add_profile before share_profile)"
            )
        host, penalty = state.host.copy(), state.penalty.copy()
        notes = list(state.notes)
        estimable = base.estimable
        for code in self.guests:
            g = location_row(state, code, "guest location")
            if g == h:
                raise InterventionError(f"guest {code} is the host itself")
            if state.offer[:, g, j].any():
                notes.append(f"guest {base.locations[g]} offers {self.profile} itself: no effect")
            for lw in np.flatnonzero(base.has_leerweg[:, g] & estimable[:, j]):
                host[lw, g, j] = h
                penalty[lw, g, j] = self.travel_penalty
        costs = state.costs
        if self.cost_per_year:
            costs = (
                *costs,
                CostItem(
                    f"share {self.profile} at {base.locations[h]}",
                    state.item,
                    state.from_year,
                    per_year=self.cost_per_year,
                ),
            )
        return replace(state, host=host, penalty=penalty, costs=costs, notes=tuple(notes))


class GuidanceUplift(InterventionBase):
    """Career guidance (LOB) multiplies the odds of the set's profiles by ``odds_ratio``.

    Applies to every location of ``region`` (within the scenario's region) and every
    leerweg. ``low``/``high`` (default 1.0 and ``odds_ratio`` squared, in order) are the range
    drawn for intervals. No seed report quantifies an LOB effect: the ratio and its
    range are assumptions the user states (docs/scenarios.md).
    """

    type: Literal["guidance_uplift"] = "guidance_uplift"
    region: str
    profile_set: tuple[str, ...]
    odds_ratio: float = Field(gt=0.0, le=MAX_ODDS_RATIO)
    low: float | None = Field(default=None, gt=0.0, le=MAX_ODDS_RATIO)
    high: float | None = Field(default=None, gt=0.0, le=MAX_ODDS_RATIO)
    cost_per_year: float = Field(default=0.0, ge=0.0, le=MAX_COST)

    _check_set = field_validator("profile_set", mode="before")(parse_profile_set)

    @model_validator(mode="after")
    def _range(self) -> GuidanceUplift:
        # default range: from "no effect" (1) to the ratio squared, symmetric in log-odds
        lo_default, hi_default = sorted((1.0, self.odds_ratio**2))
        low = lo_default if self.low is None else self.low
        high = hi_default if self.high is None else self.high
        if not low <= self.odds_ratio <= high:
            raise ValueError(
                f"expected low <= odds_ratio <= high; found {low} <= {self.odds_ratio} <= {high}"
            )
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        return self

    def apply(self, state: State) -> State:
        rows = region_rows(state, self.region)
        cols = np.isin(PROFILES, self.profile_set)
        mask = np.broadcast_to(rows[None, :, None] & cols[None, None, :], state.offer.shape).copy()
        term = ShiftTerm(
            label=f"guidance x{self.odds_ratio:g} {'+'.join(self.profile_set)} in {self.region}",
            mask=mask,
            central=self.odds_ratio,
            low=float(self.low or self.odds_ratio),
            high=float(self.high or self.odds_ratio),
            item=state.item,
        )
        return with_costs(replace(state, shifts=(*state.shifts, term)), self, term.label)


class FlowUplift(InterventionBase):
    """``points`` percentage points more flow to technical mbo for the set's profiles."""

    type: Literal["flow_uplift"] = "flow_uplift"
    region: str
    profile_set: tuple[str, ...]
    points: float = Field(ge=-100.0, le=100.0)
    low: float | None = Field(default=None, ge=-100.0, le=100.0)
    high: float | None = Field(default=None, ge=-100.0, le=100.0)
    cost_per_year: float = Field(default=0.0, ge=0.0, le=MAX_COST)

    _check_set = field_validator("profile_set", mode="before")(parse_profile_set)

    @model_validator(mode="after")
    def _range(self) -> FlowUplift:
        low = self.points if self.low is None else self.low
        high = self.points if self.high is None else self.high
        if not low <= self.points <= high:
            raise ValueError(
                f"expected low <= points <= high; found {low} <= {self.points} <= {high}"
            )
        return self

    def apply(self, state: State) -> State:
        rows = region_rows(state, self.region)
        mask = rows[:, None] & np.isin(PROFILES, self.profile_set)[None, :]
        term = FlowTerm(
            label=f"flow +{self.points:g} pp {'+'.join(self.profile_set)} in {self.region}",
            mask=mask,
            central=self.points,
            low=self.points if self.low is None else self.low,
            high=self.points if self.high is None else self.high,
            item=state.item,
        )
        return with_costs(replace(state, flows=(*state.flows, term)), self, term.label)


class NewMboLocation(InterventionBase):
    """A technical mbo location opens at a PC4 centroid or a point (RD or lon/lat)."""

    type: Literal["new_mbo_location"] = "new_mbo_location"
    name: str
    code: str | None = None
    pc4: str | None = None
    x_rd: float | None = None
    y_rd: float | None = None
    lon: float | None = None
    lat: float | None = None
    sectorkamers: tuple[str, ...] = ("TGO", "MLT")
    one_off_cost: float = Field(default=0.0, ge=0.0, le=MAX_COST)
    cost_per_year: float = Field(default=0.0, ge=0.0, le=MAX_COST)

    @field_validator("pc4", mode="before")
    @classmethod
    def _pc4(cls, value: object, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        text = str(value).strip()
        if not (text.isdigit() and len(text) <= 4):
            raise ValueError(f"expected a 4-digit postcode like 3072; found {value!r}")
        return check_pc4(f"{int(text):04d}", info)

    @field_validator("sectorkamers", mode="before")
    @classmethod
    def _kamers(cls, value: object) -> tuple[str, ...]:
        values = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]
        try:
            return tuple(sorted(parse_sectorkamers(values, "sectorkamers", None)))
        except ValueError as exc:
            raise ValueError(getattr(exc, "detail", str(exc))) from None

    @model_validator(mode="after")
    def _point(self) -> NewMboLocation:
        given = [
            self.pc4 is not None,
            self.x_rd is not None and self.y_rd is not None,
            self.lon is not None and self.lat is not None,
        ]
        if sum(given) != 1:
            raise ValueError("give exactly one of pc4, x_rd + y_rd, or lon + lat")
        return self

    def apply(self, state: State) -> State:
        from kansrijk.geo import wgs84_to_rd

        x, y = self.x_rd, self.y_rd
        if self.pc4 is not None:
            cent = state.baseline.national.centroids.get(self.pc4)
            if cent is None:
                raise InterventionError(f"PC4 {self.pc4} has no centroid in the warehouse")
            x, y = cent
        elif self.lon is not None and self.lat is not None:
            xs, ys = wgs84_to_rd([self.lon], [self.lat])
            x, y = float(xs[0]), float(ys[0])
        if x is None or y is None:  # pragma: no cover - excluded by the validator
            raise InterventionError("no point for the new mbo location")
        mbo = state.mbo_list
        loc = MboLocation(
            code=self.code or f"NEW-{len(mbo.locations) + 1}",
            name=self.name,
            sectorkamers=frozenset(self.sectorkamers),
            pc4=self.pc4,
            x_rd=float(x),
            y_rd=float(y),
            note="scenario",
        )
        new = replace(state, mbo=mbo.with_location(loc))
        return with_costs(new, self, f"mbo location {self.name}", one_off=self.one_off_cost)


class AddProfileWhereMissing(InterventionBase):
    """Every location of ``region`` offering no profile of ``missing`` gets one.

    ``profile``: a profile code (e.g. PIE for every such location), or ``best``: per
    location, the candidate the model predicts most pupils for (summed over its
    leerwegen) given its current offer; ties go to the first candidate.
    """

    type: Literal["add_profile_where_missing"] = "add_profile_where_missing"
    region: str
    missing: tuple[str, ...] = TECHNIEK
    profile: str = "best"
    candidates: tuple[str, ...] = DEFAULT_CANDIDATES

    _check_set = field_validator("missing", mode="before")(parse_profile_set)

    @field_validator("profile", mode="before")
    @classmethod
    def _profile_or_best(cls, value: object) -> str:
        return "best" if str(value).strip().lower() == "best" else parse_profile(value)

    @field_validator("candidates", mode="before")
    @classmethod
    def _cands(cls, value: object) -> tuple[str, ...]:
        return parse_profile_set(value)

    def apply(self, state: State) -> State:
        has = state.baseline.has_leerweg.any(axis=0)
        rows = np.flatnonzero(region_rows(state, self.region) & has)
        cols = np.isin(PROFILES, self.missing)
        lacking = rows[~state.offer[:, rows][:, :, cols].any(axis=(0, 2))].tolist()
        count = len(lacking)
        if self.profile != "best":
            state = add_profiles(state, lacking, self.profile)
        for row in lacking if self.profile == "best" else []:
            state = add_profile(state, row, best_profile(state, row, self.candidates))
        got = self.profile
        if got == "best":
            got = "the best of " + "/".join(self.candidates)
        return state.with_note(
            f"{self.region}: {count} of {rows.size} locations offered no "
            f"{'/'.join(self.missing)} profile and got {got}"
        )


class ShareWhereMissing(InterventionBase):
    """Like ``add_profile_where_missing``, but one shared workshop per cluster.

    The locations of ``region`` offering no profile of ``missing`` are grouped ``by``
    school (``brin``: the first four characters of the location code, one instelling /
    board) or by ``distance`` (greedily: the location with the most predicted pupils
    hosts every other such location within ``km``). In each group the location with the
    most predicted pupils gets ``profile``; the others share it (``share_profile``) with
    a utility penalty ``travel_penalty + per_km x distance`` (log-odds) for the guests'
    travel. One-off costs arise at the hosts only.
    """

    type: Literal["share_where_missing"] = "share_where_missing"
    region: str
    missing: tuple[str, ...] = TECHNIEK
    profile: str = "PIE"
    by: Literal["brin", "distance"] = "brin"
    km: float = Field(default=3.0, gt=0.0, le=50.0)
    travel_penalty: float = Field(default=1.0, ge=0.0, le=20.0)
    per_km: float = Field(default=0.1, ge=0.0, le=5.0)

    _check_set = field_validator("missing", mode="before")(parse_profile_set)
    _check_profile = field_validator("profile", mode="before")(parse_profile)

    def apply(self, state: State) -> State:
        from kansrijk.scenarios.evaluate import added_profile_pupils

        base = state.baseline
        has = base.has_leerweg.any(axis=0)
        cols = np.isin(PROFILES, self.missing)
        rows = [
            int(r)
            for r in np.flatnonzero(region_rows(state, self.region) & has)
            if not state.offer[:, r, cols].any()
        ]
        j = PROFILES.index(self.profile)
        size = {r: added_profile_pupils(state, r, j) for r in rows}
        order = sorted(rows, key=lambda r: -size[r])
        groups: list[tuple[int, list[int]]] = []
        if self.by == "brin":
            seen: dict[str, int] = {}
            for r in order:
                key = base.locations[r][:4]
                if key in seen:
                    groups[seen[key]][1].append(r)
                else:
                    seen[key] = len(groups)
                    groups.append((r, []))
        else:
            left = list(order)
            while left:
                h = left.pop(0)
                near = [g for g in left if _km(base.xy, h, g) <= self.km]
                left = [g for g in left if g not in near]
                groups.append((h, near))
        for h, guests in groups:
            state = add_profile(state, h, self.profile)
            for g in guests:
                d = _km(base.xy, h, g)
                penalty = self.travel_penalty + (self.per_km * d if np.isfinite(d) else 0.0)
                share = ShareProfile(
                    host=base.locations[h],
                    guests=(base.locations[g],),
                    profile=self.profile,
                    travel_penalty=min(penalty, 20.0),
                )
                state = share.apply(state)
        n_guests = sum(len(g) for _h, g in groups)
        return state.with_note(
            f"{self.region}: {len(rows)} locations offered no {'/'.join(self.missing)} profile; "
            f"{len(groups)} host {self.profile} (grouped by {self.by}"
            + (f", within {self.km:g} km" if self.by == "distance" else "")
            + f") and {n_guests} share it as guests"
        )


def _km(xy: np.ndarray, a: int, b: int) -> float:
    """Distance in km between two locations' PC4 centroids (inf when unknown)."""
    d = float(np.hypot(*(xy[a] - xy[b]))) / 1000.0
    return d if np.isfinite(d) else float("inf")


Intervention = Annotated[
    AddProfile
    | RemoveProfile
    | ShareProfile
    | GuidanceUplift
    | FlowUplift
    | NewMboLocation
    | AddProfileWhereMissing
    | ShareWhereMissing,
    Field(discriminator="type"),
]

#: YAML ``type`` -> class.
INTERVENTION_TYPES: dict[str, type[InterventionBase]] = {
    "add_profile": AddProfile,
    "remove_profile": RemoveProfile,
    "share_profile": ShareProfile,
    "guidance_uplift": GuidanceUplift,
    "flow_uplift": FlowUplift,
    "new_mbo_location": NewMboLocation,
    "add_profile_where_missing": AddProfileWhereMissing,
    "share_where_missing": ShareWhereMissing,
}
