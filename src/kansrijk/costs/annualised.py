"""Equivalent annual cost (EAC): one-off investments spread over their life, discounted.

The cost of a workshop per year of use is the annuity that repays its one-off cost
over its life at the discount rate:

    EAC = building x a(r, L_building) + furnishing x a(r, L_furnishing) + yearly,
    a(r, L) = r / (1 - (1 + r)^-L)      (1 / L when r = 0)

Defaults: r = 2.25% (a real public-sector discount rate, a parameter), building life
40 years, furnishing 15 years. Annualising over the asset's life instead of charging
the whole investment to a short horizon means the residual value at the horizon is
accounted for: an asset with life L used for H < L years has
``residual_value(cost, L, H, r)`` left, the present value of its remaining annuities.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Real discount rate (a parameter).
DISCOUNT_RATE = 0.0225
#: Life of a new building / of workshop furnishing, in years.
BUILDING_LIFE = 40
FURNISHING_LIFE = 15


def annuity_factor(rate: float, years: float) -> float:
    """Yearly payment per euro repaid over ``years`` at ``rate``."""
    if years <= 0:
        raise ValueError(f"years must be > 0; found {years}")
    if rate == 0:
        return 1.0 / years
    return float(rate / (1.0 - (1.0 + rate) ** -years))


def residual_value(cost: float, life: float, used: float, rate: float = DISCOUNT_RATE) -> float:
    """Value left after ``used`` years: present value of the annuities of the rest of the life."""
    left = max(life - used, 0.0)
    if left == 0:
        return 0.0
    return cost * annuity_factor(rate, life) / annuity_factor(rate, left)


@dataclass(frozen=True)
class EquivalentAnnualCost:
    """EAC (EUR per year) and its parts."""

    building: float
    furnishing: float
    yearly: float
    rate: float
    building_life: float
    furnishing_life: float

    @property
    def total(self) -> float:
        return self.building + self.furnishing + self.yearly


def equivalent_annual_cost(
    building: float,
    furnishing: float,
    yearly: float,
    *,
    rate: float = DISCOUNT_RATE,
    building_life: float = BUILDING_LIFE,
    furnishing_life: float = FURNISHING_LIFE,
) -> EquivalentAnnualCost:
    """EAC of a one-off building and furnishing cost plus a yearly cost."""
    return EquivalentAnnualCost(
        building=building * annuity_factor(rate, building_life),
        furnishing=furnishing * annuity_factor(rate, furnishing_life),
        yearly=yearly,
        rate=rate,
        building_life=building_life,
        furnishing_life=furnishing_life,
    )
