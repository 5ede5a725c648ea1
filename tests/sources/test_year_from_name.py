"""The dataset-year taken from a publisher's file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.sources.textfile import year_from_name


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv", 2019),
        ("01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv", 2016),
        ("07.-geslaagden,-gezakten-en-cijfers-2015-2016.csv", 2015),
        ("examenkandidaten-en-geslaagden-2014-2019.csv", 2019),
        ("examenkandidaten-per-opleiding-2019-2024.csv", 2024),
        ("02.-alle-vestigingen-vo-2020.csv", 2020),
        ("pc4_2023_v2.xlsx", 2023),
        ("kerncijfers-pc4-2024.xlsx", 2024),
        ("leerlingen-2016-2017 (1).csv", 2016),
        ("alle-vestigingen-vo.csv", None),
        ("export-120190.csv", None),
    ],
)
def test_year_from_name(name: str, year: int | None) -> None:
    assert year_from_name(Path(name)) == year
