"""mbo locations with what each offers, shared by the planner and the distance indicator.

``mbo_location`` holds DUO's mbo addresses or the demo's locations. The demo lists the
sectorkamers of each location; DUO's address file does not, and a location then offers the
sectorkamers its institution has students in at its place (``mbo_student``, newest year),
or anywhere when the place does not match; nothing when no students are loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from kansrijk.vocab import SECTORKAMERS
from kansrijk.warehouse.locations import PC4_POINT_SQL
from kansrijk.warehouse.store import Warehouse

#: What an empty list says (baseline notes, reports, the mbo distance indicator).
NO_MBO_LOCATIONS = (
    "no mbo locations loaded: ingest DUO 'Adressen mbo' (kansrijk fetch --dataset "
    "duo_mbo_addresses) and 'Mbo-studenten per instelling' (duo_mbo_students, for what each "
    "location offers)"
)

_OFFERED_SQL = """
SELECT brin, upper(coalesce(place, '')) AS place, string_agg(DISTINCT sectorkamer, ',')
FROM mbo_student
WHERE year = (SELECT max(year) FROM mbo_student) AND sectorkamer IS NOT NULL
  AND (count > 0 OR masked)
GROUP BY brin, upper(coalesce(place, ''))
"""

_LOCATIONS_SQL = f"""
WITH c AS ({PC4_POINT_SQL})
SELECT l.mbo_code, l.name, l.pc4, l.gemeente_code, l.sectorkamers,
       coalesce(l.x_rd, c.x), coalesce(l.y_rd, c.y), l.brin, l.place, l.x_rd IS NOT NULL
FROM mbo_location l LEFT JOIN c ON c.pc4 = l.pc4
WHERE l.year = (SELECT max(year) FROM mbo_location) ORDER BY l.mbo_code
"""


@dataclass(frozen=True, slots=True)
class MboSite:
    """An mbo location: code, what it offers and where (RD metres; the PC4 centroid when
    the source gives no point, None when neither is known)."""

    code: str
    name: str
    pc4: str | None
    gemeente_code: str | None
    sectorkamers: frozenset[str]
    x_rd: float | None
    y_rd: float | None
    brin: str
    own_point: bool  # the source gave the point (the demo); else the PC4 centroid


def mbo_sites(wh: Warehouse) -> list[MboSite]:
    """Every mbo location of the newest year of ``mbo_location`` (empty when none)."""
    rows = wh.query(_LOCATIONS_SQL)
    offered: dict[tuple[str, str], frozenset[str]] = {}
    if any(r[4] is None for r in rows):
        for brin, place, kamers in wh.query(_OFFERED_SQL):
            offered[(str(brin), str(place))] = frozenset(str(kamers).split(",")) & set(SECTORKAMERS)
    by_brin: dict[str, frozenset[str]] = {}
    for (brin, _), kamers in offered.items():
        by_brin[brin] = by_brin.get(brin, frozenset()) | kamers
    out = []
    for code, name, pc4, gm, kamers, x, y, brin, place, own in rows:
        if kamers is not None:
            offers = frozenset(s.strip() for s in str(kamers).split(",") if s.strip())
        else:
            key = (str(brin), str(place or "").upper())
            offers = offered.get(key, by_brin.get(str(brin), frozenset()))
        out.append(
            MboSite(
                code=str(code),
                name=str(name or code),
                pc4=None if pc4 is None else str(pc4),
                gemeente_code=None if gm is None else str(gm),
                sectorkamers=offers,
                x_rd=None if x is None else float(x),
                y_rd=None if y is None else float(y),
                brin=str(brin or ""),
                own_point=bool(own),
            )
        )
    return out
