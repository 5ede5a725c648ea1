"""Benchmarks of the scenario planner on the real data (performance budget: a scenario run
for MRDH < 100 ms; with 1,000 uncertainty draws < 2 s).

Run: ``.venv/bin/pytest benchmarks/test_scenarios_bench.py --benchmark-enable --benchmark-only``.
The choice models are estimated once per warehouse and year and cached in the process;
the warm-up run before timing pays that (about 0.2 s), so the timed part is what a user
pays per run afterwards: the cache lookup, the region's baseline, the interventions and
the evaluation, and since the uptake model (fitted once per warehouse, cached) its
predictive draws per added profile. The uptake model's estimation is timed on its own,
and one evaluation of its log-likelihood against the same arithmetic in scipy.stats.
Skipped when ../shared/data is absent.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from scipy import stats
from scipy.special import gammaln

from benchmarks.conftest import real_files
from kansrijk.model.betabinomial import _loglik_terms
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import Scenario, ScenarioResult, run
from kansrijk.scenarios.exam_history import ExamHistory, exam_history
from kansrijk.scenarios.uptake import fit_uptake, location_density, training_rows
from kansrijk.warehouse import Warehouse, ingest, region_catalog

Setup = tuple[Warehouse, RegionCatalog, Scenario]
FloatArray = npt.NDArray[np.float64]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    files = real_files()
    path = tmp_path_factory.mktemp("bench") / "real.duckdb"
    with Warehouse(path) as wh:
        ingest(wh, files)
    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions())
        scenario = Scenario.preset("mrdh-pie")
        run(scenario, wh, catalog)  # warm-up: estimates and caches the choice models
        yield wh, catalog, scenario


@pytest.mark.realdata
def test_mrdh_preset_run(benchmark: BenchmarkFixture, setup: Setup) -> None:
    wh, catalog, scenario = setup
    result: ScenarioResult = benchmark(run, scenario, wh, catalog)
    assert result.summary.extra_entrants_per_year > 0


@pytest.mark.realdata
def test_mrdh_preset_run_1000_draws(benchmark: BenchmarkFixture, setup: Setup) -> None:
    wh, catalog, scenario = setup
    result: ScenarioResult = benchmark(run, scenario, wh, catalog, draws=1000)
    assert result.summary.extra_entrants_per_year_interval is not None


@pytest.mark.realdata
def test_mrdh_preset_run_has_the_uptake_model(setup: Setup) -> None:
    wh, catalog, scenario = setup
    result = run(scenario, wh, catalog)
    assert result.extra["uptake"]["additions"] == len(result.additions)


# ---------------------------------------------------------------------- a larger region
#: The preset's rule on all of NL: 574 locations in the 2019 data against MRDH's 81 (7x),
#: 321 additions against 47.
NATIONAL_PIE = """
name: Elke locatie zonder techniek krijgt PIE (NL)
region: NL00
horizon: {start: 2026, years: 10}
interventions:
  - type: add_profile_where_missing
    region: NL00
    missing: techniek
    profile: PIE
"""


@pytest.fixture(scope="module")
def national(setup: Setup) -> Scenario:
    scenario = Scenario.from_text(NATIONAL_PIE, source="benchmark")
    wh, catalog, _ = setup
    result = run(scenario, wh, catalog)
    assert len(result.locations) > 5 * len(run(setup[2], wh, catalog).locations)
    return scenario


@pytest.mark.realdata
def test_national_run(benchmark: BenchmarkFixture, setup: Setup, national: Scenario) -> None:
    wh, catalog, _ = setup
    result: ScenarioResult = benchmark(run, national, wh, catalog)
    assert result.summary.extra_entrants_per_year > 0


@pytest.mark.realdata
def test_national_run_1000_draws(
    benchmark: BenchmarkFixture, setup: Setup, national: Scenario
) -> None:
    """Budget: < 2 s for 1,000 draws on a region ten times MRDH's size."""
    wh, catalog, _ = setup
    result = benchmark.pedantic(  # type: ignore[no-untyped-call]
        run, args=(national, wh, catalog), kwargs={"draws": 1000}, rounds=3, iterations=1
    )
    assert result.summary.extra_entrants_per_year_interval is not None


# ---------------------------------------------------------------------- uptake estimation
@pytest.fixture(scope="module")
def uptake_inputs(setup: Setup) -> tuple[ExamHistory, FloatArray]:
    wh, _catalog, _scenario = setup
    hist = exam_history(wh)
    return hist, location_density(hist, wh)


@pytest.mark.realdata
def test_uptake_model_estimation(
    benchmark: BenchmarkFixture, uptake_inputs: tuple[ExamHistory, FloatArray]
) -> None:
    """The whole estimation: two sexes x (regression + two comparable-schools fits)."""
    hist, density = uptake_inputs
    model = benchmark(fit_uptake, hist, density)
    assert model.n_starters >= 30


def _loglik_numpy_reference(
    params: FloatArray, y: FloatArray, n: FloatArray, x: FloatArray, w: FloatArray
) -> float:
    """The same beta-binomial log-likelihood from scipy.stats (reference arithmetic)."""
    k = x.shape[1]
    mu = 1.0 / (1.0 + np.exp(-(x @ params[:k])))
    s = np.exp(w @ params[k:])
    return float(np.sum(stats.betabinom.logpmf(y, n, mu * s, (1.0 - mu) * s)))


@pytest.mark.realdata
@pytest.mark.parametrize("impl", ["kansrijk", "scipy_reference"])
def test_uptake_loglik_evaluation(
    benchmark: BenchmarkFixture, uptake_inputs: tuple[ExamHistory, FloatArray], impl: str
) -> None:
    """One log-likelihood (+ gradient for ours) on the boys' rows, against scipy.stats."""
    hist, density = uptake_inputs
    model = fit_uptake(hist, density)
    y, n, x, _li = training_rows(hist, np.nan_to_num(density, nan=float(np.nanmean(density))))
    z = x.copy()
    z[:, 1] = model.density(x[:, 1])
    z[:, 2] = model.size(x[:, 2])
    w = np.column_stack([np.ones(len(z)), z[:, 4]])
    params = model.fits["m"].params
    # rows without a masked (imputed 2.5) count: scipy's pmf needs whole numbers
    whole = (y[0] == np.round(y[0])) & (n[0] == np.round(n[0])) & (n[0] > 0)
    yy, nn, zz, ww = y[0][whole], n[0][whole], z[whole], w[whole]
    ours = _loglik_terms(params, yy, nn, zz, ww)[0]
    ref = _loglik_numpy_reference(params, yy, nn, zz, ww)
    coef = float(np.sum(gammaln(nn + 1) - gammaln(yy + 1) - gammaln(nn - yy + 1)))
    assert ours + coef == pytest.approx(ref, rel=1e-9)
    if impl == "kansrijk":
        benchmark(_loglik_terms, params, yy, nn, zz, ww)
    else:
        benchmark(_loglik_numpy_reference, params, yy, nn, zz, ww)
