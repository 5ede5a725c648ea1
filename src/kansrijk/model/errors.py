"""Errors of the model package. Each also inherits the builtin exception it means."""

from __future__ import annotations

from kansrijk.errors import InputError, KansrijkError


class ChoiceDataError(KansrijkError, ValueError):
    """A ``ChoiceData`` is inconsistent: shapes, negative counts, counts outside the offer."""


class ModelInputError(KansrijkError, ValueError):
    """An argument of a model function is invalid (shape, range, unknown profile, ...)."""


class EstimationError(KansrijkError, RuntimeError):
    """The likelihood could not be maximised (non-finite values, failed optimiser)."""


class FlowRatesError(InputError):
    """The flow-rate parameter file is missing fields or has values out of range."""
