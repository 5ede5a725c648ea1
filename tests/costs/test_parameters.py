"""Loading, citing and overriding the cost parameters."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from kansrijk.costs import (
    CostParameter,
    CostParameters,
    ParameterFileError,
    ParameterValueError,
    PublishedFigures,
    UnknownParameterError,
    load_reports,
)
from kansrijk.costs.parameters import DEFAULT_FILE, MAX_QUOTE_WORDS, read_parameter_file
from kansrijk.errors import InputError, KansrijkError

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_eda57c969ea49dcc.txt"

#: The values exactly as the report prints them.
REPORT_VALUES: dict[str, float | None] = {
    "pupils_year3": 20,
    "pupils_year4": 20,
    "floor_area_mvi_pupils": 40,
    "base_area_techniek_m2": 299,
    "area_per_pupil_m2": 8.99,
    "floor_area_mvi_m2": 450,
    "building_allowance_per_m2": 2_700,
    "building_allowance_per_m2_bwi_pie_mt": 2_663.89,
    "building_allowance_per_m2_mvi": 2_716.45,
    "workshop_allowance": 95_618.99,
    "indexation_factor": 1.25,
    "renovation_share": 50,
    "furnishing_norm_bwi_pie_mt_2021": 423,
    "furnishing_norm_bwi_pie_mt": 505,
    "furnishing_norm_mvi_2021": 247,
    "furnishing_norm_mvi": 295,
    "staff_fte_per_profile": 1,
    "staff_cost_per_fte": 90_000,
    "lessons_per_pupil_per_week": 12,
    "contact_hours_per_fte": 25,
    "max_group_size": 12,
    "pupils_per_fte": 24,
    "funding_per_pupil": 10_059,
    "overhead_share": 20,
    "maintenance_per_year": None,
    "depreciation_years": 15,
}


@pytest.fixture(scope="module")
def params() -> CostParameters:
    return CostParameters.default()


@pytest.fixture
def raw() -> dict[str, Any]:
    data, _ = read_parameter_file()
    return data


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- packaged values -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value"), sorted(REPORT_VALUES.items()))
def test_values_as_in_report(name: str, value: float | None, params: CostParameters) -> None:
    assert params.get(name).value == value


def test_every_entry_is_cited(params: CostParameters) -> None:
    published = PublishedFigures.default()
    entries = [params.get(n) for n in params.names()]
    entries += [published.get(n) for n in published.names()]
    for entry in entries:
        assert entry.source.report == "oberon2024"
        assert entry.source.ref
        assert 0 < len(entry.source.quote.split()) <= MAX_QUOTE_WORDS
        assert entry.unit


def test_price_levels(params: CostParameters) -> None:
    assert params.building_allowance_per_m2.year == 2021
    assert params.workshop_allowance.year == 2021
    assert params.furnishing_norm_mvi_2021.year == 2021
    assert params.furnishing_norm_mvi.year == 2024
    assert params.indexation_factor.year == 2024
    assert params.funding_per_pupil.year == 2024


def test_reports_section() -> None:
    reports = load_reports()
    assert reports["oberon2024"].publisher == "Oberon"
    assert reports["oberon2024"].published == "2024-07"


def test_default_is_cached_and_frozen(params: CostParameters) -> None:
    assert CostParameters.default() is params
    with pytest.raises(ValidationError):
        params.indexation_factor = params.workshop_allowance
    with pytest.raises(ValidationError):
        params.indexation_factor.value = 2.0


def test_p_m_value_has_no_number(params: CostParameters) -> None:
    with pytest.raises(ParameterValueError, match=r"p\.m\."):
        _ = params.maintenance_per_year.number


@pytest.mark.realdata
def test_quotes_are_verbatim_in_report() -> None:
    if not SEED.exists():
        pytest.skip(f"seed report not found at {SEED}")
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    data, _ = read_parameter_file()
    for section in ("parameters", "published"):
        for name, entry in data[section].items():
            quote = " ".join(entry["source"]["quote"].split())
            assert quote in text, f"{section}.{name}: quote not in report: {quote!r}"


# --- override -----------------------------------------------------------------------------------


def test_override_returns_new_parameters(params: CostParameters) -> None:
    changed = params.override(indexation_factor=1.3, workshop_allowance=100_000)
    assert changed.indexation_factor.value == 1.3
    assert changed.workshop_allowance.value == 100_000
    assert params.indexation_factor.value == 1.25
    assert changed.indexation_factor.unit == "factor"
    assert changed.indexation_factor.source == params.indexation_factor.source
    assert changed.indexation_factor.note is not None
    assert "1.25" in changed.indexation_factor.note
    assert changed.pupils_year3 == params.pupils_year3


def test_override_with_whole_parameter(params: CostParameters) -> None:
    entry = CostParameter(
        value=3_100,
        unit="EUR per m2 BVO",
        source=params.building_allowance_per_m2.source,
        year=2025,
    )
    assert params.override(building_allowance_per_m2=entry).building_allowance_per_m2 == entry


def test_override_to_p_m(params: CostParameters) -> None:
    changed = params.override(maintenance_per_year=10_000).override(maintenance_per_year=None)
    assert changed.maintenance_per_year.value is None


def test_override_unknown_name_lists_known_names(params: CostParameters) -> None:
    with pytest.raises(UnknownParameterError) as info:
        params.override(indexation=1.3)
    error = info.value
    assert isinstance(error, KeyError)
    assert isinstance(error, KansrijkError)
    message = str(error)
    assert "'indexation'" in message
    for name in params.names():
        assert name in message
    assert not message.startswith('"')  # not KeyError's quoted repr


def test_get_unknown_name(params: CostParameters) -> None:
    with pytest.raises(KeyError, match="staff_cost_per_fte"):
        params.get("staff_cost")
    with pytest.raises(UnknownParameterError, match="published figure"):
        PublishedFigures.default().get("nope")


@pytest.mark.parametrize("value", ["1.3", -1, math.nan, math.inf, True])
def test_override_bad_value(value: Any, params: CostParameters) -> None:
    with pytest.raises(ParameterValueError, match="indexation_factor"):
        params.override(indexation_factor=value)


# --- loading files ---------------------------------------------------------------------


def test_load_from_yaml_roundtrip(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = _write(tmp_path, raw)
    assert CostParameters.from_yaml(path) == CostParameters.default()
    assert PublishedFigures.from_yaml(path) == PublishedFigures.default()


@pytest.mark.parametrize("field", ["value", "unit", "source", "year"])
def test_missing_field_is_a_clear_error(field: str, tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["parameters"]["indexation_factor"][field]
    path = _write(tmp_path, raw)
    with pytest.raises(ParameterFileError) as info:
        CostParameters.from_yaml(path)
    message = str(info.value)
    assert str(path) in message
    assert f"parameters.indexation_factor: field '{field}' missing" in message
    assert "value, unit, source" in message
    assert isinstance(info.value, InputError)
    assert isinstance(info.value, ValueError)


def test_missing_quote_is_a_clear_error(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["parameters"]["workshop_allowance"]["source"]["quote"]
    with pytest.raises(ParameterFileError, match=r"workshop_allowance: field 'source\.quote'"):
        CostParameters.from_yaml(_write(tmp_path, raw))


def test_missing_entry(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["parameters"]["depreciation_years"]
    with pytest.raises(ParameterFileError, match=r"parameters\.depreciation_years: entry missing"):
        CostParameters.from_yaml(_write(tmp_path, raw))


def test_unknown_entry_and_field(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["parameters"]["pile_foundation"] = dict(raw["parameters"]["workshop_allowance"])
    raw["parameters"]["workshop_allowance"]["currency"] = "EUR"
    with pytest.raises(ParameterFileError) as info:
        CostParameters.from_yaml(_write(tmp_path, raw))
    message = str(info.value)
    assert "parameters.pile_foundation: unknown entry" in message
    assert "parameters.workshop_allowance: unknown field 'currency'" in message


def test_wrong_type(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["parameters"]["indexation_factor"]["value"] = "een kwart"
    with pytest.raises(ParameterFileError, match=r"indexation_factor\.value.*'een kwart'"):
        CostParameters.from_yaml(_write(tmp_path, raw))


def test_quote_too_long(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["parameters"]["indexation_factor"]["source"]["quote"] = " ".join(["woord"] * 16)
    with pytest.raises(ParameterFileError, match="16 words"):
        CostParameters.from_yaml(_write(tmp_path, raw))


def test_unknown_report(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["parameters"]["indexation_factor"]["source"]["report"] = "oberon2023"
    with pytest.raises(ParameterFileError, match="'oberon2023' is not listed"):
        CostParameters.from_yaml(_write(tmp_path, raw))


def test_missing_section(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["published"]
    with pytest.raises(ParameterFileError, match="'published'"):
        PublishedFigures.from_yaml(_write(tmp_path, raw))


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="expected a mapping"):
        CostParameters.from_yaml(_write(tmp_path, [1, 2]))


def test_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("parameters:\n  a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ParameterFileError, match="not valid YAML") as info:
        CostParameters.from_yaml(path)
    assert info.value.line is not None


def test_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="file not found"):
        CostParameters.from_yaml(tmp_path / "missing.yaml")


def test_default_file_is_packaged() -> None:
    assert re.fullmatch(r"data/\w+\.yaml", DEFAULT_FILE)
    _, label = read_parameter_file()
    assert label.endswith("oberon2024.yaml")
