"""Parsing of query parameters shared by pages and API (errors are InputError -> 400)."""

from __future__ import annotations

from kansrijk.errors import InputError, Message


def split(text: str | None) -> list[str]:
    """``'A, B,,C'`` -> ``['A', 'B', 'C']``."""
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def parse_years(text: str | None, name: str = "year") -> list[int] | None:
    """``'2019,2021'`` -> ``[2019, 2021]``; empty -> None (every loaded year)."""
    parts = split(text)
    if not parts:
        return None
    try:
        years = [int(p) for p in parts]
    except ValueError:
        raise InputError(
            Message(
                "{name}: expected years like 2019 or 2019,2021, found {text!r}",
                name=name,
                text=text,
            )
        ) from None
    bad = [y for y in years if not 1900 <= y <= 2100]
    if bad:
        raise InputError(
            Message("{name}: expected years between 1900 and 2100, found {bad}", name=name, bad=bad)
        )
    return years


def parse_year(text: str | None, name: str = "year") -> int | None:
    """One year, or None when empty."""
    years = parse_years(text, name)
    if years is None:
        return None
    if len(years) != 1:
        raise InputError(Message("{name}: expected one year, found {text!r}", name=name, text=text))
    return years[0]


def parse_choice(text: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    """A value from ``allowed`` (case-insensitive), None when empty."""
    if text is None or not text.strip():
        return None
    value = text.strip().lower()
    if value not in allowed:
        raise InputError(
            Message(
                "{name}: expected one of {allowed}, found {text!r}",
                name=name,
                allowed=", ".join(allowed),
                text=text,
            )
        )
    return value
