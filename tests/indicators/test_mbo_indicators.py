"""The mbo indicators on our DUO-format fixtures (expected values from the raw files with
Python's csv module) and on the fictional demo (every region and year, targets and gaps)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.demo.mbo import MBO_YEARS
from kansrijk.indicators import INDICATORS, compute
from kansrijk.indicators.trend import trend_of
from kansrijk.regions import GemeenteNames
from kansrijk.sources.arrow import to_arrow
from kansrijk.sources.duo_mbo_addresses import DuoMboAddressesReader
from kansrijk.sources.duo_mbo_diplomas import DuoMboDiplomasReader
from kansrijk.sources.duo_mbo_entrants import DuoMboEntrantsReader
from kansrijk.sources.duo_mbo_students import DuoMboStudentsReader
from kansrijk.sources.duo_mbo_students_home import DuoMboStudentsHomeReader
from kansrijk.sources.reader import ReadContext
from kansrijk.sources.result import DatasetInfo, ReadResult
from kansrijk.warehouse import Warehouse, region_catalog

DATA = Path(__file__).parent.parent / "data" / "duo_mbo"
STUDENTS = DATA / (
    "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-"
    "opleiding-niv.csv"
)
DIPLOMAS = DATA / "2020-2024-gediplomeerden.csv"
HOME = DATA / (
    "2021-2025-sectorkamer03-studenten-per-sectorkamer-leerweg-niveau-woongemeente-"
    "woonprovincie.csv"
)
ENTRANTS = DATA / (
    "2024-nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-"
    "soorten-inst.csv"
)
ADDRESSES = DATA / "instellingenmbo-2025.csv"
GEMEENTEN = {"GM0599": "Rotterdam", "GM0606": "Schiedam", "GM0518": "'s-Gravenhage"}
TECH_ICT = {
    "Techniek en gebouwde omgeving",
    "Mobiliteit, transport, logistiek en maritiem",
    "Creatieve industrie en ICT",
}
TECH = TECH_ICT - {"Creatieve industrie en ICT"}
MBO_IDS = [i.id for i in INDICATORS if i.id.startswith("mbo.")]


def raw(path: Path, encoding: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding)), delimiter=";"))


def n(value: str) -> int:
    return 0 if not value or value.startswith("<") else int(value)


def _regions() -> ReadResult:
    info = DatasetInfo("test_regions", "test", "test", "CC0 1.0", ("region", "region_member"))
    regions = [
        {
            "dataset": "test_regions",
            "year": 2024,
            "code": "NL00",
            "name": "Nederland",
            "level": "nl",
        }
    ]
    regions += [
        {"dataset": "test_regions", "year": 2024, "code": c, "name": nm, "level": "gemeente"}
        for c, nm in GEMEENTEN.items()
    ]
    members = [
        {"dataset": "test_regions", "year": 2024, "parent": "NL00", "child": c} for c in GEMEENTEN
    ]
    return ReadResult(
        info,
        Path("regions.csv"),
        "1" * 64,
        (2024,),
        {
            "region": to_arrow("region", regions),
            "region_member": to_arrow("region_member", members),
        },
    )


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    path = tmp_path_factory.mktemp("mbo") / "wh.duckdb"
    names = GemeenteNames(GEMEENTEN)
    with Warehouse(path) as w:
        w.load(
            [
                _regions(),
                DuoMboAddressesReader().read(ADDRESSES, ReadContext()),
                DuoMboStudentsReader().read(STUDENTS, ReadContext()),
                DuoMboDiplomasReader().read(DIPLOMAS, ReadContext()),
                DuoMboEntrantsReader().read(ENTRANTS, ReadContext()),
                DuoMboStudentsHomeReader().read(HOME, ReadContext(gemeente_names=names)),
            ]
        )
    with Warehouse(path, read_only=True) as w:
        yield w


def test_every_mbo_indicator_is_computed() -> None:
    assert MBO_IDS and all(i.computable for i in INDICATORS if i.id.startswith("mbo."))
    out = CliRunner().invoke(app, ["indicators", "list", "--json"])
    assert out.exit_code == 0, out.output
    listed = {d["id"]: d for d in json.loads(out.output)["indicators"]}
    assert all(listed[i]["computable"] for i in MBO_IDS)


def test_inflow_share_counts_entrants_at_their_institution(wh: Warehouse) -> None:
    cat = region_catalog(wh, [])
    # independent: crebo -> sectorkamer from the students' file, entrants new to mbo
    kamer = {r["ERKENDE OPLEIDING CODE"]: r["SECTORKAMER NAAM"] for r in raw(STUDENTS, "utf-8-sig")}
    rows = [r for r in raw(ENTRANTS, "utf-8") if r["INSTROOM MBO"] == "J"]
    rdam = [r for r in rows if r["INSTELLINGSCODE"] == "99AA"]
    for pset, kamers in (("techniek_ict", TECH_ICT), ("techniek", TECH)):
        res = compute(
            wh,
            cat,
            "mbo.tech_ict_inflow_share",
            ["GM0599", "GM0606", "NL00"],
            [2024],
            profile_set=pset,
        )
        num = sum(n(r["AANTAL"]) for r in rdam if kamer[r["BEROEPSOPLEIDING CODE"]] in kamers)
        den = sum(n(r["AANTAL"]) for r in rdam)
        assert res.value("GM0599", 2024) == pytest.approx(100 * num / den)
        schiedam = next(r for r in res.rows if r.region == "GM0606")
        assert schiedam.masked_cells == 1 and schiedam.denominator == 0 and schiedam.value is None
    # PTvT's standing target applies to every region, as that region's target, with a gap
    res = compute(wh, cat, "mbo.tech_ict_inflow_share", ["GM0599", "GM0606"], [2024])
    assert [(t.region, t.value) for t in res.targets] == [("GM0599", 40), ("GM0606", 40)]
    (series, _) = trend_of(res).series
    assert series.target is not None and series.target.gap == pytest.approx(
        40 - res.value("GM0599", 2024)  # type: ignore[operator]
    )


def test_students_home_and_bbl_share(wh: Warehouse) -> None:
    cat = region_catalog(wh, [])
    src = [r for r in raw(HOME, "latin-1") if r["WOONGEMEENTE"] == "Rotterdam"]
    res = compute(wh, cat, "mbo.tech_student_share", ["GM0599"], [2023, 2024])
    for year in (2023, 2024):
        col = f"JAAR_{year}"
        num = sum(n(r[col]) for r in src if r["SECTORKAMER NAAM"] in TECH_ICT)
        assert res.value("GM0599", year) == pytest.approx(100 * num / sum(n(r[col]) for r in src))
    assert {t.value for t in res.targets} == {40}
    bbl = compute(wh, cat, "mbo.bbl_share_in_tech", ["GM0599"], [2024])
    tech = [r for r in src if r["SECTORKAMER NAAM"] in TECH]
    expected = sum(n(r["JAAR_2024"]) for r in tech if r["LEERWEG"] == "BBL") / sum(
        n(r["JAAR_2024"]) for r in tech
    )
    assert bbl.value("GM0599", 2024) == pytest.approx(100 * expected)
    by_track = compute(wh, cat, "mbo.tech_student_share", ["GM0599"], [2024], by=["track"])
    assert {r.breakdown["track"] for r in by_track.rows} == {"bol", "bbl"}


def test_graduates_and_girls(wh: Warehouse) -> None:
    cat = region_catalog(wh, [])
    dip = [r for r in raw(DIPLOMAS, "cp1252") if r["INSTELLINGSCODE"] == "99AA"]
    res = compute(wh, cat, "mbo.nprz_tech_port_graduate_share", ["GM0599"], [2024])
    tot = [n(r["DIPMAN2024"]) + n(r["DIPVROUW2024"]) for r in dip]
    tech = [n(r["DIPMAN2024"]) + n(r["DIPVROUW2024"]) for r in dip if r["SECTORKAMER NAAM"] in TECH]
    assert res.value("GM0599", 2024) == pytest.approx(100 * sum(tech) / sum(tot))
    assert [t.value for t in res.targets] == [38]
    stu = [
        r
        for r in raw(STUDENTS, "utf-8-sig")
        if r["INSTELLINGSCODE"] == "99AA" and r["SECTORKAMER NAAM"] in TECH_ICT
    ]
    girls = compute(wh, cat, "mbo.girls_in_tech_share", ["GM0599"], [2024])
    f = sum(n(r["VROUW2024"]) for r in stu)
    assert girls.value("GM0599", 2024) == pytest.approx(
        100 * f / (f + sum(n(r["MAN2024"]) for r in stu))
    )
    assert girls.rows[0].masked_cells == 1


def test_field_share_adds_up_to_100(wh: Warehouse) -> None:
    res = compute(wh, region_catalog(wh, []), "mbo.field_share", ["GM0599"], [2024])
    assert sum(r.value or 0 for r in res.rows) == pytest.approx(100)
    assert {r.breakdown["profile"] for r in res.rows} == {"TGO", "MLT", "ICT", "ZWS", "HHV"}


# -- the demo -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Warehouse(path) as w:
        load_demo(w)
    with Warehouse(path, read_only=True) as w:
        yield w


def test_demo_every_mbo_indicator_every_region_and_year(demo: Warehouse) -> None:
    cat = region_catalog(demo, demo_custom_regions())
    regions = ["NL00", "PV99", "GM9901", "GM9902", "GM9903", "GM9904", "DEMO-ZUID"]
    for ind in MBO_IDS:
        res = compute(demo, cat, ind, regions, list(MBO_YEARS))
        assert not res.missing, (ind, res.missing)
        if ind in ("mbo.tech_ict_inflow_share", "mbo.nprz_tech_port_graduate_share"):
            assert sorted(t.region for t in res.targets) == sorted(regions), ind
            gaps = [s.target.gap for s in trend_of(res).series if s.target is not None]
            assert len(gaps) == len(regions) and all(g is not None for g in gaps), ind


def test_demo_figures_in_the_docs(demo: Warehouse) -> None:
    cat = region_catalog(demo, demo_custom_regions())
    doc = (Path(__file__).parents[2] / "docs" / "indicators.md").read_text("utf-8")
    inflow = compute(
        demo, cat, "mbo.tech_ict_inflow_share", ["NL00", "GM9901", "DEMO-ZUID"], [2024]
    )
    grads = compute(demo, cat, "mbo.nprz_tech_port_graduate_share", ["NL00"], [2024])
    girls = compute(demo, cat, "mbo.girls_in_tech_share", ["NL00"], [2024])
    bbl = compute(demo, cat, "mbo.bbl_share_in_tech", ["NL00"], [2024])
    for value in (
        inflow.value("NL00", 2024),
        inflow.value("GM9901", 2024),
        inflow.value("DEMO-ZUID", 2024),
        grads.value("NL00", 2024),
        girls.value("NL00", 2024),
        bbl.value("NL00", 2024),
    ):
        assert f"{value:.1f}%" in doc
    gap = trend_of(inflow).series[0].target.gap  # type: ignore[union-attr]
    assert f"gap {-gap:.1f} pp to 40%" in doc


def test_mbo_distance_on_the_demo_and_without_locations(demo: Warehouse, tmp_path: Path) -> None:
    cat = region_catalog(demo, demo_custom_regions())
    regions = ["NL00", "GM9901", "GM9903", "DEMO-ZUID"]
    res = compute(demo, cat, "access.distance_to_tech_mbo", regions, [2024])
    assert not res.missing
    doc = (Path(__file__).parents[2] / "docs" / "indicators.md").read_text("utf-8")
    for region in ("NL00", "GM9901", "GM9903"):
        mean = res.value(region, 2024, statistic="mean_km")
        assert mean is not None and f"{mean:.1f} km" in doc
    # Duinwijk has no technical mbo site: everyone there lives more than 5 km away
    assert res.value("GM9903", 2024, statistic="share_over_5km") == pytest.approx(100.0)
    with Warehouse(tmp_path / "empty.duckdb") as wh:
        empty = compute(wh, region_catalog(wh, []), "access.distance_to_tech_mbo", ["NL00"], [2024])
    assert not empty.rows
    assert any(n.startswith("no mbo locations loaded") for n in empty.notes)


def test_trend_shows_the_gap_on_the_demo(demo: Warehouse, tmp_path: Path) -> None:
    out = CliRunner().invoke(
        app,
        [
            "trend",
            "mbo.tech_ict_inflow_share",
            "--region",
            "GM9901",
            "--warehouse",
            str(demo.path),
            "--json",
        ],
    )
    assert out.exit_code == 0, out.output
    series = json.loads(out.output)["series"][0]
    assert series["target"]["value"] == 40
    assert series["target"]["gap"] == pytest.approx(40 - series["points"][-1]["value"])
