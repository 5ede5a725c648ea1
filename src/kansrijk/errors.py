"""Errors raised by Kansrijk.

Every error says what was expected, what was found and where (file, line, column).
Subclasses also inherit the builtin exception they mean, so callers can catch either.

A message a user can see on a web page is written as ``Message("unknown region {code!r}",
code=code)``: a ``str`` (the English text the CLI prints) that also keeps its template and
values. The template is the msgid of the ``errors`` gettext domain (English source, Dutch
catalogue, extracted by ``make catalogues``); the web error page translates it through that
catalogue and fills in the same values, so the web layer needs to know no single error.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


class Message(str):
    """An English message made from a ``str.format`` template and its values.

    ``str(Message("unknown region {code!r}", code="X"))`` is ``"unknown region 'X'"``;
    ``.template`` and ``.values`` let a translator render the same message in another
    language. A value may itself be a ``Message`` (translated in turn)."""

    template: str
    values: Mapping[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        return self


class Named(str):
    """A value of a ``Message`` that carries its own text per language, for names the
    ``errors`` catalogue cannot hold because data define them (the options of a form
    definition, with a Dutch and an English label each).

    ``str(Named("Yes", nl="Ja"))`` is ``"Yes"`` (the English the CLI prints);
    ``.in_("nl")`` is ``"Ja"``; a language without its own text gets the English."""

    names: Mapping[str, str]

    def __new__(cls, english: str, /, **names: str) -> Named:
        self = super().__new__(cls, english)
        self.names = names
        return self

    def in_(self, lang: str) -> str:
        """The text in ``lang`` (the English when it has none)."""
        return self.names.get(lang, str(self))


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
        #: Where, as parts that translate on their own (file, line, column).
        self.where: list[str] = []
        if self.file is not None:
            self.where.append(self.file)
        if line is not None:
            self.where.append(Message("line {line}", line=line))
        if column is not None:
            self.where.append(Message("column {column!r}", column=column))
        prefix = ", ".join(self.where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class MissingColumnError(InputError):
    """A required column is absent from a file's header."""


class UnknownDatasetError(InputError):
    """A file's header matches no dataset Kansrijk can read."""


class UnknownCodeError(InputError, KeyError):
    """A name or code is not in the vocabulary (profile, track, region, ...)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return InputError.__str__(self)


class UnknownLocationError(UnknownCodeError):
    """A school location code (BRIN + vestiging) is not in the warehouse."""


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


class OutputFileError(KansrijkError, OSError):
    """A file or folder Kansrijk was asked to write (``--xlsx``, ``--out``) cannot be written."""


def message_of(exc: BaseException) -> str:
    """The message of an error, a ``Message`` where the raise site gave one (so that it can
    be put inside another ``Message`` and still be translated): an ``InputError``'s place
    and detail, another error's single argument."""
    if isinstance(exc, InputError):
        if not exc.where:
            return exc.detail
        places = {f"where{i}": w for i, w in enumerate(exc.where)}
        template = ", ".join("{" + k + "}" for k in places) + ": {detail}"
        detail = exc.detail if isinstance(exc.detail, Message) else Message(exc.detail)
        return Message(template, **places, detail=detail)
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)


def envelope(exc: KansrijkError, status: int) -> dict[str, Any]:
    """The one error envelope of CLI (--json) and web API:
    ``{"ok": false, "error", "errors": [...], "status"}``."""
    item: dict[str, Any] = {"message": str(exc), "type": type(exc).__name__}
    if isinstance(exc, InputError):
        item.update({"file": exc.file, "line": exc.line, "column": exc.column})
    return {"ok": False, "error": str(exc), "errors": [item], "status": status}
