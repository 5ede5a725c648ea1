"""Exam candidates and passes per demo location (like DUO examenkandidaten en geslaagden).

Programme names and codes follow the DUO reader (sources/duo_exams.py): vmbo programmes
carry the old sectors (``'VMBO K - techniek'`` -> profile ``techniek``), havo/vwo the
profile (``'HAVO - N&T / N&G'`` -> ``NT/NG``). Each cell has rows for sex ``m``, ``f``
and ``all`` (DUO's TOTAAL, here m + f; indicators use these rows). Counts of 1-4 are
masked from EXAM_MASK_FROM on, as in DUO's 2019-2024 release. Trends are gentle:
technology slowly down, care and N&T slowly up.
"""

from __future__ import annotations

from kansrijk.demo.draws import binomial, poisson, stream
from kansrijk.demo.enrollment import (
    BOY_SHARE,
    HAVO_VWO,
    LEERWEGEN,
    PROFILE_SECTOR,
    PROFILE_WEIGHT,
    TL_SECTORS,
)
from kansrijk.demo.spec import (
    ENROLLMENT_YEARS,
    EXAM_MASK_FROM,
    EXAM_YEARS,
    GEMEENTE_BY_CODE,
    SCHOOLS,
    School,
)
from kansrijk.vocab import OldSector, Track

Row = dict[str, object]

#: How DUO prints the old sectors in exam programme names.
SECTOR_LABEL: dict[OldSector, str] = {
    OldSector.TECHNIEK: "techniek",
    OldSector.ZORG_WELZIJN: "zorg en welzijn",
    OldSector.ECONOMIE: "economie",
    OldSector.LANDBOUW: "landbouw",
    OldSector.INTERSECTORAAL: "intersectoraal",
}
#: Yearly change of candidates per sector / havo-vwo profile, around the middle year.
SECTOR_TREND: dict[OldSector, float] = {
    OldSector.TECHNIEK: -0.012,
    OldSector.ZORG_WELZIJN: 0.01,
    OldSector.ECONOMIE: 0.0,
    OldSector.LANDBOUW: -0.005,
    OldSector.INTERSECTORAAL: 0.008,
}
_HV_NAMES = {"NT": "N&T", "NG": "N&G", "EM": "E&M", "CM": "C&M"}
_LETTER = {"BB": "B", "KB": "K", "GL": "G"}
#: Share of candidates who pass, per track; 2019-2020 had no central exams (COVID-19).
PASS_RATE: dict[Track, float] = {
    Track.VMBO_BB: 0.97,
    Track.VMBO_KB: 0.95,
    Track.VMBO_GL: 0.93,
    Track.VMBO_TL: 0.92,
    Track.HAVO: 0.87,
    Track.VWO: 0.90,
}
_MID = 2019


class _Cells:
    def __init__(self, dataset: str, year: int, school: School, seed: int) -> None:
        self.rng = stream(seed, f"vo_exam/{year}/{school.loc_code}")
        self.year = year
        g = GEMEENTE_BY_CODE[school.gemeente]
        self.base: Row = {
            "dataset": dataset,
            "year": year,
            "loc_code": school.loc_code,
            "loc_name": school.name,
            "gemeente_name_source": g.name,
        }
        self.rows: list[Row] = []

    def add(self, mean: float, boys: float, track: Track, programme: str, profile: str) -> None:
        """Draw candidates (split by sex) and passes; store m, f and the total ('all')."""
        n = poisson(self.rng, mean)
        if n == 0:
            return
        m = binomial(self.rng, n, boys)
        rate = min(0.995, PASS_RATE[track] + (0.05 if self.year == 2019 else 0.0))
        cells = [
            (sex, cand, binomial(self.rng, cand, rate)) for sex, cand in (("m", m), ("f", n - m))
        ]
        cells.append(("all", n, sum(c[2] for c in cells)))
        for sex, cand, passed in cells:
            if cand == 0:
                continue
            cm = self.year >= EXAM_MASK_FROM and 0 < cand < 5
            pm = self.year >= EXAM_MASK_FROM and 0 < passed < 5
            self.rows.append(
                self.base
                | {
                    "track": track.value,
                    "programme": programme,
                    "profile": profile,
                    "sex": sex,
                    "candidates": None if cm else cand,
                    "candidates_masked": cm,
                    "passed": None if pm else passed,
                    "passed_masked": pm,
                }
            )


def _vmbo(c: _Cells, school: School, cohort: float) -> None:
    # candidates in year y chose their profile in leerjaar 3, in year y - 1
    profiles = school.profiles(c.year - 1)
    weights = {
        p: PROFILE_WEIGHT[p] * next(o.weight for o in school.offers if o.profile is p)
        for p in profiles
    }
    total = sum(weights.values())
    lw_total = sum(LEERWEGEN[lw][3] for lw in school.leerwegen)
    for lw in school.leerwegen:
        track = LEERWEGEN[lw][0]
        for sector, label in SECTOR_LABEL.items():
            members = [p for p in profiles if PROFILE_SECTOR[p] is sector]
            if not members:
                continue
            share = sum(weights[p] for p in members) / total
            boys = sum(weights[p] * BOY_SHARE[p] for p in members) / sum(
                weights[p] for p in members
            )
            trend = 1 + SECTOR_TREND[sector] * (c.year - _MID)
            mean = school.bkg * cohort * LEERWEGEN[lw][3] / lw_total * share * 0.95 * trend
            c.add(mean, boys, track, f"VMBO {_LETTER[lw]} - {label}", sector.value)
    if school.tl:
        sectors = {
            s: v for s, v in TL_SECTORS.items() if school.tl_landbouw or s is not OldSector.LANDBOUW
        }
        tl_total = sum(v[2] for v in sectors.values())
        for sector, (_, _, share, boys) in sectors.items():
            trend = 1 + SECTOR_TREND[sector] * (c.year - _MID)
            c.add(
                school.tl * cohort * share / tl_total * 0.95 * trend,
                boys,
                Track.VMBO_TL,
                f"VMBO T - {SECTOR_LABEL[sector]}",
                sector.value,
            )


def _havo_vwo(c: _Cells, school: School, cohort: float) -> None:
    for track, size in ((Track.HAVO, school.havo), (Track.VWO, school.vwo)):
        if not size:
            continue
        for prof, (_, _, share, boys) in HAVO_VWO.items():
            trend = 1 + 0.015 * (c.year - _MID) if prof.startswith("NT") else 1.0
            name = " / ".join(_HV_NAMES[p] for p in prof.split("/"))
            c.add(
                size * cohort * share * 0.93 * trend,
                boys,
                track,
                f"{track.value.upper()} - {name}",
                prof,
            )


def exam_rows(dataset: str, seed: int) -> list[Row]:
    """``vo_exam`` rows for every location and school year of EXAM_YEARS."""
    rows: list[Row] = []
    for year in EXAM_YEARS:
        for school in SCHOOLS:
            g = GEMEENTE_BY_CODE[school.gemeente]
            cohort = (1 + g.growth) ** (year - ENROLLMENT_YEARS[-1])
            c = _Cells(dataset, year, school, seed)
            if school.bkg or school.tl:
                _vmbo(c, school, cohort)
            _havo_vwo(c, school, cohort)
            rows.extend(c.rows)
    return rows
