"""What each location of a baseline offers and may add: the rules ``add_profile``,
``remove_profile`` and ``new_mbo_location`` check when validated against a baseline.

Validated without a context, an intervention is checked on its own (a YAML file: the
locations are checked when the scenario runs). Validated with ``context=offer_context(...)``
(the web builder does), an addition must be possible at a known location of the baseline, a
removal must remove something and a new mbo location's PC4 must have a centroid; each
refusal is a pydantic error of its own ``type`` (:data:`REFUSALS`), so a form can say it in
its own words next to its field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from pydantic import ValidationInfo
from pydantic_core import PydanticCustomError

from kansrijk.scenarios.baseline import Baseline
from kansrijk.scenarios.national import PROFILES

__all__ = [
    "REFUSALS",
    "addable_profiles",
    "check_location",
    "check_offer_change",
    "check_pc4",
    "check_profile",
    "offer_context",
    "offered_profiles",
]

#: The error types of the checks against a baseline.
REFUSALS = (
    "unknown_location",
    "profile_not_allowed",
    "already_offered",
    "not_addable",
    "not_offered",
    "unknown_pc4",
)


def offered_profiles(baseline: Baseline) -> dict[str, frozenset[str]]:
    """Every baseline location's profiles with pupils (any leerweg)."""
    offer = np.asarray(baseline.offer.any(axis=0), dtype=np.bool_)
    return {
        code: frozenset(PROFILES[j] for j in np.flatnonzero(offer[i]))
        for i, code in enumerate(baseline.locations)
    }


def addable_profiles(baseline: Baseline, profiles: Sequence[str]) -> dict[str, frozenset[str]]:
    """Every baseline location's ``profiles`` it may add: not offered there yet, and in at
    least one leerweg the location has pupils in, the model can predict the profile (else
    the runner refuses the addition or adds nothing)."""
    offer = np.asarray(baseline.offer.any(axis=0), dtype=np.bool_)
    has = np.asarray(baseline.has_leerweg, dtype=np.bool_)  # 3 x n
    estimable = np.asarray(baseline.estimable, dtype=np.bool_)  # 3 x profiles
    cols = [PROFILES.index(p) for p in profiles]
    possible = np.asarray((has[:, :, None] & estimable[:, None, cols]).any(axis=0))  # n x k
    return {
        code: frozenset(
            p for k, p in enumerate(profiles) if possible[i, k] and not offer[i, cols[k]]
        )
        for i, code in enumerate(baseline.locations)
    }


def offer_context(baseline: Baseline, profiles: Sequence[str] | None = None) -> dict[str, Any]:
    """The validation context that checks interventions against ``baseline`` (and, when
    given, allows only ``profiles`` to be added or removed)."""
    return {"baseline": baseline, "profiles": None if profiles is None else tuple(profiles)}


def _baseline(info: ValidationInfo) -> Baseline | None:
    context = info.context
    if not isinstance(context, Mapping):
        return None
    baseline = context.get("baseline")
    return baseline if isinstance(baseline, Baseline) else None


def check_location(code: str, info: ValidationInfo) -> str:
    """``code`` (a field validator's value), which must be a location of the baseline."""
    baseline = _baseline(info)
    if baseline is not None and baseline.index(code) is None:
        raise PydanticCustomError(
            "unknown_location",
            "unknown location {code}: no vmbo location with BB/KB/GL pupils in leerjaar 3-4 "
            "of region {region} in {year}",
            {"code": code, "region": baseline.region.code, "year": baseline.year},
        )
    return code


def check_profile(profile: str, info: ValidationInfo) -> str:
    """``profile`` (parsed), which must be one of the context's profiles when it names any."""
    context = info.context
    allowed = context.get("profiles") if isinstance(context, Mapping) else None
    if allowed is not None and profile not in allowed:
        raise PydanticCustomError(
            "profile_not_allowed",
            "{profile} is not one of {expected}",
            {"profile": profile, "expected": ", ".join(allowed)},
        )
    return profile


def check_offer_change(kind: str, location: str, profile: str, info: ValidationInfo) -> None:
    """An addition (``kind`` "add") must be possible and new; a removal must remove an
    offered profile."""
    baseline = _baseline(info)
    row = None if baseline is None else baseline.index(location)
    if baseline is None or row is None:
        return
    j = PROFILES.index(profile)
    offered = bool(np.asarray(baseline.offer)[:, row, j].any())
    values = {"code": location, "profile": profile}
    if kind == "add" and offered:
        raise PydanticCustomError("already_offered", "{code} already offers {profile}", values)
    if kind == "add":
        has = np.asarray(baseline.has_leerweg)[:, row]
        if not (has & np.asarray(baseline.estimable)[:, j]).any():
            raise PydanticCustomError(
                "not_addable",
                "{code}: {profile} cannot be added: the location has no pupils in a leerweg "
                "for which the model can predict this profile",
                values,
            )
    if kind == "remove" and not offered:
        raise PydanticCustomError(
            "not_offered", "{code} does not offer {profile}: nothing to remove", values
        )


def check_pc4(pc4: str, info: ValidationInfo) -> str:
    """``pc4``, whose centroid the baseline must know."""
    baseline = _baseline(info)
    if baseline is not None and pc4 not in baseline.national.centroids:
        raise PydanticCustomError(
            "unknown_pc4", "PC4 {pc4}: the centroid of this postcode area is unknown", {"pc4": pc4}
        )
    return pc4
