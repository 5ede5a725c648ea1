"""docs/scenarios.md covers every public name, intervention type, parameter and preset."""

from __future__ import annotations

from pathlib import Path

import pytest

import kansrijk.scenarios
from kansrijk.scenarios import INTERVENTION_TYPES, Parameters, preset_list

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_every_public_name_is_documented(doc: str) -> None:
    missing = [n for n in kansrijk.scenarios.__all__ if f"`{n}`" not in doc]
    assert not missing, f"not mentioned in {DOC}: {', '.join(missing)}"


def test_interventions_parameters_presets_and_commands(doc: str) -> None:
    for name in INTERVENTION_TYPES:
        assert f"| `{name}` |" in doc, name
    for name in Parameters.model_fields:
        assert f"| `{name}` |" in doc, name
    for name, scenario in preset_list():
        assert f"`{name}`" in doc
        assert scenario.name in doc
    for command in ("scenario run", "scenario compare", "scenario presets"):
        assert f"kansrijk {command}" in doc
    assert "indicative" in doc.lower()
