"""The packaged presets as the fictional demo region can run them.

With real data a preset is the packaged one (``scenario.PRESETS``), exactly as ``kansrijk
scenario run --preset NAME`` runs it. The demo has no MRDH or Rotterdam Zuid, so there each
preset is run on its fictional counterpart: its regions are mapped by ``DEMO_REGIONS``
(MRDH -> DEMO, RDAM-ZUID -> DEMO-ZUID, Rotterdam -> Havenstad), report regions without a
counterpart are left out and the name says "(demo)". Everything else (interventions,
horizon, parameters) is the preset's.
"""

from __future__ import annotations

from typing import Any

from kansrijk.scenarios.scenario import PRESETS, Scenario

__all__ = ["DEMO_REGIONS", "DEMO_SUFFIX", "preset", "presets"]

#: Real region -> its counterpart in the fictional demo region.
DEMO_REGIONS: dict[str, str] = {"MRDH": "DEMO", "RDAM-ZUID": "DEMO-ZUID", "GM0599": "GM9901"}
DEMO_SUFFIX = " (demo)"


def _to_demo(scenario: Scenario) -> Scenario:
    doc: dict[str, Any] = scenario.model_dump(mode="json", exclude_none=True)
    doc["name"] = scenario.name + DEMO_SUFFIX
    doc["region"] = DEMO_REGIONS.get(scenario.region, scenario.region)
    doc["report_regions"] = [DEMO_REGIONS[r] for r in scenario.report_regions if r in DEMO_REGIONS]
    for iv in doc.get("interventions", []):
        if "region" in iv:
            iv["region"] = DEMO_REGIONS.get(iv["region"], iv["region"])
    return Scenario.model_validate({**doc, "source": scenario.source})


def preset(name: str, *, demo: bool) -> Scenario:
    """A preset by name; on the demo its fictional counterpart.

    Raises:
        ScenarioError: unknown preset (the message lists the known ones).
    """
    scenario = Scenario.preset(name)
    return _to_demo(scenario) if demo else scenario


def presets(*, demo: bool) -> list[tuple[str, Scenario]]:
    """Every preset (name, scenario), on the demo their counterparts."""
    return [(name, preset(name, demo=demo)) for name in PRESETS]
