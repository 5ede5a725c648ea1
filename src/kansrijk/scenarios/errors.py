"""Errors of the scenario planner. Each also inherits the builtin exception it means."""

from __future__ import annotations

from kansrijk.errors import InputError, KansrijkError


class ScenarioError(InputError):
    """A scenario (file or object) is invalid: unknown type, code, profile or region.

    The message names the file, the item (``interventions[2]``) and what was expected.
    """


class ScenarioDataError(KansrijkError, LookupError):
    """The warehouse lacks the data a scenario needs (no enrollment for the year, ...)."""
