"""Flow rates to technical mbo (SEOR 2026 tabel 3.6) and the distance effect."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from kansrijk.errors import MissingFileError
from kansrijk.model import (
    FlowRates,
    FlowRatesError,
    ModelInputError,
    adjusted_rates,
    expected_entrants,
    reference_distance,
)

TABLE = (
    Path(__file__).parents[3]
    / "shared/reference/tables"
    / ("seor2026_t3_6_doorstroom_vmboprofiel_naar_techniek_mbo_2023_2024.csv")
)


@pytest.fixture(scope="module")
def rates() -> FlowRates:
    return FlowRates.load()


def test_packaged_rates(rates: FlowRates) -> None:
    assert set(rates.rates) == {"PIE", "MT", "BWI", "MAT", "MVI", "GR", "DP", "EO", "HBR", "ZW"}
    assert rates.default_region == "zuid_holland"
    assert rates.per_km == pytest.approx(-0.003)
    assert rates.rate("PIE") == pytest.approx(0.79)
    assert rates.rate("PIE", region="nederland") == pytest.approx(0.81)
    assert rates.rate("PIE", bound="low") == pytest.approx(0.76)
    assert rates.rate("PIE", bound="high") == pytest.approx(0.91)
    # Den Haag printed '-' for MAT: the national value stands in
    assert rates.rate("MAT", region="den_haag") == pytest.approx(0.59)
    assert rates.rate("MAT", bound="low") == pytest.approx(0.46)
    assert rates.vector(["ZW", "MVI"]).tolist() == pytest.approx([0.06, 0.57])
    assert rates.source["report"] == "seor2026"


def test_rates_without_ict_are_not_published(rates: FlowRates) -> None:
    with pytest.raises(ModelInputError, match="without ICT"):
        rates.rate("PIE", include_ict=False)


def test_unknown_profile_region_or_bound(rates: FlowRates) -> None:
    with pytest.raises(ModelInputError, match="no flow rate for profile"):
        rates.rate("XX")
    with pytest.raises(ModelInputError, match="unknown flow-rate region"):
        rates.rate("PIE", region="utrecht")
    with pytest.raises(ModelInputError, match="bound"):
        rates.rate("PIE", bound="mid")  # type: ignore[arg-type]


@pytest.mark.realdata
def test_packaged_rates_match_the_reference_table(rates: FlowRates) -> None:
    if not TABLE.is_file():
        pytest.skip(f"reference table {TABLE} not present")
    names = {entry.name.lower(): code for code, entry in rates.rates.items()}
    with TABLE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10
    columns = {
        "nederland": "Nederland_pct",
        "zuid_holland": "Zuid-Holland_pct",
        "rotterdam": "Rotterdam_pct",
        "den_haag": "Den Haag_pct",
    }
    for row in rows:
        entry = rates.rates[names[row["Profiel leerwegen B, K, G"].lower()]]
        for region, column in columns.items():
            printed = row[column].strip()
            expected = None if printed == "" else int(printed) / 100
            assert entry.incl_ict[region] == (pytest.approx(expected) if expected else None)


def test_distance_adjustment_arithmetic() -> None:
    adj = adjusted_rates([0.57], [15.0], reference_km=5.0)
    assert adj[0, 0] == pytest.approx(0.54)
    closer = adjusted_rates([0.57, 0.06], [2.0, 5.0], reference_km=5.0)
    assert closer[:, 0].tolist() == pytest.approx([0.579, 0.57])
    assert closer[:, 1].tolist() == pytest.approx([0.069, 0.06])


def test_adjusted_rates_are_clamped() -> None:
    adj = adjusted_rates([0.06, 0.95], [0.0, 40.0], reference_km=20.0)
    assert adj[0].tolist() == pytest.approx([0.12, 1.0])
    assert adj[1].tolist() == pytest.approx([0.0, 0.89])
    assert np.all((adj >= 0) & (adj <= 1))


def test_expected_entrants_with_default_reference() -> None:
    pupils = np.array([[10.0, 30.0], [20.0, 40.0]])
    dist = np.array([2.0, 8.0])
    out = expected_entrants(pupils, dist, [0.5, 0.2])
    ref = reference_distance(dist, pupils.sum(axis=1))
    assert ref == pytest.approx((2 * 40 + 8 * 60) / 100)
    # no clamping: the adjustments cancel over the region at the pupil-weighted mean
    assert out.sum() == pytest.approx((pupils * [0.5, 0.2]).sum())
    assert out[0, 0] == pytest.approx(10 * (0.5 - 0.003 * (2 - ref)))
    explicit = expected_entrants(pupils, dist, [0.5, 0.2], reference_km=2.0)
    assert explicit[0].tolist() == pytest.approx([5.0, 6.0])
    assert explicit[1].tolist() == pytest.approx([20 * 0.482, 40 * 0.182])


def test_distance_effect_switched_off() -> None:
    out = expected_entrants([[10.0]], [30.0], [0.5], per_km=0.0, reference_km=0.0)
    assert out[0, 0] == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("pupils", "dist", "rate", "message"),
    [
        ([[1.0, 2.0]], [-1.0], [0.5, 0.5], "distance_km"),
        ([[1.0, 2.0]], [1.0, 2.0], [0.5, 0.5], "pupils_by_profile must be"),
        ([[1.0, -2.0]], [1.0], [0.5, 0.5], ">= 0"),
        ([[1.0, 2.0]], [1.0], [0.5, 0.5, 0.5], "profiles"),
        ([[1.0, 2.0]], [np.nan], [0.5, 0.5], "distance_km"),
    ],
)
def test_expected_entrants_rejects_bad_input(
    pupils: list[list[float]], dist: list[float], rate: list[float], message: str
) -> None:
    with pytest.raises(ModelInputError, match=message):
        expected_entrants(pupils, dist, rate)


def test_override_files(tmp_path: Path) -> None:
    good = {
        "regions": ["nl"],
        "default_region": "nl",
        "rates": {"PIE": {"incl_ict": {"nl": 0.8}, "excl_ict": {"nl": 0.7}}},
        "distance": {"per_km": -0.002},
    }
    rates = FlowRates.from_mapping(good)
    assert rates.rate("PIE", include_ict=False) == pytest.approx(0.7)
    assert rates.per_km == pytest.approx(-0.002)
    bad_rate = {**good, "rates": {"PIE": {"incl_ict": {"nl": 81}}}}
    with pytest.raises(FlowRatesError, match=r"share in \[0, 1\]"):
        FlowRates.from_mapping(bad_rate)
    with pytest.raises(FlowRatesError, match="unknown regions"):
        FlowRates.from_mapping({**good, "rates": {"PIE": {"incl_ict": {"be": 0.5}}}})
    with pytest.raises(FlowRatesError, match="missing key 'rates'"):
        FlowRates.from_mapping({"regions": ["nl"], "default_region": "nl"})
    with pytest.raises(FlowRatesError, match="default_region"):
        FlowRates.from_mapping({**good, "default_region": "be"})
    path = tmp_path / "rates.yaml"
    path.write_text("regions: [nl]\ndefault_region: nl\nrates: {ZW: {incl_ict: {nl: 0.1}}}\n")
    assert FlowRates.load(path).rate("ZW") == pytest.approx(0.1)
    with pytest.raises(MissingFileError):
        FlowRates.load(tmp_path / "missing.yaml")
