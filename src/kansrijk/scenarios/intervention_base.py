"""Shared pieces of the interventions: field parsers, the base model, location lookup,
adding a profile (used by ``add_profile`` and ``add_profile_where_missing``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from kansrijk.errors import UnknownCodeError, UnknownRegionError
from kansrijk.scenarios.baseline import WEAK_SE
from kansrijk.scenarios.national import LEERWEGEN, PROFILES
from kansrijk.scenarios.state import Addition, CostItem, InterventionError, State
from kansrijk.vocab import ProfileSet, parse_profile_code, parse_programme

LW_LABELS = tuple(lw for lw, _ in LEERWEGEN)
#: Candidates of ``add_profile_where_missing`` with ``profile: best``: the three profiles
#: of Oberon (2024) (MAT is left out: offered at one maritime school, STC).
DEFAULT_CANDIDATES: tuple[str, ...] = ("BWI", "PIE", "MT")
TECHNIEK: tuple[str, ...] = tuple(sorted(ProfileSet.TECHNIEK.codes))
#: Domain bounds of the interventions (the web builder checks its fields against these).
MAX_ODDS_RATIO = 10.0
MAX_COST = 1e9


def parse_profile(value: object) -> str:
    """A profile code from a code (``PIE``, ``M&T``) or a name (``Produceren, ...``)."""
    try:
        return parse_profile_code(str(value)).value
    except UnknownCodeError as exc:
        try:
            parsed = parse_programme(str(value)).profile
        except UnknownCodeError:
            parsed = None
        if parsed is None:
            raise ValueError(str(exc)) from None
        return parsed.value


def parse_profile_set(value: object) -> tuple[str, ...]:
    """Profile codes from a set name (``techniek``, ``techniek_ict``) or a list of codes."""
    expected = "expected 'techniek', 'techniek_ict' or a list of profile codes (e.g. [PIE, BWI])"
    if isinstance(value, str):
        key = value.strip().lower()
        if key in {s.value for s in ProfileSet}:
            return tuple(sorted(ProfileSet(key).codes))
        try:
            return (parse_profile(value),)
        except ValueError:
            raise ValueError(f"{expected}; found {value!r}") from None
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"{expected}; found {value!r}")
    return tuple(dict.fromkeys(parse_profile(v) for v in value))


class InterventionBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    from_year: int | None = Field(
        default=None,
        description="First school year with the intervention (default: horizon start).",
    )

    @property
    def label(self) -> str:
        return str(getattr(self, "type", type(self).__name__))

    def apply(self, state: State) -> State:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


def location_row(state: State, code: str, what: str = "location") -> int:
    base = state.baseline
    row = base.index(code.strip().upper())
    if row is None:
        close = [c for c in base.locations if c[:4] == code.strip().upper()[:4]][:5]
        hint = f"; locations of that BRIN: {', '.join(close)}" if close else ""
        raise InterventionError(
            f"unknown {what} {code!r}: expected a location code (BRIN + vestiging, e.g. "
            f"{base.locations[0]}) of region {base.region.code} with vmbo BB/KB/GL pupils in "
            f"leerjaar 3-4 in {base.year}{hint}"
        )
    return row


def region_rows(state: State, code: str) -> np.ndarray[Any, np.dtype[np.bool_]]:
    base = state.baseline
    try:
        region = base.resolve(code)
    except UnknownRegionError as exc:
        raise InterventionError(str(exc)) from None
    mask = base.mask(region)
    if not mask.any():
        raise InterventionError(
            f"region {region.code} ({region.name}) has no location in the scenario's region "
            f"{base.region.code} ({base.region.name})"
        )
    return mask


def add_profile(
    state: State, row: int, profile: str, leerwegen: tuple[str, ...] | None = None
) -> State:
    """``state`` with ``profile`` offered at location ``row`` (its leerwegen with pupils)."""
    return add_profiles(state, [row], profile, leerwegen)


def add_profiles(
    state: State, rows: Sequence[int], profile: str, leerwegen: tuple[str, ...] | None = None
) -> State:
    """``state`` with ``profile`` offered at each location of ``rows`` in turn (its leerwegen
    with pupils), as ``add_profile`` one location after another, with one copy of the offer."""
    base = state.baseline
    j = PROFILES.index(profile)
    estimable = base.estimable[:, j].tolist()
    weak = (base.alpha_se[:, j] > WEAK_SE).tolist()
    offer = state.offer.copy()
    offered = offer[:, :, j].T.tolist()  # location x leerweg, kept in step with ``offer``
    has_leerweg = base.has_leerweg.T.tolist()
    additions: list[Addition] = []
    notes: list[str] = []
    for row in rows:
        has = has_leerweg[row]
        wanted = [
            lw for lw in range(3) if has[lw] and (leerwegen is None or LW_LABELS[lw] in leerwegen)
        ]
        code = base.locations[row]
        if not wanted:
            raise InterventionError(
                f"location {code} has no pupils in leerweg(en) "
                f"{', '.join(leerwegen or LW_LABELS)} in {base.year}; it has "
                f"{', '.join(LW_LABELS[lw] for lw in range(3) if has[lw])}"
            )
        new_site = not any(offered[row])
        added: list[str] = []
        for lw in wanted:
            if offered[row][lw]:
                continue
            if not estimable[lw]:
                notes.append(
                    f"{code}: {profile} not added in {LW_LABELS[lw]}: no pupil chose it "
                    f"anywhere in {LW_LABELS[lw]} in {base.year}, so the model cannot predict it"
                )
                continue
            offer[lw, row, j] = offered[row][lw] = True
            added.append(LW_LABELS[lw])
            if weak[lw]:
                notes.append(
                    f"{code}: the {LW_LABELS[lw]} model hardly identifies {profile} (standard "
                    f"error of its constant {base.alpha_se[lw, j]:.0f}): its predicted uptake "
                    "is unreliable"
                )
        if not added:
            notes.append(
                f"{code} already offers {profile} in {', '.join(LW_LABELS[lw] for lw in wanted)}"
            )
            continue
        additions.append(
            Addition(
                row=row,
                location=code,
                profile=profile,
                leerwegen=tuple(added),
                from_year=state.from_year,
                item=state.item,
                new_site=new_site,
            )
        )
    if not additions:
        return replace(state, notes=(*state.notes, *notes))
    return replace(
        state,
        offer=offer,
        additions=(*state.additions, *additions),
        notes=(*state.notes, *notes),
    )


def best_profile(state: State, row: int, candidates: tuple[str, ...]) -> str:
    """The candidate with most predicted pupils at ``row`` when added to its current offer."""
    from kansrijk.scenarios.evaluate import added_profile_pupils

    pupils = [added_profile_pupils(state, row, PROFILES.index(c)) for c in candidates]
    return candidates[int(np.argmax(pupils))]


def with_costs(state: State, iv: InterventionBase, label: str, *, one_off: float = 0.0) -> State:
    per_year = float(getattr(iv, "cost_per_year", 0.0))
    if not (per_year or one_off):
        return state
    item = CostItem(label, state.item, state.from_year, one_off=one_off, per_year=per_year)
    return replace(state, costs=(*state.costs, item))
