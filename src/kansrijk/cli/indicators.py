"""``kansrijk indicator ID ...`` and ``kansrijk indicators list``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kansrijk.cli.options import (
    JsonOpt,
    RegionsFileOpt,
    WarehouseOpt,
    open_for_reading,
    settings_for,
)
from kansrijk.cli.output import fail, print_json, print_table, say, writing
from kansrijk.cli.plain_table import write_table
from kansrijk.errors import InputError, KansrijkError, NoDataError

if TYPE_CHECKING:
    from kansrijk.indicators import IndicatorResult
    from kansrijk.regions import RegionCatalog

list_app = typer.Typer(help="The indicators Kansrijk knows.", no_args_is_help=True)


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def _region_codes(catalog: RegionCatalog, region: str | None, level: str | None) -> list[str]:
    """The codes of ``--region`` plus every region of ``--level`` (with ``--level`` alone,
    only that level's regions: the default NL00 is left out)."""
    codes = _split(region)
    if level is None:
        return codes or ["NL00"]
    from kansrijk.regions import Level

    try:
        lv = Level(level.strip().lower())
    except ValueError:
        allowed = ", ".join(x.value for x in Level)
        raise InputError(f"--level: expected one of {allowed}, found {level!r}") from None
    found = [r.code for r in catalog.list(lv)]
    if not found:
        raise InputError(f"--level {lv.value}: no region of that level is loaded")
    return codes + [c for c in found if c not in codes]


def _years(text: str | None) -> list[int] | None:
    parts = _split(text)
    if not parts:
        return None
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise InputError(f"--year: expected years like 2019 or 2019,2021, found {text!r}") from None


def indicator_cmd(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="e.g. vmbo.offer_share")],
    region: Annotated[
        str | None,
        typer.Option("--region", help="Region code(s), comma-separated; default NL00."),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option("--year", help="Year(s), comma-separated; default every loaded year."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Breakdown(s), comma-separated: profile, track, sex, sector, grade, statistic.",
        ),
    ] = None,
    profile_set: Annotated[
        str | None, typer.Option("--set", help="Profile set: techniek or techniek_ict.")
    ] = None,
    old_afdelingen: Annotated[
        bool,
        typer.Option(
            "--old-afdelingen/--no-old-afdelingen",
            help="Count pupils in old vmbo afdelingen (up to 2016) through the crosswalk.",
        ),
    ] = True,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help="Every region of this level (e.g. gemeente: all gemeenten), besides --region.",
        ),
    ] = None,
    as_json: JsonOpt = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write an XLSX file.")] = None,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Evaluate an indicator for regions and years, next to published figures and targets."""
    from kansrijk.indicators import compute
    from kansrijk.indicators.export import result_json, to_csv, write_xlsx
    from kansrijk.workspace import Workspace

    settings = settings_for(warehouse, regions_file)
    try:
        with open_for_reading(settings) as wh:
            catalog = Workspace(settings, wh).catalog
            result = compute(
                wh,
                catalog,
                indicator_id,
                _region_codes(catalog, region, level),
                _years(year),
                _split(by),
                profile_set,
                old_afdelingen=old_afdelingen,
            )
        if len(result) == 0 and not result.published:
            raise _no_data(result)
        if xlsx is not None:
            with writing(xlsx):
                write_xlsx(result, xlsx)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(result_json(result))
    elif csv_out:
        typer.echo(to_csv(result), nl=False)
    else:
        print_result(result)
    if xlsx is not None and not as_json:
        say(f"written: {xlsx}")


#: How many of the asked regions the no-data error names.
NAMED_REGIONS = 10


def _no_data(result: IndicatorResult) -> NoDataError:
    """The error for a result without a single computed cell or published figure."""
    years = sorted({y for _, y in result.missing})
    regions = list(result.regions)
    asked = ", ".join(regions[:NAMED_REGIONS])
    if len(regions) > NAMED_REGIONS:  # `--level gemeente`: hundreds of codes
        asked += f" and {len(regions) - NAMED_REGIONS} more ({len(regions)} regions)"
    shown = ", ".join(str(y) for y in years) or "-"
    return NoDataError(
        f"{result.indicator.id}: no data for {asked} in {shown}; expected a year and region "
        "whose data are loaded (see `kansrijk status`)"
    )


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return (
        f"{value:.2f}%"
        if unit == "percent"
        else f"{value:,.2f}"
        if unit == "km"
        else f"{value:,.0f}"
    )


def _computed_cells(result: IndicatorResult) -> tuple[list[str], list[list[str]], list[bool]]:
    """The computed rows as text columns (column-wise: one pass per column), with the
    published figure beside each cell that has one."""
    unit = result.indicator.unit.value
    bd_names = [b for b in result.by if b in result.breakdown_columns]
    values = result.column("value")
    suppressed = result.column("suppressed")
    columns = ["region", "year", *bd_names, "computed", "numerator", "denominator"]
    cells: list[list[str]] = [
        result.column("region"),
        [str(y) for y in result.column("year")],
        *(result.column(b) for b in bd_names),
        [
            "suppressed (1-4)" if s else _fmt(v, unit)
            for v, s in zip(values, suppressed, strict=True)
        ],
        [_fmt(v, "count") for v in result.column("numerator")],
        [_fmt(v, "count") for v in result.column("denominator")],
    ]
    right = [False, True, *([False] * len(bd_names)), True, True, True]
    if result.published:
        pub = {(f.region, f.year, tuple(sorted(f.breakdown))): f for f in result.published}
        keys = zip(
            cells[0],
            result.column("year"),
            zip(*(result.column(b) for b in result.breakdown_columns), strict=True)
            if result.breakdown_columns
            else [()] * len(result),
            strict=True,
        )
        names = sorted(result.breakdown_columns)
        order = [result.breakdown_columns.index(n) for n in names]
        shown = []
        for region, year, bd in keys:
            f = pub.get(
                (region, year, tuple((n, bd[i]) for n, i in zip(names, order, strict=True)))
            )
            shown.append(_fmt(f.value, unit) if f else "")
        columns.append("published")
        cells.append(shown)
        right.append(True)
    return columns, cells, right


def print_result(result: IndicatorResult) -> None:
    """Computed values with published figures beside them, then targets and gaps. The
    table of computed values is plain text written in one piece, so that every gemeente over
    every year prints in well under a second."""
    ind = result.indicator
    pub = {(f.region, f.year, tuple(sorted(f.breakdown))): f for f in result.published}
    title = f"{ind.id}: {ind.label_nl}" + (f" [{result.profile_set}]" if result.profile_set else "")
    marks = result.row_breaks()
    show_breaks = any(marks)
    number = {b.id: i for i, b in enumerate(result.indicator.breaks, start=1)}
    if len(result):
        columns, cells, right = _computed_cells(result)
        if show_breaks:
            columns.append("break")
            cells.append(
                [" ".join(f"†{number[m]}" for m in mark.split(";") if m) for mark in marks]
            )
            right.append(False)
        sys.stdout.flush()
        say(title)
        write_table(columns, cells, right)
        for b in result.indicator.breaks:
            if any(b.id in m.split(";") for m in marks):
                say(f"†{number[b.id]} break {b.id} from {b.year}: {b.reason_en}")
    else:
        say(title)
    used = _used_published(result, pub)
    left = [f for k, f in pub.items() if k not in used]
    if left:
        print_table(
            "Published figures, no computed value beside them",
            ["region", "year", "breakdown", "published"],
            [
                (
                    f.region,
                    f.year,
                    ", ".join(f"{k}={v}" for k, v in f.breakdown),
                    _fmt(f.value, f.unit),
                )
                for f in left
            ],
        )
    sources = sorted({f.source for f in result.published})
    for s in sources:
        say(f"published: {s}")
    for t in result.targets:
        say(
            f"target {t.region}{' ' + str(t.year) if t.year else ''}: "
            f"{_fmt(t.value, t.unit)} ({t.source})"
        )
    shown = {(f.region, f.year) for f in result.published}
    gaps = [
        f"no computed value for {region} in {y}: data for {y} not loaded"
        + (" (published figures shown above)" if (region, y) in shown else "")
        for region, y in result.missing
    ]
    if gaps:
        sys.stdout.flush()
        sys.stdout.write("\n".join(gaps) + "\n")
    for n in result.notes:
        say(n)


def _used_published(
    result: IndicatorResult, pub: dict[tuple[str, int | None, tuple[tuple[str, str], ...]], Any]
) -> set[tuple[str, int | None, tuple[tuple[str, str], ...]]]:
    """The keys of published figures that have a computed cell beside them."""
    if not pub:
        return set()
    have = set()
    regions = result.column("region")
    years = result.column("year")
    bds = [result.column(b) for b in result.breakdown_columns]
    names = result.breakdown_columns
    for i, (region, year) in enumerate(zip(regions, years, strict=True)):
        have.add((region, year, tuple(sorted((n, c[i]) for n, c in zip(names, bds, strict=True)))))
    return {k for k in pub if k in have}


@list_app.command("list")
def list_cmd(as_json: JsonOpt = False) -> None:
    """List every indicator with its unit, breakdowns and whether Kansrijk computes it."""
    from kansrijk.indicators import INDICATORS
    from kansrijk.indicators.export import definition_json

    if as_json:
        print_json(
            {
                "ok": True,
                "indicators": [definition_json(i) for i in INDICATORS],
            }
        )
        return
    print_table(
        "Indicators",
        ["id", "label", "unit", "breakdowns", "set", "computed"],
        [
            (
                i.id,
                i.label_nl,
                i.unit.value,
                ", ".join(b.value for b in i.breakdowns),
                i.profile_set.value if i.profile_set else "",
                "yes" if i.computable else "published only",
            )
            for i in INDICATORS
        ],
    )
