"""Equivalent annual cost: annuities checked against a direct present-value sum."""

from __future__ import annotations

import pytest

from kansrijk.costs import (
    CostParameters,
    annuity_factor,
    equivalent_annual_cost,
    one_off_costs,
    residual_value,
)
from kansrijk.vocab import Profile


def test_annuity_repays_the_cost_in_present_value() -> None:
    r, n = 0.0225, 40
    a = annuity_factor(r, n)
    pv = sum(a / (1 + r) ** t for t in range(1, n + 1))
    assert pv == pytest.approx(1.0, rel=1e-12)
    assert annuity_factor(0.0, 15) == pytest.approx(1 / 15)
    with pytest.raises(ValueError, match="years must be > 0"):
        annuity_factor(0.02, 0)


def test_pie_eac_at_oberon_numbers() -> None:
    b = one_off_costs(Profile.PIE, CostParameters.default())
    eac = equivalent_annual_cost(b.building, b.furnishing, 90_000.0)
    assert b.building == pytest.approx(2_347_023.7375)
    assert b.furnishing == pytest.approx(333_300.0)
    assert eac.building == pytest.approx(2_347_023.7375 * 0.0225 / (1 - 1.0225**-40))
    assert eac.furnishing == pytest.approx(333_300.0 * 0.0225 / (1 - 1.0225**-15))
    assert eac.total == pytest.approx(206_030.08, abs=0.01)


def test_residual_value_is_the_rest_of_the_annuities() -> None:
    r = 0.0225
    a = annuity_factor(r, 40)
    rest = sum(1000 * a / (1 + r) ** t for t in range(1, 31))
    assert residual_value(1000, 40, 10, r) == pytest.approx(rest, rel=1e-12)
    assert residual_value(1000, 40, 45, r) == 0.0
