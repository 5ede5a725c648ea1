"""CBS postcodes per gemeente (names only) -> pc4_area with current codes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError, UnknownCodeError
from kansrijk.regions import GemeenteNames
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.cbs_pc4_gemeente import CbsPc4GemeenteReader
from kansrijk.sources.cbs_regions import CbsRegionsReader, gemeente_names
from kansrijk.sources.reader import ReadContext
from kansrijk.sources.registry import detect
from kansrijk.sources.result import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data" / "cbs"
FIXTURE = DATA / "postcodes-pc-gemeente-fictief-2021.csv"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cbs"
REAL_FILE = REAL / "postcodes-pc-gemeente-2021.csv"
REAL_GEBIEDEN = REAL / "gebieden-in-nederland-2024.csv"
NAMES = GemeenteNames(
    {
        "GM9901": "Fictiefdorp",
        "GM9902": "Verzinstad",
        "GM9903": "Nergenshuizen",
        "GM9904": "'t Droomveld",
    }
)


def read(path: Path, names: GemeenteNames | None = NAMES) -> ReadResult:
    result = CbsPc4GemeenteReader().read(path, ReadContext(gemeente_names=names))
    assert result.dataset.name == "cbs_pc4_gemeente"
    assert result.tables["pc4_area"].schema == arrow_schema("pc4_area")
    return result


def by_pc4(table: pa.Table) -> dict[str, dict[str, Any]]:
    return {r["pc4"]: r for r in table.to_pylist()}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "postcodes-pc-gemeente-2021.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_pc4_rows_with_codes() -> None:
    result = read(FIXTURE)
    assert result.years == (2021,)
    rows = by_pc4(result.tables["pc4_area"])
    assert sorted(rows) == ["9901", "9902", "9903", "9904", "9911", "9921", "9922"]
    assert rows["9902"] == {
        "dataset": "cbs_pc4_gemeente",
        "year": 2021,
        "pc4": "9902",
        "place": "Ergenshoek",
        "gemeente_code": "GM9901",
        "gemeente_name_source": "Fictiefdorp",
        "province": "Fictieland",
    }
    assert rows["9911"]["gemeente_code"] == "GM9902"  # 'verzinstad': case-insensitive
    assert rows["9921"]["gemeente_code"] == rows["9922"]["gemeente_code"] == "GM9904"
    assert "skipped 1 PC2 and 2 PC3 aggregate rows" in result.notes[0]


def test_rows_without_gemeente_kept_and_noted() -> None:
    result = read(FIXTURE)
    rows = by_pc4(result.tables["pc4_area"])
    assert rows["9903"]["gemeente_code"] is None
    assert rows["9903"]["province"] == "Fictieland"
    assert rows["9904"]["gemeente_code"] is None
    assert rows["9904"]["province"] is None
    assert any(
        "2 PC4 areas have no gemeente" in n and "1 of them with a provincie" in n
        for n in result.notes
    )


def test_former_gemeente_names_map_to_current_codes(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("Fictiefdorp,Fictieland", "Westvoorne,X")
    rows = by_pc4(read(write(tmp_path, text)).tables["pc4_area"])
    assert rows["9901"]["gemeente_code"] == "GM1992"
    assert rows["9901"]["gemeente_name_source"] == "Westvoorne"


def test_unknown_names_listed_with_first_line(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("Fictiefdorp,Fictieland", "Onbestaanddorp,Fictieland")
    text = text.replace("Droomveld,'t Droomveld", "Droomveld,Nooitgedacht")
    with pytest.raises(UnknownCodeError) as err:
        read(write(tmp_path, text))
    message = str(err.value)
    assert "'Onbestaanddorp' (line 5)" in message
    assert "'Nooitgedacht' (line 10)" in message
    assert err.value.line == 5
    assert isinstance(err.value, InputError)


def test_needs_gemeente_names() -> None:
    with pytest.raises(InputError, match="Gebieden in Nederland' must be ingested first"):
        read(FIXTURE, names=None)


def test_detect() -> None:
    assert detect(FIXTURE).info.name == "cbs_pc4_gemeente"


def test_missing_column(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace(",gemeente,", ",gemeentenaam,", 1)
    with pytest.raises(MissingColumnError, match="GEMEENTE"):
        read(write(tmp_path, text))


def test_truncated(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(TruncatedFileError) as err:
        read(write(tmp_path, text[: text.index("9922,") + 20]))
    assert err.value.line == 11


def test_bad_and_duplicate_postcodes(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="postcode") as err:
        read(write(tmp_path, text.replace("\n9902,", "\n99O2,")))
    assert err.value.line == 6
    with pytest.raises(InputError, match="twice"):
        read(write(tmp_path, text.replace("\n9902,", "\n9901,")))


@pytest.mark.realdata
def test_real_file_every_name_resolves() -> None:
    if not (REAL_FILE.exists() and REAL_GEBIEDEN.exists()):
        pytest.skip(f"real data not available at {REAL}")
    names = gemeente_names(CbsRegionsReader().read(REAL_GEBIEDEN, ReadContext()))
    with REAL_FILE.open(encoding="utf-8") as fh:
        raw = [r for r in csv.DictReader(fh) if len(r["postcode"]) == 4]
    result = read(REAL_FILE, names)
    rows = by_pc4(result.tables["pc4_area"])
    assert len(rows) == len(raw) == 4074
    without = [r["postcode"] for r in raw if not r["gemeente"]]
    assert len(without) == 21
    assert all(rows[pc]["gemeente_code"] is None for pc in without)
    assert sum(1 for r in rows.values() if r["gemeente_code"]) == len(raw) - len(without)
    assert len({r["gemeente_code"] for r in rows.values() if r["gemeente_code"]}) == 342
    for pc, r in rows.items():
        if r["gemeente_name_source"] in {"Brielle", "Hellevoetsluis", "Westvoorne"}:
            assert r["gemeente_code"] == "GM1992", pc
    rotterdam = next(r for r in raw if r["postcode"] == "3011")
    assert rotterdam["gemeente"] == "Rotterdam"
    assert rows["3011"]["gemeente_code"] == "GM0599"
    assert rows["2511"]["gemeente_code"] == "GM0518"  # 's-Gravenhage
