"""Placement of technical profiles for a budget (MILP with HiGHS) and the access check.

``build_candidates`` values every possible addition of a region with the planner;
``solve`` picks the best set for a budget (equivalent annual cost) with the greedy answer
beside it; ``frontier`` solves a range of budgets; ``access_change`` lists who gains or
loses a technical profile within X km when an offer changes. See docs/optimise.md.
"""

from kansrijk.optimise.candidates import Candidate, CandidateSet, build_candidates
from kansrijk.optimise.coverage import DEFAULT_KM, Coverage, build_coverage
from kansrijk.optimise.errors import OptimiseError
from kansrijk.optimise.exclusions import TECHNICAL, Exclusion, parse_exclusions, read_exclusions
from kansrijk.optimise.solver import (
    OBJECTIVES,
    Answer,
    Limits,
    Problem,
    Solution,
    frontier,
    greedy,
    solve,
)

__all__ = [
    "DEFAULT_KM",
    "OBJECTIVES",
    "TECHNICAL",
    "Answer",
    "Candidate",
    "CandidateSet",
    "Coverage",
    "Exclusion",
    "Limits",
    "OptimiseError",
    "Problem",
    "Solution",
    "build_candidates",
    "build_coverage",
    "frontier",
    "greedy",
    "parse_exclusions",
    "read_exclusions",
    "solve",
]
