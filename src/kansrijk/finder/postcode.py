"""Reading what a parent types: a postcode (PC4 ``3083`` or PC6 ``3083 AB``, with or without
space, any case) or else a place name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kansrijk.finder.problems import FinderInputError

__all__ = ["MAX_QUERY", "Postcode", "clean_query", "parse_postcode"]

MAX_QUERY = 80
_PC = re.compile(r"^(\d{4})\s*([A-Za-z]{2})?$")
_LOOKS_NUMERIC = re.compile(r"^[\d\s]+[A-Za-z\s]*$")


@dataclass(frozen=True, slots=True)
class Postcode:
    """A postcode: always its PC4, and the PC6 when letters were given."""

    pc4: str
    pc6: str | None

    @property
    def display(self) -> str:
        """``3083 AB`` or ``3083``."""
        return f"{self.pc4} {self.pc6[4:]}" if self.pc6 else self.pc4


def clean_query(text: str | None) -> str:
    """Trimmed, NFC-normalised, control characters removed, inner whitespace collapsed;
    an error when empty or longer than MAX_QUERY characters."""
    raw = unicodedata.normalize("NFC", text or "")
    cleaned = " ".join("".join(ch for ch in raw if unicodedata.category(ch)[0] != "C").split())
    if not cleaned:
        raise FinderInputError("empty", "enter a postcode (e.g. 3083 or 3083 AB) or a place")
    if len(cleaned) > MAX_QUERY:
        raise FinderInputError(
            "malformed",
            f"expected a postcode or a place name of at most {MAX_QUERY} characters, "
            f"found {len(cleaned)} characters",
            values={"query": cleaned[:MAX_QUERY] + "…"},
        )
    return cleaned


def parse_postcode(text: str) -> Postcode | None:
    """The postcode in ``text``; None when it is not numeric (then it is a place name);
    FinderInputError when it looks like a postcode but is not one (``30833``, ``308``)."""
    m = _PC.match(text)
    if m is None:
        if _LOOKS_NUMERIC.match(text) and any(ch.isdigit() for ch in text):
            raise FinderInputError(
                "malformed",
                f"expected a postcode of 4 digits, optionally with 2 letters (3083 or "
                f"3083 AB), found {text!r}",
                values={"query": text},
            )
        return None
    pc4, letters = m.group(1), m.group(2)  # real ones start at 1000; the demo's at 0101
    return Postcode(pc4, pc4 + letters.upper() if letters else None)
