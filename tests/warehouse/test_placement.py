"""Placement of school locations per year: nearest locations snapshot, else place name."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import FIXTURES

from kansrijk.warehouse import Warehouse, ingest, unmatched_locations

DUO = FIXTURES / "duo"
CBS = FIXTURES / "cbs"


@pytest.fixture
def placed(tmp_path: Path) -> Warehouse:
    # a 2023 locations snapshot in which 99XA00 lies in Rotterdam instead of Brielle
    loc19 = (DUO / "locations-fictief-2019.csv").read_bytes()
    loc23 = tmp_path / "alle-vestigingen-vo-fictief-2023.csv"
    loc23.write_bytes(
        loc19.replace(b"99XA00;Fictief", b"99XA00;Fictief").replace(
            b"9901 AB;HAVENSTAD;0501;BRIELLE", b"9901 AB;HAVENSTAD;0599;ROTTERDAM"
        )
    )
    # the 2016 layout with the fictional province of the CBS fixture
    e16 = tmp_path / "leerlingen-vo-fictief-2016-2017.csv"
    e16.write_bytes(
        (DUO / "leerlingen-vo-per-vestiging-fictief-2016-2017.csv")
        .read_bytes()
        .replace(b"Zuid-Holland", b"Fictieland")
    )
    wh = Warehouse(tmp_path / "w.duckdb")
    wh.open()
    ingest(
        wh,
        [
            CBS / "gebieden-in-nederland-fictief-2024.csv",
            CBS / "woonplaatsen-gemeente-fictief-2024.csv",
            DUO / "locations-fictief-2019.csv",
            loc23,
            DUO / "enrollment-fictief-2019.csv",
            DUO / "enrollment-fictief-2023.csv",
            e16,
        ],
    )
    return wh


def test_each_year_uses_the_nearest_locations_snapshot(placed: Warehouse) -> None:
    got = placed.query(
        "SELECT year, gemeente_code, pc4, placed_by, source_year FROM location_place "
        "WHERE loc_code = '99XA00' ORDER BY year"
    )
    assert got == [
        (2019, "GM1992", "9901", "locations_file", 2019),  # Brielle -> Voorne aan Zee
        (2023, "GM0599", "9901", "locations_file", 2023),
    ]


def test_location_in_no_snapshot_placed_by_place_name_and_province(placed: Warehouse) -> None:
    got = placed.query(
        "SELECT year, loc_code, gemeente_code, pc4, placed_by, source_year, place, province "
        "FROM location_place WHERE loc_code LIKE '99XB%' ORDER BY year, loc_code"
    )
    assert got == [
        # OUDSTAD is one woonplaats; NIEUWDORP is two, the province picks Verzinstad
        (2016, "99XB00", "GM9901", None, "place_name", 2024, "OUDSTAD", "Fictieland"),
        (2016, "99XB07", "GM9902", None, "place_name", 2024, "NIEUWDORP", "Fictieland"),
        # in 2019 and 2023 the file says POLDERDAM, Zuid-Holland: no such woonplaats
        (2019, "99XB00", None, None, "unplaced", None, "POLDERDAM", "Zuid-Holland"),
        (2023, "99XB00", None, None, "unplaced", None, "POLDERDAM", "Zuid-Holland"),
    ]


def test_status_lists_placed_and_unplaced_locations_with_pupils(placed: Warehouse) -> None:
    got = [
        (u.year, u.loc_code, u.placed_by, u.gemeente_code, u.pupils)
        for u in unmatched_locations(placed)
    ]
    assert got == [
        (2016, "99XB00", "place_name", "GM9901", 39),
        (2016, "99XB07", "place_name", "GM9902", 43),
        (2019, "99XB00", "unplaced", None, 33),
        (2023, "99XB00", "unplaced", None, 26),  # and two masked cells
    ]


def test_exam_only_locations_placed_by_the_exam_files_gemeente_name(tmp_path: Path) -> None:
    exams = tmp_path / "examenkandidaten-fictief-2014-2016.csv"
    exams.write_bytes(
        (DUO / "examenkandidaten-fictief-2014-2016.csv")
        .read_bytes()
        .replace(b"FICTIEDAM", b"FICTIEFDORP")
    )
    with Warehouse(tmp_path / "e.duckdb") as wh:
        ingest(wh, [CBS / "gebieden-in-nederland-fictief-2024.csv", exams])
        got = wh.query(
            "SELECT DISTINCT loc_code, gemeente_code, placed_by FROM location_place ORDER BY 1"
        )
    assert got == [
        ("98YY00", None, "unplaced"),  # NERGENSVEEN is no gemeente
        ("99XX00", "GM9901", "gemeente_name"),
        ("99XX01", "GM9901", "gemeente_name"),
    ]
