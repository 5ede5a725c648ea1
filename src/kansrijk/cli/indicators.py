"""``kansrijk indicator ID ...`` and ``kansrijk indicators list``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kansrijk.cli.options import (
    JsonOpt,
    RegionsFileOpt,
    WarehouseOpt,
    open_for_reading,
    settings_for,
)
from kansrijk.cli.output import console, fail, print_json, print_table
from kansrijk.errors import InputError, KansrijkError

if TYPE_CHECKING:
    from kansrijk.indicators import IndicatorResult

list_app = typer.Typer(help="The indicators Kansrijk knows.", no_args_is_help=True)


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


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
        str, typer.Option("--region", help="Region code(s), comma-separated.")
    ] = "NL00",
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
                _split(region) or ["NL00"],
                _years(year),
                _split(by),
                profile_set,
                old_afdelingen=old_afdelingen,
            )
        if xlsx is not None:
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
        console.print(f"written: {xlsx}")


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


def print_result(result: IndicatorResult) -> None:
    """Computed values with published figures beside them, then targets and gaps."""
    ind = result.indicator
    unit = ind.unit.value
    pub = {(f.region, f.year, f.breakdown): f for f in result.published}
    bd_names = list(result.by)
    title = f"{ind.id}: {ind.label_nl}" + (f" [{result.profile_set}]" if result.profile_set else "")
    rows = []
    used = set()
    marks = result.row_breaks()
    show_breaks = any(marks)
    number = {b.id: i for i, b in enumerate(result.indicator.breaks, start=1)}
    for r, mark in zip(result.rows, marks, strict=True):
        key = (r.region, r.year, tuple(sorted(r.breakdown.items())))
        f = pub.get(key)
        if f:
            used.add(key)
        rows.append(
            [
                r.region,
                r.year,
                *[r.breakdown.get(b, "") for b in bd_names],
                "suppressed (1-4)" if r.suppressed else _fmt(r.value, unit),
                _fmt(r.numerator, "count"),
                _fmt(r.denominator, "count"),
                _fmt(f.value, unit) if f else "",
                *([" ".join(f"†{number[m]}" for m in mark.split(";") if m)] if show_breaks else []),
            ]
        )
    if rows:
        print_table(
            title,
            ["region", "year", *bd_names, "computed", "numerator", "denominator", "published"]
            + (["break"] if show_breaks else []),
            rows,
        )
        for b in result.indicator.breaks:
            if any(b.id in m.split(";") for m in marks):
                console.print(
                    f"†{number[b.id]} break {b.id} from {b.year}: {b.reason_en}", highlight=False
                )
    else:
        console.print(title)
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
        console.print(f"published: {s}", highlight=False)
    for t in result.targets:
        console.print(
            f"target {t.region}{' ' + str(t.year) if t.year else ''}: "
            f"{_fmt(t.value, t.unit)} ({t.source})",
            highlight=False,
        )
    for region, y in result.missing:
        console.print(
            f"no computed value for {region} in {y}: data for {y} not loaded"
            + (
                " (published figures shown above)"
                if any(f.region == region and f.year == y for f in result.published)
                else ""
            )
        )
    for n in result.notes:
        console.print(n, highlight=False)


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
