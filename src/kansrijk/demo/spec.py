"""The fixed design of the fictional demo region: places, schools and their offers.

Only counts are drawn at random (from the seed); which gemeenten, postcodes and schools
exist, and which profiles each school offers in which years, is fixed here, so the key
numbers of the demo (e.g. how many locations offer no technical profile) do not depend
on the seed.

The region lies on an imaginary island in the North Sea, 40-85 km west of the coast
of Zuid-Holland, so its shapes never overlap a real gemeente on a map. Its postcodes
(0101-0140) and codes (GM9901-GM9904, PV99, CR99, AR99, BRIN ``ZZnn``) do not exist in
the Netherlands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kansrijk.vocab import Profile

#: Every name of the demo carries this marker.
FICTIEF = "(fictief)"

#: Years of the enrollment, locations and population tables, and of the exam series.
ENROLLMENT_YEARS: tuple[int, ...] = tuple(range(2019, 2025))
EXAM_YEARS: tuple[int, ...] = tuple(range(2014, 2024))
REGION_YEARS: tuple[int, ...] = tuple(range(2014, 2025))
#: Year of the boundaries, PC4 tables and mbo locations.
GEO_YEAR = 2024
#: Enrollment counts of 1-4 pupils are masked ('<5', count NULL) from this year on at the
#: locations in these gemeenten only: enough masked cells to exercise masking everywhere
#: (indicators, status, pages) without hiding a large part of the newest year.
ENROLLMENT_MASK_FROM = 2024
ENROLLMENT_MASK_GEMEENTEN: tuple[str, ...] = ("GM9903",)
#: Exam counts of 1-4 are masked from this year on everywhere, as in DUO's 2019-2024 file.
EXAM_MASK_FROM = 2019

NL = ("NL00", "Nederland (fictief)")
PROVINCE = ("PV99", "Provincie Demoland (fictief)")
COROP = ("CR99", "COROP-gebied Demoland (fictief)")
LABOUR_MARKET = ("AR99", "Arbeidsmarktregio Demoland (fictief)")
PROVINCE_NAME = "Demoland (fictief)"
REGION_NAME = "Regio Kansrijk-Demo (fictief)"

#: South-west corner (lon, lat) of the 2 x 2 grid of gemeenten and a gemeente's size.
ORIGIN = (3.20, 52.20)
GEMEENTE_SIZE = (0.30, 0.15)
#: Each gemeente is split into PC4_COLS x PC4_ROWS postcode areas (row 0 = south).
PC4_COLS = 5
PC4_ROWS = 2


@dataclass(frozen=True, slots=True)
class Gemeente:
    """A fictional gemeente: a rectangle in the grid with ten PC4 areas."""

    code: str
    name: str
    col: int
    row: int
    residents_per_pc4: int  # mean residents of one of its PC4 areas
    youth: float  # relative share of young people (1 = average)
    growth: float  # yearly population change

    @property
    def place(self) -> str:
        """The place name printed in school files."""
        return self.name

    @property
    def index(self) -> int:
        """0-3, order in GEMEENTEN."""
        return int(self.code[-1]) - 1

    @property
    def pc4_codes(self) -> tuple[str, ...]:
        """Its postcodes, ``0101``-``0110`` for the first gemeente (south row first)."""
        base = 101 + self.index * PC4_COLS * PC4_ROWS
        return tuple(f"{base + k:04d}" for k in range(PC4_COLS * PC4_ROWS))


GEMEENTEN: tuple[Gemeente, ...] = (
    Gemeente("GM9901", "Havenstad (fictief)", 0, 0, 19_000, 1.12, 0.008),
    Gemeente("GM9902", "Polderdam (fictief)", 1, 0, 10_000, 1.0, 0.002),
    Gemeente("GM9903", "Duinwijk (fictief)", 0, 1, 6_500, 0.85, -0.004),
    Gemeente("GM9904", "Rivierveen (fictief)", 1, 1, 8_000, 0.95, 0.0),
)
GEMEENTE_BY_CODE: dict[str, Gemeente] = {g.code: g for g in GEMEENTEN}

#: The custom region DEMO-ZUID: the southern row of Havenstad's postcodes.
DEMO_ZUID_PC4: tuple[str, ...] = GEMEENTEN[0].pc4_codes[:PC4_COLS]


@dataclass(frozen=True, slots=True)
class Offer:
    """A vmbo profile a school offers (holds a licence for and has pupils in) in years
    ``first``..``last``; ``weight`` scales its popularity at this school."""

    profile: Profile
    first: int = ENROLLMENT_YEARS[0]
    last: int = ENROLLMENT_YEARS[-1]
    weight: float = 1.0

    def active(self, year: int) -> bool:
        """True when offered in ``year`` (years before the series count as the first)."""
        return self.first <= max(year, ENROLLMENT_YEARS[0]) <= self.last


@dataclass(frozen=True, slots=True)
class School:
    """A fictional school location (BRIN ``ZZnn``, vestiging ``00``)."""

    number: int
    gemeente: str
    name: str
    structure: str
    cell: int  # index of its PC4 area in the gemeente (0-4 = south row)
    bkg: int = 0  # mean vmbo BB/KB/GL pupils per leerjaar (3, 4)
    leerwegen: tuple[str, ...] = ()  # of 'BB', 'KB', 'GL'
    offers: tuple[Offer, ...] = ()
    tl: int = 0  # mean vmbo TL pupils per leerjaar
    havo: int = 0  # mean havo pupils per leerjaar
    vwo: int = 0  # mean vwo pupils per leerjaar
    denomination: str = "Openbaar"
    board: str = "ZZB01"
    street: str = "Schoolstraat"
    tl_landbouw: bool = False

    @property
    def brin(self) -> str:
        """``ZZ01``: real BRIN codes start with two digits, so this one cannot clash."""
        return f"ZZ{self.number:02d}"

    @property
    def loc_code(self) -> str:
        """BRIN + vestiging ``00``."""
        return f"{self.brin}00"

    def profiles(self, year: int) -> tuple[Profile, ...]:
        """Profiles offered in ``year``."""
        return tuple(o.profile for o in self.offers if o.active(year))


def _o(spec: str) -> tuple[Offer, ...]:
    """Offers from ``'PIE MT<2022*0.5 MVI>2022'``: a profile code, optionally ``>first``
    and ``<last`` year and ``*weight``."""
    out = []
    for token in spec.split():
        m = _OFFER.fullmatch(token)
        if m is None:
            raise ValueError(f"bad offer {token!r}")
        out.append(
            Offer(
                Profile(m["p"]),
                first=int(m["first"] or ENROLLMENT_YEARS[0]),
                last=int(m["last"] or ENROLLMENT_YEARS[-1]),
                weight=float(m["w"] or 1.0),
            )
        )
    return tuple(out)


_OFFER = re.compile(r"(?P<p>[A-Z]+)(?:>(?P<first>\d{4}))?(?:<(?P<last>\d{4}))?(?:\*(?P<w>[\d.]+))?")
_ALL = ("BB", "KB", "GL")
_BK = ("BB", "KB")

# fmt: off
SCHOOLS: tuple[School, ...] = (
    # Havenstad, the port city: eleven vmbo locations, three of them in Havenstad-Zuid.
    School(1, "GM9901", "Fictief Vakcollege Havenstad-Zuid", "VMBO", 1,
           bkg=125, leerwegen=_BK, offers=_o("PIE MAT MT EO"), board="ZZB01", street="Havenkade"),
    School(2, "GM9901", "Fictief Zorgcollege Havenstad-Zuid", "VMBO", 3,
           bkg=100, leerwegen=_BK, offers=_o("ZW DP"), board="ZZB01", street="Zorgplein"),
    School(3, "GM9901", "Fictief Stadscollege Havenstad", "VMBO/HAVO/VWO", 6,
           bkg=145, leerwegen=_ALL, offers=_o("BWI PIE ZW EO"), tl=110, havo=130, vwo=90,
           board="ZZB02", denomination="Rooms-Katholiek", street="Stadhuislaan"),
    School(4, "GM9901", "Fictief Mavo Havenstad-Centrum", "VMBO", 7,
           bkg=55, leerwegen=("GL",), offers=_o("MVI EO"), tl=135, board="ZZB02",
           street="Marktstraat"),
    School(5, "GM9901", "Fictief Lyceum De Kade (Havenstad)", "VMBO/HAVO/VWO", 8,
           bkg=80, leerwegen=("KB", "GL"), offers=_o("ZW EO HBR"), tl=90, havo=145, vwo=115,
           board="ZZB03", denomination="Protestants-Christelijk", street="Kade"),
    School(6, "GM9901", "Fictief Techniekcollege Havenstad", "VMBO", 5,
           bkg=170, leerwegen=_ALL, offers=_o("BWI PIE MT MVI"), board="ZZB01",
           street="Werkplaatsweg"),
    School(7, "GM9901", "Fictief Scholengemeenschap Havenstad-West", "VMBO/HAVO", 9,
           bkg=110, leerwegen=_ALL, offers=_o("DP ZW"), tl=80, havo=80, board="ZZB03",
           street="Westsingel"),
    School(8, "GM9901", "Fictief Vmbo De Werf (Havenstad-Zuid)", "VMBO", 0,
           bkg=115, leerwegen=_BK, offers=_o("BWI EO HBR"), board="ZZB01", street="Werfstraat"),
    School(9, "GM9901", "Fictief College Havenstad-Noord", "VMBO", 8,
           bkg=155, leerwegen=_ALL, offers=_o("PIE EO ZW DP"), tl=70, board="ZZB02",
           street="Noordweg"),
    School(10, "GM9901", "Fictief Praktijkcollege Havenstad-Oost", "VMBO", 9,
           bkg=90, leerwegen=_BK, offers=_o("DP HBR PIE>2022*0.8"), board="ZZB03",
           street="Oostlaan"),
    School(11, "GM9901", "Fictief Mediacollege Havenstad", "VMBO", 6,
           bkg=70, leerwegen=("KB", "GL"), offers=_o("MVI DP"), tl=65, board="ZZB02",
           street="Studiolaan"),
    # Polderdam: five.
    School(12, "GM9902", "Fictief Vakcollege Polderdam", "VMBO", 2,
           bkg=135, leerwegen=_ALL, offers=_o("BWI PIE ZW EO"), tl=70, board="ZZB04",
           street="Dijkweg"),
    School(13, "GM9902", "Fictief Scholengemeenschap Polderdam", "VMBO/HAVO/VWO", 6,
           bkg=90, leerwegen=("KB", "GL"), offers=_o("ZW EO DP"), tl=110, havo=115, vwo=80,
           tl_landbouw=True, board="ZZB04", denomination="Protestants-Christelijk",
           street="Kerkplein"),
    School(14, "GM9902", "Fictief Polderschool Polderdam-Oost", "VMBO", 4,
           bkg=80, leerwegen=_BK, offers=_o("MT DP"), board="ZZB04", street="Gemaalweg"),
    School(15, "GM9902", "Fictief Zorg- en Dienstencollege Polderdam", "VMBO", 8,
           bkg=70, leerwegen=_BK, offers=_o("ZW HBR"), board="ZZB05", street="Zorgweg"),
    School(16, "GM9902", "Fictief Groencollege Polderdam", "VMBO", 9,
           bkg=80, leerwegen=_ALL, offers=_o("GR DP"), board="ZZB05",
           denomination="Algemeen bijzonder", street="Akkerlaan"),
    # Duinwijk, fewest young residents: four.
    School(17, "GM9903", "Fictief Duincollege Duinwijk", "VMBO/HAVO/VWO", 2,
           bkg=110, leerwegen=_ALL, offers=_o("BWI ZW EO HBR"), tl=80, havo=100, vwo=70,
           board="ZZB06", street="Duinlaan"),
    School(18, "GM9903", "Fictief Strandmavo Duinwijk", "VMBO", 5,
           bkg=45, leerwegen=("GL",), offers=_o("DP EO"), tl=100, board="ZZB06",
           street="Strandweg"),
    School(19, "GM9903", "Fictief Vakschool Duinwijk-Noord", "VMBO", 7,
           bkg=80, leerwegen=_BK, offers=_o("PIE ZW DP"), board="ZZB06", street="Helmgrasweg"),
    School(20, "GM9903", "Fictief Kustcollege Duinwijk", "VMBO", 0,
           bkg=65, leerwegen=_BK, offers=_o("MAT*0.6 HBR ZW"), board="ZZB06",
           street="Vuurtorenweg"),
    # Rivierveen: five.
    School(21, "GM9904", "Fictief Rivierencollege Rivierveen", "VMBO/HAVO/VWO", 3,
           bkg=155, leerwegen=_ALL, offers=_o("PIE BWI ZW EO GR"), tl=100, havo=110, vwo=80,
           tl_landbouw=True, board="ZZB07", street="Rivierdijk"),
    School(22, "GM9904", "Fictief Groene School Rivierveen", "VMBO", 8,
           bkg=70, leerwegen=_ALL, offers=_o("GR DP"), tl=45, tl_landbouw=True, board="ZZB07",
           denomination="Algemeen bijzonder", street="Veenweg"),
    School(23, "GM9904", "Fictief Vmbo Veenoord (Rivierveen)", "VMBO", 1,
           bkg=100, leerwegen=_BK, offers=_o("MT<2022*0.5 PIE ZW"), board="ZZB07",
           street="Turfstraat"),
    School(24, "GM9904", "Fictief Mavo Rivierveen", "VMBO", 6,
           bkg=55, leerwegen=("GL",), offers=_o("EO ZW MVI"), tl=115, board="ZZB08",
           street="Brugstraat"),
    School(25, "GM9904", "Fictief Brugcollege Rivierveen-Zuid", "VMBO", 0,
           bkg=90, leerwegen=_BK, offers=_o("DP ZW BWI"), board="ZZB08", street="Zuiderlaan"),
    # Three havo/vwo locations without vmbo.
    School(26, "GM9901", "Fictief Gymnasium Havenstad", "VWO", 7,
           vwo=160, board="ZZB09", denomination="Algemeen bijzonder",
           street="Latijnse Schoolstraat"),
    School(27, "GM9902", "Fictief Lyceum Polderdam", "HAVO/VWO", 7,
           havo=130, vwo=100, board="ZZB09", street="Lyceumlaan"),
    School(28, "GM9904", "Fictief Atheneum Rivierveen", "HAVO/VWO", 4,
           havo=115, vwo=90, board="ZZB10", street="Atheneumplein"),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class MboSite:
    """A fictional mbo location and the sectorkamers whose programmes it offers."""

    code: str
    name: str
    gemeente: str
    cell: int
    sectorkamers: tuple[str, ...]


MBO_SITES: tuple[MboSite, ...] = (
    MboSite("ZZM001", "Fictief Havencollege mbo Havenstad", "GM9901", 2, ("TGO", "MLT")),
    MboSite(
        "ZZM002", "Fictief Stadscollege mbo Havenstad", "GM9901", 7, ("ICT", "ZWS", "HHV", "ZDV")
    ),
    MboSite(
        "ZZM003", "Fictief Techniek- en Zorgcollege mbo Polderdam", "GM9902", 5, ("TGO", "ZWS")
    ),
    MboSite(
        "ZZM004", "Fictief Groen- en Zorgcollege mbo Rivierveen", "GM9904", 7, ("ZWS", "HHV", "VGR")
    ),
)
