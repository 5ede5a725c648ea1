"""``kansrijk optimise`` and ``kansrijk access-check``: placement for a budget, and who
gains or loses a technical profile within X km when an offer changes."""

from __future__ import annotations

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
from kansrijk.optimise import OBJECTIVES, TECHNICAL, OptimiseError, read_exclusions
from kansrijk.optimise.access_check import Change, access_change, access_table, minutes_to_km
from kansrijk.optimise.report import Report, Request, optimise, parse_budgets
from kansrijk.scenarios.runner import newest_year
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
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write an XLSX file.")] = None,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Best places to add technical profiles for a budget (MILP, proven optimal)."""
    settings = settings_for(warehouse, regions_file)
    try:
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
            write_xlsx(report, xlsx)
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


def _eur(v: float | None) -> str:
    return "" if v is None else f"{v:,.0f}"


def _robust(solution: dict[str, Any], addition: dict[str, Any]) -> str:
    rb = solution.get("robustness")
    if not rb:
        return ""
    n = rb["in_optimal_set"].get(f"{addition['location']}:{addition['profile']}", 0)
    return f"{n} of {rb['draws']}"


def print_report(report: Report) -> None:
    d = report.to_dict()
    if report.fictional:
        console.print("[bold]FICTIONAL demo data: not real schools or figures[/]")
    say(
        f"{d['region']} ({d['region_name']}), data {d['year']}: {d['candidates']} candidate "
        f"additions, EUR {_eur(d['cost_of_adding_everywhere'])} a year to add all; "
        f"objective {d['objective']}"
    )
    for s in d["solutions"]:
        o, g = s["optimal"], s["greedy"]
        say(
            f"\nbudget EUR {_eur(s['budget'])} a year: status {s['status']}, gap "
            f"{s['mip_gap']}, {s['seconds']:.2f} s; objective {o['objective']:,.3f} "
            f"(greedy {g['objective']:,.3f}, difference {s['greedy_difference']:,.3f}); "
            f"{len(o['chosen'])} additions, {len(o['shares'])} shares, EAC {_eur(o['eac'])}, "
            "extra diplomas "
            f"{o['extra_diplomas_per_year']:.1f} a year"
            + (
                f", children covered {o['children_covered']:,.0f}"
                if o["children_covered"] is not None
                else ""
            )
        )
        print_table(
            "Chosen additions",
            ["location", "name", "profile", "pupils/lj", "P(viable)", "diplomas", "EAC", "robust"],
            [
                (
                    a["location"],
                    a["name"],
                    a["profile"],
                    f"{a['pupils_per_leerjaar']:.1f}",
                    f"{a['p_viable']:.2f}",
                    f"{a['diplomas']:.1f}",
                    _eur(a["eac"]),
                    _robust(s, a),
                )
                for a in s["additions"]
            ],
        )
        if s["shared"]:
            print_table(
                "Chosen shares (guests follow the profile at the host)",
                ["host", "profile", "guest", "name", "km", "diplomas", "extra EAC"],
                [
                    (
                        o["host"],
                        o["profile"],
                        o["guest"],
                        o["guest_name"],
                        f"{o['km']:.1f}",
                        f"{o['diplomas']:.1f}",
                        _eur(o["eac"]),
                    )
                    for o in s["shared"]
                ],
            )
        chk = s["planner_check"]
        if chk:
            say(
                f"planner run of this set ({chk['model']}): extra entrants "
                f"{chk['planner_entrants']:.1f} a year (optimiser {chk['optimiser_entrants']:.1f},"
                f" difference {chk['entrants_difference']:+.2f}); EAC {_eur(chk['planner_eac'])}; "
                f"MNL check {chk['planner_entrants_mnl']:.2f} vs "
                f"{chk['optimiser_entrants_mnl']:.2f}"
            )
    if d["frontier"]:
        print_table(
            "Frontier (objective against budget)",
            ["budget", "objective", "greedy", "additions", "EAC", "status", "gap"],
            [
                (
                    _eur(f["budget"]),
                    f"{f['objective']:,.3f}",
                    f"{f['greedy']:,.3f}",
                    f["additions"],
                    _eur(f["eac"]),
                    f["status"],
                    f["mip_gap"],
                )
                for f in d["frontier"]
            ],
        )
    for note in d["notes"]:
        say(f"note: {note}")


def write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook

    d = report.to_dict()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "additions"
    cols = [
        "budget",
        "location",
        "name",
        "gemeente",
        "board",
        "profile",
        "pupils_per_leerjaar",
        "p_viable",
        "entrants",
        "diplomas",
        "eac",
        "model",
        "flags",
    ]
    ws.append(cols)
    for s in d["solutions"]:
        for a in s["additions"]:
            ws.append([s["budget"], *[a[c] for c in cols[1:-1]], ", ".join(a["flags"])])
    wf = wb.create_sheet("frontier")
    fcols = [
        "budget",
        "objective",
        "greedy",
        "additions",
        "eac",
        "extra_diplomas_per_year",
        "children_covered",
        "status",
        "mip_gap",
    ]
    wf.append(fcols)
    for f in d["frontier"]:
        wf.append([f[c] for c in fcols])
    wc = wb.create_sheet("candidates")
    ccols = cols[1:-1]
    wc.append([*ccols, "flags"])
    for c in report.cands.candidates:
        row: dict[str, Any] = c.to_dict()
        wc.append([*[row[k] for k in ccols], ", ".join(c.flags)])
    try:
        wb.save(path)
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
        radius = minutes_to_km(minutes) if minutes is not None else (km or 5.0)
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
        f"{t['children_lose_areas']:,.0f} children 10-14 lose access; "
        f"{t['areas_gain']:.0f} with {t['children_gain_areas']:,.0f} gain"
    )  # distinct areas, as the web page: a closure can cost one area several profiles
    print_table(
        "Per gemeente",
        ["gemeente", "code", "profile", "change", "PC4", "children 10-14"],
        [
            (
                g["gemeente"],
                g["gemeente_code"],
                g["profile"],
                g["change"],
                g["pc4"],
                f"{g['children']:,.0f}",
            )
            for g in check.by_gemeente()
        ],
    )
    print_table(
        "PC4 areas",
        ["PC4", "gemeente", "profile", "change", "children", "km before", "km after"],
        [
            (
                a.pc4,
                a.gemeente or a.gemeente_code,
                a.profile,
                a.change,
                f"{a.children:,.0f}",
                "" if a.km_before is None else f"{a.km_before:.1f}",
                "" if a.km_after is None else f"{a.km_after:.1f}",
            )
            for a in check.areas
        ],
    )
    if table:
        print_table(
            f"Children 10-14 in {region} within an hour's cycling",
            ["profile", "children", "within", "share %"],
            [
                (
                    r.profile,
                    f"{r.children:,.0f}",
                    f"{r.within:,.0f}",
                    "" if r.share is None else f"{r.share:.1f}",
                )
                for r in table
            ],
        )
    for note in check.notes:
        say(f"note: {note}")
