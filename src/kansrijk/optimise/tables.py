"""The tables of an optimiser :class:`~kansrijk.optimise.report.Report` and of an access
check (``kansrijk.tables.Table``: columns with a stable key, a Dutch label as msgid, a short
label, the kind of value and its digits; rows of numbers and codes), once for the CLI, the
web page and their files: ``Table.texts`` writes them for people (the CLI in English at the
terminal's width with the short labels, the pages in the reader's language with profile and
gemeente names), ``Table.records`` is a file's sheet. :func:`report_book` is the workbook
of ``kansrijk optimise --xlsx`` and of the page's XLSX download.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kansrijk.l10n.monitor import N_
from kansrijk.optimise.access_check import AccessCheck, AccessRow
from kansrijk.optimise.report import Report
from kansrijk.tables import Book, Column, Table

__all__ = [
    "access_book",
    "access_rows_table",
    "additions_table",
    "area_table",
    "budget_table",
    "candidates_table",
    "frontier_table",
    "gemeente_table",
    "report_book",
    "report_tables",
    "shares_table",
]


def _eur(key: str, label: str, short: str | None = None) -> Column:
    return Column(key, label, "euro", 0, short)


def _num(key: str, label: str, digits: int, short: str | None = None) -> Column:
    return Column(key, label, "number", digits, short)


BUDGET = _eur("budget", N_("Budget per jaar"), N_("budget"))
_CANDIDATE = (
    Column("location", N_("Locatie"), "code", short=N_("locatie")),
    Column("name", N_("Naam"), short=N_("naam")),
    Column("gemeente", N_("Gemeente"), "gemeente"),
    Column("board", N_("Schoolbestuur"), "code"),
    Column("profile", N_("Profiel"), "profile", short=N_("profiel")),
    _num("pupils_per_leerjaar", N_("Leerlingen per leerjaar"), 1, N_("leerl./lj")),
    _num("p_viable", N_("Kans levensvatbaar"), 2),
    _num("entrants", N_("Extra instromers per jaar"), 1),
    _num("diplomas", N_("Extra diploma's per jaar"), 1, N_("diploma's")),
    _eur("eac", N_("Jaarkosten (EAC)"), N_("EAC")),
    Column("model", N_("Model"), "code"),
    Column("flags", N_("Kenmerken"), "code"),
)
_ADDITION = (
    BUDGET,
    *_CANDIDATE,
    _num("robust", N_("Optimaal in trekkingen"), 0, N_("robuust")),
)


def _candidate_row(c: Any) -> dict[str, Any]:
    return {
        "location": c.location,
        "name": c.name,
        "gemeente": c.gemeente,
        "board": c.board,
        "profile": c.profile,
        "pupils_per_leerjaar": c.pupils_per_leerjaar,
        "p_viable": c.p_viable,
        "entrants": c.entrants,
        "diplomas": c.diplomas,
        "eac": c.eac,
        "model": c.model,
        "flags": ", ".join(c.flags),
    }


def budget_table(report: Report) -> Table:
    """Per budget: the solver's status, the optimum beside the greedy answer, the chosen
    set's totals, the planner's run of it and the robustness draws."""
    rows = []
    for s, chk, rb in zip(report.solutions, report.checks, report.robust, strict=True):
        o, g = s.optimal, s.greedy
        rows.append(
            {
                "budget": s.budget,
                "status": s.status,
                "mip_gap": s.gap,
                "seconds": s.seconds,
                "objective": o.objective,
                "greedy": g.objective,
                "greedy_difference": s.greedy_difference,
                "additions": len(o.chosen),
                "shares": len(o.shares),
                "eac": o.eac,
                "extra_diplomas_per_year": o.diplomas,
                "extra_entrants_per_year": o.entrants,
                "children_covered": o.children_covered,
                "draws": None if rb is None else rb.draws,
                "check_model": None if chk is None else chk.model,
                "planner_entrants": None if chk is None else chk.planner_entrants,
                "optimiser_entrants": None if chk is None else chk.optimiser_entrants,
                "entrants_difference": None if chk is None else chk.entrants_difference,
                "planner_eac": None if chk is None else chk.planner_eac,
                "planner_entrants_mnl": None if chk is None else chk.planner_entrants_mnl,
                "optimiser_entrants_mnl": None if chk is None else chk.optimiser_entrants_mnl,
            }
        )
    columns = (
        BUDGET,
        Column("status", N_("Status"), "code", short=N_("status")),
        _num("mip_gap", N_("Optimaliteitsmarge (gap)"), 3, N_("gap")),
        _num("seconds", N_("Seconden"), 2),
        _num("objective", N_("Optimum"), 3, N_("doelwaarde")),
        _num("greedy", N_("Beste verhouding eerst"), 3, N_("gretig")),
        _num("greedy_difference", N_("Verschil optimum en beste verhouding eerst"), 3),
        _num("additions", N_("Toevoegingen"), 0, N_("toevoegingen")),
        _num("shares", N_("Gedeelde profielen"), 0),
        _eur("eac", N_("Jaarkosten (EAC)"), N_("EAC")),
        _num("extra_diplomas_per_year", N_("Extra diploma's per jaar"), 1),
        _num("extra_entrants_per_year", N_("Extra instromers per jaar"), 1),
        _num("children_covered", N_("Kinderen binnen bereik"), 0),
        _num("draws", N_("Trekkingen (robuustheid)"), 0),
        Column("check_model", N_("Model van de planner"), "code"),
        _num("planner_entrants", N_("Extra instromers per jaar (planner)"), 1),
        _num("optimiser_entrants", N_("Extra instromers per jaar (optimalisatie)"), 1),
        _num("entrants_difference", N_("Verschil planner en optimalisatie"), 2),
        _eur("planner_eac", N_("Jaarkosten (EAC, planner)")),
        _num("planner_entrants_mnl", N_("Extra instromers MNL (planner)"), 2),
        _num("optimiser_entrants_mnl", N_("Extra instromers MNL (optimalisatie)"), 2),
    )
    return Table("budgets", columns, tuple(rows))


def additions_table(report: Report) -> Table:
    """The chosen additions at each budget, with how often each is optimal in the
    robustness draws (when drawn)."""
    by_key = {c.key: c for c in report.cands.candidates}
    rows = []
    for s, rb in zip(report.solutions, report.robust, strict=True):
        for key in s.optimal.chosen:
            row = {"budget": s.budget, **_candidate_row(by_key[key])}
            row["robust"] = None if rb is None else rb.counts.get(key, 0)
            rows.append(row)
    return Table("additions", _ADDITION, tuple(rows))


def shares_table(report: Report) -> Table:
    """The chosen shares at each budget (guests follow the profile at the host)."""
    by_key = {o.key: o for o in (report.sharing.options if report.sharing else ())}
    rows = [
        {
            "budget": s.budget,
            "host": o.host,
            "profile": o.profile,
            "guest": o.guest,
            "guest_name": o.guest_name,
            "km": o.km,
            "entrants": o.entrants,
            "diplomas": o.diplomas,
            "eac": o.eac,
        }
        for s in report.solutions
        for o in (by_key[k] for k in s.optimal.shares)
    ]
    columns = (
        BUDGET,
        Column("host", N_("Gastlocatie"), "code", short=N_("gastheer")),
        Column("profile", N_("Profiel"), "profile", short=N_("profiel")),
        Column("guest", N_("Locatie van de gasten"), "code", short=N_("gast")),
        Column("guest_name", N_("Naam van de gastenlocatie"), short=N_("naam")),
        _num("km", N_("Afstand (km)"), 1, N_("km")),
        _num("entrants", N_("Extra instromers per jaar"), 1),
        _num("diplomas", N_("Extra diploma's per jaar"), 1, N_("diploma's")),
        _eur("eac", N_("Extra jaarkosten (EAC)"), N_("extra EAC")),
    )
    return Table("shares", columns, tuple(rows))


def frontier_table(report: Report) -> Table:
    """The optimum and the greedy answer against the budget."""
    rows = report.frontier_rows()
    columns = (
        BUDGET,
        _num("objective", N_("Optimum"), 3, N_("doelwaarde")),
        _num("greedy", N_("Beste verhouding eerst"), 3, N_("gretig")),
        _num("additions", N_("Toevoegingen"), 0, N_("toevoegingen")),
        _eur("eac", N_("Jaarkosten (EAC)"), N_("EAC")),
        _num("extra_diplomas_per_year", N_("Extra diploma's per jaar"), 1),
        _num("children_covered", N_("Kinderen binnen bereik"), 0),
        Column("status", N_("Status"), "code", short=N_("status")),
        _num("mip_gap", N_("Optimaliteitsmarge (gap)"), 3, N_("gap")),
    )
    return Table("frontier", columns, tuple(rows))


def candidates_table(report: Report) -> Table:
    """Every candidate addition with the planner's values."""
    rows = tuple(_candidate_row(c) for c in report.cands.candidates)
    return Table("candidates", _CANDIDATE, rows)


def report_tables(report: Report) -> tuple[Table, ...]:
    """The report's tables in the workbook's order (shares only when sharing was asked)."""
    shares = () if report.sharing is None else (shares_table(report),)
    return (
        additions_table(report),
        budget_table(report),
        *shares,
        frontier_table(report),
        candidates_table(report),
    )


def report_book(report: Report) -> Book:
    """The workbook of a report: a sheet per table (CSV: the chosen additions)."""
    name = f"kansrijk-optimalisatie-{report.cands.region}"
    return Book(name, [t.records(name) for t in report_tables(report)])


# -- the access check --------------------------------------------------------------------

_PC4 = N_("PC4-gebieden")
_CHILDREN = N_("Kinderen 10-14")


def gemeente_table(check: AccessCheck) -> Table:
    """Per gemeente, profile and direction: PC4 areas and children 10-14 (``gemeente``: the
    name, else the code)."""
    rows = tuple(g | {"gemeente": g["gemeente"] or g["gemeente_code"]} for g in check.by_gemeente())
    columns = (
        Column("gemeente", N_("Gemeente"), short=N_("gemeente")),
        Column("gemeente_code", N_("Gemeentecode"), "code", short=N_("code")),
        Column("profile", N_("Profiel"), "profile", short=N_("profiel")),
        Column("change", N_("Verandering"), "change", short=N_("verandering")),
        _num("pc4", _PC4, 0, N_("PC4")),
        _num("children", _CHILDREN, 0, N_("kinderen")),
    )
    return Table("gemeenten", columns, rows)


def area_table(check: AccessCheck) -> Table:
    """Per PC4 area and profile: children 10-14 and the distance before and after
    (``gemeente``: the name, else the code)."""
    rows = tuple(
        {
            "pc4": a.pc4,
            "gemeente_code": a.gemeente_code,
            "gemeente": a.gemeente or a.gemeente_code,
            "profile": a.profile,
            "change": a.change,
            "children": a.children,
            "km_before": a.km_before,
            "km_after": a.km_after,
            "minutes_before": a.minutes_before,
            "minutes_after": a.minutes_after,
        }
        for a in check.areas
    )
    columns = (
        Column("pc4", N_("PC4"), "code"),
        Column("gemeente", N_("Gemeente"), short=N_("gemeente")),
        Column("gemeente_code", N_("Gemeentecode"), "code", short=N_("code")),
        Column("profile", N_("Profiel"), "profile", short=N_("profiel")),
        Column("change", N_("Verandering"), "change", short=N_("verandering")),
        _num("children", _CHILDREN, 0, N_("kinderen")),
        _num("km_before", N_("Km voor"), 1, N_("km voor")),
        _num("km_after", N_("Km na"), 1, N_("km na")),
        _num("minutes_before", N_("Fietsminuten voor"), 1),
        _num("minutes_after", N_("Fietsminuten na"), 1),
    )
    return Table("areas", columns, rows)


def access_rows_table(rows: Sequence[AccessRow]) -> Table:
    """Per technical profile: a region's children 10-14 and those within reach (%)."""
    columns = (
        Column("profile", N_("Profiel"), "profile", short=N_("profiel")),
        _num("children", _CHILDREN, 0, N_("kinderen")),
        _num("within", N_("Binnen een uur fietsen"), 0, N_("binnen")),
        _num("share", N_("Aandeel (%)"), 1, N_("aandeel %")),
    )
    out = tuple(
        {"profile": r.profile, "children": r.children, "within": r.within, "share": r.share}
        for r in rows
    )
    return Table("access", columns, out)


def access_book(name: str, check: AccessCheck | None, rows: Sequence[AccessRow]) -> Book:
    """The workbook of an access check: per gemeente, per area, the region's access table
    (CSV: the areas, or the access table without a check)."""
    tables = [] if check is None else [area_table(check), gemeente_table(check)]
    tables.append(access_rows_table(rows))
    return Book(name, [t.records(name) for t in tables])
