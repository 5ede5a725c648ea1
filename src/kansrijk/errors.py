"""Errors raised by Kansrijk.

Every error says what was expected, what was found and where (file, line, column).
Subclasses also inherit the builtin exception they mean, so callers can catch either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class KansrijkError(Exception):
    """Base class of every error Kansrijk raises on purpose."""


class InputError(KansrijkError, ValueError):
    """A file or value given to Kansrijk does not have the expected content.

    ``file``, ``line`` (1-based, counting the header as line 1) and ``column`` say where.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.detail = message
        where = []
        if self.file is not None:
            where.append(self.file)
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class MissingColumnError(InputError):
    """A required column is absent from a file's header."""


class UnknownDatasetError(InputError):
    """A file's header matches no dataset Kansrijk can read."""


class UnknownCodeError(InputError, KeyError):
    """A name or code is not in the vocabulary (profile, track, region, ...)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return InputError.__str__(self)


class TruncatedFileError(InputError):
    """A file ends in the middle of a record or has rows with missing fields."""


class MissingFileError(KansrijkError, FileNotFoundError):
    """A path given by the user does not exist."""


class UnknownRegionError(KansrijkError, LookupError):
    """A region code is not known."""


class UnknownIndicatorError(KansrijkError, LookupError):
    """An indicator id is not known."""


class NoDataError(KansrijkError, LookupError):
    """Nothing could be computed for what was asked: its years or regions have no data."""


class WarehouseError(KansrijkError, RuntimeError):
    """The warehouse file cannot be used (wrong schema version, locked, ...)."""


class FetchError(KansrijkError, OSError):
    """A download from a publisher failed."""


def envelope(exc: KansrijkError, status: int) -> dict[str, Any]:
    """The one error envelope of CLI (--json) and web API:
    ``{"ok": false, "error", "errors": [...], "status"}``."""
    item: dict[str, Any] = {"message": str(exc), "type": type(exc).__name__}
    if isinstance(exc, InputError):
        item.update({"file": exc.file, "line": exc.line, "column": exc.column})
    return {"ok": False, "error": str(exc), "errors": [item], "status": status}
