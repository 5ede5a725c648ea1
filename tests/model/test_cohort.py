"""Cohort projection and the school-switching assumption."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.model import ModelInputError, apply_school_switching, project_cohorts


def test_intake_is_constant_by_default() -> None:
    out = project_cohorts({"a": 40.0, "b": 12.5}, range(2026, 2029))
    assert list(out) == [2026, 2027, 2028]
    assert all(year == {"a": 40.0, "b": 12.5} for year in out.values())


def test_growth_factors_are_cumulative() -> None:
    out = project_cohorts({"a": 100.0}, range(2026, 2030), growth={2027: 0.98, 2028: 0.98})
    assert [out[y]["a"] for y in range(2026, 2030)] == pytest.approx([100, 98, 96.04, 96.04])


@pytest.mark.parametrize(
    ("intake", "years", "growth", "message"),
    [
        ({"a": 1.0}, range(2026, 2026), None, "years is empty"),
        ({"a": -1.0}, range(2026, 2028), None, "intake of location 'a'"),
        ({"a": 1.0}, range(2026, 2028), {2030: 1.1}, "outside the projection"),
        ({"a": 1.0}, range(2026, 2028), {2027: 0.0}, "growth factor for 2027"),
    ],
)
def test_projection_errors(
    intake: dict[str, float], years: range, growth: dict[int, float] | None, message: str
) -> None:
    with pytest.raises(ModelInputError, match=message):
        project_cohorts(intake, years, growth)


def test_no_switching_by_default() -> None:
    offered = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    full = np.array([[0.4, 0.4, 0.2], [0.2, 0.3, 0.5]])
    nearest = np.array([[-1, -1, 1], [-1, -1, -1]])
    out = apply_school_switching([100.0, 50.0], offered, full, nearest)
    np.testing.assert_allclose(out, [[50, 50, 0], [10, 15, 25]])


def test_switchers_move_to_the_nearest_location_offering_the_profile() -> None:
    offered = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    full = np.array([[0.4, 0.4, 0.2], [0.2, 0.3, 0.5]])
    nearest = np.array([[-1, -1, 1], [-1, -1, -1]])
    out = apply_school_switching([100.0, 50.0], offered, full, nearest, switch_rate=0.1)
    # 100 x 0.2 want profile 3 at location 0; 10% of them (2 pupils) move to location 1
    np.testing.assert_allclose(out[0], [49, 49, 0])
    np.testing.assert_allclose(out[1], [10, 15, 27])
    assert out.sum() == pytest.approx(150)


def test_switching_errors() -> None:
    shares = np.array([[1.0]])
    with pytest.raises(ModelInputError, match="switch_rate"):
        apply_school_switching([1.0], shares, shares, np.array([[0]]), switch_rate=1.5)
    with pytest.raises(ModelInputError, match="integer"):
        apply_school_switching([1.0], shares, shares, shares)
    with pytest.raises(ModelInputError, match="nearest_offering must be in"):
        apply_school_switching([1.0], shares, shares, np.array([[3]]))
    with pytest.raises(ModelInputError, match="shares_offered"):
        apply_school_switching([1.0, 2.0], shares, shares, np.array([[0]]))
