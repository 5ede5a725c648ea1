"""Input a finder user can get wrong: each problem has a ``key`` (for the translated message
the pages show), its values, and an English message for the API and the CLI."""

from __future__ import annotations

from kansrijk.errors import KansrijkError


class FinderInputError(KansrijkError, ValueError):
    """A postcode or place the finder cannot use.

    ``key`` is one of ``empty``, ``malformed``, ``unknown_postcode``, ``no_residents``,
    ``unknown_place``, ``ambiguous_place``, ``unknown_school``, ``bad_distance``;
    ``values`` fill the translated message; ``choices`` list the candidates of an ambiguous
    name as (value to search for, gemeente code or '', label).
    """

    def __init__(
        self,
        key: str,
        message: str,
        *,
        values: dict[str, str] | None = None,
        choices: tuple[tuple[str, str, str], ...] = (),
        status: int = 400,
    ) -> None:
        super().__init__(message)
        self.key = key
        self.values = values or {}
        self.choices = choices
        self.status = status
