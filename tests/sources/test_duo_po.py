"""The reader of DUO's primary-school pupils by home PC4 and age (folder, zip, one file)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, SHARED_DATA, require_real_data

from kansrijk.errors import InputError
from kansrijk.sources import ReadContext, detect
from kansrijk.sources.duo_po import DuoPoPupilsReader
from kansrijk.warehouse import Warehouse, ingest

FOLDER = FIXTURES / "duo-po" / "leerlingen-po-fictief-2024"
REAL = SHARED_DATA / "duo-po" / "03.-leerlingen-po-per-gemeente-postcode-leerling-leeftijd-2024"


def _totals(rows: list[dict[str, object]]) -> tuple[int, int]:
    return (
        sum(int(r["count"] or 0) for r in rows),  # type: ignore[call-overload]
        sum(1 for r in rows if r["masked"]),
    )


def test_folder_skips_the_empty_file_with_a_note() -> None:
    res = DuoPoPupilsReader().read(FOLDER, ReadContext())
    rows = res.tables["po_pupils"].to_pylist()
    assert res.years == (2024,)
    assert _totals(rows) == (88, 5)
    assert any("Ridderkerk afgeschermd.csv: empty file skipped" in n for n in res.notes)
    brug = [r for r in rows if r["school_code"] == "99ZA00"]
    assert {r["gemeente_code"] for r in brug} == {"GM0599"}
    assert brug[0]["school_postcode"] == "3083AB"
    assert brug[0]["school_pc4"] == "3083"
    assert sum(r["count"] or 0 for r in brug if r["pupil_pc4"] == "3083") == 38
    # the gemeente comes from the rows, not from the garbled file name
    fries = [r for r in rows if r["school_code"] == "99ZC00"]
    assert fries[0]["gemeente_name_source"] == "Súdwest-Fryslân"
    assert fries[0]["gemeente_code"] == "GM1900"
    ages = {r["age"] for r in rows}
    assert "<4" in ages and "4" in ages


def test_zip_gives_the_same_rows_as_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "03.-leerlingen-po-fictief-2024.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(FOLDER.iterdir()):
            zf.write(f, f.name)
    folder = DuoPoPupilsReader().read(FOLDER, ReadContext()).tables["po_pupils"]
    zipped = DuoPoPupilsReader().read(archive, ReadContext()).tables["po_pupils"]
    assert zipped.num_rows == folder.num_rows
    assert _totals(zipped.to_pylist()) == (88, 5)
    assert detect(archive).info.name == "duo_po_pupils"
    assert detect(FOLDER).info.name == "duo_po_pupils"


def test_one_file_notes_that_it_replaces_the_year() -> None:
    res = DuoPoPupilsReader().read(FOLDER / "Rotterdam afgeschermd.csv", ReadContext())
    assert _totals(res.tables["po_pupils"].to_pylist()) == (62, 4)
    assert "replaces every earlier load of 2024" in res.notes[-1]


def test_empty_single_file_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"Ridderkerk afgeschermd.csv, line 1: the file is empty"):
        DuoPoPupilsReader().read(FOLDER / "Ridderkerk afgeschermd.csv", ReadContext())


def test_bad_count_names_line_and_column(tmp_path: Path) -> None:
    src = (FOLDER / "Rotterdam afgeschermd.csv").read_text(encoding="utf-8-sig")
    bad = tmp_path / "Rotterdam afgeschermd.csv"
    bad.write_text(src.replace('"12"', '"twaalf"', 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 'LEEFTIJD_4': expected a count"):
        DuoPoPupilsReader().read(bad, ReadContext())


def test_bad_zip_and_empty_folder(tmp_path: Path) -> None:
    fake = tmp_path / "po.zip"
    fake.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="expected a zip archive"):
        DuoPoPupilsReader().read(fake, ReadContext())
    empty = tmp_path / "leeg"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match=r"no \.csv files in this folder"):
        DuoPoPupilsReader().read(empty, ReadContext())


def test_ingest_folder_loads_and_reloading_is_a_no_op(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        first = ingest(wh, [FOLDER])
        again = ingest(wh, [FOLDER])
        n = wh.query("SELECT sum(count), count(*) FILTER (WHERE masked) FROM po_pupils")[0]
    assert [o.status for o in first] == ["loaded"]
    assert [o.status for o in again] == ["unchanged"]
    assert tuple(n) == (88, 5)


@pytest.mark.realdata
def test_real_folder_totals_match_an_independent_count() -> None:
    require_real_data()
    if not REAL.exists():
        pytest.skip(f"{REAL} not found")
    expected = 0
    masked = 0
    for f in sorted(REAL.glob("*.csv")):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                for k, v in row.items():
                    if k.startswith("LEEFTIJD_"):
                        if v == "<5":
                            masked += 1
                        else:
                            expected += int(v)
    res = DuoPoPupilsReader().read(REAL, ReadContext())
    rows = res.tables["po_pupils"]
    assert _totals(rows.to_pylist()) == (expected, masked)
    assert res.years == (2024,)
    assert any("Ridderkerk afgeschermd.csv: empty file skipped" in n for n in res.notes)
    gm = set(rows["gemeente_code"].to_pylist())
    assert len(gm) == 341 and "GM0597" not in gm  # 342 gemeenten less Ridderkerk (empty)
