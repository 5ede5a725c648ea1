"""How DUO writes places and postcodes, turned into how Dutch writes them on a letter.

DUO's files write places in capitals ("CAPELLE AAN DEN IJSSEL", "'S-GRAVENHAGE") and
postcodes without a space ("3083AN"). The location page, the school finder and its flyers
show them as "Capelle aan den IJssel", "'s-Gravenhage" and "3083 AN"; the JSON twins keep
DUO's text."""

from __future__ import annotations

import re

__all__ = ["address_text", "place_name", "postcode_text"]

#: Words a Dutch place name writes in lower case after its first word ("Capelle aan den
#: IJssel", "Bergen op Zoom", "Krimpen a/d IJssel").
_PARTICLES = frozenset({"aan", "a/d", "bij", "de", "den", "der", "het", "in", "op", "ten", "ter"})
_PC6 = re.compile(r"^(\d{4}) ?([A-Z]{2})$")


def place_name(text: str | None) -> str:
    """A place as Dutch writes it: DUO's files write places in capitals ("CAPELLE AAN DEN
    IJSSEL", "'S-GRAVENHAGE") -> "Capelle aan den IJssel", "'s-Gravenhage"; a name that is
    not all capitals is kept as it is."""
    if not text or not text.isupper():
        return text or ""
    words = []
    for i, word in enumerate(text.lower().split()):
        parts = []
        for part in word.split("-"):
            if part in ("'s", "'t") or (i > 0 and part in _PARTICLES):
                parts.append(part)
            elif part.startswith("ij"):
                parts.append("IJ" + part[2:])
            else:
                parts.append(part[:1].upper() + part[1:])
        words.append("-".join(parts))
    return " ".join(words)


def postcode_text(text: str | None) -> str:
    """A postcode as written on a letter: "3083AN" -> "3083 AN"."""
    m = _PC6.match((text or "").strip())
    return f"{m[1]} {m[2]}" if m else (text or "")


def address_text(
    street: str | None, house_number: str | None, postcode: str | None, place: str | None
) -> str:
    """``Slinge 200, 3083 AN Rotterdam`` from what is known (DUO's parts, written as on a
    letter; missing parts left out)."""
    line1 = " ".join(x.strip() for x in (street, house_number) if x and x.strip())
    line2 = " ".join(x for x in (postcode_text(postcode), place_name(place)) if x)
    return ", ".join(x for x in (line1, line2) if x)
