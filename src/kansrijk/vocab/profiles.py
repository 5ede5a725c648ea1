"""The ten vmbo profiles, named profile sets, and parsing of DUO's programme names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kansrijk.errors import Message, UnknownCodeError


class Profile(StrEnum):
    """A vmbo profile of the beroepsgerichte leerwegen (BB, KB, GL)."""

    BWI = "BWI"
    PIE = "PIE"
    MT = "MT"
    MVI = "MVI"
    MAT = "MAT"
    ZW = "ZW"
    EO = "EO"
    HBR = "HBR"
    DP = "DP"
    GR = "GR"


PROFILE_NAMES: dict[Profile, tuple[str, str]] = {
    Profile.BWI: ("Bouwen, wonen en interieur", "Construction, housing and interior"),
    Profile.PIE: ("Produceren, installeren en energie", "Production, installation and energy"),
    Profile.MT: ("Mobiliteit en transport", "Mobility and transport"),
    Profile.MVI: ("Media, vormgeving en ICT", "Media, design and ICT"),
    Profile.MAT: ("Maritiem en techniek", "Maritime and technology"),
    Profile.ZW: ("Zorg en welzijn", "Care and welfare"),
    Profile.EO: ("Economie en ondernemen", "Economics and enterprise"),
    Profile.HBR: ("Horeca, bakkerij en recreatie", "Hospitality, bakery and recreation"),
    Profile.DP: ("Dienstverlening en producten", "Services and products"),
    Profile.GR: ("Groen", "Green"),
}

#: Codes other publishers use for the same profiles (e.g. DUO's exam-results file).
PROFILE_ALIASES: dict[str, Profile] = {
    "BWI": Profile.BWI,
    "PIE": Profile.PIE,
    "MT": Profile.MT,
    "M&T": Profile.MT,
    "MTR": Profile.MT,
    "MVI": Profile.MVI,
    "MAT": Profile.MAT,
    "MET": Profile.MAT,
    "MAR": Profile.MAT,
    "MTE": Profile.MAT,  # DUO exam results 2018-2019
    "ZW": Profile.ZW,
    "ZWE": Profile.ZW,
    "Z&W": Profile.ZW,
    "EO": Profile.EO,
    "ECO": Profile.EO,
    "E&O": Profile.EO,
    "HBR": Profile.HBR,
    "DP": Profile.DP,
    "D&P": Profile.DP,
    "GR": Profile.GR,
    "GRO": Profile.GR,
    "G": Profile.GR,  # DUO exam results 2018-2019
}


class ProfileSet(StrEnum):
    """Named sets of profiles. Every indicator says which one it uses."""

    TECHNIEK = "techniek"
    TECHNIEK_ICT = "techniek_ict"

    @property
    def profiles(self) -> frozenset[Profile]:
        """The set's profiles."""
        return PROFILE_SETS[self]

    @property
    def codes(self) -> tuple[str, ...]:
        """The set's profile codes in the fixed order of ``Profile`` (BWI, PIE, MT, MVI, MAT)."""
        return tuple(p.value for p in Profile if p in PROFILE_SETS[self])

    def label(self, lang: str) -> str:
        """The set's name with its profiles, in ``lang``."""
        nl, en = PROFILE_SET_LABELS[self]
        return en if lang == "en" else nl


PROFILE_SETS: dict[ProfileSet, frozenset[Profile]] = {
    ProfileSet.TECHNIEK: frozenset({Profile.BWI, Profile.PIE, Profile.MT, Profile.MAT}),
    ProfileSet.TECHNIEK_ICT: frozenset(
        {Profile.BWI, Profile.PIE, Profile.MT, Profile.MAT, Profile.MVI}
    ),
}

PROFILE_SET_LABELS: dict[ProfileSet, tuple[str, str]] = {
    ProfileSet.TECHNIEK: ("techniek (BWI, PIE, MT, MAT)", "technology (BWI, PIE, MT, MAT)"),
    ProfileSet.TECHNIEK_ICT: (
        "techniek incl. ICT (BWI, PIE, MT, MAT, MVI)",
        "technology incl. ICT (BWI, PIE, MT, MAT, MVI)",
    ),
}


#: Technical profiles in a fixed order: techniek (BWI, PIE, MT, MAT), then ICT (MVI).
TECHNIEK_PROFILES: tuple[str, ...] = ProfileSet.TECHNIEK.codes
ICT_PROFILES: tuple[str, ...] = tuple(
    c for c in ProfileSet.TECHNIEK_ICT.codes if c not in ProfileSet.TECHNIEK.codes
)
TECH_ICT_PROFILES: tuple[str, ...] = TECHNIEK_PROFILES + ICT_PROFILES

#: The technical offer of a location, as categories (in legend order).
OFFER_CATEGORIES: tuple[str, ...] = ("tech_ict", "tech", "ict", "none")


def tech_profiles(profiles: Iterable[str]) -> tuple[str, ...]:
    """The technical profiles (techniek incl. ICT) among ``profiles``, in a fixed order."""
    have = set(profiles)
    return tuple(p for p in TECH_ICT_PROFILES if p in have)


def offer_category(profiles: Iterable[str]) -> str:
    """``tech_ict`` (techniek and ICT), ``tech`` (techniek, no MVI), ``ict`` (only MVI) or
    ``none`` (no technical profile)."""
    have = set(profiles)
    tech = any(p in have for p in TECHNIEK_PROFILES)
    ict = any(p in have for p in ICT_PROFILES)
    if tech and ict:
        return "tech_ict"
    if tech:
        return "tech"
    return "ict" if ict else "none"


class OldSector(StrEnum):
    """The four vmbo sectors before the 2016 profiles; TL still has them, routes use them."""

    TECHNIEK = "techniek"
    ZORG_WELZIJN = "zorg_welzijn"
    ECONOMIE = "economie"
    LANDBOUW = "landbouw"
    INTERSECTORAAL = "intersectoraal"


SECTOR_NAMES: dict[OldSector, tuple[str, str]] = {
    OldSector.TECHNIEK: ("Techniek", "Technology"),
    OldSector.ZORG_WELZIJN: ("Zorg en welzijn", "Care and welfare"),
    OldSector.ECONOMIE: ("Economie", "Economics"),
    OldSector.LANDBOUW: ("Landbouw", "Agriculture"),
    OldSector.INTERSECTORAAL: ("Intersectoraal", "Intersectoral"),
}

#: TL sectors, the breakdown of ``vmbo.tl_sector_share``; ``none`` = no sector chosen yet.
TL_SECTORS: tuple[str, ...] = ("techniek", "zorg_welzijn", "economie", "landbouw", "none")

_SECTOR_WORDS: dict[str, OldSector] = {
    "techniek": OldSector.TECHNIEK,
    "zorg en welzijn": OldSector.ZORG_WELZIJN,
    "zorg & welzijn": OldSector.ZORG_WELZIJN,
    "economie": OldSector.ECONOMIE,
    "landbouw": OldSector.LANDBOUW,
    "groen": OldSector.LANDBOUW,
    "intersect. programma": OldSector.INTERSECTORAAL,
    "intersectoraal": OldSector.INTERSECTORAAL,
}


def parse_sector(name: str) -> OldSector | None:
    """DUO's ``VMBO SECTOR`` value to a sector; ``N.v.t.``/empty gives None."""
    key = " ".join(name.strip().lower().split())
    if key in {"", "n.v.t.", "nvt", "n.v.t"}:
        return None
    try:
        return _SECTOR_WORDS[key]
    except KeyError:
        raise UnknownCodeError(
            f"unknown vmbo sector {name!r}; expected one of "
            f"{', '.join(sorted(_SECTOR_WORDS))} or 'N.v.t.'"
        ) from None


@dataclass(frozen=True, slots=True)
class ParsedProgramme:
    """A DUO vmbo programme name split into profile (or route sector) and variant flags."""

    profile: Profile | None
    route: OldSector | None = None
    lwoo: bool = False
    lwt: bool = False
    ent: bool = False

    @property
    def variant(self) -> str:
        """Flags as one readable string: e.g. ``LWOO+LWT`` or ``route`` or ``''``."""
        flags = [
            name
            for name, on in (
                ("LWOO", self.lwoo),
                ("LWT", self.lwt),
                ("ENT", self.ent),
                ("route", self.route is not None),
            )
            if on
        ]
        return "+".join(flags)


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().replace("&", " en ").split())


_BY_NAME: dict[str, Profile] = {_norm(nl): p for p, (nl, _) in PROFILE_NAMES.items()}
_ROUTE = re.compile(r"^(?:vakmanschapsroute|beroepsroute)\s+(?P<sector>.+?)(?:\s+niveau-?\s*\d)?$")
_PREFIX = re.compile(r"^(?:(?P<kind>vmbo|lwoo)\s+)?(?:(?P<lw>bb|kb|gl|bl|kl|tl)\s+)?")
_FLAGS = re.compile(r"^(?P<flag>lwt|ent)\s+")


def known_programme_names() -> list[str]:
    """The profile and route names the parser accepts (for error messages)."""
    routes = [
        f"Vakmanschapsroute {SECTOR_NAMES[s][0]}"
        for s in OldSector
        if s is not OldSector.INTERSECTORAAL
    ]
    routes += [
        f"Beroepsroute {SECTOR_NAMES[s][0]}" for s in OldSector if s is not OldSector.INTERSECTORAAL
    ]
    return [nl for nl, _ in PROFILE_NAMES.values()] + routes


def parse_programme(name: str) -> ParsedProgramme:
    """Parse a DUO vmbo name into profile code and variant flags.

    Accepts a bare profile name (``'Produceren, installeren en energie'``), a full
    programme name (``'LWOO BB LWT Bouwen, wonen en interieur'``), or a route
    (``'VMBO BB Vakmanschapsroute Techniek Niveau-2'``). Case and ``&``/``en`` do not matter.

    Raises:
        UnknownCodeError: the name is none of these; the message lists the known names.
    """
    text = _norm(name)
    m = _PREFIX.match(text)
    lwoo = bool(m and m.group("kind") == "lwoo")
    text = text[m.end() :] if m else text
    lwt = ent = False
    while fm := _FLAGS.match(text):
        if fm.group("flag") == "lwt":
            lwt = True
        else:
            ent = True
        text = text[fm.end() :]
    if text in _BY_NAME:
        return ParsedProgramme(_BY_NAME[text], lwoo=lwoo, lwt=lwt, ent=ent)
    rm = _ROUTE.match(text)
    if rm:
        sector_key = rm.group("sector").replace(" en ", " en ")
        sector = _SECTOR_WORDS.get(sector_key) or _SECTOR_WORDS.get(
            sector_key.replace(" en ", " & ")
        )
        if sector is not None:
            return ParsedProgramme(None, route=sector, lwoo=lwoo, lwt=lwt, ent=ent)
    raise UnknownCodeError(
        f"unknown vmbo profile or programme name {name!r}; expected one of: "
        + "; ".join(known_programme_names())
        + " (optionally preceded by VMBO/LWOO, BB/KB/GL and LWT/ENT)"
    )


def parse_profile_code(code: str) -> Profile:
    """A profile code or alias (``'PIE'``, ``'MTR'``, ``'ZWE'``) to a Profile."""
    key = code.strip().upper()
    try:
        return PROFILE_ALIASES[key]
    except KeyError:
        raise UnknownCodeError(
            f"unknown vmbo profile code {code!r}; expected one of "
            f"{', '.join(sorted(PROFILE_ALIASES))}"
        ) from None


def parse_profile_set(name: str) -> ProfileSet:
    """A set name (``techniek`` or ``techniek_ict``) to a ProfileSet."""
    try:
        return ProfileSet(name.strip().lower())
    except ValueError:
        known = ", ".join(s.value for s in ProfileSet)
        raise UnknownCodeError(
            Message("unknown profile set {name!r}; expected one of {known}", name=name, known=known)
        ) from None
