"""``kansrijk optimise`` and ``kansrijk access-check``: placement for a budget, and who
gains or loses a technical profile within X km when an offer changes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from kansrijk.cli.options import (
    JsonOpt,
    RegionsFileOpt,
    WarehouseOpt,
    open_for_reading,
    settings_for,
)
from kansrijk.cli.output import console, fail, print_json, print_table, say
from kansrijk.errors import KansrijkError, UnknownRegionError
from kansrijk.l10n.monitor import LANGUAGES
from kansrijk.optimise import OBJECTIVES, TECHNICAL, OptimiseError, read_exclusions
from kansrijk.optimise.access_check import Change, access_change, access_table, radius_km
from kansrijk.optimise.report import Report, Request, optimise, parse_budgets
from kansrijk.optimise.tables import (
    access_rows_table,
    additions_table,
    area_table,
    budget_table,
    frontier_table,
    gemeente_table,
    report_book,
    shares_table,
)
from kansrijk.scenarios.runner import newest_year
from kansrijk.tables import Style, Table
from kansrijk.workspace import Workspace


def optimise_cmd(
    region: Annotated[str, typer.Argument(help="Region code, e.g. MRDH or RDAM-ZUID.")],
    budget: Annotated[
        str,
        typer.Option("--budget", help="Equivalent annual cost in EUR a year; several: '1M,3M,8M'."),
    ] = "2M",
    objective: Annotated[
        str, typer.Option("--objective", help=f"One of {', '.join(OBJECTIVES)}.")
    ] = "diplomas",
    km: Annotated[float, typer.Option("--km", help="Coverage radius (crow-fly km).")] = 5.0,
    mix: Annotated[
        float, typer.Option("--mix", help="Weight of diplomas in the mix objective (0-1).")
    ] = 0.5,
    per_board: Annotated[
        int | None, typer.Option("--per-board", help="At most this many additions per board.")
    ] = None,
    per_location: Annotated[
        int, typer.Option("--per-location", help="At most this many additions per location.")
    ] = 1,
    min_p_viable: Annotated[
        float, typer.Option("--min-p-viable", help="Only additions with P(viable) >= this [0.5].")
    ] = 0.5,
    exclusions: Annotated[
        Path | None,
        typer.Option("--exclusions", help="YAML list of licence/RPO exclusions."),
    ] = None,
    profiles: Annotated[
        str, typer.Option("--profiles", help="Technical profiles to consider (comma list).")
    ] = ",".join(TECHNICAL),
    year: Annotated[int | None, typer.Option("--year", help="Data year (default newest).")] = None,
    frontier_points: Annotated[
        int, typer.Option("--frontier", help="Budgets on the frontier (0 = none).")
    ] = 11,
    robust: Annotated[
        int,
        typer.Option("--robustness", help="Re-solve under this many parameter draws (0 = no)."),
    ] = 0,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Do not re-run the chosen set with the planner.")
    ] = False,
    share_km: Annotated[
        float | None,
        typer.Option("--share-km", help="Sharing as a decision: guests within this many km."),
    ] = None,
    travel_penalty: Annotated[
        float, typer.Option("--travel-penalty", help="Guests' utility penalty (log-odds).")
    ] = 1.0,
    per_km: Annotated[
        float, typer.Option("--per-km", help="Guests' extra penalty per km (log-odds).")
    ] = 0.1,
    as_json: JsonOpt = False,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Write the workbook (as the page's XLSX download)."),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the workbook's headers: en or nl.")
    ] = "en",
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Best places to add technical profiles for a budget (MILP, proven optimal)."""
    settings = settings_for(warehouse, regions_file)
    try:
        if lang not in LANGUAGES:
            raise OptimiseError(f"--lang: expected one of {', '.join(LANGUAGES)}; found {lang!r}")
        request = Request(
            region=region.strip().upper(),
            budgets=parse_budgets(budget),
            objective=objective.strip().lower(),
            km=km,
            mix=mix,
            per_board=per_board,
            per_location=per_location,
            min_p_viable=min_p_viable,
            year=year,
            profiles=_profiles(profiles),
            exclusions=read_exclusions(exclusions) if exclusions is not None else (),
            frontier_points=frontier_points,
            check=not no_check,
            robustness=robust,
            share_km=share_km,
            travel_penalty=travel_penalty,
            per_km=per_km,
        )
        with open_for_reading(settings) as wh:
            catalog = Workspace(settings, wh).catalog
            try:
                catalog.get(request.region)
            except UnknownRegionError as exc:
                raise OptimiseError(f"region: {exc}") from None
            report = optimise(wh, catalog, request)
        if xlsx is not None:
            write_xlsx(report, xlsx, lang)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(report.to_dict())
        return
    print_report(report)
    if xlsx is not None:
        say(f"written: {xlsx}")


def _profiles(text: str) -> tuple[str, ...]:
    got = tuple(p.strip().upper() for p in text.split(",") if p.strip())
    bad = [p for p in got if p not in TECHNICAL]
    if bad or not got:
        raise OptimiseError(f"--profiles: expected some of {', '.join(TECHNICAL)}; found {text!r}")
    return got


#: Figures as the CLI writes them: English, amounts without a currency sign.
_STYLE = Style("en", euro="")


def _print(title: str, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """``rows`` of ``table`` under the columns ``keys``, figures as the columns say."""
    heads, texts = table.heads("en", short=True), table.texts(_STYLE, rows)
    print_table(title, [heads[k] for k in keys], [[r[k] for k in keys] for r in texts])


def print_report(report: Report) -> None:
    r = report.request
    budgets, additions = budget_table(report), additions_table(report)
    shares = shares_table(report)
    if report.fictional:
        console.print("[bold]FICTIONAL demo data: not real schools or figures[/]")
    say(
        f"{report.cands.region} ({report.cands.region_name}), data {report.cands.year}: "
        f"{len(report.cands)} candidate additions, EUR {report.cands.total_eac():,.0f} a year "
        f"to add all; objective {r.objective}"
    )
    keys = ["location", "name", "profile", "pupils_per_leerjaar", "p_viable", "diplomas", "eac"]
    if r.robustness:
        keys.append("robust")
    for b in budgets.rows:
        gap = "" if b["mip_gap"] is None else f"{b['mip_gap']:.3f}"
        say(
            f"\nbudget EUR {b['budget']:,.0f} a year: status {b['status']}, gap {gap}, "
            f"{b['seconds']:.2f} s; objective {b['objective']:,.3f} (greedy {b['greedy']:,.3f}, "
            f"difference {b['greedy_difference']:,.3f}); {b['additions']} additions, "
            f"{b['shares']} shares, EAC {b['eac']:,.0f}, extra diplomas "
            f"{b['extra_diplomas_per_year']:.1f} a year"
            + (
                f", children covered {b['children_covered']:,.0f}"
                if b["children_covered"] is not None
                else ""
            )
        )
        mine = [
            a | {"robust": f"{a['robust']} of {b['draws']}" if b["draws"] else None}
            for a in additions.rows
            if a["budget"] == b["budget"]
        ]
        _print("Chosen additions", additions, keys, mine)
        shared = [o for o in shares.rows if o["budget"] == b["budget"]]
        if shared:
            _print(
                "Chosen shares (guests follow the profile at the host)",
                shares,
                ["host", "profile", "guest", "guest_name", "km", "diplomas", "eac"],
                shared,
            )
        if b["check_model"] is not None:
            say(
                f"planner run of this set ({b['check_model']}): extra entrants "
                f"{b['planner_entrants']:.1f} a year (optimiser {b['optimiser_entrants']:.1f},"
                f" difference {b['entrants_difference']:+.2f}); EAC {b['planner_eac']:,.0f}; "
                f"MNL check {b['planner_entrants_mnl']:.2f} vs "
                f"{b['optimiser_entrants_mnl']:.2f}"
            )
    front = frontier_table(report)
    if front.rows:
        _print(
            "Frontier (objective against budget)",
            front,
            ["budget", "objective", "greedy", "additions", "eac", "status", "mip_gap"],
            front.rows,
        )
    for note in report.notes:
        say(f"note: {note}")


def write_xlsx(report: Report, path: Path, lang: str = "en") -> None:
    """The report's workbook (as the page's XLSX download), headers in ``lang``."""
    body, _media = report_book(report).xlsx(lang)
    try:
        path.write_bytes(body)
    except OSError as exc:
        raise OptimiseError(f"cannot write {path}: {exc.strerror}") from None


def access_check_cmd(
    location: Annotated[str, typer.Argument(help="Location code (BRIN + vestiging).")],
    stop: Annotated[
        str | None, typer.Option("--stop", help="The location stops this profile.")
    ] = None,
    add: Annotated[
        str | None, typer.Option("--add", help="The location adds this profile.")
    ] = None,
    close: Annotated[bool, typer.Option("--close", help="The location closes.")] = False,
    km: Annotated[float | None, typer.Option("--km", help="Radius in crow-fly km [5].")] = None,
    minutes: Annotated[
        float | None, typer.Option("--minutes", help="Radius in cycling minutes (estimate).")
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Only PC4 areas of this region; and its table.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Data year (default newest).")] = None,
    as_json: JsonOpt = False,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Who loses or gains a technical profile within X km (or Y minutes' cycling)."""
    settings = settings_for(warehouse, regions_file)
    try:
        kinds = [k for k, on in (("stop", stop), ("add", add), ("close", close)) if on]
        if len(kinds) != 1:
            raise OptimiseError("give exactly one of --stop PROFILE, --add PROFILE or --close")
        if km is not None and minutes is not None:
            raise OptimiseError("give --km or --minutes, not both")
        radius = radius_km(km, minutes)
        profile = (stop or add or "").strip().upper() or None
        change = Change(kinds[0], location.strip().upper(), profile)  # type: ignore[arg-type]
        with open_for_reading(settings) as wh:
            catalog = Workspace(settings, wh).catalog
            reg = None
            if region is not None:
                try:
                    reg = catalog.get(region.strip().upper())
                except UnknownRegionError as exc:
                    raise OptimiseError(f"--region: {exc}") from None
            yr = year or newest_year(wh)
            check = access_change(wh, change, year=yr, km=radius, catalog=catalog, region=reg)
            table = access_table(wh, reg, year=yr) if reg is not None else []
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    out = check.to_dict()
    out["access_table"] = [
        {"profile": r.profile, "children": r.children, "within_hour": r.within, "share": r.share}
        for r in table
    ]
    if as_json:
        print_json(out)
        return
    t = check.totals()
    say(
        f"{check.change.label()} ({check.year}), within {check.km:.1f} km "
        f"(~{check.minutes:.0f} min cycling): {t['areas_lose']:.0f} PC4 areas with "
        f"{t['children_lose_areas']:,.0f} children 10-14 lose a technical profile; "
        f"{t['areas_gain']:.0f} with {t['children_gain_areas']:,.0f} gain one"
    )
    gem = gemeente_table(check)
    _print(
        "Per gemeente",
        gem,
        ["gemeente", "gemeente_code", "profile", "change", "pc4", "children"],
        gem.rows,
    )
    areas = area_table(check)
    _print(
        "PC4 areas",
        areas,
        ["pc4", "gemeente", "profile", "change", "children", "km_before", "km_after"],
        areas.rows,
    )
    if table:
        reach = access_rows_table(table)
        _print(
            f"Children 10-14 in {region} within an hour's cycling",
            reach,
            ["profile", "children", "within", "share"],
            reach.rows,
        )
    for note in check.notes:
        say(f"note: {note}")
