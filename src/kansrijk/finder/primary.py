"""Primary schools (DUO po) and where their pupils live, from the ``po_pupils`` table."""

from __future__ import annotations

from dataclasses import dataclass

from kansrijk.finder.places import fold
from kansrijk.finder.problems import FinderInputError
from kansrijk.warehouse import Warehouse

__all__ = ["PrimarySchool", "find_primary_school", "primary_schools"]


@dataclass(frozen=True, slots=True)
class PrimarySchool:
    """A primary school location and its pupils per home PC4 (unmasked counts; a cell
    masked as '<5' is counted as 1, the least it can hold)."""

    year: int
    code: str
    name: str
    place: str | None
    postcode: str | None
    gemeente_code: str | None
    kind: str | None  # Bo, Sbo, So
    pupils_by_pc4: dict[str, int]

    @property
    def pupils(self) -> int:
        """Pupils counted (masked cells as 1)."""
        return sum(self.pupils_by_pc4.values())


_SQL = """
SELECT year, school_code, arg_max(school_name, year), arg_max(school_place, year),
       arg_max(school_postcode, year), arg_max(gemeente_code, year), arg_max(school_kind, year),
       pupil_pc4, sum(coalesce(count, 0)) + count(*) FILTER (WHERE masked)
FROM po_pupils WHERE year = (SELECT max(year) FROM po_pupils) {where}
GROUP BY year, school_code, pupil_pc4 ORDER BY school_code, pupil_pc4
"""


def primary_schools(
    wh: Warehouse, *, gemeente: str | None = None, code: str | None = None
) -> list[PrimarySchool]:
    """Primary schools of the newest loaded year (of a gemeente, or one code), by name."""
    where, params = "", []
    if gemeente:
        where, params = "AND gemeente_code = ?", [gemeente]
    elif code:
        where, params = "AND school_code = ?", [code]
    acc: dict[str, dict[str, object]] = {}
    for year, sc, name, place, pc, gm, kind, pupil_pc4, n in wh.query(
        _SQL.format(where=where), params
    ):
        d = acc.setdefault(
            sc,
            {
                "year": year,
                "name": name,
                "place": place,
                "pc": pc,
                "gm": gm,
                "kind": kind,
                "by": {},
            },
        )
        by = d["by"]
        assert isinstance(by, dict)
        by[str(pupil_pc4)] = int(n)
    out = [
        PrimarySchool(
            int(str(d["year"])),
            sc,
            str(d["name"] or sc),
            d["place"] if isinstance(d["place"], str) else None,
            d["pc"] if isinstance(d["pc"], str) else None,
            d["gm"] if isinstance(d["gm"], str) else None,
            d["kind"] if isinstance(d["kind"], str) else None,
            dict(d["by"]),  # type: ignore[call-overload]
        )
        for sc, d in acc.items()
    ]
    return sorted(out, key=lambda s: (s.name, s.code))


def find_primary_school(wh: Warehouse, text: str) -> PrimarySchool:
    """A primary school by DUO code (``00AW00``) or by (part of) its name; an error with
    the candidates when the name matches several."""
    t = " ".join(text.split())[:80]
    code = t.replace(" ", "").upper()
    if len(code) == 6 and code[:2].isalnum():
        found = primary_schools(wh, code=code)
        if found:
            return found[0]
    key = fold(t)
    rows = wh.query(
        "SELECT DISTINCT school_code, school_name, school_place FROM po_pupils "
        "WHERE year = (SELECT max(year) FROM po_pupils)"
    )
    hits = [(c, n, p) for c, n, p in rows if key and key in fold(f"{n} {p or ''}")]
    if len(hits) == 1:
        return primary_schools(wh, code=str(hits[0][0]))[0]
    if not hits:
        raise FinderInputError(
            "unknown_school",
            f"no primary school with code or name {t!r}; expected a DUO code such as 00AW00 "
            "or a part of the school's name",
            values={"query": t},
            status=404,
        )
    raise FinderInputError(
        "ambiguous_place",
        f"{len(hits)} primary schools match {t!r}: "
        + "; ".join(f"{c} {n} ({p})" for c, n, p in sorted(hits)[:20]),
        values={"query": t},
        choices=tuple((str(c), "", f"{n} ({p or c})") for c, n, p in sorted(hits)[:20]),
        status=409,
    )
