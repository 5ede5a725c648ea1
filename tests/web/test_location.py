"""The location page (/location/{loc_code}) and its twin on the demo region: facts, pupils
per profile (checked against SQL), suppression, the nearest offer of the technical profiles
a location lacks (sorted, only those it lacks, distances checked independently), 404s."""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from kansrijk.warehouse import Warehouse

from .helpers import assert_envelope, tags

TECH_ICT = ("BWI", "PIE", "MT", "MAT", "MVI")
_BKG = "track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"


def _demo_codes(ref_wh: Warehouse) -> list[str]:
    rows = ref_wh.query(
        f"SELECT DISTINCT loc_code FROM vo_enrollment WHERE year = 2024 AND {_BKG} "
        "AND (count > 0 OR masked) ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


def _per_profile(ref_wh: Warehouse, code: str, year: int) -> dict[str, tuple[int, int]]:
    rows = ref_wh.query(
        f"""SELECT coalesce(profile, 'route:' || route), coalesce(sum(count), 0),
                   count(*) FILTER (WHERE masked)
            FROM vo_enrollment WHERE loc_code = ? AND year = ? AND {_BKG}
            GROUP BY 1 HAVING sum(count) > 0 OR bool_or(masked)""",
        [code, year],
    )
    return {str(p): (int(n), int(m)) for p, n, m in rows}


def _expected_display(n: int, masked: int) -> str:
    if n == 0 and masked:
        return "&lt;5"
    if 0 < n < 5:
        return "onderdrukt (1-4)"
    return f"{n:,}".replace(",", ".") + (" (+&lt;5)" if masked else "")


def test_location_page_pupils_per_profile_equal_sql(client: TestClient, ref_wh: Warehouse) -> None:
    checked = 0
    for code in _demo_codes(ref_wh)[:8]:
        r = client.get(f"/location/{code}")
        assert r.status_code == 200, code
        html = r.text
        expected = _per_profile(ref_wh, code, 2024)
        shown: dict[str, str] = {}
        for m in re.finditer(
            r'<tr data-profile="([^"]+)" data-pupils="([^"]*)"[^>]*>.*?'
            r'<td class="num[^"]*">([^<]*)</td>',
            html,
            re.S,
        ):
            shown[m.group(1)] = m.group(3)
            n, masked = expected[m.group(1)]
            if m.group(2):
                assert int(m.group(2)) == n
        assert set(shown) == set(expected)
        for profile, (n, masked) in expected.items():
            assert shown[profile] == _expected_display(n, masked), (code, profile)
            checked += 1
        view = client.get(f"/location/{code}.json").json()
        got = {p["profile"]: p["pupils"] for p in view["profiles"]}
        assert got == {p: (None if 0 < n < 5 else n) for p, (n, _) in expected.items()}
        assert view["pupils"] == sum(n for n, _ in expected.values())
    assert checked > 10


def test_location_history_is_profile_x_leerweg_x_year(
    client: TestClient, ref_wh: Warehouse
) -> None:
    code = "ZZ0100"
    view = client.get(f"/location/{code}.json").json()
    years = [
        int(r[0])
        for r in ref_wh.query(
            f"SELECT DISTINCT year FROM vo_enrollment WHERE loc_code = ? AND {_BKG} ORDER BY 1",
            [code],
        )
    ]
    assert view["history"]["years"] == years == view["years"]
    cells = {
        (p, tr, y): (int(n), int(m))
        for y, tr, p, n, m in ref_wh.query(
            f"""SELECT year, track, coalesce(profile, 'route:' || route), coalesce(sum(count), 0),
                       count(*) FILTER (WHERE masked)
                FROM vo_enrollment WHERE loc_code = ? AND {_BKG} GROUP BY 1, 2, 3
                HAVING sum(count) > 0 OR bool_or(masked)""",
            [code],
        )
    }
    seen = 0
    for row in view["history"]["rows"]:
        assert row["technical"] == (
            "techniek"
            if row["profile"] in TECH_ICT[:4]
            else "ict"
            if row["profile"] == "MVI"
            else None
        )
        for c in row["cells"]:
            key = (row["profile"], row["track"], c["year"])
            if key in cells:
                n, m = cells[key]
                assert c["suppressed"] is (0 < n < 5)
                assert c["pupils"] == (None if 0 < n < 5 else n)
                assert c["masked_cells"] == m
                seen += 1
            else:
                assert c["pupils"] == 0 and c["display"] == "–"
    assert seen == len(cells)
    html = client.get(f"/location/{code}").text
    assert '<caption id="history-caption">' in html
    assert 'class="is-technical"' in html


def test_suppressed_and_masked_cells_are_marked(client: TestClient, ref_wh: Warehouse) -> None:
    rows = ref_wh.query(
        f"""SELECT loc_code FROM vo_enrollment WHERE {_BKG} GROUP BY loc_code, year, track,
            profile HAVING coalesce(sum(count), 0) BETWEEN 1 AND 4 LIMIT 1"""
    )
    assert rows, "the demo has small cells"
    html = client.get(f"/location/{rows[0][0]}").text
    assert "onderdrukt (1-4)" in html
    masked = ref_wh.query(
        f"""SELECT loc_code FROM vo_enrollment WHERE {_BKG} GROUP BY loc_code, year, track,
            profile HAVING coalesce(sum(count), 0) = 0 AND bool_or(masked) LIMIT 1"""
    )
    if masked:
        assert "&lt;5" in client.get(f"/location/{masked[0][0]}").text


def _rd(ref_wh: Warehouse) -> dict[str, tuple[float, float]]:
    return {
        str(p): (float(x), float(y))
        for p, x, y in ref_wh.query(
            "SELECT pc4, arg_max(x_rd, year), arg_max(y_rd, year) FROM pc4_centroid GROUP BY pc4"
        )
    }


def _offers(ref_wh: Warehouse, year: int) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for code, profile in ref_wh.query(
        f"""SELECT loc_code, profile FROM vo_enrollment WHERE year = ? AND {_BKG}
            AND profile IS NOT NULL GROUP BY 1, 2 HAVING sum(count) > 0 OR bool_or(masked)""",
        [year],
    ):
        out.setdefault(str(code), set()).add(str(profile))
    return out


def test_nearest_offer_is_sorted_and_only_for_missing_profiles(
    client: TestClient, ref_wh: Warehouse
) -> None:
    rd = _rd(ref_wh)
    offers = _offers(ref_wh, 2024)
    pc4 = {
        str(c): str(p)
        for c, p in ref_wh.query("SELECT loc_code, arg_max(pc4, year) FROM location GROUP BY 1")
    }
    lists = 0
    for code in _demo_codes(ref_wh):
        view: dict[str, Any] = client.get(f"/location/{code}.json").json()
        own = offers.get(code, set())
        assert set(view["profiles_offered"]) == own
        near = view["nearest"]
        assert near["missing_profiles"] == [p for p in TECH_ICT if p not in own]
        assert [g["profile"] for g in near["profiles"]] == near["missing_profiles"]
        ox, oy = rd[pc4[code]]
        for group in near["profiles"]:
            assert group["profile"] not in own
            kms = [x["km"] for x in group["locations"]]
            assert kms == sorted(kms)
            assert 0 < len(kms) <= 3
            for x in group["locations"]:
                assert group["profile"] in offers[x["loc_code"]]
                assert x["loc_code"] != code
                tx, ty = rd[pc4[x["loc_code"]]]
                assert x["km"] == pytest.approx(math.hypot(tx - ox, ty - oy) / 1000, abs=1e-3)
            # nothing closer offers the profile
            others = [
                math.hypot(rd[pc4[c]][0] - ox, rd[pc4[c]][1] - oy) / 1000
                for c, ps in offers.items()
                if group["profile"] in ps and c != code and c in pc4
            ]
            assert kms[0] == pytest.approx(min(others), abs=1e-3)
            lists += 1
    assert lists > 5
    first = _demo_codes(ref_wh)[0]
    html = client.get(f"/location/{first}").text
    assert "dichtstbijzijnde" in html.lower()
    # each nearest location's row names its code: schools of one name (three locations of
    # one college in Rotterdam) are told apart
    view = client.get(f"/location/{first}.json").json()
    nearest = [x for g in view["nearest"]["profiles"] for x in g["locations"]]
    assert nearest, f"{first}: no nearest offer to check"
    for x in nearest:
        row = re.search(rf'<tr data-loc="{x["loc_code"]}".*?</tr>', html, re.S)
        assert row is not None and f'<span class="muted code">{x["loc_code"]}</span>' in row[0]


def test_location_page_facts_and_links(client: TestClient, ref_wh: Warehouse) -> None:
    name, street, postcode, board, gm = ref_wh.query(
        "SELECT name, street, postcode, board, gemeente_code FROM location "
        "WHERE loc_code = 'ZZ0100' ORDER BY year DESC LIMIT 1"
    )[0]
    html = client.get("/location/ZZ0100").text
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert name in html and street in html and board in html
    assert f"{postcode[:4]} {postcode[4:]}" in html  # "0102BN" written "0102 BN"
    assert "Havenstad (fictief)" in html
    assert "Fictieve demoregio" in html
    assert 'href="/atlas?region=DEMO"' in html
    twin = next(a["href"] for a in tags(html, "link") if a.get("rel") == "alternate")
    assert twin == "/location/ZZ0100.json"
    assert client.get(twin).json()["gemeente_code"] == gm
    # lower-case codes work too; English via the switch
    assert client.get("/location/zz0100.json").json()["loc_code"] == "ZZ0100"
    en = client.get("/location/ZZ0100?lang=en").text
    assert '<html lang="en">' in en and "Pupils per profile" in en


def test_location_year_parameter(client: TestClient) -> None:
    view = client.get("/location/ZZ0100.json?year=2019").json()
    assert view["year"] == 2019
    assert_envelope(client.get("/location/ZZ0100.json?year=1999"), 404)
    assert_envelope(client.get("/location/ZZ0100.json?year=abc"), 400)


@pytest.mark.parametrize("code", ["XX9999", "ZZ9999", "nonsense"])
def test_unknown_location_is_404(client: TestClient, code: str) -> None:
    body = assert_envelope(client.get(f"/api/v1/locations/{code}"), 404)
    assert code in body["error"]
    body = assert_envelope(client.get(f"/location/{code}.json"), 404)
    assert code in body["error"]
    page = client.get(f"/location/{code}")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert len(re.findall(r"<h1[ >]", page.text)) == 1
    assert code in page.text


def test_location_table_as_csv_and_xlsx_equals_sql(client: TestClient, ref_wh: Warehouse) -> None:
    """``/location/{code}.csv``: one row per year x profile x leerweg straight from the
    source rows, 1-4 pupils suppressed as on the page; the XLSX has the same rows under
    headers in the page's language."""
    small = ref_wh.query(
        f"""SELECT loc_code FROM vo_enrollment WHERE {_BKG} GROUP BY loc_code, year, track,
            profile HAVING coalesce(sum(count), 0) BETWEEN 1 AND 4 ORDER BY 1 LIMIT 1"""
    )
    code = str(small[0][0])
    rows = ref_wh.query(
        f"""SELECT year, coalesce(profile, 'route:' || route), track, coalesce(sum(count), 0),
                   count(*) FILTER (WHERE masked)
            FROM vo_enrollment WHERE loc_code = ? AND {_BKG}
            GROUP BY 1, 2, 3 HAVING sum(count) > 0 OR bool_or(masked)""",
        [code],
    )
    expected = {
        (str(y), str(p), str(t)): ("" if 0 < n < 5 else str(n), str(0 < n < 5), str(m))
        for y, p, t, n, m in rows
    }
    assert any(s == "True" for _, s, _ in expected.values())
    year = max(int(y) for y, _, _ in expected)
    html = client.get(f"/location/{code}?year={year}").text
    assert f'href="/location/{code}.csv?year={year}"' in html
    assert f'href="/location/{code}.xlsx?year={year}"' in html
    got = client.get(f"/location/{code}.csv?year={year}")
    assert got.status_code == 200
    assert got.headers["content-disposition"] == (
        f'attachment; filename="kansrijk-locatie-{code}.csv"'
    )
    recs = list(csv.DictReader(io.StringIO(got.text)))
    assert list(recs[0]) == [
        "loc_code", "year", "profile", "technical", "track", "pupils", "suppressed",
        "masked_cells",
    ]  # fmt: skip
    assert {r["loc_code"] for r in recs} == {code}
    assert {
        (r["year"], r["profile"], r["track"]): (r["pupils"], r["suppressed"], r["masked_cells"])
        for r in recs
    } == expected
    assert len(recs) == len(expected)
    for r in recs:
        tech = (
            "techniek" if r["profile"] in TECH_ICT[:4] else "ict" if r["profile"] == "MVI" else ""
        )
        assert r["technical"] == tech
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/location/{code}.xlsx?lang=en").content), read_only=True
    )
    sheet = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert sheet[0] == (
        "Location", "Year", "Profile", "Technical", "Track", "Pupils", "Suppressed (1-4)",
        "Masked cells (<5)",
    )  # fmt: skip
    assert len(sheet) - 1 == len(expected)
    assert_envelope(client.get("/location/ZZ9999.csv"), 404)
    assert_envelope(client.get(f"/location/{code}.xlsx?year=1999"), 404)


@pytest.mark.parametrize(
    ("duo", "shown"),
    [
        ("ROTTERDAM", "Rotterdam"),
        ("'S-GRAVENHAGE", "'s-Gravenhage"),
        ("CAPELLE AAN DEN IJSSEL", "Capelle aan den IJssel"),
        ("HENDRIK-IDO-AMBACHT", "Hendrik-Ido-Ambacht"),
        ("BERGEN OP ZOOM", "Bergen op Zoom"),
        ("DEN HAAG", "Den Haag"),
        ("IJSSELSTEIN", "IJsselstein"),
        ("Havenstad (fictief)", "Havenstad (fictief)"),  # not all capitals: as it is
        ("", ""),
    ],
)
def test_place_names_are_written_as_in_dutch(duo: str, shown: str) -> None:
    """DUO's capitals on the page (lead and address) as Dutch writes the place."""
    from kansrijk.web.pages.location import place_name, postcode_text

    assert place_name(duo) == shown
    assert postcode_text("3083AN") == "3083 AN"
    assert postcode_text("0102 BN") == "0102 BN"
    assert postcode_text("3083") == "3083"


def test_the_offer_line_draws_the_shape_of_the_location_category(client: TestClient) -> None:
    """The symbol beside the location's offer is the map's marker for its category (shape
    and colour, atlas_map.CATEGORY_STYLE), as in the atlas legend."""
    from kansrijk.web.atlas_map import CATEGORY_STYLE

    shapes = {"circle": "<circle", "square": "<rect", "diamond": "<polygon", "x": "<path"}
    seen = set()
    for code in ("ZZ0100", "ZZ0800", "ZZ1200", "ZZ1500", "ZZ2000"):
        view = client.get(f"/location/{code}.json")
        if view.status_code != 200:
            continue
        html = client.get(f"/location/{code}").text
        line = html.split('<p class="offer-line">', 1)[1].split("</p>", 1)[0]
        category = view.json()["category"]
        colour, shape = CATEGORY_STYLE[category]
        assert shapes[shape] in line and f'fill="{colour}"' in line, (code, category)
        seen.add(shape)
    assert len(seen) >= 2
