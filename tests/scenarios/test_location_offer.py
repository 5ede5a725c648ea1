"""What a baseline allows: the interventions validated against it (``offer_context``) refuse
unknown locations, additions the runner would not make, removals of nothing and PC4s
without a centroid, each with its own error type; without a context they do not look."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kansrijk.scenarios import PROFILES, AddProfile, Baseline, NewMboLocation, RemoveProfile, State
from kansrijk.scenarios.location_offer import (
    REFUSALS,
    addable_profiles,
    offer_context,
    offered_profiles,
)
from kansrijk.vocab import ProfileSet

TECHNICAL = ProfileSet.TECHNIEK_ICT.codes
WERF = "ZZ0800"  # BB/KB: BWI, EO, HBR (no PIE)
ZORG = "ZZ0200"  # BB/KB: ZW, DP (no technical profile)


def _refusal(model: type[AddProfile | RemoveProfile], baseline: Baseline, code: str, p: str) -> str:
    with pytest.raises(ValidationError) as info:
        model.model_validate(
            {"location": code, "profile": p}, context=offer_context(baseline, TECHNICAL)
        )
    return str(info.value.errors()[0]["type"])


def test_offered_profiles_are_those_with_pupils(demo_baseline: Baseline) -> None:
    offered = offered_profiles(demo_baseline)
    counts = demo_baseline.counts  # leerweg x location x profile
    for i, code in enumerate(demo_baseline.locations):
        expected = {
            PROFILES[j]
            for j in range(len(PROFILES))
            if any(counts[lw][i][j] > 0 for lw in range(counts.shape[0]))
        }
        assert offered[code] == expected, code
    assert {"BWI", "EO", "HBR"} <= offered[WERF] and "PIE" not in offered[WERF]
    assert offered[ZORG] & set(TECHNICAL) == set()


def test_addable_profiles_are_the_additions_the_runner_makes(demo_baseline: Baseline) -> None:
    addable = addable_profiles(demo_baseline, TECHNICAL)
    offered = offered_profiles(demo_baseline)
    initial = State.initial(demo_baseline)
    checked = 0
    for code in demo_baseline.locations:
        for p in TECHNICAL:
            if p in offered[code]:
                assert p not in addable[code]
                continue
            added = AddProfile(location=code, profile=p).apply(initial).additions
            assert bool(added) == (p in addable[code]), (code, p)
            checked += 1
    assert checked > 20
    assert "PIE" in addable[WERF]


def test_validated_against_the_baseline(demo_baseline: Baseline) -> None:
    assert _refusal(AddProfile, demo_baseline, "XX9999", "PIE") == "unknown_location"
    assert _refusal(AddProfile, demo_baseline, WERF, "BWI") == "already_offered"
    assert _refusal(AddProfile, demo_baseline, WERF, "ZW") == "profile_not_allowed"
    assert _refusal(RemoveProfile, demo_baseline, WERF, "PIE") == "not_offered"
    assert _refusal(RemoveProfile, demo_baseline, ZORG, "ZW") == "profile_not_allowed"
    ok = AddProfile.model_validate(
        {"location": WERF, "profile": "PIE"}, context=offer_context(demo_baseline, TECHNICAL)
    )
    assert (ok.location, ok.profile) == (WERF, "PIE")
    removed = RemoveProfile.model_validate(
        {"location": WERF, "profile": "BWI"}, context=offer_context(demo_baseline)
    )
    assert removed.profile == "BWI"
    known = next(iter(demo_baseline.national.centroids))
    mbo = NewMboLocation.model_validate(
        {"name": "n", "pc4": known}, context=offer_context(demo_baseline)
    )
    assert mbo.pc4 == known
    unknown = next(
        f"{n:04d}" for n in range(10000) if f"{n:04d}" not in demo_baseline.national.centroids
    )
    with pytest.raises(ValidationError) as info:
        NewMboLocation.model_validate(
            {"name": "n", "pc4": unknown}, context=offer_context(demo_baseline)
        )
    assert info.value.errors()[0]["type"] == "unknown_pc4"
    assert {"unknown_location", "already_offered", "not_offered", "unknown_pc4"} <= set(REFUSALS)


def test_without_a_context_nothing_is_looked_up() -> None:
    """A scenario file's interventions are checked when the scenario runs (they need data)."""
    assert AddProfile(location="XX9999", profile="PIE").location == "XX9999"
    assert RemoveProfile(location="XX9999", profile="ZW").profile == "ZW"
    assert NewMboLocation(name="n", pc4="0001").pc4 == "0001"
