"""Errors of the optimiser and the access check (each also inherits the builtin it means)."""

from __future__ import annotations

from kansrijk.errors import InputError


class OptimiseError(InputError):
    """An optimiser input is invalid: exclusion file, objective, budget, location, profile."""
