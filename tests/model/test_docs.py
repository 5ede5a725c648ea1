"""docs/model.md covers every public name and the packaged flow rates."""

from __future__ import annotations

from pathlib import Path

import pytest

import kansrijk.model
from kansrijk.model import FlowRates

DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_every_public_name_is_documented(doc: str) -> None:
    missing = [name for name in kansrijk.model.__all__ if f"`{name}`" not in doc]
    assert not missing, f"not mentioned in {DOC}: {', '.join(missing)}"


def test_flow_rate_table_matches_the_yaml(doc: str) -> None:
    rates = FlowRates.load()
    for code, entry in rates.rates.items():
        cells = [
            "–" if entry.incl_ict[r] is None else f"{entry.incl_ict[r]:.2f}" for r in rates.regions
        ]
        low, high = entry.bounds()
        row = f"| {code} | " + " | ".join([*cells, f"{low:.2f}", f"{high:.2f}"]) + " |"
        assert row in doc, row


def test_real_data_section_is_present(doc: str) -> None:
    assert "## Validation on real data" in doc
