"""``Region.contains`` and ``Region.label``: the one membership rule and the one name."""

from __future__ import annotations

import dataclasses

import pytest

from kansrijk.regions import Level, Membership, Region, RegionCatalog

NL = Region("NL00", "Nederland", Level.NL, ("GM0599",), name_en="Netherlands")
MRDH = Region("MRDH", "Metropoolregio Rotterdam Den Haag", Level.CUSTOM, ("GM0599", "GM0518"))
#: Defined by PC4; its gemeenten are for display only (the catalogue fills them in).
ZUID = Region(
    "RDAM-ZUID", "Rotterdam Zuid", Level.CUSTOM, ("GM0599",), pc4=("3071", "3083"), name_en=""
)


@pytest.mark.parametrize(
    ("region", "gemeente", "pc4", "inside"),
    [
        (NL, "GM9999", None, True),  # NL: everything, even a gemeente it does not list
        (NL, None, None, True),
        (MRDH, "GM0599", None, True),
        (MRDH, "GM0599", "9999", True),  # by gemeente: the PC4 does not matter
        (MRDH, "GM0363", "3083", False),
        (MRDH, None, "3083", False),
        (ZUID, "GM0599", "3083", True),
        (ZUID, "GM0599", "3011", False),  # Rotterdam, but north of the river
        (ZUID, "GM0599", None, False),  # a gemeente alone does not place it in a PC4 region
        (ZUID, None, "3071", True),
    ],
)
def test_contains(region: Region, gemeente: str | None, pc4: str | None, inside: bool) -> None:
    assert region.contains(gemeente, pc4) is inside


def test_membership_and_member_codes() -> None:
    assert NL.membership is Membership.ALL
    assert NL.member_codes == frozenset()
    assert MRDH.membership is Membership.GEMEENTE
    assert MRDH.member_codes == {"GM0599", "GM0518"}
    assert ZUID.membership is Membership.PC4
    assert ZUID.member_codes == {"3071", "3083"}
    # members follow a replaced field (dataclasses.replace runs __post_init__ again)
    moved = dataclasses.replace(ZUID, pc4=("3011",))
    assert moved.contains("GM0599", "3011")
    assert not moved.contains("GM0599", "3083")


def test_label() -> None:
    assert NL.label("en") == "Netherlands"
    assert NL.label("nl") == "Nederland"
    assert ZUID.label("en") == "Rotterdam Zuid"  # no English name: the Dutch one
    assert MRDH.label("tr") == "Metropoolregio Rotterdam Den Haag"


def test_parents_of_uses_contains() -> None:
    catalog = RegionCatalog(
        [("NL00", "Nederland", "nl"), ("GM0599", "Rotterdam", "gemeente")],
        [("NL00", "GM0599")],
        [],
    )
    assert [r.code for r in catalog.parents_of("GM0599")] == ["NL00"]


def test_describe_is_the_one_region_document() -> None:
    catalog = RegionCatalog(
        [("NL00", "Nederland", "nl"), ("GM1966", "Het Hogeland", "gemeente")],
        [("NL00", "GM1966")],
        [],
    )
    doc = catalog.describe(catalog.get("GM1966"))
    assert doc["parents"] == ["NL00"]
    assert doc["gemeenten"][0]["code"] == "GM1966"
    assert doc["gemeenten"][0]["name"] == "Het Hogeland"
    # Bedum and De Marne merged into Het Hogeland in 2019 (packaged successions)
    merged = {(p["name"], p["merged"]) for p in doc["gemeenten"][0]["predecessors"]}
    assert {("Bedum", 2019), ("De Marne", 2019)} <= merged
    assert catalog.describe(catalog.get("NL00"))["parents"] == []
