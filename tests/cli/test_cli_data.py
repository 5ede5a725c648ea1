"""The CLI on bad input and on the real data (issue acceptance criteria)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, SHARED_DATA, real_files, require_real_data
from typer.testing import CliRunner

from kansrijk.cli import app

runner = CliRunner()
DUO = FIXTURES / "duo"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def status_json(wh: Path) -> dict[str, object]:
    code, out = run("status", "--warehouse", str(wh), "--json")
    assert code == 0, out
    return json.loads(out)  # type: ignore[no-any-return]


def test_bad_input_exits_non_zero_and_changes_nothing(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    code, out = run("ingest", str(DUO / "enrollment-fictief-2019.csv"), "--warehouse", str(wh))
    assert code == 0, out
    before = status_json(wh)["datasets"]
    bad_dataset = tmp_path / "iets.csv"
    bad_dataset.write_text("kolom1;kolom2\n1;2\n", encoding="utf-8")
    cases = {
        str(DUO / "enrollment-truncated-2019.csv"): [
            "enrollment-truncated-2019.csv",
            "line 10",
            "expected 22",
        ],
        str(bad_dataset): ["iets.csv", "not a dataset Kansrijk can read", "duo_vo_enrollment"],
        str(DUO / "enrollment-unknown-profile-2019.csv"): ["line 3", "'Bakken en braden'"],
        str(tmp_path / "missing.csv"): ["no such file", "missing.csv", "nothing was loaded"],
    }
    for path, expected in cases.items():
        code, out = run("ingest", path, "--warehouse", str(wh))
        assert code != 0, path
        flat = " ".join(out.split())
        for e in expected:
            assert e in flat, (e, flat)
        assert status_json(wh)["datasets"] == before
    code, out = run(
        "ingest", str(DUO / "enrollment-truncated-2019.csv"), "--warehouse", str(wh), "--json"
    )
    env = json.loads(out)
    assert code == 2
    assert env["ok"] is False and env["status"] == 2
    assert env["errors"][0]["line"] == 10
    assert env["errors"][0]["file"].endswith("enrollment-truncated-2019.csv")


def test_unknown_region_and_indicator(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    run("ingest", str(DUO / "enrollment-fictief-2019.csv"), "--warehouse", str(wh))
    code, out = run("regions", "show", "XX99", "--warehouse", str(wh))
    assert code == 2 and "unknown region 'XX99'" in out
    code, out = run("indicator", "vmbo.ofer_share", "--warehouse", str(wh))
    assert code == 2 and "did you mean vmbo.offer_share" in " ".join(out.split())


@pytest.mark.realdata
def test_ingest_all_real_data_then_again(tmp_path: Path) -> None:
    require_real_data()
    wh = tmp_path / "real.duckdb"
    files = [str(p) for p in real_files()]
    code, out = run("ingest", *files, "--warehouse", str(wh), "--json")
    assert code == 0, out
    first = json.loads(out)
    # duo 5, duo-earlier 3, cbs 4, cbs-extra 2 (statline-samples is a folder), geo 3, and
    # the duo-po folder
    assert first["changed"] == len(files) == 18
    st = status_json(wh)
    datasets = st["datasets"]
    assert isinstance(datasets, list)
    names = {d["dataset"] for d in datasets}
    assert names == {
        "cbs_gebieden",
        "duo_vo_locations",
        "duo_vo_enrollment",
        "duo_vo_exam_candidates",
        "duo_vo_exam_results",
        "cbs_population_pc4_age",
        "cbs_kerncijfers_pc4",
        "cbs_pc4_gemeente",
        "cbs_gemeentegrenzen",
        "cbs_pc4_centroids",
        "cbs_woonplaatsen",
        "duo_po_pupils",
    }
    assert all(d["rows"] > 0 and len(d["sha256"]) == 64 for d in datasets)
    enrol = {d["year"]: d for d in datasets if d["dataset"] == "duo_vo_enrollment"}
    assert (enrol[2019]["locations"], enrol[2019]["pupils"]) == (574, 119243)
    assert (enrol[2016]["locations"], enrol[2016]["pupils"]) == (597, 132892)
    # 2019: the five locations missing from the 2019 snapshot are all in the 2020 one;
    # 2016: 33 locations in no snapshot, every one placed by its place name + province
    unmatched = st["unmatched_locations"]
    assert {u["year"] for u in unmatched} == {2016}
    assert len(unmatched) == 33 and {u["placed_by"] for u in unmatched} == {"place_name"}
    assert sum(u["pupils"] for u in unmatched) == 6437
    rijswijk = next(u for u in unmatched if u["loc_code"] == "02DZ06")
    assert (rijswijk["place"], rijswijk["gemeente_code"]) == ("RIJSWIJK ZH", "GM0603")
    # the acceptance check: both years, and Rotterdam 2019 includes 18CH10 (146 pupils)
    code, out = run(
        "indicator", "vmbo.no_tech_offer_share", "--region", "GM0599,MRDH,NL00",
        "--year", "2016,2019", "--json", "--warehouse", str(wh),
    )  # fmt: skip
    assert code == 0, out
    rows = {(r["region"], r["year"]): r for r in json.loads(out)["rows"] if r["kind"] == "computed"}
    assert set(rows) == {(r, y) for r in ("GM0599", "MRDH", "NL00") for y in (2016, 2019)}
    assert rows[("GM0599", 2019)]["denominator"] == 3875 + 146
    code, out = run("ingest", *files, "--warehouse", str(wh), "--json")
    assert code == 0
    assert json.loads(out)["changed"] == 0
    assert status_json(wh)["datasets"] == datasets
    code, out = run("regions", "show", "MRDH", "--warehouse", str(wh), "--json")
    mrdh = json.loads(out)
    assert len(mrdh["gemeenten"]) == 21
    voorne = next(g for g in mrdh["gemeenten"] if g["code"] == "GM1992")
    assert voorne["name"] == "Voorne aan Zee"
    assert [p["code"] for p in voorne["predecessors"]] == ["GM0501", "GM0530", "GM0614"]
    code, out = run("regions", "show", "RDAM-ZUID", "--warehouse", str(wh), "--json")
    zuid = json.loads(out)
    assert [g["code"] for g in zuid["gemeenten"]] == ["GM0599"] and len(zuid["pc4"]) == 18
    code, out = run("regions", "list", "--level", "provincie", "--warehouse", str(wh), "--json")
    assert len(json.loads(out)["regions"]) == 12
    assert SHARED_DATA.exists()


def test_a_year_without_data_exits_non_zero(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    run("ingest", str(DUO / "enrollment-fictief-2019.csv"), "--warehouse", str(wh))
    code, out = run("indicator", "vmbo.offer_share", "--year", "2030", "--warehouse", str(wh))
    assert code == 2
    assert "vmbo.offer_share: no data for NL00 in 2030" in " ".join(out.split())
    code, out = run(
        "indicator", "vmbo.offer_share", "--year", "2030", "--json", "--warehouse", str(wh)
    )
    assert code == 2 and json.loads(out)["errors"][0]["type"] == "NoDataError"
    # a year with data beside one without: the table, a note on the missing year, exit 0
    code, out = run("indicator", "vmbo.offer_share", "--year", "2019,2030", "--warehouse", str(wh))
    assert code == 0
    assert "no computed value for NL00 in 2030: data for 2030 not loaded" in out


def test_no_data_for_many_regions_names_ten_and_counts_the_rest(tmp_path: Path) -> None:
    """Asked for a year not loaded in many regions (``--level gemeente`` on real data asks
    hundreds), the message names ten and counts the others rather than listing every code."""
    wh = tmp_path / "w.duckdb"
    run("ingest", str(DUO / "enrollment-fictief-2019.csv"), "--warehouse", str(wh))
    codes = [f"WALK{i:02d}" for i in range(12)]
    regions = tmp_path / "regions.yaml"
    regions.write_text(
        "regions:\n"
        + "".join(
            f'  - code: {c}\n    name: Regio {c}\n    source: test\n    pc4: ["{3000 + i}"]\n'
            for i, c in enumerate(codes)
        ),
        encoding="utf-8",
    )
    code, out = run(
        "indicator", "vmbo.offer_share", "--region", ",".join(codes), "--year", "2030",
        "--regions", str(regions), "--warehouse", str(wh),
    )  # fmt: skip
    assert code == 2, out
    text = " ".join(out.split())
    assert f"no data for {', '.join(codes[:10])} and 2 more (12 regions) in 2030" in text
    assert "WALK10" not in text
