"""Errors of the cost model. Each also inherits the builtin exception it means."""

from __future__ import annotations

from collections.abc import Iterable

from kansrijk.errors import InputError, KansrijkError


class UnknownParameterError(KansrijkError, KeyError):
    """A cost parameter name is not known; the message lists the known names."""

    def __init__(self, name: str, known: Iterable[str], *, what: str = "cost parameter") -> None:
        self.name = name
        self.known = tuple(sorted(known))
        self.message = f"unknown {what} {name!r}; expected one of: {', '.join(self.known)}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class ParameterValueError(KansrijkError, ValueError):
    """A cost parameter has no usable value (p.m., negative, not a number)."""


class ParameterFileError(InputError):
    """A cost parameter file is missing fields, has unknown fields or wrong types."""


class NotATechnicalProfileError(KansrijkError, ValueError):
    """The cost model covers technical profiles only; the message lists them."""
