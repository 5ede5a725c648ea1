"""havo/vwo profiles (CM, EM, NG, NT and combinations)."""

from __future__ import annotations

from kansrijk.errors import UnknownCodeError

HAVO_VWO_PROFILES: dict[str, tuple[str, str]] = {
    "CM": ("Cultuur en Maatschappij", "Culture and Society"),
    "EM": ("Economie en Maatschappij", "Economics and Society"),
    "NG": ("Natuur en Gezondheid", "Nature and Health"),
    "NT": ("Natuur en Techniek", "Nature and Technology"),
}

#: Combinations that count as an N-profile (they lead to technology).
N_PROFILES: frozenset[str] = frozenset({"NG", "NT"})

_WORDS = {_nl.lower(): code for code, (_nl, _) in HAVO_VWO_PROFILES.items()}
_SHORT = {
    "n&t": "NT",
    "n&g": "NG",
    "e&m": "EM",
    "c&m": "CM",
    "cul/maat": "CM",
    "ec/maat": "EM",
    "nat/gez": "NG",
    "nat/tech": "NT",
}


def parse_havo_vwo_profile(name: str) -> str:
    """``'Natuur en Techniek / Natuur en Gezondheid'`` -> ``'NT/NG'``; ``'N&T'`` -> ``'NT'``."""
    whole = name.strip().lower().replace(" ", "")
    if whole in _SHORT:  # abbreviations that contain a slash themselves ('Cul/Maat')
        return _SHORT[whole]
    parts = [p.strip().lower() for p in name.split("/")]
    codes = []
    for part in parts:
        code = _WORDS.get(part) or _SHORT.get(part.replace(" ", ""))
        if code is None:
            raise UnknownCodeError(
                f"unknown havo/vwo profile {name!r}; expected names like "
                f"{', '.join(nl for nl, _ in HAVO_VWO_PROFILES.values())}, combinations joined "
                "by ' / ', or N&T, N&G, E&M, C&M"
            )
        codes.append(code)
    return "/".join(codes)


def is_n_profile(code: str) -> bool:
    """True when a (combined) profile code contains NT or NG."""
    return any(part in N_PROFILES for part in code.split("/"))
