"""docs/costs.md covers every parameter, published figure and public name."""

from __future__ import annotations

from pathlib import Path

import pytest

import kansrijk.costs
from kansrijk.costs.parameters import read_parameter_file

DOC = Path(__file__).resolve().parents[2] / "docs" / "costs.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_every_yaml_entry_is_documented(doc: str) -> None:
    data, _ = read_parameter_file()
    missing = [
        f"{section}.{name}"
        for section in ("parameters", "published")
        for name in data[section]
        if f"`{name}`" not in doc
    ]
    assert not missing, f"not mentioned in {DOC}: {', '.join(missing)}"


def test_every_public_name_is_documented(doc: str) -> None:
    missing = [name for name in kansrijk.costs.__all__ if f"`{name}`" not in doc]
    assert not missing, f"not mentioned in {DOC}: {', '.join(missing)}"


def test_table1_figures_are_documented(doc: str) -> None:
    for figure in ("2,683,000", "1,773,000", "90,000", "2,680,323.74", "1,771,023.74", "11.18"):
        assert figure in doc
