"""Pupils per demo location (like DUO 01 leerlingen vo per vestiging naar onderwijstype).

Rows follow the DUO reader's conventions (sources/duo_vo_enrollment.py): the DUO
education type as printed, the old vmbo sector of each profile, DUO's element codes and
programme names, one row per location x programme x leerjaar x sex with a non-zero count,
and counts of 1-4 masked (count NULL, masked true) from ENROLLMENT_MASK_FROM on at the
locations in ENROLLMENT_MASK_GEMEENTEN.
"""

from __future__ import annotations

from kansrijk.demo.draws import binomial, poisson, stream
from kansrijk.demo.spec import (
    ENROLLMENT_MASK_FROM,
    ENROLLMENT_MASK_GEMEENTEN,
    ENROLLMENT_YEARS,
    GEMEENTE_BY_CODE,
    SCHOOLS,
    School,
)
from kansrijk.vocab import PROFILE_NAMES, OldSector, Profile, ProfileSet, Track

Row = dict[str, object]
P = Profile

#: Relative popularity of each profile where it is offered.
PROFILE_WEIGHT: dict[Profile, float] = {
    P.BWI: 0.8,
    P.PIE: 1.0,
    P.MT: 0.6,
    P.MVI: 0.8,
    P.MAT: 0.5,
    P.ZW: 1.4,
    P.EO: 1.3,
    P.HBR: 0.7,
    P.DP: 1.1,
    P.GR: 0.7,
}
#: Share of boys among a profile's pupils (technical profiles mostly boys, ZW mostly girls).
BOY_SHARE: dict[Profile, float] = {
    P.BWI: 0.92,
    P.PIE: 0.94,
    P.MT: 0.93,
    P.MVI: 0.68,
    P.MAT: 0.88,
    P.ZW: 0.13,
    P.EO: 0.56,
    P.HBR: 0.42,
    P.DP: 0.50,
    P.GR: 0.55,
}
#: The old vmbo sector DUO prints next to each profile (VMBO SECTOR).
PROFILE_SECTOR: dict[Profile, OldSector] = {
    P.BWI: OldSector.TECHNIEK,
    P.PIE: OldSector.TECHNIEK,
    P.MT: OldSector.TECHNIEK,
    P.MVI: OldSector.TECHNIEK,
    P.MAT: OldSector.TECHNIEK,
    P.ZW: OldSector.ZORG_WELZIJN,
    P.EO: OldSector.ECONOMIE,
    P.HBR: OldSector.ECONOMIE,
    P.GR: OldSector.LANDBOUW,
    P.DP: OldSector.INTERSECTORAAL,
}
#: Second digit of DUO's element code 6xyz for each profile (z = 1, y = leerweg).
_ELEMENT_DIGIT: dict[Profile, int] = {
    P.BWI: 0,
    P.PIE: 1,
    P.MT: 2,
    P.MVI: 3,
    P.EO: 4,
    P.HBR: 5,
    P.ZW: 6,
    P.GR: 7,
    P.MAT: 8,
    P.DP: 9,
}
#: leerweg -> (track, DUO education type, element digit, share of the location's pupils).
LEERWEGEN: dict[str, tuple[Track, str, int, float]] = {
    "BB": (Track.VMBO_BB, "VMBO BL lj 3-4", 1, 0.33),
    "KB": (Track.VMBO_KB, "VMBO KL lj 3-4", 2, 0.45),
    "GL": (Track.VMBO_GL, "VMBO GL lj 3-4", 3, 0.22),
}
#: TL sector -> (element code, programme name, share, share of boys).
TL_SECTORS: dict[OldSector, tuple[str, str, float, float]] = {
    OldSector.TECHNIEK: ("0470", "MAVO/Theor Lw-Profiel Techniek", 0.24, 0.78),
    OldSector.ZORG_WELZIJN: ("0471", "MAVO/Theor Lw-Profiel Zorg en Welzijn", 0.30, 0.18),
    OldSector.ECONOMIE: ("0472", "MAVO/Theor Lw-Profiel Economie", 0.36, 0.55),
    OldSector.LANDBOUW: ("0473", "MAVO/Theor Lw-Profiel Landbouw", 0.10, 0.52),
}
#: havo/vwo profile -> (DUO name part, element digit, share, share of boys).
HAVO_VWO: dict[str, tuple[str, int, float, float]] = {
    "NT": ("Nat/Tech", 0, 0.12, 0.72),
    "NG": ("Nat/Gezond", 1, 0.20, 0.35),
    "EM": ("Ec/Maat", 2, 0.30, 0.60),
    "CM": ("Cul/Maat", 3, 0.16, 0.30),
    "NT/NG": ("Nat/Tech & Nat/Gezond", 4, 0.12, 0.55),
    "EM/CM": ("Ec/Maat & Cul/Maat", 9, 0.10, 0.45),
}
TECHNIEK_ICT = ProfileSet.TECHNIEK_ICT.profiles
#: Yearly growth of technical profiles' popularity (the region's campaigns work a little).
TECH_TREND = 0.02
NT_TREND = 0.015


class _Writer:
    """Collects rows for one location-year; draws the sexes and applies masking."""

    def __init__(self, dataset: str, year: int, school: School, seed: int) -> None:
        self.rng = stream(seed, f"vo_enrollment/{year}/{school.loc_code}")
        self.base: Row = {
            "dataset": dataset,
            "year": year,
            "loc_code": school.loc_code,
            "loc_name": school.name,
            "place": GEMEENTE_BY_CODE[school.gemeente].place,
            "province": None,
            "afdeling": None,
            "profile_mapped": False,
            "old_category": None,
            "route": None,
            "lwoo": False,
            "lwt": False,
            "ent": False,
        }
        self.mask = year >= ENROLLMENT_MASK_FROM and school.gemeente in ENROLLMENT_MASK_GEMEENTEN
        self.rows: list[Row] = []

    def add(
        self,
        n: int,
        boys: float,
        *,
        track: Track | None,
        education_type: str,
        grade: int,
        code: str,
        name: str,
        sector: OldSector | None = None,
        profile: str | None = None,
    ) -> None:
        m = binomial(self.rng, n, boys)
        for sex, count in (("m", m), ("f", n - m)):
            if count == 0:
                continue
            masked = self.mask and count < 5
            self.rows.append(
                self.base
                | {
                    "track": track.value if track else None,
                    "education_type": education_type,
                    "grade": grade,
                    "sector": sector.value if sector else None,
                    "profile": profile,
                    "programme_code": code,
                    "programme_name": name,
                    "sex": sex,
                    "count": None if masked else count,
                    "masked": masked,
                }
            )


def _profile_weights(school: School, year: int) -> dict[Profile, float]:
    """Popularity of each profile the school offers to pupils choosing in ``year``."""
    weights = {}
    for p in school.profiles(year):
        trend = 1 + TECH_TREND * (year - ENROLLMENT_YEARS[0]) if p in TECHNIEK_ICT else 1.0
        offer = next(o for o in school.offers if o.profile is p)
        weights[p] = PROFILE_WEIGHT[p] * offer.weight * trend
    total = sum(weights.values())
    return {p: w / total for p, w in weights.items()}


def _vmbo_bkg(w: _Writer, school: School, year: int, cohort: float) -> None:
    lw_total = sum(LEERWEGEN[lw][3] for lw in school.leerwegen)
    for grade in (3, 4):
        # grade 4 pupils chose their profile a year earlier, under last year's offer
        weights = _profile_weights(school, year if grade == 3 else year - 1)
        for p, share in weights.items():
            counts = []
            for lw in school.leerwegen:
                mean = school.bkg * cohort * LEERWEGEN[lw][3] / lw_total * share
                counts.append(poisson(w.rng, mean * (0.97 if grade == 4 else 1.0)))
            if grade == 3 and sum(counts) == 0:
                counts[0] = 1  # an offered profile always has at least one pupil
            for lw, n in zip(school.leerwegen, counts, strict=True):
                track, etype, digit, _ = LEERWEGEN[lw]
                w.add(
                    n,
                    BOY_SHARE[p],
                    track=track,
                    education_type=etype,
                    grade=grade,
                    code=f"6{_ELEMENT_DIGIT[p]}{digit}1",
                    name=f"VMBO {lw} {PROFILE_NAMES[p][0]}",
                    sector=PROFILE_SECTOR[p],
                    profile=p.value,
                )


def _vmbo_tl(w: _Writer, school: School, cohort: float) -> None:
    sectors = {
        s: v for s, v in TL_SECTORS.items() if school.tl_landbouw or s is not OldSector.LANDBOUW
    }
    total = sum(v[2] for v in sectors.values())
    for grade in (3, 4):
        for sector, (code, name, share, boys) in sectors.items():
            n = poisson(w.rng, school.tl * cohort * share / total)
            w.add(
                n,
                boys,
                track=Track.VMBO_TL,
                education_type="VMBO TL lj 3-4",
                grade=grade,
                code=code,
                name=name,
                sector=sector,
            )


#: (track, gymnasium) -> element code and name in leerjaar 3, code prefix and name prefix
#: of the profiles, DUO education type of leerjaar 4 on.
_HV_STREAMS: dict[tuple[Track, bool], tuple[str, str, str, str, str]] = {
    (Track.HAVO, False): ("0300", "HAVO", "037", "HAVO Prf", "HAVO lj 4-5"),
    (Track.VWO, False): ("0100", "VWO-ATHENEUMSTROOM", "017", "VWO-ATH Prf", "VWO lj 4-6"),
    (Track.VWO, True): ("0200", "VWO-GYMNASIUMSTROOM", "027", "VWO-GYM Prf", "VWO lj 4-6"),
}


def _havo_vwo(w: _Writer, school: School, year: int, cohort: float) -> None:
    gym = "GYMNASIUM" in school.name.upper()
    nt_trend = 1 + NT_TREND * (year - ENROLLMENT_YEARS[0])
    for track, size, grades in (
        (Track.HAVO, school.havo, (4, 5)),
        (Track.VWO, school.vwo, (4, 5, 6)),
    ):
        if not size:
            continue
        lj3_code, lj3_name, prefix, name, etype = _HV_STREAMS[(track, gym and track is Track.VWO)]
        w.add(
            poisson(w.rng, size * cohort),
            0.48,
            track=None,
            education_type="HAVO/VWO lj 3",
            grade=3,
            code=lj3_code,
            name=lj3_name,
        )
        for grade in grades:
            for prof, (part, digit, share, boys) in HAVO_VWO.items():
                mean = size * cohort * share * (nt_trend if prof.startswith("NT") else 1.0)
                w.add(
                    poisson(w.rng, mean),
                    boys,
                    track=track,
                    education_type=etype,
                    grade=grade,
                    code=f"{prefix}{digit}",
                    name=f"{name} {part}",
                    profile=prof,
                )


def _brugjaar(w: _Writer, school: School, cohort: float) -> None:
    for grade in (1, 2):
        if school.bkg or school.tl:
            w.add(
                poisson(w.rng, (school.bkg + school.tl) * cohort * 1.04),
                0.51,
                track=Track.BRUG,
                education_type="Brugjaar 1-2",
                grade=grade,
                code="0023",
                name="Ljvb op VMBO-Alle Lw",
            )
        if school.havo or school.vwo:
            w.add(
                poisson(w.rng, (school.havo + school.vwo) * cohort),
                0.49,
                track=Track.BRUG,
                education_type="Brugjaar 1-2",
                grade=grade,
                code="0015",
                name="Ljvb op VWO/HAVO",
            )


def enrollment_rows(dataset: str, seed: int) -> list[Row]:
    """``vo_enrollment`` rows for every location and year of ENROLLMENT_YEARS."""
    rows: list[Row] = []
    for year in ENROLLMENT_YEARS:
        for school in SCHOOLS:
            g = GEMEENTE_BY_CODE[school.gemeente]
            cohort = (1 + g.growth) ** (year - ENROLLMENT_YEARS[-1])
            w = _Writer(dataset, year, school, seed)
            _brugjaar(w, school, cohort)
            if school.bkg:
                _vmbo_bkg(w, school, year, cohort)
            if school.tl:
                _vmbo_tl(w, school, cohort)
            _havo_vwo(w, school, year, cohort)
            rows.extend(w.rows)
    return rows
