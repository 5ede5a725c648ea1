"""The registry's codes: organisation kinds, roles, activity kinds, target groups and the
themes an activity or request can carry (with Dutch and English names)."""

from __future__ import annotations

from kansrijk.vocab import Profile
from kansrijk.vocab.mbo import SECTORKAMERS
from kansrijk.vocab.profiles import PROFILE_NAMES

#: Organisation kinds and the role their people get.
ORG_KINDS: dict[str, tuple[str, str]] = {
    "school": ("School (bestuur of locatie)", "School (board or location)"),
    "company": ("Bedrijf", "Company"),
    "intermediary": ("Intermediair", "Intermediary"),
    "gemeente": ("Gemeente", "Municipality"),
}
ROLE_OF_KIND: dict[str, str] = {
    "school": "school",
    "company": "provider",
    "intermediary": "provider",
    "gemeente": "analyst",
}
ROLES: tuple[str, ...] = ("admin", "school", "provider", "analyst")

ACTIVITY_KINDS: dict[str, tuple[str, str]] = {
    "guest_lesson": ("Gastles", "Guest lesson"),
    "company_visit": ("Bedrijfsbezoek", "Company visit"),
    "workshop": ("Workshop", "Workshop"),
    "project": ("Project", "Project"),
    "snuffelstage": ("Snuffelstage", "Taster placement"),
    "internship_vmbo": ("Stage vmbo", "vmbo internship"),
    "internship_mbo": ("Stage mbo (BOL)", "mbo internship (BOL)"),
    "bbl_place": ("BBL-plaats", "BBL place"),
    "teacher_internship": ("Docentstage", "Teacher internship"),
}
TARGET_GROUPS: dict[str, tuple[str, str]] = {
    "po": ("Primair onderwijs", "Primary school"),
    "vmbo_bb": ("vmbo basis", "vmbo basic"),
    "vmbo_kb": ("vmbo kader", "vmbo advanced"),
    "vmbo_gl": ("vmbo gemengd", "vmbo mixed"),
    "vmbo_tl": ("vmbo theoretisch", "vmbo theoretical"),
    "havo_vwo": ("havo/vwo", "havo/vwo"),
    "mbo": ("mbo", "mbo"),
    "teachers": ("Docenten", "Teachers"),
}
PROFILES: tuple[str, ...] = tuple(p.value for p in Profile)
LANGUAGES: tuple[str, ...] = ("nl", "en", "de", "fr", "tr", "ar", "pl")
MATCH_STATUSES: tuple[str, ...] = ("proposed", "accepted", "declined")


def label(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    """The name of ``code`` in ``lang`` (the code itself when unknown)."""
    names = table.get(code)
    if names is None:
        return code
    return names[1] if lang == "en" else names[0]


def field_label(level: str, code: str, lang: str) -> str:
    """The name of a vmbo profile or mbo sectorkamer with its code (a shortage's field)."""
    names: tuple[str, str] | None
    if level == "vmbo" and code in PROFILES:
        names = PROFILE_NAMES.get(Profile(code))
    else:
        names = SECTORKAMERS.get(code)
    if names is None:
        return code
    return f"{names[1] if lang == 'en' else names[0]} ({code})"
