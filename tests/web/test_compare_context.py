"""The compare page for a region drawn by postcode (Havenstad-Zuid in the demo, Rotterdam
Zuid in real data): it is compared with its gemeente and the regions it lies in, not shown
as the list of its gemeente's figures under its own heading."""

from __future__ import annotations

from fastapi.testclient import TestClient

from kansrijk.warehouse import Warehouse

TECH = ("BWI", "PIE", "MT", "MAT")


def _tech_share(ref_wh: Warehouse, year: int, where: str) -> tuple[int, int]:
    """Pupils in BB/KB/GL leerjaar 3-4 in a technical profile, and all of them, at the
    locations matching ``where`` (plain SQL over the raw tables)."""
    sql = f"""
        SELECT SUM(e.count) FILTER (WHERE e.profile IN {TECH}), SUM(e.count)
        FROM vo_enrollment e JOIN location_place p USING (year, loc_code)
        WHERE e.year = ? AND e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl')
          AND e.grade IN (3, 4) AND e.profile IS NOT NULL AND {where}
    """
    tech, total = ref_wh.con.execute(sql, [year]).fetchone()
    return int(tech), int(total)


def test_a_postcode_region_is_compared_with_what_it_lies_in(
    client: TestClient, ref_wh: Warehouse
) -> None:
    view = client.get("/compare.json?region=DEMO-ZUID").json()
    assert view["context"] is True
    assert view["total"] is None
    assert [r["region"] for r in view["rows"]] == ["DEMO-ZUID", "GM9901", "DEMO", "PV99", "NL00"]
    year = view["year"]
    zuid = view["rows"][0]
    pc4 = "('0101', '0102', '0103', '0104', '0105')"
    assert (zuid["numerator"], zuid["denominator"]) == _tech_share(ref_wh, year, f"p.pc4 IN {pc4}")
    city = view["rows"][1]
    assert (city["numerator"], city["denominator"]) == _tech_share(
        ref_wh, year, "p.gemeente_code = 'GM9901'"
    )
    assert zuid["denominator"] < city["denominator"]
    html = client.get("/compare?region=DEMO-ZUID").text
    assert "Havenstad-Zuid (fictief) naast de gemeente en de regio" in html
    assert "als geheel" not in html
    english = client.get("/compare?region=DEMO-ZUID&lang=en").text
    assert "next to the municipality and the regions it lies in" in english


def test_a_chosen_sort_still_sorts_the_context_rows(client: TestClient) -> None:
    view = client.get("/compare.json?region=DEMO-ZUID&sort=-denominator").json()
    dens = [r["denominator"] for r in view["rows"]]
    assert dens == sorted(dens, reverse=True)
