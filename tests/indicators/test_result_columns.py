"""The column-wise result: its rows, records, breaks and values agree with each other and with
plain per-row Python over the same cells; only the years asked are computed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.conftest import FIXTURES

from kansrijk.indicators import compute
from kansrijk.indicators.breaks import breaks_at
from kansrijk.warehouse import Warehouse, ingest, region_catalog


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """Enrollment 2016 (old afdelingen) and 2019 (profiles): a break between them."""
    tmp = tmp_path_factory.mktemp("result")
    e16 = tmp / "leerlingen-vo-fictief-2016-2017.csv"
    e16.write_bytes(
        (FIXTURES / "duo" / "leerlingen-vo-per-vestiging-fictief-2016-2017.csv")
        .read_bytes()
        .replace(b"Zuid-Holland", b"Fictieland")
    )
    with Warehouse(tmp / "w.duckdb") as w:
        ingest(
            w,
            [
                FIXTURES / "cbs" / "gebieden-in-nederland-fictief-2024.csv",
                FIXTURES / "cbs" / "woonplaatsen-gemeente-fictief-2024.csv",
                e16,
                FIXTURES / "duo" / "enrollment-fictief-2019.csv",
                FIXTURES / "duo" / "locations-fictief-2019.csv",
            ],
        )
        yield w


def test_rows_records_breaks_and_values_agree(wh: Warehouse) -> None:
    res = compute(wh, region_catalog(wh, []), "vmbo.choice_share", ["NL00", "GM9901"], None)
    assert res.years == (2016, 2019)
    rows = res.rows
    assert len(rows) == len(res) == res.table.num_rows > 0
    # sorted by the regions asked, then year, then breakdown values
    order = {"NL00": 0, "GM9901": 1}
    keys = [(order[r.region], r.year, r.breakdown["profile"]) for r in rows]
    assert keys == sorted(keys)
    # breaks: plain per-row Python (previous computed year of the same series)
    prev: dict[tuple[str, str], int] = {}
    expected = []
    for r in sorted(rows, key=lambda r: r.year):
        key = (r.region, r.breakdown["profile"])
        expected.append(
            (
                id(r),
                ";".join(
                    b.id
                    for b in breaks_at(res.indicator.breaks, prev.get(key), r.year, r.breakdown)
                ),
            )
        )
        prev[key] = r.year
    by_id = dict(expected)
    assert res.row_breaks() == [by_id[id(r)] for r in rows]
    assert set(res.row_breaks()) == {"", "old_afdelingen"}
    # records and the Arrow table carry the same cells
    recs = [x for x in res.records() if x["kind"] == "computed"]
    assert [(x["region"], x["year"], x["profile"], x["value"], x["numerator"]) for x in recs] == [
        (r.region, r.year, r.breakdown["profile"], r.value, r.numerator) for r in rows
    ]
    assert res.to_arrow().num_rows == len(res.records())
    for r in rows[:: max(1, len(rows) // 10)]:
        assert res.value(r.region, r.year, profile=r.breakdown["profile"]) == r.value
    # suppression on whole columns: 1-4 pupils hide value and numerator
    assert any(r.suppressed for r in rows)
    for r in rows:
        if r.suppressed:
            assert r.value is None
            assert r.numerator is None
        else:
            assert not 0 < (r.numerator or 0) < 5
            assert not 0 < (r.denominator or 0) < 5


def test_only_the_years_asked(wh: Warehouse) -> None:
    res = compute(wh, region_catalog(wh, []), "vmbo.tech_choice_share", ["NL00"], [2019])
    assert set(res.column("year")) == {2019}
    assert res.old_afdelingen is None  # 2016 (the crosswalk's year) was not asked
    both = compute(wh, region_catalog(wh, []), "vmbo.tech_choice_share", ["NL00"], None)
    assert set(both.column("year")) == {2016, 2019}
    assert both.old_afdelingen is True
    assert both.value("NL00", 2019) == res.value("NL00", 2019) == pytest.approx(100 * 23 / 128)
