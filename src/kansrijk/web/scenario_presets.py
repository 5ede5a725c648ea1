"""The preset scenarios the web app offers, and the scenario specs of the compare page.

With real data the presets are the packaged ones (``kansrijk.scenarios.PRESETS``), exactly
as ``kansrijk scenario run --preset NAME`` runs them. The fictional demo region has no
MRDH or Rotterdam Zuid, so on the demo each preset is run on its fictional counterpart:
its regions are mapped by ``DEMO_REGIONS`` (MRDH -> DEMO, RDAM-ZUID -> DEMO-ZUID,
Rotterdam -> Havenstad), report regions without a counterpart are left out and the name
says "(demo)". Everything else (interventions, horizon, parameters) is the preset's.

A compare spec is ``preset:NAME`` (or just ``NAME``) or ``built:<base64url>``
(``BuilderForm.encode``).
"""

from __future__ import annotations

from typing import Any

from kansrijk.errors import InputError, Message
from kansrijk.scenarios import PRESETS, Scenario, ScenarioError
from kansrijk.web.scenario_form import BUILT_PREFIX, PRESET_PREFIX, BuilderForm

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


def web_preset(name: str, *, demo: bool) -> Scenario:
    """A preset by name; on the demo its fictional counterpart.

    Raises:
        ScenarioError: unknown preset (the message lists the known ones).
    """
    scenario = Scenario.preset(name)
    return _to_demo(scenario) if demo else scenario


def web_presets(*, demo: bool) -> list[tuple[str, Scenario]]:
    """Every preset (name, scenario), on the demo their counterparts."""
    return [(name, web_preset(name, demo=demo)) for name in PRESETS]


def preset_name(spec: str) -> str | None:
    """The preset a spec names (``preset:NAME`` or a bare known name), else None."""
    text = spec.strip()
    if text.lower().startswith(PRESET_PREFIX):
        return text[len(PRESET_PREFIX) :].strip().lower()
    if text.lower() in PRESETS:
        return text.lower()
    return None


def check_spec(spec: str) -> str | BuilderForm:
    """A preset name or a decoded builder form.

    Raises:
        InputError: neither ``preset:NAME`` nor ``built:<base64url>``.
    """
    name = preset_name(spec)
    if name is not None:
        if name not in PRESETS:
            raise ScenarioError(
                Message(
                    "unknown preset {name!r}; expected one of {known}",
                    name=name,
                    known=", ".join(PRESETS),
                )
            )
        return name
    if spec.strip().startswith(BUILT_PREFIX):
        return BuilderForm.decode(spec.strip())
    raise InputError(
        Message(
            "expected 'preset:NAME' (one of {known}) or 'built:' with the "
            "base64url-encoded builder query; found {found!r}",
            known=", ".join(PRESETS),
            found=spec[:40],
        )
    )
