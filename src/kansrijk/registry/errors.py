"""Errors of the registry; the web layer maps them to HTTP statuses (403, 404, 409, 429)."""

from __future__ import annotations

from kansrijk.errors import InputError, KansrijkError


class ForbiddenError(KansrijkError, PermissionError):
    """The account may not read or change this object (another organisation's, wrong role)."""


class RecordNotFoundError(KansrijkError, LookupError):
    """No registry object with this id."""


class ConflictError(KansrijkError, ValueError):
    """The object exists already or is in a state that does not allow this step."""


class ThrottledError(KansrijkError, PermissionError):
    """Too many failed logins: try again later."""


class FieldError(InputError):
    """A form, API or import field has a value the registry cannot accept."""


__all__ = ["ConflictError", "FieldError", "ForbiddenError", "RecordNotFoundError", "ThrottledError"]
