"""The demo region's schools: vo locations (DUO 02-like) and mbo locations."""

from __future__ import annotations

from kansrijk.demo.geography import centre, pc4_box, to_rd
from kansrijk.demo.spec import (
    COROP,
    ENROLLMENT_YEARS,
    GEMEENTE_BY_CODE,
    GEO_YEAR,
    MBO_SITES,
    PROVINCE_NAME,
    SCHOOLS,
    School,
)
from kansrijk.vocab import SECTORKAMERS

Row = dict[str, object]

#: Letters for postcodes (no SA, SD, SS, as in real Dutch postcodes).
_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def postcode(school: School) -> tuple[str, str]:
    """(postcode ``0103AB``, pc4 ``0103``) of a school."""
    pc4 = GEMEENTE_BY_CODE[school.gemeente].pc4_codes[school.cell]
    n = school.number
    letters = _LETTERS[n % len(_LETTERS)] + _LETTERS[(7 * n + 3) % len(_LETTERS)]
    return pc4 + letters, pc4


def location_rows(dataset: str) -> list[Row]:
    """Every school location, once per year of ENROLLMENT_YEARS (as DUO's yearly file)."""
    rows: list[Row] = []
    for year in ENROLLMENT_YEARS:
        for s in SCHOOLS:
            g = GEMEENTE_BY_CODE[s.gemeente]
            pc, pc4 = postcode(s)
            rows.append(
                {
                    "dataset": dataset,
                    "year": year,
                    "loc_code": s.loc_code,
                    "brin": s.brin,
                    "name": s.name,
                    "board": s.board,
                    "street": s.street,
                    "house_number": str(10 + 3 * s.number),
                    "postcode": pc,
                    "pc4": pc4,
                    "place": g.place,
                    "gemeente_code_source": g.code,
                    "gemeente_code": g.code,
                    "gemeente_name_source": g.name,
                    "province": PROVINCE_NAME,
                    "denomination": s.denomination,
                    "structure": s.structure,
                    "corop_code": COROP[0],
                    "phone": f"0999-{100000 + 37 * s.number}",
                    "website": f"https://fictief-{s.brin.lower()}.example",
                }
            )
    return rows


def mbo_rows(dataset: str) -> list[Row]:
    """The four mbo locations, at the centre of their PC4 area, in GEO_YEAR."""
    rows: list[Row] = []
    order = list(SECTORKAMERS)
    for i, site in enumerate(MBO_SITES):
        g = GEMEENTE_BY_CODE[site.gemeente]
        x, y = to_rd(*centre(pc4_box(g, site.cell)))
        rows.append(
            {
                "dataset": dataset,
                "year": GEO_YEAR,
                "mbo_code": site.code,
                "name": site.name,
                "pc4": g.pc4_codes[site.cell],
                "gemeente_code": g.code,
                "sectorkamers": ",".join(sorted(site.sectorkamers, key=order.index)),
                "x_rd": x,
                "y_rd": y,
                "brin": f"ZM{i + 1:02d}",
                "board": "ZZB20",
                "kind": "Regionaal opleidingencentrum (fictief)",
                "street": "Collegeweg",
                "house_number": str(i + 1),
                "postcode": g.pc4_codes[site.cell] + "MB",
                "place": g.place,
                "gemeente_code_source": g.code,
                "gemeente_name_source": g.name,
                "province": PROVINCE_NAME,
            }
        )
    return rows
