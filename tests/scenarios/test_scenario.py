"""Scenario files: loading, presets, and clear errors for bad YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import (
    INTERVENTION_TYPES,
    PRESETS,
    AddProfile,
    AddProfileWhereMissing,
    Scenario,
    ScenarioError,
    preset_list,
    run,
)
from kansrijk.warehouse import Warehouse

GOOD = """\
name: Voorbeeld
description: PIE op De Werf, LOB in de hele regio
region: demo
baseline_year: 2024
horizon: {start: 2026, years: 3}
interventions:
  - type: add_profile
    location: ZZ0800
    profile: produceren, installeren en energie
  - type: guidance_uplift
    region: DEMO
    profile_set: [PIE, BWI]
    odds_ratio: 1.1
parameters:
  costs: {staff_cost_per_fte: 95000}
  leaver_share: 0.5
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_a_scenario_file(tmp_path: Path) -> None:
    s = Scenario.from_yaml(write(tmp_path, GOOD))
    assert s.name == "Voorbeeld"
    assert s.region == "DEMO"
    assert s.horizon is not None
    assert list(s.horizon.range) == [2026, 2027, 2028]
    first = s.interventions[0]
    assert isinstance(first, AddProfile)
    assert first.profile == "PIE"
    assert s.interventions[1].type == "guidance_uplift"
    assert s.parameters.costs == {"staff_cost_per_fte": 95000}
    assert s.lines == (7, 10)
    assert s.source is not None
    assert s.source.endswith("s.yaml")


BAD = {
    "unknown type": (
        GOOD.replace("type: guidance_uplift", "type: guidance"),
        [
            "interventions[1] (guidance)",
            "unknown intervention type 'guidance'",
            "add_profile",
            "line 10",
        ],
    ),
    "unknown profile": (
        GOOD.replace("produceren, installeren en energie", "XYZ"),
        ["interventions[0] (add_profile).profile", "XYZ", "line 7"],
    ),
    "unknown field": (
        GOOD.replace("    profile: produceren", "    colour: red\n    profile: produceren"),
        ["interventions[0] (add_profile): unknown field 'colour'", "expected some of", "location"],
    ),
    "missing field": (
        GOOD.replace("    location: ZZ0800\n", ""),
        ["interventions[0] (add_profile): field 'location' missing"],
    ),
    "no type": (
        GOOD.replace("  - type: add_profile\n    location", "  - location"),
        ["interventions[0]: no 'type'; expected one of"],
    ),
    "unknown top-level field": (
        GOOD.replace("region: demo", "regio: demo"),
        ["unknown field 'regio'", "field 'region' missing"],
    ),
    "from_year outside the horizon": (
        GOOD.replace("    odds_ratio: 1.1", "    odds_ratio: 1.1\n    from_year: 2040"),
        ["interventions[1] (guidance_uplift): from_year 2040 is outside the horizon 2026-2028"],
    ),
    "odds ratio range": (
        GOOD.replace("odds_ratio: 1.1", "odds_ratio: 1.1\n    high: 1.05"),
        ["interventions[1] (guidance_uplift)", "low <= odds_ratio <= high"],
    ),
    "unknown cost parameter": (
        GOOD.replace("staff_cost_per_fte", "staff_costs"),
        ["parameters.costs", "unknown cost parameters ['staff_costs']", "staff_cost_per_fte"],
    ),
    "unknown profile set": (
        GOOD.replace("profile_set: [PIE, BWI]", "profile_set: technology"),
        ["interventions[1] (guidance_uplift).profile_set", "'technology'", "techniek_ict"],
    ),
    "not YAML": ("name: [unclosed\n", ["not valid YAML", "line"]),
    "not a mapping": ("- just\n- a list\n", ["expected a mapping with name, region"]),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_yaml_errors_name_file_item_and_expectation(tmp_path: Path, case: str) -> None:
    text, fragments = BAD[case]
    path = write(tmp_path, text, "bad.yaml")
    with pytest.raises(ScenarioError) as info:
        Scenario.from_yaml(path)
    message = str(info.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert isinstance(info.value, ValueError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="scenario file not found"):
        Scenario.from_yaml(tmp_path / "nope.yaml")


def test_run_time_errors_name_the_item(
    tmp_path: Path, demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    bad_loc = Scenario.from_yaml(write(tmp_path, GOOD.replace("ZZ0800", "ZZ0899"), "loc.yaml"))
    with pytest.raises(ScenarioError) as info:
        run(bad_loc, demo_wh, demo_catalog)
    message = str(info.value)
    for fragment in (
        "loc.yaml",
        "line 7",
        "interventions[0] (add_profile)",
        "unknown location 'ZZ0899'",
        "region DEMO",
        "ZZ0800",
    ):
        assert fragment in message, message
    bad_region = Scenario.from_yaml(
        write(tmp_path, GOOD.replace("region: demo", "region: DEMOO"), "reg.yaml")
    )
    with pytest.raises(
        ScenarioError, match=r"reg\.yaml: region: unknown region 'DEMOO'.*did you mean DEMO"
    ):
        run(bad_region, demo_wh, demo_catalog)
    bad_iv_region = Scenario.from_yaml(
        write(tmp_path, GOOD.replace("    region: DEMO\n", "    region: MRDH\n"), "ivreg.yaml")
    )
    with pytest.raises(
        ScenarioError,
        match=r"line 10.*interventions\[1\] \(guidance_uplift\): region MRDH.*has no location",
    ):
        run(bad_iv_region, demo_wh, demo_catalog)
    switching = Scenario.from_yaml(write(tmp_path, GOOD + "  switch_rate: 0.05\n", "sw.yaml"))
    result = run(switching, demo_wh, demo_catalog)
    assert any("school switching (switch_rate 0.05)" in n for n in result.notes)
    with pytest.raises(ScenarioError, match="switch_rate"):
        Scenario.from_yaml(write(tmp_path, GOOD + "  switch_rate: 1.5\n", "sw2.yaml"))


def test_presets() -> None:
    presets = dict(preset_list())
    assert set(presets) == set(PRESETS)
    zuid = presets["rotterdam-zuid-techniek"]
    assert zuid.name == "Techniekprofiel op elke vmbo-locatie in Rotterdam Zuid"
    assert zuid.region == "RDAM-ZUID"
    (fill,) = zuid.interventions
    assert isinstance(fill, AddProfileWhereMissing)
    assert fill.profile == "best"
    assert set(fill.candidates) == {"BWI", "PIE", "MT"}
    assert set(fill.missing) == {"BWI", "PIE", "MT", "MAT"}
    mrdh = presets["mrdh-pie"]
    assert mrdh.name == "Elke MRDH-locatie zonder techniek krijgt PIE"
    (fill,) = mrdh.interventions
    assert isinstance(fill, AddProfileWhereMissing)
    assert fill.profile == "PIE"
    assert set(fill.missing) == {"BWI", "PIE", "MT", "MAT"}
    with pytest.raises(ScenarioError, match="unknown preset 'x'; expected one of"):
        Scenario.preset("x")


def test_every_intervention_type_has_a_yaml_name() -> None:
    for name, cls in INTERVENTION_TYPES.items():
        assert cls.model_fields["type"].default == name
