"""Dutch telephone numbers as people write them, with the E.164 form for a ``tel:`` link.

DUO's locations file stores ten digits without spaces (``0104567890``); other sources write
``+31104567890``, ``010-4567890`` or ``+31 (0)10 456 7890``. A Dutch number is written in
groups after its area code: a two-digit area (``010 456 7890``), a three-digit area
(``0111 123 456``), a mobile number (``06 1234 5678``), a nationwide number (``085``,
``088``: ``088 123 4567``) and the free and paid service numbers (``0800 1234``,
``0900 123 4567``). The area codes are the geographic numbering plan of the ACM (the
telecom regulator): 2-digit areas are the 30 codes of ``TWO_DIGIT_AREAS``; every other
geographic number has a 3-digit area from ``THREE_DIGIT_AREAS``.

A value that is not such a number (a code outside the plan, the wrong number of digits, a
letter) is shown as given, without a link: a typo such as ``0812514344`` (for ``0182``)
would dial a wrong number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["THREE_DIGIT_AREAS", "TWO_DIGIT_AREAS", "Phone", "format_phone"]

#: Geographic areas with a 2-digit code (``0`` + 2 digits, 7-digit subscriber number).
_TWO = (
    "010 013 015 020 023 024 026 030 033 035 036 038 040 043 045 046 050 053 055 058 "
    "070 071 072 073 074 075 076 077 078 079"
)
TWO_DIGIT_AREAS = frozenset(_TWO.split())
#: Geographic areas with a 3-digit code (``0`` + 3 digits, 6-digit subscriber number).
_THREE = (
    "0111 0113 0114 0115 0117 0118 0161 0162 0164 0165 0166 0167 0168 0172 0174 0180 0181 "
    "0182 0183 0184 0186 0187 0222 0223 0224 0226 0227 0228 0229 0251 0252 0255 0294 0297 "
    "0299 0313 0314 0315 0316 0317 0318 0320 0321 0341 0342 0343 0344 0345 0346 0347 0348 "
    "0411 0412 0413 0416 0418 0475 0478 0481 0485 0486 0487 0488 0492 0493 0495 0497 0499 "
    "0511 0512 0513 0514 0515 0516 0517 0518 0519 0521 0522 0523 0524 0525 0527 0528 0529 "
    "0541 0543 0544 0545 0546 0547 0548 0561 0562 0566 0570 0571 0572 0573 0575 0577 0578 "
    "0591 0592 0593 0594 0595 0596 0597 0598 0599"
)
THREE_DIGIT_AREAS = frozenset(_THREE.split())
#: Nationwide numbers written like a 2-digit area: 084 and 087 (personal and messaging
#: services), 085 and 088 (company and internet telephony), 091 (internet telephony).
NATIONWIDE = frozenset({"084", "085", "087", "088", "091"})
#: Service numbers: free (0800) and paid (0900, 0906, 0909), 4 or 7 digits after the code.
SERVICE = frozenset({"0800", "0900", "0906", "0909"})
#: What may separate the digits of a number as it is given.
_SEPARATORS = re.compile(r"[\s\-./()\u00a0]")
_LONGEST = 40


@dataclass(frozen=True, slots=True)
class Phone:
    """A number to show (``text``) and the ``tel:`` target (``e164``; None: shown as given,
    no link)."""

    text: str
    e164: str | None

    @property
    def href(self) -> str | None:
        """The ``tel:`` link, or None."""
        return f"tel:{self.e164}" if self.e164 else None

    def to_json(self) -> dict[str, str | None]:
        """``{"text", "e164"}`` for the JSON twin."""
        return {"text": self.text, "e164": self.e164}


def _national(raw: str) -> str | None:
    """The number's digits as dialled within the Netherlands (``0`` first), or None."""
    text = raw.strip()
    if not text or len(text) > _LONGEST:
        return None
    text = text.replace("(0)", "", 1) if text.startswith(("+31", "0031")) else text
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not (digits.isascii() and digits.isdigit()) or not digits.startswith("0"):
        return None
    if digits.startswith("00"):  # an international number of another country
        return None
    return digits


def _grouped(d: str) -> str | None:
    """The national digits in the groups people write, or None if not a Dutch number."""
    if d[:4] in SERVICE:
        if len(d) == 8:
            return f"{d[:4]} {d[4:]}"
        if len(d) == 11:
            return f"{d[:4]} {d[4:7]} {d[7:]}"
        return None
    if len(d) != 10:
        return None
    if d[:2] == "06" and d[2] in "123458":
        return f"{d[:2]} {d[2:6]} {d[6:]}"
    if d[:3] in TWO_DIGIT_AREAS or d[:3] in NATIONWIDE:
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    if d[:4] in THREE_DIGIT_AREAS:
        return f"{d[:4]} {d[4:7]} {d[7:]}"
    return None


def format_phone(raw: str | None) -> Phone | None:
    """``raw`` as people write it with its E.164 form (``0104567890`` ->
    ``010 456 7890``, ``+31104567890``); a value that is not a Dutch number as given (its
    surrounding spaces removed), without E.164; None for an empty value."""
    if raw is None or not raw.strip():
        return None
    given = " ".join(raw.split())
    digits = _national(raw)
    grouped = _grouped(digits) if digits else None
    if digits is None or grouped is None:
        return Phone(given, None)
    return Phone(grouped, "+31" + digits[1:])
