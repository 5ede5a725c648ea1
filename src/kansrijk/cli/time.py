"""``kansrijk trend ID ...`` (an indicator over every loaded year, with breaks and target) and
``kansrijk events REGION --since YEAR`` (profiles started and stopped, licence watch)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kansrijk.cli.indicators import _fmt, _split
from kansrijk.cli.options import (
    JsonOpt,
    RegionsFileOpt,
    WarehouseOpt,
    open_for_reading,
    settings_for,
)
from kansrijk.cli.output import fail, print_json, print_table, say
from kansrijk.errors import InputError, KansrijkError

if TYPE_CHECKING:
    from kansrijk.indicators.events import ProfileEvents
    from kansrijk.indicators.trend import Trend


def trend_cmd(
    indicator_id: Annotated[
        str, typer.Argument(metavar="ID", help="e.g. vmbo.no_tech_offer_share")
    ],
    region: Annotated[
        str, typer.Option("--region", help="Region code(s), comma-separated.")
    ] = "NL00",
    by: Annotated[
        str | None, typer.Option("--by", help="Breakdown(s), comma-separated (e.g. track).")
    ] = None,
    profile_set: Annotated[
        str | None, typer.Option("--set", help="Profile set: techniek or techniek_ict.")
    ] = None,
    as_json: JsonOpt = False,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """An indicator over every loaded year: year-on-year change, breaks in its definition, and
    its target with the gap (and the path to a target year: on track or not)."""
    from kansrijk.indicators.trend import trend
    from kansrijk.workspace import Workspace

    settings = settings_for(warehouse, regions_file)
    try:
        with open_for_reading(settings) as wh:
            catalog = Workspace(settings, wh).catalog
            result = trend(
                wh, catalog, indicator_id, _split(region) or ["NL00"], _split(by), profile_set
            )
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(result.to_json())
    else:
        print_trend(result)


def print_trend(result: Trend) -> None:
    """One table of every series' points (change in percentage points for shares), the
    breaks as footnotes, then each target's gap in words."""
    ind = result.indicator
    unit = ind.unit.value
    number = {b.id: i for i, b in enumerate(ind.breaks, start=1)}
    bd_names = sorted({k for s in result.series for k in s.breakdown})
    rows = []
    for s in result.series:
        for p in s.points:
            change = ""
            if p.change is not None:
                change = f"{p.change:+.1f}" + (" pp" if unit == "percent" else "")
            rows.append(
                [
                    s.region,
                    *[s.breakdown.get(b, "") for b in bd_names],
                    p.year,
                    "suppressed (1-4)" if p.suppressed else _fmt(p.value, unit),
                    change,
                    _fmt(p.numerator, "count"),
                    _fmt(p.denominator, "count"),
                    " ".join(f"†{number[b.id]}" for b in p.breaks),
                ]
            )
    title = f"trend {ind.id}: {ind.label_nl}" + (
        f" [{result.profile_set}]" if result.profile_set else ""
    )
    cols = ["region", *bd_names, "year", "value", "change", "numerator", "denominator", "break"]
    if rows:
        print_table(title, cols, rows)
    else:
        say(f"{title}: no computed values")
    for b in result.breaks_shown():
        say(
            f"†{number[b.id]} break {b.id} from {b.year}: {b.reason_en} "
            "(no change is computed across a break)"
        )
    for s in result.series:
        if s.target is not None:
            say(
                f"target {s.region}: {s.target.text('en', result.phrase('en'))} ({s.target.source})"
            )
    for n in result.notes:
        say(n)


def events_cmd(
    region: Annotated[str, typer.Argument(help="Region code, e.g. MRDH or GM0599.")],
    since: Annotated[
        int | None,
        typer.Option("--since", help="Events after this loaded year (prev_year >= SINCE)."),
    ] = None,
    until: Annotated[
        int | None, typer.Option("--until", help="Events up to this year (year <= UNTIL).")
    ] = None,
    profile_set: Annotated[
        str,
        typer.Option("--set", help="Profile set: techniek_ict (default), techniek or all."),
    ] = "techniek_ict",
    as_json: JsonOpt = False,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Profiles started and stopped at the region's vmbo locations (pupils in BB/KB/GL
    leerjaar 3-4), with pupils, and the licence watch (1, 2, 3+ years without pupils)."""
    from kansrijk.indicators.events import profile_events
    from kansrijk.workspace import Workspace

    settings = settings_for(warehouse, regions_file)
    pset = None if profile_set.strip().lower() == "all" else profile_set
    if since is not None and until is not None and since >= until:
        fail(
            InputError(  # the CLI's own option names: English only, no catalogue entry
                f"--since {since} and --until {until}: expected a year before --until "
                "(events from one loaded year to a later one)"
            ),
            as_json=as_json,
        )
    try:
        with open_for_reading(settings) as wh:
            catalog = Workspace(settings, wh).catalog
            result = profile_events(wh, catalog, region, since=since, until=until, profile_set=pset)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(result.to_json())
    else:
        print_events(result)


def _pupils(n: int, masked: bool) -> str:
    return f"{n} (+<5)" if masked and n else "<5" if masked else str(n)


def print_events(result: ProfileEvents) -> None:
    """The events table, totals, then the licence watch."""
    scope = result.profile_set or "every profile"
    span = f"{result.since or 'first'}..{result.until or 'newest'}"
    if result.events:
        print_table(
            f"Profile events in {result.region} ({scope}, {span})",
            ["year", "since", "kind", "location", "name", "gemeente", "profile", "pupils", "note"],
            [
                (
                    e.year,
                    e.prev_year,
                    e.kind,
                    e.loc_code,
                    e.name,
                    e.gemeente_name or e.gemeente_code or "",
                    e.profile,
                    _pupils(e.pupils, e.masked),
                    "new location"
                    if e.new_location
                    else "location closed"
                    if e.location_closed
                    else "",
                )
                for e in result.events
            ],
        )
    else:
        years = ", ".join(map(str, result.years)) or "none"
        say(
            f"no profile started or stopped in {result.region} ({scope}, {span}); "
            f"loaded enrollment years: {years}"
        )
    tot = result.totals()
    say(
        f"{tot['started']} started ({tot['pupils_started']} pupils), "
        f"{tot['stopped']} stopped ({tot['pupils_stopped']} pupils the year before)"
    )
    if result.watch:
        print_table(
            "Licence watch: profiles without pupils (a licence lapses after 3 years)",
            ["location", "name", "profile", "last year", "pupils then", "years without", "status"],
            [
                (
                    w.loc_code,
                    w.name,
                    w.profile,
                    w.last_year,
                    w.last_pupils,
                    w.years_without,
                    ("lapsed" if w.lapsed else "watch")
                    + (
                        f" (if none in unloaded {', '.join(map(str, w.unloaded_years))})"
                        if w.unloaded_years
                        else ""
                    ),
                )
                for w in result.watch
            ],
        )
