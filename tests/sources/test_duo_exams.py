"""DUO examenkandidaten en geslaagden (both layouts) -> vo_exam."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError, UnknownCodeError
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.duo_exams import DuoExamCandidatesReader
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.registry import sniff

DATA = Path(__file__).resolve().parents[1] / "data" / "duo"
OLD = DATA / "examenkandidaten-fictief-2014-2016.csv"
NEW = DATA / "examenkandidaten-per-opleiding-fictief-2019-2021.csv"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "duo"
REAL_OLD = REAL / "examenkandidaten-en-geslaagden-2014-2019.csv"
REAL_NEW = REAL / "examenkandidaten-per-opleiding-2019-2024.csv"


def read_all(path: Path) -> pa.Table:
    """Every stored row, the TOTAAL rows (sex 'all') included."""
    result = DuoExamCandidatesReader().read(path, ReadContext())
    assert result.dataset.name == "duo_vo_exam_candidates"
    assert len(result.sha256) == 64
    table = result.tables["vo_exam"]
    assert table.schema == arrow_schema("vo_exam")
    return table


def read(path: Path) -> tuple[pa.Table, tuple[int, ...], tuple[str, ...]]:
    """The rows per sex (m, f, u), without the TOTAAL rows."""
    result = DuoExamCandidatesReader().read(path, ReadContext())
    table = read_all(path)
    per_sex = table.filter(pc.not_equal(table["sex"], "all"))
    return per_sex, result.years, result.notes


def test_totaal_rows_equal_file_totals() -> None:
    table = read_all(DATA / "examenkandidaten-fictief-2014-2016.csv")
    totals = [r for r in table.to_pylist() if r["sex"] == "all"]
    assert totals, "TOTAAL is stored as sex 'all'"
    per_sex = [r for r in table.to_pylist() if r["sex"] != "all"]
    for t in totals:
        parts = [
            r["candidates"]
            for r in per_sex
            if (r["loc_code"], r["programme"], r["year"])
            == (t["loc_code"], t["programme"], t["year"])
        ]
        assert sum(parts) == t["candidates"]


def find(table: pa.Table, **where: object) -> list[dict[str, Any]]:
    return [r for r in table.to_pylist() if all(r[k] == v for k, v in where.items())]


def one(table: pa.Table, **where: object) -> dict[str, Any]:
    rows = find(table, **where)
    assert len(rows) == 1, rows
    return rows[0]


# --- fixtures: old layout --------------------------------------------------------------


def test_old_layout_rows_and_years() -> None:
    table, years, _ = read(OLD)
    assert years == (2014, 2015)
    assert table.num_rows == 23  # zero cells (candidates 0 and passed 0) are not stored
    assert set(table.column("sex").to_pylist()) == {"m", "f", "u"}
    assert not any(table.column("candidates_masked").to_pylist())
    row = one(table, loc_code="99XX00", programme="HAVO - N&T", year=2015, sex="u")
    assert row["candidates"] == 1
    assert row["passed"] == 0
    assert row["loc_name"] == "Fictief Collège"  # latin-1 decoded
    assert row["gemeente_name_source"] == "FICTIEDAM"
    assert row["track"] == "havo"
    assert row["profile"] == "NT"
    assert find(table, programme="HAVO - N&T", year=2014, sex="u") == []


@pytest.mark.parametrize(
    ("programme", "track", "profile"),
    [
        ("HAVO - N&T / N&G", "havo", "NT/NG"),
        ("VWO - E&M / C&M", "vwo", "EM/CM"),
        ("VMBO B - techniek", "vmbo_bb", "techniek"),
        ("VMBO LWT - zorg & welzijn", "vmbo_bb", "zorg_welzijn"),
        ("VMBO T", "vmbo_tl", None),
        ("VMBO K - intersectoraal", "vmbo_kb", "intersectoraal"),
    ],
)
def test_old_layout_track_and_profile(programme: str, track: str, profile: str | None) -> None:
    table, _, _ = read(OLD)
    rows = find(table, programme=programme)
    assert rows
    assert {(r["track"], r["profile"]) for r in rows} == {(track, profile)}


def test_old_layout_counts_add_up_to_file_totals() -> None:
    table, _, _ = read(OLD)
    rows = find(table, loc_code="98YY00", year=2014)
    assert sum(r["candidates"] for r in rows) == 11  # TOTAAL in the file
    assert sum(r["passed"] for r in rows) == 10


def test_extra_unknown_column_is_ignored() -> None:
    header = OLD.read_text(encoding="latin-1").splitlines()[0]
    assert header.endswith(";OPMERKING")
    table, _, _ = read(OLD)
    assert "OPMERKING" not in table.column_names


# --- fixtures: new layout --------------------------------------------------------------


def test_new_layout_bom_quotes_masks() -> None:
    raw = NEW.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    table, years, notes = read(NEW)
    assert years == (2019, 2020)
    assert table.num_rows == 11
    assert set(table.column("sex").to_pylist()) == {"m", "f"}  # no ONBEKEND in this layout
    masked = one(table, loc_code="99XX00", programme="HAVO - N&G", year=2019, sex="f")
    assert masked["candidates"] is None
    assert masked["candidates_masked"] is True
    assert masked["passed"] is None
    assert masked["passed_masked"] is True
    half = one(table, programme="VMBO G - techniek", year=2020, sex="f")
    assert (half["candidates"], half["candidates_masked"]) == (6, False)
    assert (half["passed"], half["passed_masked"]) == (None, True)
    assert half["track"] == "vmbo_gl"
    assert half["profile"] == "techniek"
    masked_cells = sum(table.column("candidates_masked").to_pylist()) + sum(
        table.column("passed_masked").to_pylist()
    )
    assert masked_cells == 7
    assert one(table, loc_code="97ZZ02", year=2020, sex="m")["loc_name"] == "Schooltje Daltonië"
    assert find(table, loc_code="97ZZ02", year=2019) == []  # all zero
    # TOTAAL 16 = MAN 9 + VROUW 6 + 1 of unknown sex: accepted and reported
    assert any("TOTAAL exceeds MAN + VROUW in 1 " in n for n in notes)
    assert any(n.startswith("7 masked") for n in notes) or any(
        "masked count cells" in n for n in notes
    )


def test_matches_both_layouts_and_not_others() -> None:
    reader = DuoExamCandidatesReader()
    assert reader.matches(sniff(OLD))
    assert reader.matches(sniff(NEW))
    assert not reader.matches(sniff(DATA / "geslaagden-gezakten-en-cijfers-fictief-2018-2019.csv"))
    assert not reader.matches(Sniff(OLD, ".csv", ("EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - MAN",)))


# --- errors ----------------------------------------------------------------------------


def test_truncated_file() -> None:
    path = DATA / "examenkandidaten-fictief-afgebroken.csv"
    with pytest.raises(TruncatedFileError) as info:
        read(path)
    assert path.name in str(info.value)
    assert "line 8" in str(info.value)


def test_truncated_quoted_file(tmp_path: Path) -> None:
    raw = NEW.read_bytes().rstrip(b"\r\n")
    path = tmp_path / "afgebroken.csv"
    path.write_bytes(raw[: raw.rindex(b"\r\n") + 40])  # ends inside a quoted field
    with pytest.raises(TruncatedFileError) as info:
        read(path)
    assert "afgebroken.csv" in str(info.value)
    assert "line 5" in str(info.value)


def test_unknown_onderwijstype_lists_known_values() -> None:
    path = DATA / "examenkandidaten-fictief-onbekend-type.csv"
    with pytest.raises(UnknownCodeError) as info:
        read(path)
    message = str(info.value)
    assert path.name in message
    assert "line 8" in message
    assert "'ONDERWIJSTYPE VO'" in message
    assert "'VAVO'" in message
    assert "HAVO, VWO, VMBO" in message


def test_missing_column_is_named() -> None:
    with pytest.raises(MissingColumnError) as info:
        read(DATA / "examenkandidaten-fictief-zonder-opleiding.csv")
    assert "'OPLEIDINGSNAAM'" in str(info.value)


def _variant(tmp_path: Path, old: str, new: str, *, source: Path = OLD) -> Path:
    text = source.read_text(encoding="latin-1")
    assert old in text
    path = tmp_path / "variant.csv"
    path.write_text(text.replace(old, new, 1), encoding="latin-1")
    return path


def test_sexes_must_add_up_to_totaal(tmp_path: Path) -> None:
    # HAVO - N&T 2014-2015: 4 + 2 + 0 = 6 candidates; make TOTAAL 7
    path = _variant(tmp_path, ";0;0;,0%;6;5;83,3%;", ";0;0;,0%;7;5;83,3%;")
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert "line 2" in message
    assert "'EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - TOTAAL'" in message
    assert "MAN 4 + VROUW 2 + ONBEKEND 0" in message


def test_more_passed_than_candidates(tmp_path: Path) -> None:
    path = _variant(tmp_path, "HAVO - N&T;4;3;", "HAVO - N&T;4;5;")
    with pytest.raises(InputError, match="more passed"):
        read(path)


def test_unknown_vmbo_leerweg_and_sector(tmp_path: Path) -> None:
    path = _variant(tmp_path, "VMBO B - techniek", "VMBO X - techniek")
    with pytest.raises(UnknownCodeError, match=r"leerweg 'X'.*LWT"):
        read(path)
    path = _variant(tmp_path, "VMBO B - techniek", "VMBO B - sterrenkunde")
    with pytest.raises(UnknownCodeError, match=r"'sterrenkunde'.*zorg en welzijn"):
        read(path)


def test_other_leerweg_spellings_and_new_profile_names(tmp_path: Path) -> None:
    text = OLD.read_text(encoding="latin-1")
    text = text.replace("VMBO B - techniek", "VMBO GL - Produceren, installeren en energie")
    text = text.replace("VMBO T;", "VMBO GT;").replace(
        "VMBO K - intersectoraal", "VMBO TL - economie"
    )
    path = tmp_path / "varianten.csv"
    path.write_text(text, encoding="latin-1")
    table, _, _ = read(path)
    assert {r["profile"] for r in find(table, track="vmbo_gl")} == {"PIE"}
    assert {r["profile"] for r in find(table, track="vmbo_tl")} == {None, "economie"}


def test_renamed_key_columns_and_two_digit_vestiging(tmp_path: Path) -> None:
    text = OLD.read_text(encoding="latin-1").replace(
        "BRIN NUMMER;VESTIGINGSNUMMER", "INSTELLINGSCODE;VESTIGINGSCODE"
    )
    text = re.sub(r"^(\w{4});\1(\d\d);", r"\1;\2;", text, flags=re.MULTILINE)
    path = tmp_path / "hernoemd.csv"
    path.write_text(text, encoding="latin-1")
    table, _, _ = read(path)
    assert set(table.column("loc_code").to_pylist()) == {"99XX00", "99XX01", "98YY00"}


def test_malformed_count_column(tmp_path: Path) -> None:
    path = _variant(
        tmp_path, "EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - MAN", "EXAMENKANDIDATEN 2014 - MAN"
    )
    with pytest.raises(InputError, match="unexpected count column"):
        read(path)


# --- real files ------------------------------------------------------------------------


def _real(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        pytest.skip(f"real DUO file not available: {path}")
    enc = "utf-8-sig" if "2019-2024" in path.name else "latin-1"
    with path.open(encoding=enc, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@pytest.mark.realdata
def test_real_old_file_havo_nt_total_2014() -> None:
    rows = _real(REAL_OLD)
    col = "EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - "
    selected = [r for r in rows if r["OPLEIDINGSNAAM"] == "HAVO - N&T"]
    expected = sum(int(r[col + s]) for r in selected for s in ("MAN", "VROUW", "ONBEKEND"))
    assert expected == sum(int(r[col + "TOTAAL"]) for r in selected)
    table, years, notes = read(REAL_OLD)
    assert years == (2014, 2015, 2016, 2017, 2018)
    assert notes == ()
    got = find(table, track="havo", profile="NT", year=2014)
    assert sum(r["candidates"] for r in got) == expected
    assert not any(table.column("candidates_masked").to_pylist())


@pytest.mark.realdata
def test_real_old_file_row_count_and_programmes() -> None:
    rows = _real(REAL_OLD)
    cells = [k for k in rows[0] if k.startswith("EXAMENKANDIDATEN") and not k.endswith("TOTAAL")]
    expected = sum(
        1
        for r in rows
        for c in cells
        if r[c] != "0" or r[c.replace("EXAMENKANDIDATEN", "GESLAAGDEN")] != "0"
    )
    table, _, _ = read(REAL_OLD)
    assert table.num_rows == expected
    assert set(table.column("programme").to_pylist()) == {r["OPLEIDINGSNAAM"] for r in rows}
    lwt = find(table, programme="VMBO LWT - zorg & welzijn")
    assert {(r["track"], r["profile"]) for r in lwt} == {("vmbo_bb", "zorg_welzijn")}


@pytest.mark.realdata
def test_real_old_file_one_location() -> None:
    if not REAL_OLD.exists():
        pytest.skip(f"real DUO file not available: {REAL_OLD}")
    table, _, _ = read(REAL_OLD)
    # 00AH00, HAVO - N&T, 2014-2015: MAN 4 candidates 4 passed, VROUW 2 and 2, ONBEKEND 0
    m = one(table, loc_code="00AH00", programme="HAVO - N&T", year=2014, sex="m")
    f = one(table, loc_code="00AH00", programme="HAVO - N&T", year=2014, sex="f")
    assert (m["candidates"], m["passed"], f["candidates"], f["passed"]) == (4, 4, 2, 2)
    assert m["gemeente_name_source"] == "ENSCHEDE"
    assert find(table, loc_code="00AH00", programme="HAVO - N&T", year=2014, sex="u") == []


@pytest.mark.realdata
def test_real_new_file_masks_2019() -> None:
    rows = _real(REAL_NEW)
    cols = [
        f"{kind} SCHOOLJAAR 2019-2020 - {sex}"
        for kind in ("EXAMENKANDIDATEN", "GESLAAGDEN")
        for sex in ("MAN", "VROUW")
    ]
    expected_masked = sum(1 for r in rows for c in cols if r[c] == "<5")
    cand = "EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - MAN"
    expected_men = sum(int(r[cand]) for r in rows if r[cand] != "<5")
    table, years, notes = read(REAL_NEW)
    assert years == (2019, 2020, 2021, 2022, 2023)
    y2019 = find(table, year=2019)
    got = sum(r["candidates_masked"] + r["passed_masked"] for r in y2019)
    assert got == expected_masked
    assert sum(r["candidates"] or 0 for r in y2019 if r["sex"] == "m") == expected_men
    assert any("TOTAAL exceeds MAN + VROUW" in n for n in notes)


@pytest.mark.realdata
def test_real_new_file_one_location_and_unknown_sex() -> None:
    rows = _real(REAL_NEW)
    diff = 0
    for r in rows:
        for y in (2019, 2020, 2021, 2022, 2023):
            col = f"EXAMENKANDIDATEN SCHOOLJAAR {y}-{y + 1} - "
            parts = [r[col + s] for s in ("MAN", "VROUW", "TOTAAL")]
            if "<5" not in parts:
                diff += int(parts[2]) - int(parts[0]) - int(parts[1])
    table, _, notes = read(REAL_NEW)
    assert any(f"({diff} candidates in all)" in n for n in notes)
    # 00AH00, HAVO - N&G, 2019-2020: MAN 11/11, VROUW 19/19
    m = one(table, loc_code="00AH00", programme="HAVO - N&G", year=2019, sex="m")
    f = one(table, loc_code="00AH00", programme="HAVO - N&G", year=2019, sex="f")
    assert (m["candidates"], m["passed"], f["candidates"], f["passed"]) == (11, 11, 19, 19)
    assert m["profile"] == "NG"
    tracks = Counter(table.column("track").to_pylist())
    assert set(tracks) == {"havo", "vwo", "vmbo_bb", "vmbo_kb", "vmbo_gl", "vmbo_tl"}
