"""``kansrijk scenario run|compare|presets``: the scenario planner on the command line."""

from __future__ import annotations

import time
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
from kansrijk.cli.output import console, fail, print_json, print_table, say
from kansrijk.errors import KansrijkError
from kansrijk.regions import RegionCatalog

if TYPE_CHECKING:
    from kansrijk.scenarios import Comparison, Scenario, ScenarioResult
    from kansrijk.settings import Settings
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
        [(name, s.name, s.region, s.description) for name, s in presets],
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
def _n(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def _iv(value: Any) -> str:
    return "" if value is None else f"{value.low:,.1f} - {value.high:,.1f}"


def _uptake(a: Any) -> str:
    if a.uptake_per_leerjaar is None:
        return ""
    iv = a.uptake_interval
    return f"{a.uptake_per_leerjaar:.1f} ({iv.low:.0f}-{iv.high:.0f})"


def _pair(value: Any) -> str:
    return "" if not value else f"{value[0]:,.1f} - {value[1]:,.1f}"


def print_result(result: ScenarioResult) -> None:
    """Summary, years of the scenario region, added profiles and notes."""
    if result.fictional:
        console.print("[bold]FICTIONAL demo data: not real schools or figures[/]")
    s = result.summary
    title = (
        f"Scenario '{result.name}': {result.region} ({result.region_name}), data "
        f"{result.baseline_year}, {result.horizon[0]}-{result.horizon[1]}"
    )
    pct = f"P{result.interval[0]:g}-P{result.interval[1]:g}"
    rows = [
        (
            "profiles added (viable: >= 12 per leerjaar)",
            f"{s.additions} ({s.additions_viable})",
            "",
        ),
        (
            "extra techniek pupils (lj 3-4)",
            _n(s.extra_techniek_pupils, 1),
            _iv(s.extra_techniek_pupils_interval),
        ),
        (
            "extra technical mbo entrants per year",
            _n(s.extra_entrants_per_year, 1),
            _iv(s.extra_entrants_per_year_interval),
        ),
        (
            "extra entrants over the horizon",
            _n(s.extra_entrants_total, 1),
            _iv(s.extra_entrants_total_interval),
        ),
        ("one-off costs (EUR)", _n(s.one_off_cost), ""),
        ("yearly costs (EUR, last year)", _n(s.yearly_cost), ""),
        ("total cost over the horizon (EUR)", _n(s.total_cost), ""),
        (
            "cost per extra entrant (EUR)",
            _n(s.cost_per_extra_entrant),
            _iv(s.cost_per_extra_entrant_interval),
        ),
        ("annualised cost per extra entrant (EUR)", _n(s.annualised_cost_per_extra_entrant), ""),
    ]
    up = result.extra.get("uptake")
    if up:
        rows += [
            (
                "uptake model: extra technical pupils per leerjaar",
                _n(up["extra_technical_pupils_per_leerjaar"], 1),
                _pair(up["extra_technical_pupils_per_leerjaar_interval"]),
            ),
            (
                "uptake model: extra technical mbo entrants per year",
                _n(up["extra_entrants_per_year"], 1),
                _pair(up["extra_entrants_per_year_interval"]),
            ),
            (
                f"uptake model: expected additions >= {up['viable_pupils']} per leerjaar",
                _n(up["expected_viable"], 1),
                "",
            ),
        ]
    print_table(title, ["scenario", "value", f"interval {pct}"], rows)
    print_table(
        f"'{result.name}' per year ({result.region})",
        [
            "year",
            "techniek base",
            "techniek scen",
            "entrants base",
            "entrants scen",
            "extra entrants",
            "interval",
            "one-off EUR",
            "yearly EUR",
        ],
        [
            (
                y.year,
                _n(y.techniek_baseline),
                _n(y.techniek_scenario),
                _n(y.entrants_baseline, 1),
                _n(y.entrants_scenario, 1),
                _n(y.extra_entrants, 1),
                _iv(y.extra_entrants_interval),
                _n(y.one_off_cost),
                _n(y.yearly_cost),
            )
            for y in result.year_rows()
        ],
    )
    if result.additions:
        print_table(
            f"'{result.name}': added profiles (steady state)",
            [
                "location",
                "name",
                "profile",
                "MNL /lj",
                "uptake /lj (90%)",
                "P(viable)",
                "flags",
            ],
            [
                (
                    a.location,
                    a.name,
                    a.profile,
                    _n(a.per_leerjaar, 1),
                    _uptake(a),
                    "" if a.p_viable is None else f"{100 * a.p_viable:.0f}%",
                    ", ".join(a.flags),
                )
                for a in result.additions
            ],
        )
    for note in result.notes:
        say(f"note: {note}")


def print_comparison(comparison: Comparison) -> None:
    """The summary with one column per scenario, then each scenario's years."""
    from kansrijk.scenarios.comparison_years import extra_entrants_by_year

    if any(r.fictional for r in comparison.results):
        console.print("[bold]FICTIONAL demo data: not real schools or figures[/]")
    names = comparison.names
    rows = []
    for row in comparison.summary_rows():
        cells = []
        for n in names:
            v = row[n]
            if isinstance(v, list):
                cells.append(f"{v[0]:,.1f} - {v[1]:,.1f}")
            elif isinstance(v, float):
                cells.append(f"{v:,.1f}")
            else:
                cells.append("" if v is None else str(v))
        rows.append((row["metric"], *cells))
    print_table("Scenarios compared", ["metric", *names], rows)
    print_table(
        "Extra technical mbo entrants per year (scenario region)",
        ["year", *names],
        [
            (year, *(_n(v, 1) for v in values))
            for year, values in extra_entrants_by_year(comparison)
        ],
    )
