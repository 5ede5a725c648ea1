"""The fictional demo region: determinism, contract, content, and how it loads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kansrijk.cli.demo import demo_cmd
from kansrijk.demo import LICENCE, PUBLISHER, build_demo, demo_custom_regions, load_demo
from kansrijk.errors import WarehouseError
from kansrijk.sources.arrow import arrow_schema, to_arrow
from kansrijk.sources.canonical import TABLES
from kansrijk.sources.duo_vo_enrollment import EDUCATION_TYPES
from kansrijk.sources.result import DatasetInfo, ReadResult
from kansrijk.vocab import (
    HAVO_VWO_PROFILES,
    PROFILE_SETS,
    OldSector,
    Profile,
    ProfileSet,
    parse_havo_vwo_profile,
    parse_programme,
    parse_sector,
)
from kansrijk.warehouse import BOVENBOUW_FILTER, Warehouse, region_catalog

GEMEENTEN = ("GM9901", "GM9902", "GM9903", "GM9904")
# the demo places every location in its locations file: no woonplaatsen table needed
DATA_TABLES = [t for t in TABLES if t not in {"vo_exam_result", "area_figure", "woonplaats"}]


def _in(codes: frozenset[Profile]) -> str:
    return ", ".join(f"'{p.value}'" for p in sorted(codes))


#: Per year: (locations with vmbo BB/KB/GL pupils in leerjaar 3-4, of which without any
#: profile of the set). Fixed by the design in demo/spec.py, whatever the seed.
NO_TECH_SQL = f"""
    WITH offer AS (
        SELECT year, loc_code,
               bool_or(profile IN ({_in(PROFILE_SETS[ProfileSet.TECHNIEK_ICT])})) AS tech_ict,
               bool_or(profile IN ({_in(PROFILE_SETS[ProfileSet.TECHNIEK])})) AS tech
        FROM vo_enrollment
        WHERE {BOVENBOUW_FILTER} AND (count > 0 OR masked)
        GROUP BY year, loc_code
    )
    SELECT year, count(*), count(*) FILTER (WHERE NOT tech_ict),
           count(*) FILTER (WHERE NOT tech)
    FROM offer GROUP BY year ORDER BY year
"""
EXPECTED_NO_TECH = {
    2019: (25, 9, 12),
    2020: (25, 9, 12),
    2021: (25, 9, 12),
    2022: (25, 8, 11),
    2023: (25, 8, 11),
    2024: (25, 8, 11),
}


@pytest.fixture(scope="module")
def results() -> list[ReadResult]:
    return build_demo()


@pytest.fixture(scope="module")
def demo_wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    with Warehouse(path, read_only=True) as wh:
        yield wh


def _real_result(name: str = "test_real_regions") -> ReadResult:
    info = DatasetInfo(name, "test", "test publisher", "CC0 1.0", ("region",))
    row = {
        "dataset": name,
        "year": 2024,
        "code": "GM0599",
        "name": "Rotterdam",
        "level": "gemeente",
    }
    return ReadResult(
        info, Path("real.csv"), "0" * 64, (2024,), {"region": to_arrow("region", [row])}
    )


def _counts(wh: Warehouse) -> dict[str, int]:
    out = {t: wh.query(f'SELECT count(*) FROM "{t}"')[0][0] for t in TABLES}
    out["provenance"] = wh.query("SELECT count(*) FROM provenance")[0][0]
    return out


# -- the read results ---------------------------------------------------------------------


def test_two_builds_are_identical(results: list[ReadResult]) -> None:
    again = build_demo()
    assert [r.sha256 for r in again] == [r.sha256 for r in results]
    for a, b in zip(results, again, strict=True):
        assert a.tables.keys() == b.tables.keys()
        assert all(a.tables[t].equals(b.tables[t]) for t in a.tables)
    other = {r.dataset.name: r.sha256 for r in build_demo(seed=7)}
    assert other["demo_vo_enrollment"] != results[5].sha256
    assert other["demo_regions"] == results[0].sha256  # nothing random in regions


def test_results_are_fictional_and_labelled(results: list[ReadResult]) -> None:
    names = [r.dataset.name for r in results]
    assert names == [
        "demo_regions",
        "demo_geometry",
        "demo_pc4",
        "demo_population",
        "demo_locations",
        "demo_vo_enrollment",
        "demo_exams",
        "demo_mbo",
        "demo_mbo_students",
        "demo_po_pupils",
    ]
    for r in results:
        assert r.fictional
        assert r.dataset.publisher == PUBLISHER == "Kansrijk (fictief / fictional)"
        assert r.dataset.licence == LICENCE == "CC0 1.0"
        assert r.path == Path(f"demo://{r.dataset.name}")
        assert len(r.sha256) == 64
        assert set(r.tables) == set(r.dataset.tables)
        for table in r.tables.values():
            assert set(table.column("dataset").to_pylist()) == {r.dataset.name}
            assert set(table.column("year").to_pylist()) == set(r.years)


def test_every_table_has_the_canonical_schema(results: list[ReadResult]) -> None:
    seen = set()
    for r in results:
        for name, table in r.tables.items():
            assert table.schema.equals(arrow_schema(name)), name
            assert table.num_rows > 0
            seen.add(name)
    assert seen == set(DATA_TABLES)


# -- content, through DuckDB ----------------------------------------------------------------


def test_locations_lie_in_the_four_gemeenten(demo_wh: Warehouse) -> None:
    for table in ("location", "pc4_area", "mbo_location"):
        codes = {r[0] for r in demo_wh.query(f"SELECT DISTINCT gemeente_code FROM {table}")}
        # Duinwijk has no mbo location (its youngsters travel furthest)
        assert codes == set(GEMEENTEN) - ({"GM9903"} if table == "mbo_location" else set())
    # every school and mbo location sits in a demo PC4 area of its own gemeente
    for table in ("location", "mbo_location"):
        bad = demo_wh.query(
            f"SELECT t.pc4 FROM {table} t LEFT JOIN pc4_area p ON p.pc4 = t.pc4 "
            "WHERE p.gemeente_code IS DISTINCT FROM t.gemeente_code"
        )
        assert bad == [], table
    assert demo_wh.query("SELECT count(DISTINCT loc_code) FROM location") == [(28,)]
    assert demo_wh.query("SELECT min(pc4), max(pc4), count(*) FROM pc4_area") == [
        ("0101", "0140", 40)
    ]


def test_about_a_third_of_locations_offer_no_technical_profile(demo_wh: Warehouse) -> None:
    got = {y: (n, no_ict, no_tech) for y, n, no_ict, no_tech in demo_wh.query(NO_TECH_SQL)}
    assert got == EXPECTED_NO_TECH


def test_the_offer_does_not_depend_on_the_seed(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load_demo(wh, seed=7)
        got = {y: (n, a, b) for y, n, a, b in wh.query(NO_TECH_SQL)}
    assert got == EXPECTED_NO_TECH


def test_enrollment_covers_profiles_tracks_and_masking(demo_wh: Warehouse) -> None:
    q = demo_wh.query
    assert {
        r[0] for r in q(f"SELECT DISTINCT profile FROM vo_enrollment WHERE {BOVENBOUW_FILTER}")
    } == {p.value for p in Profile}
    assert {r[0] for r in q("SELECT DISTINCT education_type FROM vo_enrollment")} <= set(
        EDUCATION_TYPES
    )
    assert {r[0] for r in q("SELECT DISTINCT track FROM vo_enrollment")} == {
        "brug",
        "vmbo_bb",
        "vmbo_kb",
        "vmbo_gl",
        "vmbo_tl",
        "havo",
        "vwo",
        None,
    }
    assert {
        r[0] for r in q("SELECT DISTINCT sector FROM vo_enrollment WHERE track = 'vmbo_tl'")
    } == {"techniek", "zorg_welzijn", "economie", "landbouw"}
    hv = {r[0] for r in q("SELECT DISTINCT profile FROM vo_enrollment WHERE track = 'havo'")}
    assert set(HAVO_VWO_PROFILES) <= hv
    assert q("SELECT DISTINCT grade FROM vo_enrollment WHERE track = 'brug' ORDER BY 1") == [
        (1,),
        (2,),
    ]
    masked, bad_mask, small, zeros = q(
        "SELECT count(*) FILTER (WHERE masked), "
        "count(*) FILTER (WHERE masked AND count IS NOT NULL OR NOT masked AND count IS NULL), "
        "count(*) FILTER (WHERE count BETWEEN 1 AND 4), count(*) FILTER (WHERE count = 0) "
        "FROM vo_enrollment"
    )[0]
    assert 0 < masked < 200
    assert bad_mask == 0
    assert zeros == 0
    assert small > 100
    assert q("SELECT DISTINCT year FROM vo_enrollment WHERE masked") == [(2024,)]


def test_programme_names_parse_like_duo_names(demo_wh: Warehouse) -> None:
    for name, profile in demo_wh.query(
        f"SELECT DISTINCT programme_name, profile FROM vo_enrollment WHERE {BOVENBOUW_FILTER}"
    ):
        assert parse_programme(name).profile == Profile(profile)
    for programme, profile in demo_wh.query("SELECT DISTINCT programme, profile FROM vo_exam"):
        rest = programme.partition(" - ")[2]
        if programme.startswith("VMBO"):
            assert parse_sector(rest) == OldSector(profile)
        else:
            assert "/".join(parse_havo_vwo_profile(p) for p in rest.split("/")) == profile


def test_sex_ratios_are_realistic_per_profile(demo_wh: Warehouse) -> None:
    share = dict(
        demo_wh.query(
            "SELECT profile, sum(count) FILTER (WHERE sex = 'm') / sum(count) FROM vo_enrollment "
            f"WHERE {BOVENBOUW_FILTER} GROUP BY profile"
        )
    )
    assert share["PIE"] > 0.85
    assert share["BWI"] > 0.85
    assert share["MT"] > 0.85
    assert share["ZW"] < 0.25
    assert 0.35 < share["EO"] < 0.7
    pupils = demo_wh.query(
        f"SELECT year, sum(count) FROM vo_enrollment WHERE {BOVENBOUW_FILTER} GROUP BY 1"
    )
    assert all(3_500 < n < 6_000 for _, n in pupils)


def test_exam_series(demo_wh: Warehouse) -> None:
    q = demo_wh.query
    assert [r[0] for r in q("SELECT DISTINCT year FROM vo_exam ORDER BY 1")] == list(
        range(2014, 2024)
    )
    vmbo = {r[0] for r in q("SELECT DISTINCT profile FROM vo_exam WHERE track LIKE 'vmbo%'")}
    assert {"techniek", "zorg_welzijn", "economie", "landbouw"} <= vmbo
    assert vmbo <= {s.value for s in OldSector}
    hv = {r[0] for r in q("SELECT DISTINCT profile FROM vo_exam WHERE track IN ('havo','vwo')")}
    assert {"NT", "NG", "EM", "CM"} <= hv
    assert q("SELECT count(*) FROM vo_exam WHERE passed > candidates") == [(0,)]
    assert {r[0] for r in q("SELECT DISTINCT sex FROM vo_exam")} == {"m", "f", "all"}
    # the totals (sex 'all', which the indicators use) are m + f wherever nothing is masked
    assert q(
        "SELECT count(*) FROM vo_exam a JOIN (SELECT year, loc_code, programme, "
        "sum(candidates) AS c, sum(passed) AS p, bool_or(candidates_masked OR passed_masked) "
        "AS masked FROM vo_exam WHERE sex <> 'all' GROUP BY ALL) s "
        "USING (year, loc_code, programme) WHERE a.sex = 'all' AND NOT s.masked "
        "AND (a.candidates <> s.c OR a.passed <> s.p)"
    ) == [(0,)]
    assert q("SELECT min(year) FROM vo_exam WHERE candidates_masked OR passed_masked") == [(2019,)]
    assert q("SELECT count(*) FROM vo_exam WHERE candidates_masked <> (candidates IS NULL)") == [
        (0,)
    ]


def test_population_and_geography_are_consistent(demo_wh: Warehouse) -> None:
    q = demo_wh.query
    assert q(
        "SELECT count(*) FROM population a JOIN population m USING (year, area_code, age_band) "
        "JOIN population f USING (year, area_code, age_band) WHERE a.sex = 'all' AND "
        "m.sex = 'm' AND f.sex = 'f' AND a.count <> m.count + f.count"
    ) == [(0,)]
    assert q("SELECT DISTINCT age_band FROM population ORDER BY age_min") == [
        ("0-4",),
        ("5-9",),
        ("10-14",),
        ("15-19",),
        ("20-24",),
    ]
    assert q(
        "SELECT count(*) FROM (SELECT x.year, p.gemeente_code, age_band, sex, sum(count) AS n "
        "FROM population x JOIN pc4_area p ON p.pc4 = area_code WHERE area_level = 'pc4' "
        "GROUP BY ALL) s JOIN population g ON g.area_code = s.gemeente_code AND "
        "g.year = s.year AND g.age_band = s.age_band AND g.sex = s.sex AND g.count <> s.n"
    ) == [(0,)]
    geo = q("SELECT area_level, area_code, geojson FROM geometry")
    assert sorted({lvl for lvl, _, _ in geo}) == ["gemeente", "pc4"]
    boxes = {}
    for _, code, text in geo:
        shape = json.loads(text)
        assert shape["type"] == "Polygon"
        ring = shape["coordinates"][0]
        assert ring[0] == ring[-1]
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        boxes[code] = (min(lons), min(lats), max(lons), max(lats))
    for pc4, lon, lat, x, y, gm in q(
        "SELECT c.pc4, lon, lat, x_rd, y_rd, gemeente_code FROM pc4_centroid c "
        "JOIN pc4_area USING (pc4)"
    ):
        for code in (pc4, gm):
            lo0, la0, lo1, la1 = boxes[code]
            assert lo0 < lon < lo1
            assert la0 < lat < la1
        assert 0 < x < 60_000
        assert 450_000 < y < 520_000
    assert q(
        "SELECT count(*) FROM mbo_location m JOIN pc4_centroid c USING (pc4) "
        "WHERE m.x_rd = c.x_rd AND m.y_rd = c.y_rd"
    ) == [(4,)]
    kamers = [r[0] for r in q("SELECT sectorkamers FROM mbo_location ORDER BY mbo_code")]
    assert sum("TGO" in k or "MLT" in k for k in kamers) == 2
    assert sum("ICT" in k for k in kamers) == 1


def test_every_name_is_marked_fictional(demo_wh: Warehouse) -> None:
    columns = {
        "region": "name",
        "location": "name",
        "mbo_location": "name",
        "geometry": "name",
        "pc4_area": "place",
        "vo_enrollment": "loc_name",
        "vo_exam": "loc_name",
    }
    for table, col in columns.items():
        names = [r[0] for r in demo_wh.query(f"SELECT DISTINCT {col} FROM {table}")]
        assert names, table
        assert all("fictief" in n.lower() for n in names), (table, names)
    for region in demo_custom_regions():
        assert "fictief" in region.name.lower()
        assert "fictional" in region.name_en.lower()


def test_custom_regions_match_the_generated_region(demo_wh: Warehouse) -> None:
    regions = {r.code: r for r in demo_custom_regions()}
    assert set(regions) == {"DEMO", "DEMO-ZUID"}
    assert regions["DEMO"].gemeenten == GEMEENTEN
    havenstad = {
        r[0] for r in demo_wh.query("SELECT pc4 FROM pc4_area WHERE gemeente_code = 'GM9901'")
    }
    assert set(regions["DEMO-ZUID"].pc4) < havenstad
    catalog = region_catalog(demo_wh, list(regions.values()))
    assert catalog.get("DEMO-ZUID").gemeenten == ("GM9901",)
    assert catalog.get("PV99").gemeenten == GEMEENTEN
    assert catalog.get("GM9903").name == "Duinwijk (fictief)"


# -- loading -------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        first = load_demo(wh)
        before = _counts(wh)
        second = load_demo(wh)
        assert {o.status for o in first} == {"loaded"}
        assert {o.status for o in second} == {"unchanged"}
        assert _counts(wh) == before
        assert wh.has_fictional()
        assert not wh.has_real()


def test_demo_is_refused_in_a_warehouse_with_real_data(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load([_real_result()])
        before = _counts(wh)
        with pytest.raises(WarehouseError, match="holds real data"):
            load_demo(wh)
        assert _counts(wh) == before
        assert not wh.has_fictional()


def test_real_data_replaces_the_demo(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        load_demo(wh)
        wh.load([_real_result()])
        assert not wh.has_fictional()
        for table in TABLES:
            rows = wh.query(f"SELECT count(*) FROM \"{table}\" WHERE dataset LIKE 'demo_%'")
            assert rows == [(0,)], table
        assert wh.query("SELECT dataset FROM provenance") == [("test_real_regions",)]


def test_cli_demo_command(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("demo")(demo_cmd)

    @app.callback()
    def _root() -> None:
        """Test app."""

    runner = CliRunner()
    path = tmp_path / "w.duckdb"
    first = runner.invoke(app, ["demo", "--warehouse", str(path), "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["ok"]
    assert data["fictional"]
    assert data["changed"] == 10
    again = runner.invoke(app, ["demo", "--warehouse", str(path)])
    assert again.exit_code == 0
    assert "nothing changed" in again.output

    real = tmp_path / "real.duckdb"
    with Warehouse(real) as wh:
        wh.load([_real_result()])
    refused = runner.invoke(app, ["demo", "--warehouse", str(real), "--json"])
    assert refused.exit_code != 0
    envelope = json.loads(refused.output)
    assert not envelope["ok"]
    assert "holds real data" in envelope["error"]
    assert envelope["errors"][0]["type"] == "WarehouseError"
