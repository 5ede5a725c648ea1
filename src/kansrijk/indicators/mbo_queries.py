"""SQL for the mbo indicators (tables mbo_entrant, mbo_student, mbo_student_home,
mbo_diploma; see sources/canonical.py).

Which region a row counts for: its home gemeente (``home_gemeente_code`` or, in
mbo_student_home, ``gemeente_code``) and home PC4 when the table has them (the demo; DUO's
sectorkamer03 file has the home gemeente); otherwise the gemeente of the institution's
main address in ``mbo_location`` (DUO's per-institution files: where students study, not
where they live). Every query returns ``region, year, <breakdowns>, num, den,
masked_cells``; shares are ratios of sums. ``pset`` holds sectorkamer codes.
"""

from __future__ import annotations

from collections.abc import Sequence

from kansrijk.indicators.definition import Breakdown

#: The tables the mbo indicators read their years from.
MBO_FACT_TABLES = ("mbo_entrant", "mbo_student", "mbo_student_home", "mbo_diploma")


def _in(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values) or "NULL"


def _years(years: Sequence[int]) -> str:
    return ", ".join(str(int(y)) for y in years) or "NULL"


#: Institution -> gemeente of its main address (the row whose code is the BRIN itself).
_INST = """
inst AS (
    SELECT brin, coalesce(arg_max(gemeente_code, year) FILTER (WHERE mbo_code = brin),
                          arg_max(gemeente_code, year)) AS gm
    FROM mbo_location WHERE brin IS NOT NULL GROUP BY brin
)"""

#: crebo -> sectorkamer, from the students' and graduates' files (entrant files have none).
_KAMER_BY_CREBO = """
kmap AS (
    SELECT crebo, arg_max(sectorkamer, n) AS kamer FROM (
        SELECT crebo, sectorkamer, sum(coalesce(count, 2)) AS n FROM (
            SELECT crebo, sectorkamer, count FROM mbo_student
            UNION ALL SELECT crebo, sectorkamer, count FROM mbo_diploma
        ) WHERE crebo IS NOT NULL AND sectorkamer IS NOT NULL GROUP BY crebo, sectorkamer
    ) GROUP BY crebo
)"""


def _members(facts: str) -> str:
    """``m``: every fact row once per region it belongs to."""
    return f"""
    m AS (
        SELECT r.region, f.* FROM {facts} f JOIN _rg r ON r.gemeente = f.gm
        UNION ALL
        SELECT r.region, f.* FROM {facts} f JOIN _rp r ON r.pc4 = f.pc4
        UNION ALL
        SELECT n.region, f.* FROM {facts} f, _rnl n
    )"""


def _institution_facts(table: str, years: Sequence[int], where: str = "TRUE") -> str:
    """``f``: rows of an institution-based table with gm (home, else institution) and pc4."""
    kamer = "coalesce(t.sectorkamer, k.kamer)" if table == "mbo_entrant" else "t.sectorkamer"
    kjoin = "LEFT JOIN kmap k ON k.crebo = t.crebo" if table == "mbo_entrant" else ""
    return f"""
    {_INST},
    {_KAMER_BY_CREBO},
    f AS (
        SELECT t.year, t.leerweg AS track, t.sex, {kamer} AS kamer,
               coalesce(t.home_gemeente_code, i.gm) AS gm, t.home_pc4 AS pc4,
               t.count, t.masked
        FROM {table} t LEFT JOIN inst i ON i.brin = t.brin {kjoin}
        WHERE t.year IN ({_years(years)}) AND ({where})
    ),
    {_members("f")}"""


def _home_facts(years: Sequence[int]) -> str:
    return f"""
    f AS (
        SELECT year, leerweg AS track, NULL AS sex, sectorkamer AS kamer,
               gemeente_code AS gm, home_pc4 AS pc4, count, masked
        FROM mbo_student_home WHERE year IN ({_years(years)})
    ),
    {_members("f")}"""


def _sel(by: Sequence[Breakdown]) -> str:
    return "".join(f", m.{b.value}" for b in by if b in (Breakdown.TRACK, Breakdown.SEX))


def _share(facts: str, by: Sequence[Breakdown], num: str, den: str = "TRUE") -> str:
    sel = _sel(by)
    return f"""
    WITH {facts}
    SELECT m.region, m.year{sel},
           coalesce(sum(m.count) FILTER (WHERE ({num}) AND ({den})), 0) AS num,
           coalesce(sum(m.count) FILTER (WHERE {den}), 0) AS den,
           count(*) FILTER (WHERE m.masked AND ({den})) AS masked_cells
    FROM m GROUP BY m.region, m.year{sel}
    """


# ``mapped`` (the vmbo crosswalk of old afdelingen) does not apply to mbo: accepted and unused.


def tech_inflow_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """New mbo entrants (new to mbo) in the set's sectorkamers / all new mbo entrants."""
    facts = _institution_facts("mbo_entrant", years, "t.new_to_mbo IS NOT FALSE")
    return _share(facts, by, f"m.kamer IN ({_in(pset)})")


def tech_student_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Students by home gemeente in the set's sectorkamers / all students."""
    return _share(_home_facts(years), by, f"m.kamer IN ({_in(pset)})")


def bbl_share_in_tech(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """BBL students / BOL + BBL students, within the set's sectorkamers (by home gemeente)."""
    return _share(
        _home_facts(years),
        by,
        "m.track = 'bbl'",
        f"m.kamer IN ({_in(pset)}) AND m.track IN ('bol', 'bbl')",
    )


def tech_graduate_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Diplomas in the set's sectorkamers / all diplomas."""
    return _share(_institution_facts("mbo_diploma", years), by, f"m.kamer IN ({_in(pset)})")


def girls_in_tech_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Female students / all students, within the set's sectorkamers."""
    return _share(
        _institution_facts("mbo_student", years),
        by,
        "m.sex = 'f'",
        f"m.kamer IN ({_in(pset)})",
    )


def field_share(
    years: Sequence[int], by: Sequence[Breakdown], pset: Sequence[str], *, mapped: bool = True
) -> str:
    """Students by home gemeente per sectorkamer / all students (profile = sectorkamer);
    ``pset`` is not used (every sectorkamer is shown)."""
    sel = _sel(by)
    on = "".join(
        f" AND d.{b.value} IS NOT DISTINCT FROM n.{b.value}"
        for b in by
        if b in (Breakdown.TRACK, Breakdown.SEX)
    )
    return f"""
    WITH {_home_facts(years)},
    den AS (SELECT m.region, m.year{sel}, sum(m.count) AS den,
                   count(*) FILTER (WHERE m.masked) AS masked_cells
            FROM m GROUP BY m.region, m.year{sel}),
    num AS (SELECT m.region, m.year, coalesce(m.kamer, 'ONBEKEND') AS profile{sel},
                   sum(m.count) AS num
            FROM m GROUP BY m.region, m.year, coalesce(m.kamer, 'ONBEKEND'){sel})
    SELECT n.region, n.year, n.profile{sel.replace("m.", "n.")}, n.num, d.den, d.masked_cells
    FROM num n JOIN den d ON d.region = n.region AND d.year = n.year
    {on}
    """
