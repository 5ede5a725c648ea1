"""The demo region's mbo data (all fictional): institutions and their locations, new
entrants, students and graduates by home gemeente and PC4, in the canonical tables the
DUO mbo readers fill. Unlike DUO's files, every demo table has the home gemeente and PC4
(so indicators work for PC4-defined regions such as DEMO-ZUID too).

Entrants from vmbo follow the demo's own vmbo pupils: each gemeente's leerjaar-4 BB/KB/GL
pupils of the year before, per profile, flow to technical mbo with the made-up rates
``DEMO_FLOW`` times a gemeente factor (so the planner's flow rates can be compared with
the 'observed' inflow, docs/model.md); other entrants (vmbo TL, older students) are drawn
around fixed means. Students are a stock of about 2.6 intakes, graduates about 0.7 of one.
Programmes have made-up crebo codes 9xxxx (real crebo codes start with 1-2) and names
marked '(fictief)'. Nothing is masked: the indicator engine suppresses cells of 1-4.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from kansrijk.demo.draws import binomial, stream
from kansrijk.demo.enrollment import enrollment_rows
from kansrijk.demo.spec import (
    ENROLLMENT_YEARS,
    GEMEENTE_BY_CODE,
    GEMEENTEN,
    MBO_SITES,
    PROVINCE_NAME,
    SCHOOLS,
)

Row = dict[str, object]

#: Years of the demo mbo tables (entrants need the vmbo pupils of the year before).
MBO_YEARS: tuple[int, ...] = ENROLLMENT_YEARS[1:]

#: Made-up flow from a vmbo profile to technical mbo incl. ICT, and the part that is ICT.
DEMO_FLOW: dict[str, tuple[float, float]] = {
    "PIE": (0.78, 0.03),
    "MT": (0.74, 0.02),
    "BWI": (0.68, 0.02),
    "MAT": (0.50, 0.02),
    "MVI": (0.52, 0.40),
    "DP": (0.12, 0.06),
    "EO": (0.06, 0.03),
    "HBR": (0.04, 0.01),
    "ZW": (0.03, 0.01),
    "GR": (0.10, 0.01),
}
#: Gemeente factor on those rates (Havenstad, the port city, sends more to technology).
FLOW_FACTOR = {"GM9901": 1.12, "GM9902": 1.0, "GM9903": 0.85, "GM9904": 0.95}
#: Technical entrants without ICT: share to MLT (the rest to TGO).
MLT_SHARE = {"GM9901": 0.45, "GM9902": 0.30, "GM9903": 0.25, "GM9904": 0.30}
#: Non-technical sectorkamers and their shares.
OTHER_KAMERS = {"ZWS": 0.38, "HHV": 0.22, "VGR": 0.14, "ZDV": 0.16, "SDV": 0.10}
#: BBL share and girls' share per sectorkamer.
BBL_SHARE = {"TGO": 0.42, "MLT": 0.30, "ICT": 0.05, "ZWS": 0.22}
GIRLS_SHARE = {"TGO": 0.08, "MLT": 0.12, "ICT": 0.14, "ZWS": 0.84, "HHV": 0.48, "VGR": 0.55}
LEVELS = ((2, 0.25), (3, 0.35), (4, 0.40))
#: Made-up crebo and name per sectorkamer.
PROGRAMMES = {
    "TGO": ("91001", "Monteur installatietechniek (fictief)"),
    "MLT": ("92001", "Medewerker haven en logistiek (fictief)"),
    "ICT": ("93001", "Software developer (fictief)"),
    "ZWS": ("94001", "Verzorgende (fictief)"),
    "HHV": ("95001", "Verkoopspecialist (fictief)"),
    "VGR": ("96001", "Kok (fictief)"),
    "ZDV": ("97001", "Beveiliger (fictief)"),
    "SDV": ("98001", "Vakkracht ambacht (fictief)"),
}
DIPLOMA_RATE = 0.7
STOCK = 2.6


def site_brin(index: int) -> str:
    """``ZM01``: real BRIN codes start with two digits, so this one cannot clash."""
    return f"ZM{index + 1:02d}"


def _site_for(kamer: str, gemeente: str) -> int:
    """The site offering ``kamer``: in the home gemeente if any, else the first one."""
    offering = [i for i, s in enumerate(MBO_SITES) if kamer in s.sectorkamers]
    if not offering:  # no demo site offers it: the biggest college takes it
        return 1
    local = [i for i in offering if MBO_SITES[i].gemeente == gemeente]
    return (local or offering)[0]


def _vmbo_leavers(dataset: str, seed: int) -> dict[tuple[int, str, str], int]:
    """(year, gemeente, profile or 'TL') -> leerjaar-4 pupils at the gemeente's schools."""
    school_gm = {s.loc_code: s.gemeente for s in SCHOOLS}
    out: dict[tuple[int, str, str], int] = defaultdict(int)
    for r in enrollment_rows(dataset, seed):
        if r["grade"] != 4 or r["count"] is None:
            continue
        gm = school_gm[str(r["loc_code"])]
        if r["track"] in ("vmbo_bb", "vmbo_kb", "vmbo_gl") and r["profile"]:
            out[(int(str(r["year"])), gm, str(r["profile"]))] += int(str(r["count"]))
        elif r["track"] == "vmbo_tl":
            out[(int(str(r["year"])), gm, "TL")] += int(str(r["count"]))
    return out


def _entrant_totals(
    seed: int, leavers: dict[tuple[int, str, str], int]
) -> list[tuple[int, str, str, str, int]]:
    """(year, gemeente, sectorkamer, origin, n): origin 'vmbo', 'tl' or 'other'."""
    rng = stream(seed, "mbo/entrants")
    out: list[tuple[int, str, str, str, int]] = []
    for year in MBO_YEARS:
        for g in GEMEENTEN:
            by_kamer: dict[tuple[str, str], int] = defaultdict(int)
            f = FLOW_FACTOR[g.code]
            for profile, (rate, ict) in DEMO_FLOW.items():
                n = leavers.get((year - 1, g.code, profile), 0)
                into_mbo = binomial(rng, n, 0.93)
                tech = binomial(rng, into_mbo, min(rate * f, 0.98))
                n_ict = binomial(rng, tech, ict / rate)
                n_mlt = binomial(rng, tech - n_ict, MLT_SHARE[g.code])
                by_kamer[("ICT", "vmbo")] += n_ict
                by_kamer[("MLT", "vmbo")] += n_mlt
                by_kamer[("TGO", "vmbo")] += tech - n_ict - n_mlt
                rest = into_mbo - tech
                for kamer, k in zip(
                    OTHER_KAMERS, rng.multinomial(rest, list(OTHER_KAMERS.values())), strict=True
                ):
                    by_kamer[(kamer, "vmbo")] += int(k)
            tl = binomial(rng, leavers.get((year - 1, g.code, "TL"), 0), 0.55)
            older = int(rng.poisson(0.45 * sum(v for (_, o), v in by_kamer.items() if o == "vmbo")))
            for origin, n, tech_share in (("tl", tl, 0.20), ("other", older, 0.34)):
                tech = binomial(rng, n, tech_share)
                split = rng.multinomial(tech, [0.55, 0.25, 0.20])
                for kamer, k in zip(("TGO", "MLT", "ICT"), split, strict=True):
                    by_kamer[(kamer, origin)] += int(k)
                others = rng.multinomial(n - tech, list(OTHER_KAMERS.values()))
                for kamer, k in zip(OTHER_KAMERS, others, strict=True):
                    by_kamer[(kamer, origin)] += int(k)
            out.extend((year, g.code, k, o, n) for (k, o), n in sorted(by_kamer.items()) if n)
    return out


def _cells(
    rng: np.random.Generator, n: int, kamer: str, origin: str, pc4s: tuple[str, ...]
) -> list[tuple[int, str, str, str, int]]:
    """Split n entrants over (level, leerweg, sex, pc4) cells; zero cells dropped."""
    bbl = BBL_SHARE.get(kamer, 0.15) * (1.8 if origin == "other" else 0.8)
    girls = GIRLS_SHARE.get(kamer, 0.40)
    probs: list[float] = []
    keys: list[tuple[int, str, str, str]] = []
    for level, pl in LEVELS:
        for lw, plw in (("bol", 1 - min(bbl, 0.9)), ("bbl", min(bbl, 0.9))):
            for sex, ps in (("m", 1 - girls), ("f", girls)):
                for pc4 in pc4s:
                    keys.append((level, lw, sex, pc4))
                    probs.append(pl * plw * ps / len(pc4s))
    counts = rng.multinomial(n, probs)
    return [(*k, int(c)) for k, c in zip(keys, counts, strict=True) if c]


def mbo_tables(dataset: str, seed: int) -> dict[str, list[Row]]:
    """Rows of ``mbo_entrant``, ``mbo_student``, ``mbo_student_home`` and ``mbo_diploma``."""
    leavers = _vmbo_leavers(dataset, seed)
    rng = stream(seed, "mbo/cells")
    entrants: list[Row] = []
    students: list[Row] = []
    diplomas: list[Row] = []
    home: dict[tuple[int, str, str, int, str, str], int] = defaultdict(int)
    for year, gm, kamer, origin, n in _entrant_totals(seed, leavers):
        g = GEMEENTE_BY_CODE[gm]
        idx = _site_for(kamer, gm)
        site = MBO_SITES[idx]
        crebo, name = PROGRAMMES[kamer]
        inst = {
            "institution": site.name,
            "place": GEMEENTE_BY_CODE[site.gemeente].place,
            "hoofdgroep": None,
        }
        common = {
            "dataset": dataset,
            "year": year,
            "brin": site_brin(idx),
            "crebo": crebo,
            "programme": name,
            "sectorkamer": kamer,
            "home_gemeente_code": gm,
            "masked": False,
        }
        for level, lw, sex, pc4, c in _cells(rng, n, kamer, origin, g.pc4_codes):
            cell = common | {"leerweg": lw, "level": level, "sex": sex, "home_pc4": pc4}
            entrants.append(
                cell
                | {
                    "count": c,
                    "new_to_mbo": origin != "other" or bool(rng.random() < 0.5),
                    "new_to_programme": True,
                    "from_vo": origin in ("vmbo", "tl"),
                    "prior_vo": {"vmbo": "VMBO BB/KB/GL", "tl": "VMBO GL/TL"}.get(origin),
                    "prior_mbo": None,
                }
            )
            stock = int(rng.poisson(c * STOCK))
            if stock:
                students.append(cell | inst | {"count": stock})
                home[(year, kamer, lw, level, gm, pc4)] += stock
            dip = binomial(rng, c, DIPLOMA_RATE)
            if dip:
                diplomas.append(cell | inst | {"count": dip})
    home_rows: list[Row] = [
        {
            "dataset": dataset,
            "year": year,
            "sectorkamer": kamer,
            "hoofdgroep": None,
            "leerweg": lw,
            "level": level,
            "province": PROVINCE_NAME,
            "gemeente_name_source": GEMEENTE_BY_CODE[gm].name,
            "gemeente_code": gm,
            "home_pc4": pc4,
            "count": n,
            "masked": False,
        }
        for (year, kamer, lw, level, gm, pc4), n in sorted(home.items())
    ]
    return {
        "mbo_entrant": entrants,
        "mbo_student": students,
        "mbo_student_home": home_rows,
        "mbo_diploma": diplomas,
    }
