"""ChoiceData: construction and validation."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.errors import KansrijkError
from kansrijk.model import ChoiceData, ChoiceDataError

PROFILES = ("BWI", "PIE", "ZW")


def make(**overrides: object) -> ChoiceData:
    args: dict[str, object] = {
        "locations": ("00AA00", "00BB00"),
        "profiles": PROFILES,
        "counts": np.array([[3.0, 0.0, 5.0], [0.0, 4.0, 2.0]]),
        "available": np.array([[True, False, True], [False, True, True]]),
        "covariates": np.array([[0.1], [0.5]]),
        "covariate_names": ("urban",),
    }
    args.update(overrides)
    return ChoiceData(**args)  # type: ignore[arg-type]


def test_valid_data_is_frozen_and_copied() -> None:
    counts = np.array([[3.0, 0.0, 5.0], [0.0, 4.0, 2.0]])
    data = make(counts=counts)
    counts[0, 0] = 99
    assert data.counts[0, 0] == 3
    with pytest.raises(ValueError, match="read-only"):
        data.counts[0, 0] = 1
    assert data.totals.tolist() == [8.0, 6.0]
    assert data.n_locations == 2
    assert data.n_profiles == 3


def test_from_counts_derives_offer_from_pupils() -> None:
    data = ChoiceData.from_counts(["a", "b"], PROFILES, [[1, 0, 2], [0, 0, 3]])
    assert data.available.tolist() == [[True, False, True], [False, False, True]]
    assert data.covariates.shape == (2, 0)


def test_default_covariates_are_empty() -> None:
    data = ChoiceData(("a",), PROFILES, np.array([[1.0, 0, 0]]), np.array([[True, False, True]]))
    assert data.covariates.shape == (1, 0)
    assert data.covariate_names == ()


def test_profile_enum_members_accepted() -> None:
    from kansrijk.vocab.profiles import Profile

    data = make(profiles=(Profile.BWI, Profile.PIE, Profile.ZW))
    assert data.profiles == PROFILES
    assert type(data.profiles[0]) is str


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"counts": np.zeros((2, 2))}, r"counts must have shape \(2, 3\)"),
        ({"available": np.ones((3, 3), dtype=bool)}, r"available must have shape \(2, 3\)"),
        ({"available": np.ones((2, 3))}, "bool array"),
        ({"covariates": np.zeros((2, 2))}, r"covariates must have shape \(2, 1\)"),
        ({"covariates": np.array([[np.nan], [1.0]])}, "finite"),
        ({"counts": np.array([[3.0, 0, -1], [0, 4, 2]])}, r">= 0; found -1.0 at location '00AA00'"),
        ({"counts": np.array([[3.0, 1, 5], [0, 4, 2]])}, "does not offer"),
        (
            {
                "available": np.array([[True, False, True], [False, False, False]]),
                "counts": np.array([[3.0, 0, 5], [0, 0, 0]]),
            },
            "at least one profile",
        ),
        ({"profiles": ("BWI", "PIE", "XYZ")}, "unknown profile codes"),
        ({"profiles": ("BWI", "BWI", "ZW")}, "profiles must be unique"),
        ({"locations": ("a", "a")}, "locations must be unique"),
        ({"locations": (), "counts": np.zeros((0, 3))}, "at least one location"),
        ({"counts": [["x", 1, 2], [0, 1, 2]]}, "numeric"),
    ],
)
def test_invalid_data_raises(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ChoiceDataError, match=message) as info:
        make(**overrides)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, KansrijkError)


def test_subset_and_select_covariates() -> None:
    data = make(covariates=np.array([[0.1, 2.0], [0.5, 3.0]]), covariate_names=("urban", "lwoo"))
    one = data.subset([1])
    assert one.locations == ("00BB00",)
    assert one.counts.tolist() == [[0.0, 4.0, 2.0]]
    sel = data.select_covariates(["lwoo"])
    assert sel.covariate_names == ("lwoo",)
    assert sel.covariates[:, 0].tolist() == [2.0, 3.0]
    with pytest.raises(ChoiceDataError, match="unknown covariates"):
        data.select_covariates(["nope"])


def test_profile_index() -> None:
    data = make()
    assert data.profile_index(frozenset({"ZW", "BWI"})).tolist() == [0, 2]
    with pytest.raises(ChoiceDataError, match="not in this data"):
        data.profile_index(["MT"])
