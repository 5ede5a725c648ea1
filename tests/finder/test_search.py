"""Postcode parsing, place lookup and the nearest-first search, checked against distances
computed here from the PC4 centroids (numpy, not the finder's code)."""

from __future__ import annotations

import math

import pytest

from kansrijk.finder import Finder, FinderInputError, cycling_minutes, parse_km, parse_postcode
from kansrijk.finder.postcode import clean_query
from kansrijk.warehouse import Warehouse


@pytest.mark.parametrize(
    ("text", "pc4", "pc6"),
    [("3083", "3083", None), ("3083AB", "3083", "3083AB"), ("3083 ab", "3083", "3083AB")],
)
def test_postcodes(text: str, pc4: str, pc6: str | None) -> None:
    pc = parse_postcode(clean_query(text))
    assert pc is not None
    assert (pc.pc4, pc.pc6) == (pc4, pc6)


@pytest.mark.parametrize("text", ["30833", "308", "3083 A B C", "3083 1"])
def test_malformed_postcodes(text: str) -> None:
    with pytest.raises(FinderInputError, match="expected a postcode of 4 digits") as err:
        parse_postcode(clean_query(text))
    assert err.value.key == "malformed"
    assert err.value.status == 400


def test_hostile_and_empty_input() -> None:
    assert parse_postcode(clean_query("<script>alert(1)</script>")) is None  # a place name
    with pytest.raises(FinderInputError) as err:
        clean_query("  \x00\t ")
    assert err.value.key == "empty"
    with pytest.raises(FinderInputError, match="at most 80 characters"):
        clean_query("x" * 81)


def test_distance_parameter() -> None:
    assert parse_km(None) == 10.0
    assert parse_km("7,5") == 7.5
    for bad in ("0", "51", "abc", "nan", "inf"):
        with pytest.raises(FinderInputError, match="expected a distance of 1 to 50 km"):
            parse_km(bad)


def test_cycling_estimate_uses_the_cited_parameters() -> None:
    # 3.0 km straight * 1.3 detour / 15 km/h = 15.6 min -> 16
    assert cycling_minutes(3.0) == 16
    assert cycling_minutes(0.0) == 1


def _centroids(wh: Warehouse) -> dict[str, tuple[float, float]]:
    return {
        str(pc): (float(x), float(y))
        for pc, x, y in wh.query("SELECT pc4, x_rd, y_rd FROM pc4_centroid")
    }


def test_demo_search_nearest_first(demo_finder: Finder, demo_path: object) -> None:
    from pathlib import Path

    with Warehouse(Path(str(demo_path)), read_only=True) as wh:
        xy = _centroids(wh)
        loc_pc4 = dict(wh.query("SELECT loc_code, arg_max(pc4, year) FROM location GROUP BY 1"))
        names = dict(wh.query("SELECT loc_code, arg_max(name, year) FROM location GROUP BY 1"))
        vmbo = {
            r[0]
            for r in wh.query(
                "SELECT DISTINCT loc_code FROM vo_enrollment WHERE year = 2024 AND grade IN (3, 4) "
                "AND track LIKE 'vmbo_%' AND (count > 0 OR masked)"
            )
        }
    origin = demo_finder.origin("0102 AB")
    assert (origin.kind, origin.pc4, origin.label) == ("pc6", "0102", "0102 AB")
    found = demo_finder.near(origin, 10.0)
    ox, oy = xy["0102"]
    expected = sorted(
        (round(math.hypot(xy[pc][0] - ox, xy[pc][1] - oy) / 1000.0, 9), names[code], code)
        for code, pc in loc_pc4.items()
        if code in vmbo and pc in xy and math.hypot(xy[pc][0] - ox, xy[pc][1] - oy) <= 10_000
    )
    assert [f.location.loc_code for f in found] == [c for _, _, c in expected]
    assert [round(f.km, 6) for f in found] == [round(d, 6) for d, _, _ in expected]
    first = found[0]
    assert first.location.name == "Fictief Vakcollege Havenstad-Zuid"
    assert first.location.technical == ("PIE", "MT", "MAT")
    zorg = next(f for f in found if f.location.loc_code == "ZZ0200")
    assert zorg.location.technical == ()
    alts = {a.profile: a for a in zorg.alternatives}
    assert set(alts) == {"BWI", "PIE", "MT", "MAT", "MVI"}
    assert alts["BWI"].location is not None
    assert alts["BWI"].location.loc_code == "ZZ0800"
    assert alts["PIE"].location is not None
    assert alts["PIE"].location.loc_code == "ZZ0100"


def test_demo_place_names(demo_finder: Finder) -> None:
    origin = demo_finder.origin("havenstad")
    assert origin.kind == "place"
    assert origin.label == "Havenstad (fictief) (Havenstad (fictief))"
    with pytest.raises(FinderInputError) as err:
        demo_finder.origin("Atlantis")
    assert (err.value.key, err.value.status) == ("unknown_place", 404)
    with pytest.raises(FinderInputError) as err:
        demo_finder.origin("9999")
    assert (err.value.key, err.value.status) == ("unknown_postcode", 404)


@pytest.mark.realdata
def test_real_3083_and_its_nearest_technical_profiles(real_finder: Finder) -> None:
    assert real_finder.year == 2019
    a = real_finder.near(real_finder.origin("3083"))
    b = real_finder.near(real_finder.origin("3083 AB"))
    assert [f.location.loc_code for f in a] == [f.location.loc_code for f in b]
    codes = [f.location.loc_code for f in a[:3]]
    # three locations lie in PC4 3083 itself (distance 0), ties by name
    assert codes == ["30WH00", "23YU02", "17YF00"]
    avicenna, montfort, zuiderpark = a[:3]
    assert avicenna.location.technical == ("PIE",)
    assert montfort.location.leerwegen == ("TL",)
    assert montfort.location.technical == ()
    assert zuiderpark.location.technical == ("BWI", "PIE", "MT")
    alts = {x.profile: x for x in montfort.alternatives}
    assert alts["PIE"].location is not None
    assert alts["PIE"].location.loc_code == "30WH00"
    assert alts["BWI"].location is not None
    assert alts["BWI"].location.loc_code == "17YF00"
    assert alts["MT"].location is not None
    assert alts["MT"].location.loc_code == "17YF00"
    assert alts["MAT"].km is not None
    assert round(alts["MAT"].km, 2) == 2.62


@pytest.mark.realdata
def test_real_bad_input(real_finder: Finder) -> None:
    with pytest.raises(FinderInputError) as err:
        real_finder.origin("3197")
    assert (err.value.key, err.value.status) == ("no_residents", 422)
    with pytest.raises(FinderInputError) as err:
        real_finder.origin("Bergen")
    assert err.value.key == "ambiguous_place"
    assert ("Bergen op Zoom", "GM0748", "Bergen op Zoom (Bergen op Zoom)") in err.value.choices
    one = real_finder.origin("Bergen op Zoom", "GM0748")
    assert one.gemeente_code == "GM0748"
    assert real_finder.origin("den haag").gemeente_code == "GM0518"
