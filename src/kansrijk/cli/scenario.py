"""``kansrijk scenario run|compare|presets``: the scenario planner on the command line."""

from __future__ import annotations

import time
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
from kansrijk.cli.output import (
    console,
    fail,
    print_json,
    print_table,
    say,
    width,
    writing,
)
from kansrijk.errors import KansrijkError
from kansrijk.regions import RegionCatalog

if TYPE_CHECKING:
    from kansrijk.scenarios import Comparison, Scenario, ScenarioResult
    from kansrijk.settings import Settings
    from kansrijk.tables import Style, Table
    from kansrijk.warehouse import Warehouse

app = typer.Typer(
    help="Scenario planner: interventions on the offer, guidance and flow; costs and yield.",
    no_args_is_help=True,
)


DrawsOpt = Annotated[
    int,
    typer.Option("--draws", min=0, help="Parameter draws for intervals (0 = point estimate)."),
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the parameter draws.")]
PRESET_PREFIX = "preset:"
#: ``kansrijk.scenarios.DEFAULT_SEED`` and the names of ``kansrijk.scenarios.PRESETS``, kept here
#: so that ``--help`` needs no scenario code (tests/cli/test_lazy_imports.py keeps them equal).
DEFAULT_SEED = 20260511
PRESET_NAMES = ("rotterdam-zuid-techniek", "mrdh-pie", "rotterdam-zuid-delen")


def load_scenario(spec: str) -> Scenario:
    """A scenario from a YAML path or ``preset:NAME``."""
    from kansrijk.scenarios import Scenario

    if spec.lower().startswith(PRESET_PREFIX):
        return Scenario.preset(spec[len(PRESET_PREFIX) :])
    return Scenario.from_yaml(Path(spec))


def _catalog(wh: Warehouse, settings: Settings) -> RegionCatalog:
    from kansrijk.workspace import Workspace

    return Workspace(settings, wh).catalog


def run_all(specs: list[str], settings: Settings, draws: int, seed: int) -> list[ScenarioResult]:
    from kansrijk.scenarios import run

    scenarios = [load_scenario(s) for s in specs]
    with open_for_reading(settings) as wh:
        catalog = _catalog(wh, settings)
        return [run(s, wh, catalog, draws=draws, seed=seed) for s in scenarios]


@app.command("run")
def run_cmd(
    file: Annotated[
        str | None,
        typer.Argument(metavar="FILE.yaml", help="Scenario file (or preset:NAME)."),
    ] = None,
    preset: Annotated[
        str | None, typer.Option("--preset", help=f"A packaged preset: {', '.join(PRESET_NAMES)}.")
    ] = None,
    draws: DrawsOpt = 0,
    seed: SeedOpt = DEFAULT_SEED,
    as_json: JsonOpt = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write an XLSX file.")] = None,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Run one scenario: baseline vs scenario per year, added profiles, costs."""
    from kansrijk.scenarios import ScenarioError, compare

    settings = settings_for(warehouse, regions_file)
    try:
        if (file is None) == (preset is None):
            raise ScenarioError("give a scenario FILE.yaml or --preset NAME (one of them)")
        spec = file if file is not None else f"{PRESET_PREFIX}{preset}"
        (result,) = run_all([spec], settings, draws, seed)
        if xlsx is not None:
            with writing(xlsx):
                compare([result]).write_xlsx(xlsx)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(result.to_dict())
        return
    print_result(result)
    if xlsx is not None:
        say(f"written: {xlsx}")


@app.command("compare")
def compare_cmd(
    files: Annotated[
        list[str],
        typer.Argument(metavar="A.yaml B.yaml ...", help="2-4 scenario files (or preset:NAME)."),
    ],
    draws: DrawsOpt = 0,
    seed: SeedOpt = DEFAULT_SEED,
    as_json: JsonOpt = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write an XLSX file.")] = None,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Compare up to four scenarios side by side (names head every column)."""
    from kansrijk.scenarios import compare

    settings = settings_for(warehouse, regions_file)
    try:
        comparison = compare(run_all(files, settings, draws, seed))
        if xlsx is not None:
            with writing(xlsx):
                comparison.write_xlsx(xlsx)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(comparison.to_dict())
        return
    print_comparison(comparison)
    if xlsx is not None:
        say(f"written: {xlsx}")


@app.command("presets")
def presets_cmd(as_json: JsonOpt = False) -> None:
    """List the packaged preset scenarios (run one with `scenario run --preset NAME`)."""
    from kansrijk.l10n.monitor import scenario_name
    from kansrijk.scenarios import preset_list

    try:
        presets = preset_list()
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(
            {
                "ok": True,
                "presets": [
                    {
                        "name": name,
                        "title": s.name,
                        "region": s.region,
                        "description": s.description,
                        "interventions": [iv.model_dump(mode="json") for iv in s.interventions],
                    }
                    for name, s in presets
                ],
            }
        )
        return
    print_table(
        "Preset scenarios",
        ["name", "title", "region", "description"],
        [(name, scenario_name(LANG, s.name), s.region, s.description) for name, s in presets],
    )


@app.command("backtest")
def backtest_cmd(
    seed: SeedOpt = DEFAULT_SEED,
    as_json: JsonOpt = False,
    warehouse: WarehouseOpt = None,
    regions_file: RegionsFileOpt = None,
) -> None:
    """Back-test the uptake models on the exam history: MAE and 90% coverage."""
    from kansrijk.scenarios.exam_history import exam_history
    from kansrijk.scenarios.national import loaded_enrollment_years, national_data
    from kansrijk.scenarios.uptake import fit_uptake, location_density
    from kansrijk.scenarios.uptake_backtest import run_backtests

    settings = settings_for(warehouse, regions_file)
    try:
        with open_for_reading(settings) as wh:
            started = time.perf_counter()
            hist = exam_history(wh)
            density = location_density(hist, wh)
            model = fit_uptake(hist, density)
            seconds = time.perf_counter() - started
            years = loaded_enrollment_years(wh)
            nd = national_data(wh, years[-1]) if years else None
            scores = run_backtests(hist, density, nd, seed=seed)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(
            {
                "ok": True,
                "estimation_seconds": seconds,
                "starters": model.n_starters,
                "stoppers": model.n_stoppers,
                "scores": [s.to_dict() for s in scores],
                "model": model.to_dict(),
            }
        )
        return
    say(
        f"exam years {hist.years[0]}-{hist.years[-1]}: {len(hist.locations)} locations, "
        f"{model.n_starters} started techniek, {model.n_stoppers} stopped; "
        f"estimation {seconds:.2f} s"
    )
    print_table(
        "Back-test of the uptake models (MAE in share points, 90% interval coverage)",
        ["design", "model", "cases", "locations", "MAE", "coverage", "mean pred", "mean obs"],
        [
            (
                s.design,
                s.model,
                s.n_cases,
                s.n_locations,
                *(
                    "-" if s.n_cases == 0 else text
                    for text in (
                        f"{100 * s.mae:.1f}",
                        f"{100 * s.coverage:.0f}%",
                        f"{100 * s.mean_predicted:.1f}",
                        f"{100 * s.mean_observed:.1f}",
                    )
                ),
            )
            for s in scores
        ],
    )


# ---------------------------------------------------------------------- printing
#: The CLI writes the planner's tables (``kansrijk.scenarios.report``, each a
#: ``kansrijk.tables.Table``) in English, with ``EUR`` before amounts (aligned as figures by
#: ``print_table``).
LANG = "en"
#: The columns of the additions table the CLI prints (the web shows them all).
ADDITION_COLUMNS = (
    "location",
    "name",
    "profile",
    "per_leerjaar",
    "per_leerjaar_interval",
    "uptake",
    "uptake_interval",
    "p_viable",
    "flags",
)


def _print(title: str, table: Table, style: Style, *, draws: bool = True) -> None:
    """``table`` under ``title``; without draws no interval columns (they are empty)."""
    keys = [k for k in table.keys if draws or k not in _DRAWN]
    shown = table.select(keys)
    rows = [[row[k] for k in keys] for row in shown.texts(style)]
    print_table(title, list(shown.heads(style.lang).values()), rows)


def _compare_heads(names: list[str], rows: list[tuple[str, ...]]) -> list[str]:
    """The summary's column heads: the scenarios' names when the table then fits the
    terminal, else the letters A, B, ... (named in a key above the table), so the figures
    stay side by side rather than one scenario's under the other's."""
    figures = [max([len(r[i + 1]) for r in rows] + [len(n)]) for i, n in enumerate(names)]
    side_by_side = sum(figures) + 2 * (len(figures) - 1)
    if 4 + side_by_side <= width():  # indented under each outcome, at the least
        return names
    return [chr(ord("A") + i) for i in range(len(names))]


#: Columns that hold the draws' intervals.
_DRAWN = frozenset({"interval", "last_interval", "per_leerjaar_interval"})


def print_result(result: ScenarioResult) -> None:
    """Summary, years of the scenario region (and its report regions), added profiles and
    notes: the tables of the web's run page, in English."""
    from kansrijk.scenarios.report import (
        MARGIN,
        OUTCOME,
        VALUE,
        addition_table,
        pct_label,
        region_table,
        summary_metrics,
        year_table,
    )
    from kansrijk.tables import Style

    style = Style(LANG, euro="EUR ")
    if result.fictional:
        console.print("[bold]FICTIONAL demo data: not real schools or figures[/]")
    from kansrijk.l10n.monitor import scenario_name

    name = scenario_name(LANG, result.name)  # a preset's title in English, as `compare`
    title = (
        f"Scenario '{name}': {result.region} ({result.region_name}), data "
        f"{result.baseline_year}, {result.horizon[0]}-{result.horizon[1]}"
    )
    head = [style.label(OUTCOME), style.label(VALUE)]
    metrics = [m.text(style) for m in summary_metrics(result)]
    if result.draws:
        head.append(style.label(MARGIN, pct=pct_label(result)))
        print_table(title, head, [(m["label"], m["value"], m["interval"]) for m in metrics])
    else:
        print_table(title, head, [(m["label"], m["value"]) for m in metrics])
    draws = bool(result.draws)
    _print(f"'{name}' per year ({result.region})", year_table(result), style, draws=draws)
    regions = region_table(result)
    if regions.rows:
        _print(f"'{name}' per part of the region", regions, style, draws=draws)
    if result.additions:
        additions = addition_table(result).select(ADDITION_COLUMNS)
        _print(f"'{name}': added profiles (steady state)", additions, style, draws=draws)
    for note in result.notes:
        say(f"note: {note}")


def print_comparison(comparison: Comparison) -> None:
    """The summary with one column per scenario (each interval on a row under its figure),
    then each scenario's extra entrants per year: the tables of the web's compare page."""
    from kansrijk.l10n.monitor import scenario_name
    from kansrijk.scenarios.report import (
        MARGIN,
        OUTCOME,
        compare_metrics,
        compare_year_table,
        pct_label,
    )
    from kansrijk.tables import Style

    style = Style(LANG, euro="EUR ")
    if any(r.fictional for r in comparison.results):
        console.print("[bold]FICTIONAL demo data: not real schools or figures[/]")
    margin = style.label(MARGIN, pct=pct_label(comparison.results[0]))
    rows: list[tuple[str, ...]] = []
    for metric in compare_metrics(comparison):
        cells = metric.cells(style)
        rows.append((style.label(metric.label), *(c["value"] for c in cells)))
        if any(c["interval"] for c in cells):
            rows.append((margin, *(c["interval"] for c in cells)))
    names = [scenario_name(LANG, n) for n in comparison.names]  # as the years' headers
    heads = _compare_heads(names, rows)
    title = "Scenarios compared"
    if heads != names:  # the names as a key: a column a scenario, side by side
        say(title)
        for head, name in zip(heads, names, strict=True):
            say(f"{head}: {name}")
        title = ""
    print_table(title, [style.label(OUTCOME), *heads], rows)
    _print(
        "Extra technical mbo entrants per year (scenario region)",
        compare_year_table(comparison),
        style,
    )
