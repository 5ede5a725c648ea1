"""The vmbo offer the finder shows: every location with vmbo pupils in leerjaar 3-4 in one
enrollment year, with its address, phone and website (newest locations file), leerwegen
(BB/KB/GL/TL), offered profiles and its place (the centroid of its PC4 area)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kansrijk.finder.phone import Phone, format_phone
from kansrijk.sources.duo_names import address_text
from kansrijk.vocab import ICT_PROFILES, TECH_ICT_PROFILES, TECHNIEK_PROFILES, Profile
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import PC4_POINT_SQL

__all__ = [
    "ICT_PROFILES",
    "LEERWEGEN",
    "TECHNICAL_PROFILES",
    "TECHNIEK_PROFILES",
    "VmboOffer",
    "newest_offer_year",
    "vmbo_offer",
]

#: Technical profiles in a fixed order: techniek (BWI, PIE, MT, MAT), then ICT (MVI).
TECHNICAL_PROFILES: tuple[str, ...] = TECH_ICT_PROFILES
#: Leerwegen in the order parents know them, from the canonical tracks.
LEERWEGEN: dict[str, str] = {"vmbo_bb": "BB", "vmbo_kb": "KB", "vmbo_gl": "GL", "vmbo_tl": "TL"}
_PROFILE_ORDER = {p.value: i for i, p in enumerate(Profile)}


@dataclass(frozen=True, slots=True)
class VmboOffer:
    """One vmbo location and what it offers in leerjaar 3-4 of one year."""

    year: int
    loc_code: str
    name: str
    street: str | None
    house_number: str | None
    postcode: str | None
    place: str | None
    gemeente_code: str | None
    phone: str | None
    website: str | None
    pc4: str | None
    x: float | None  # PC4 centroid, RD New metres
    y: float | None
    lon: float | None
    lat: float | None
    leerwegen: tuple[str, ...]  # of BB, KB, GL, TL
    profiles: tuple[str, ...]  # every profile with pupils (or a masked cell)

    @property
    def technical(self) -> tuple[str, ...]:
        """Its technical profiles (techniek and ICT), in a fixed order."""
        return tuple(p for p in TECHNICAL_PROFILES if p in self.profiles)

    @property
    def tl_only(self) -> bool:
        """Only TL (mavo) pupils in leerjaar 3-4: a location where no profile is chosen at all
        (profiles are BB/KB/GL; TL pupils choose a sector), so "without a technical profile"
        would say too little."""
        return self.leerwegen == ("TL",)

    @property
    def kind(self) -> str:
        """``technical`` (a technical profile), ``tl_only`` (mavo only, no profiles) or
        ``no_technical`` (BB, KB or GL, but no technical profile)."""
        if self.technical:
            return "technical"
        return "tl_only" if self.tl_only else "no_technical"

    @property
    def has_techniek(self) -> bool:
        """Offers BWI, PIE, MT or MAT."""
        return any(p in self.profiles for p in TECHNIEK_PROFILES)

    @property
    def address(self) -> str:
        """``Slinge 200, 3083 AN Rotterdam``: DUO's parts written as on a letter (DUO writes
        ``3083AN`` and ``ROTTERDAM``; ``sources.duo_names``)."""
        return address_text(self.street, self.house_number, self.postcode, self.place)

    @property
    def phone_number(self) -> Phone | None:
        """The phone as people write it, with its E.164 form (``finder.phone``)."""
        return format_phone(self.phone)

    @property
    def website_url(self) -> str | None:
        """The website as a link (``https://`` added when DUO gives a bare host)."""
        if not self.website:
            return None
        w = self.website.strip()
        if any(ch in w for ch in ' "<>\\'):
            return None
        return w if w.lower().startswith(("http://", "https://")) else "https://" + w

    def to_json(self) -> dict[str, Any]:
        """The location in the JSON twin (``phone`` as DUO stores it, ``phone_text`` as
        people write it, ``phone_e164`` for a ``tel:`` link or None)."""
        phone = self.phone_number
        return {
            "loc_code": self.loc_code,
            "name": self.name,
            "address": self.address,
            "postcode": self.postcode,
            "place": self.place,
            "gemeente_code": self.gemeente_code,
            "phone": self.phone,
            "phone_text": phone.text if phone else None,
            "phone_e164": phone.e164 if phone else None,
            "website": self.website_url,
            "pc4": self.pc4,
            "lon": self.lon,
            "lat": self.lat,
            "leerwegen": list(self.leerwegen),
            "profiles": list(self.profiles),
            "technical_profiles": list(self.technical),
            "has_technical_profile": bool(self.technical),
            "kind": self.kind,
            "tl_only": self.tl_only,
        }


_SQL = f"""
WITH e AS (
    SELECT loc_code, any_value(loc_name) AS loc_name, any_value(place) AS e_place, track,
           profile
    FROM vo_enrollment
    WHERE year = ? AND grade IN (3, 4)
      AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl') AND (count > 0 OR masked)
    GROUP BY loc_code, track, profile
),
l AS (
    SELECT loc_code, arg_max(name, year) AS name, arg_max(street, year) AS street,
           arg_max(house_number, year) AS house_number, arg_max(postcode, year) AS postcode,
           arg_max(place, year) AS place, arg_max(gemeente_code, year) AS gm,
           arg_max(phone, year) AS phone, arg_max(website, year) AS website,
           arg_max(pc4, year) AS pc4
    FROM location GROUP BY loc_code
),
c AS ({PC4_POINT_SQL})
SELECT e.loc_code, coalesce(l.name, e.loc_name), l.street, l.house_number, l.postcode,
       coalesce(l.place, e.e_place), l.gm, l.phone, l.website, l.pc4, c.x, c.y, c.lon, c.lat,
       e.track, e.profile
FROM e LEFT JOIN l USING (loc_code) LEFT JOIN c ON c.pc4 = l.pc4
ORDER BY e.loc_code
"""


def newest_offer_year(wh: Warehouse) -> int | None:
    """The newest enrollment year loaded."""
    rows = wh.query("SELECT max(year) FROM vo_enrollment")
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def vmbo_offer(wh: Warehouse, year: int) -> list[VmboOffer]:
    """Every location with vmbo pupils (BB/KB/GL/TL) in leerjaar 3-4 in ``year``."""
    acc: dict[str, dict[str, Any]] = {}
    tracks: dict[str, set[str]] = defaultdict(set)
    profiles: dict[str, set[str]] = defaultdict(set)
    for row in wh.query(_SQL, [year]):
        code = str(row[0])
        acc.setdefault(code, {"row": row})
        tracks[code].add(LEERWEGEN[str(row[14])])
        if row[15] is not None and row[14] != "vmbo_tl":
            profiles[code].add(str(row[15]))
    order = list(LEERWEGEN.values())
    out = []
    for code, d in acc.items():
        r = d["row"]
        out.append(
            VmboOffer(
                year=year,
                loc_code=code,
                name=str(r[1] or code),
                street=r[2],
                house_number=r[3],
                postcode=r[4],
                place=r[5],
                gemeente_code=r[6],
                phone=r[7],
                website=r[8],
                pc4=r[9],
                x=None if r[10] is None else float(r[10]),
                y=None if r[11] is None else float(r[11]),
                lon=None if r[12] is None else float(r[12]),
                lat=None if r[13] is None else float(r[13]),
                leerwegen=tuple(sorted(tracks[code], key=order.index)),
                profiles=tuple(sorted(profiles[code], key=lambda p: _PROFILE_ORDER.get(p, 99))),
            )
        )
    return out
