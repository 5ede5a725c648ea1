"""DUO geslaagden, gezakten en cijfers -> vo_exam_result."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError, UnknownCodeError
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.duo_exam_results import DuoExamResultsReader, school_year_from_name
from kansrijk.sources.reader import ReadContext
from kansrijk.sources.registry import sniff

DATA = Path(__file__).resolve().parents[1] / "data" / "duo"
FIXTURE = DATA / "geslaagden-gezakten-en-cijfers-fictief-2018-2019.csv"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "duo"
REAL_RESULTS = REAL / "geslaagden-gezakten-en-cijfers-2018-2019.csv"
REAL_EXAMS = REAL / "examenkandidaten-en-geslaagden-2014-2019.csv"


def read(path: Path, year: int | None = None) -> tuple[pa.Table, tuple[int, ...], tuple[str, ...]]:
    result = DuoExamResultsReader().read(path, ReadContext(year=year))
    assert result.dataset.name == "duo_vo_exam_results"
    assert len(result.sha256) == 64
    table = result.tables["vo_exam_result"]
    assert table.schema == arrow_schema("vo_exam_result")
    return table, result.years, result.notes


def one(table: pa.Table, **where: object) -> dict[str, Any]:
    rows: list[dict[str, Any]] = [
        r for r in table.to_pylist() if all(r[k] == v for k, v in where.items())
    ]
    assert len(rows) == 1, rows
    return rows[0]


def variant(tmp_path: Path, old: str, new: str, name: str = "variant-2018-2019.csv") -> Path:
    text = FIXTURE.read_text(encoding="latin-1")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="latin-1")
    return path


def test_fixture_rows() -> None:
    table, years, notes = read(FIXTURE)
    assert years == (2018,)
    assert table.num_rows == 10
    assert set(table.column("year").to_pylist()) == {2018}
    havo = one(table, track="havo")
    assert havo["profile"] == "NT/NG"
    assert havo["loc_name"] == "Fictief Collège"
    assert havo["sector"] is None
    assert (havo["candidates"], havo["passed"], havo["failed"]) == (12, 11, 1)
    assert havo["mean_school_exam"] == pytest.approx(6.5)
    assert havo["mean_central_exam"] == pytest.approx(6.3)
    assert havo["mean_final"] == pytest.approx(6.6)
    assert havo["masked"] is False
    assert any(n.startswith("1 vmbo rows with a pre-2016 department") for n in notes)


@pytest.mark.parametrize(
    ("department", "track", "sector", "profile"),
    [
        ("PIE", "vmbo_bb", "techniek", "PIE"),
        ("MTE", "vmbo_kb", "techniek", "MAT"),  # not in vocab aliases: mapped locally
        ("G", "vmbo_gl", "landbouw", "GR"),  # idem
        ("ZWE", "vmbo_kb", "zorg_welzijn", "ZW"),
        ("DP", "vmbo_bb", "intersectoraal", "DP"),
        ("Metaaltechniek", "vmbo_bb", "techniek", None),  # pre-2016 department
        ("Cultuur en Maatschappij", "vwo", None, "CM"),
    ],
)
def test_fixture_classification(
    department: str, track: str, sector: str | None, profile: str | None
) -> None:
    table, _, _ = read(FIXTURE)
    row = one(table, department=department)
    assert (row["track"], row["sector"], row["profile"]) == (track, sector, profile)


def test_tl_rows_and_blank_means() -> None:
    table, _, _ = read(FIXTURE)
    tl = one(table, track="vmbo_tl", sector="economie")
    assert (tl["department"], tl["profile"]) == (None, None)
    blank = one(table, track="vmbo_tl", sector=None)
    assert blank["mean_school_exam"] is None
    assert blank["mean_final"] is None
    assert blank["candidates"] == 3


def test_masked_counts(tmp_path: Path) -> None:
    path = variant(tmp_path, "Metaaltechniek;2;2;0;", "Metaaltechniek;<5;<5;0;")
    table, _, notes = read(path)
    row = one(table, department="Metaaltechniek")
    assert (row["candidates"], row["passed"], row["failed"], row["masked"]) == (None, None, 0, True)
    assert any("1 rows with masked counts" in n for n in notes)


def test_year_from_name_context_or_error(tmp_path: Path) -> None:
    assert school_year_from_name(FIXTURE) == 2018
    assert school_year_from_name(Path("cijfers-2019.csv")) is None
    path = tmp_path / "cijfers.csv"
    path.write_bytes(FIXTURE.read_bytes())
    with pytest.raises(InputError, match="--year") as info:
        read(path)
    assert "cijfers.csv" in str(info.value)
    table, years, _ = read(path, year=2017)
    assert years == (2017,)
    assert set(table.column("year").to_pylist()) == {2017}
    _, years, notes = read(FIXTURE, year=2020)
    assert years == (2020,)
    assert any("overrides 2018" in n for n in notes)


def test_matches() -> None:
    reader = DuoExamResultsReader()
    assert reader.matches(sniff(FIXTURE))
    assert not reader.matches(sniff(DATA / "examenkandidaten-fictief-2014-2016.csv"))


def test_truncated(tmp_path: Path) -> None:
    raw = FIXTURE.read_bytes().rstrip(b"\n")
    path = tmp_path / "afgebroken-2018-2019.csv"
    path.write_bytes(raw[: raw.rindex(b"\n") + 30])
    with pytest.raises(TruncatedFileError) as info:
        read(path)
    assert "afgebroken-2018-2019.csv" in str(info.value)
    assert "line 11" in str(info.value)


def test_unknown_codes(tmp_path: Path) -> None:
    path = variant(tmp_path, ";Techniek;PIE;", ";Techniek;XYZ;")
    with pytest.raises(UnknownCodeError, match=r"'XYZ'.*PIE.*MTE") as info:
        read(path)
    assert "'AFDELING'" in str(info.value)
    assert "line 4" in str(info.value)
    path = variant(tmp_path, "VMBO;BL;Techniek;PIE", "VMBO;XL;Techniek;PIE")
    with pytest.raises(UnknownCodeError, match=r"leerweg 'XL'.*KL"):
        read(path)
    path = variant(tmp_path, "VMBO;BL;Techniek;PIE", "VAVO;BL;Techniek;PIE")
    with pytest.raises(UnknownCodeError, match="HAVO, VWO, VMBO") as info:
        read(path)
    assert "'ONDERWIJSTYPE VO'" in str(info.value)
    path = variant(tmp_path, ";Techniek;PIE;", ";Sterrenkunde;PIE;")
    with pytest.raises(UnknownCodeError, match="'VMBO SECTOR'"):
        read(path)
    path = variant(tmp_path, "Cultuur en Maatschappij", "Kunst en Cultuur")
    with pytest.raises(UnknownCodeError, match="'AFDELING'"):
        read(path)


def test_inconsistent_counts_and_grades(tmp_path: Path) -> None:
    path = variant(tmp_path, ";PIE;14;13;1;", ";PIE;14;13;2;")
    with pytest.raises(InputError, match=r"line 4.*'GEZAKTEN'.*passed \(13\) \+ failed \(2\)"):
        read(path)
    path = variant(tmp_path, ";PIE;14;13;1;6,2;", ";PIE;14;13;1;62;")
    with pytest.raises(InputError, match="between 1 and 10"):
        read(path)


def test_missing_column(tmp_path: Path) -> None:
    path = variant(tmp_path, ";AFDELING;", ";AFDELINGSNAAM;")
    with pytest.raises(MissingColumnError, match="'AFDELING'"):
        read(path)


# --- real files ------------------------------------------------------------------------


def _real(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        pytest.skip(f"real DUO file not available: {path}")
    with path.open(encoding="latin-1", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@pytest.mark.realdata
def test_real_totals_and_profiles() -> None:
    rows = _real(REAL_RESULTS)
    table, years, _ = read(REAL_RESULTS)
    assert years == (2018,)
    assert table.num_rows == len(rows)
    assert sum(table.column("candidates").to_pylist()) == sum(
        int(r["EXAMENKANDIDATEN"]) for r in rows
    )
    assert not any(table.column("masked").to_pylist())
    # every vmbo row whose AFDELING is a code has a profile; pre-2016 names have none
    code = re.compile(r"^[A-Z&]{1,4}$")
    vmbo = [r for r in rows if r["ONDERWIJSTYPE VO"] == "VMBO"]
    expected = Counter(r["AFDELING"] for r in vmbo if code.match(r["AFDELING"]))
    got = Counter(
        r["department"]
        for r in table.to_pylist()
        if r["track"].startswith("vmbo") and r["profile"] is not None
    )
    assert got == expected
    mte = {r["profile"] for r in table.to_pylist() if r["department"] == "MTE"}
    assert mte == {"MAT"}
    nt = sum(
        int(r["EXAMENKANDIDATEN"])
        for r in rows
        if r["ONDERWIJSTYPE VO"] == "HAVO" and r["AFDELING"] == "Natuur en Techniek"
    )
    got_nt = sum(
        r["candidates"] for r in table.to_pylist() if r["track"] == "havo" and r["profile"] == "NT"
    )
    assert got_nt == nt


@pytest.mark.realdata
def test_real_one_location() -> None:
    _real(REAL_RESULTS)
    table, _, _ = read(REAL_RESULTS)
    row = one(table, loc_code="00AH00", track="havo", profile="CM")
    assert (row["candidates"], row["passed"], row["failed"]) == (7, 6, 1)
    assert row["mean_school_exam"] == pytest.approx(6.4)
    assert row["mean_central_exam"] == pytest.approx(6.6)
    assert row["mean_final"] == pytest.approx(6.6)


@pytest.mark.realdata
def test_real_tl_candidates_agree_with_exam_candidates_file() -> None:
    """2018-2019 TL candidates: results file == candidates file (another DUO dataset)."""
    from kansrijk.sources.duo_exams import DuoExamCandidatesReader

    _real(REAL_RESULTS)
    _real(REAL_EXAMS)
    results, _, _ = read(REAL_RESULTS)
    exams = DuoExamCandidatesReader().read(REAL_EXAMS, ReadContext()).tables["vo_exam"]
    tl_results = sum(r["candidates"] for r in results.to_pylist() if r["track"] == "vmbo_tl")
    tl_exams = sum(
        r["candidates"]
        for r in exams.to_pylist()
        if r["track"] == "vmbo_tl" and r["year"] == 2018 and r["sex"] == "all"
    )
    assert tl_results == tl_exams
