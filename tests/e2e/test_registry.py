"""The partner registry in a browser: a provider registers, is approved by an admin,
publishes a guest lesson for PIE near a school location's postcode; the school registers, is
approved and posts a request; the match appears on both sides; the provider accepts; the
reach page then counts that location as reached. Every page on the way is checked for
accessibility.

On the real data: Zuiderpark College 17YF00 in postcode 3083 (Rotterdam-Charlois), a guest
lesson given from 3083 itself. On the demo region: location ZZ0200, a vmbo location without
a technical profile in PC4 0104 of Havenstad (GM9901), and a guest lesson from PC4 0103.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Page, expect

from kansrijk.registry import open_registry
from kansrijk.registry.accounts import create_admin

from .a11y import assert_accessible
from .browsing import Watch
from .maps import check_map, registry_settings
from .servers import LiveServer
from .tiles import TileServer

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Case:
    """Where the test plays: the school location, its PC4, the provider's PC4, the region
    and school year of the reach page (the activity is given on 12 November 2024; the
    locations come from the newest loaded enrollment year up to it)."""

    data: str
    school_loc: str
    school_pc4: str
    provider_pc4: str
    region: str
    year: str


CASES = {
    "demo": Case("demo", "ZZ0200", "0104", "0103", "GM9901", "2024"),
    "real": Case("real", "17YF00", "3083", "3083", "GM0599", "2024"),
}
ADMIN = ("beheer@kansrijk.test", "admin password 123")
PROVIDER = ("jan@installateur.test", "provider password 1")
SCHOOL = ("els@zorgcollege.test", "school password 12")


@pytest.fixture(scope="module", params=["demo", "real"])
def registry_server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    tile_server: TileServer,
) -> Iterator[tuple[LiveServer, Case]]:
    """The app on the demo region or the real data, with a registry in a fresh SQLite file
    and one admin."""
    case = CASES[request.param]
    source = request.getfixturevalue("real_warehouse_path") if case.data == "real" else None
    settings = registry_settings(tmp_path_factory.mktemp("e2e-registry"), tile_server.url, source)
    reg = open_registry(settings)
    with reg.session() as s:
        create_admin(s, "Beheerder", *ADMIN)
    reg.close()
    with LiveServer(settings, name="registry") as server:
        yield server, case


def _login(page: Page, url: str, email: str, password: str) -> None:
    page.goto(url + "/partners/login")
    assert_accessible(page)
    page.get_by_label("Werk-e-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partners")


def _register(
    page: Page, url: str, org: str, kind: str, who: tuple[str, str], loc: str = ""
) -> None:
    page.goto(url + "/partners/register")
    assert_accessible(page)
    page.get_by_label("Naam van de organisatie").fill(org)
    page.get_by_label("Soort organisatie").select_option(kind)
    if loc:
        page.get_by_label("DUO-vestigingscode (scholen)").fill(loc)
    page.get_by_label("Uw naam").fill("Test Persoon")
    page.get_by_label("Werk-e-mailadres").fill(who[0])
    page.get_by_label("Wachtwoord").fill(who[1])
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("#awaiting")).to_be_visible()
    assert_accessible(page)
    _logout(page)


def _approve(page: Page, url: str, org: str) -> None:
    _login(page, url, *ADMIN)
    page.goto(url + "/partners/admin")
    assert_accessible(page)
    row = page.locator("#pending tr", has_text=org)
    row.get_by_role("button", name="Goedkeuren").click()
    expect(page.locator("#pending tr", has_text=org)).to_have_count(0)
    _logout(page)


def test_provider_and_school_meet_and_the_reach_page_counts_the_school(
    registry_server: tuple[LiveServer, Case], page: Page, watch: Watch, tile_server: TileServer
) -> None:
    server, case = registry_server
    url = server.url
    school_loc = case.school_loc
    reach_query = {"region": case.region, "year": case.year}
    before = httpx.get(f"{url}/api/v1/registry/reach", params=reach_query).json()
    assert school_loc in [r["loc_code"] for r in before["unreached_locations"]]
    assert before["reached"] == 0

    _register(page, url, "Installatiebedrijf Zuid", "company", PROVIDER)
    _approve(page, url, "Installatiebedrijf Zuid")
    _login(page, url, *PROVIDER)
    page.get_by_role("link", name="Nieuwe activiteit").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Gastles zonnepanelen")
    page.get_by_label("Soort activiteit").select_option("guest_lesson")
    page.get_by_role("checkbox", name="PIE").check()
    page.get_by_role("checkbox", name="vmbo kader").check()
    page.get_by_label("Postcode (4 cijfers)").fill(case.provider_pc4)
    page.get_by_label("Vanaf").fill("2024-11-12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gastles zonnepanelen")
    _logout(page)
    page.goto(url + "/partners")
    expect(page.locator("#activities")).to_contain_text("Gastles zonnepanelen")
    assert_accessible(page)

    _register(page, url, "Vmbo-school Zuid", "school", SCHOOL, school_loc)
    _approve(page, url, "Vmbo-school Zuid")
    _login(page, url, *SCHOOL)
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    expect(page.get_by_label("Postcode (4 cijfers)")).to_have_value(
        case.school_pc4
    )  # the location's
    page.get_by_label("Titel").fill("Gastles techniek voor klas 2")
    page.get_by_label("Soort activiteit").select_option("guest_lesson")
    page.get_by_role("checkbox", name="PIE").check()
    page.get_by_role("button", name="Opslaan").click()
    candidates = page.locator("#candidates")
    expect(candidates).to_contain_text("Gastles zonnepanelen")
    expect(candidates).to_contain_text("Installatiebedrijf Zuid")
    assert_accessible(page)
    candidates.get_by_role("button", name="Voorstellen").first.click()
    matches = page.locator("#match-table")
    expect(matches).to_contain_text("Gastles zonnepanelen")
    expect(matches.locator(".match-status")).to_have_text("voorgesteld")
    assert_accessible(page)
    _logout(page)

    _login(page, url, *PROVIDER)
    matches = page.locator("#match-table")
    expect(matches).to_contain_text("Gastles techniek voor klas 2")
    matches.get_by_role("button", name="Accepteren").click()
    expect(page.locator("#match-table .match-status")).to_have_text("geaccepteerd")
    expect(page.locator("#match-table")).to_contain_text("voorgesteld")  # the history
    _logout(page)

    _login(page, url, *SCHOOL)
    expect(page.locator("#match-table .match-status")).to_have_text("geaccepteerd")
    _logout(page)

    page.goto(f"{url}/partners/reach?region={case.region}&year={case.year}")
    spec = check_map(page, "reach-map", tile_server)  # drawn on base tiles
    reached = [p[5] for x in spec["layers"] if x["id"] == "reached" for p in x["points"]]
    assert len(reached) == 1 and f"({school_loc})" in reached[0]
    assert_accessible(page)
    if os.environ.get("KANSRIJK_E2E_SHOTS"):
        page.screenshot(
            path=os.environ["KANSRIJK_E2E_SHOTS"] + f"/registry-reach-{case.data}.png",
            full_page=True,
        )
    expect(page.locator("#reached")).to_contain_text(school_loc)
    expect(page.locator("#unreached")).not_to_contain_text(school_loc)
    total = before["locations"]
    expect(page.locator("#reach-summary")).to_contain_text(f"1 van de {total} vmbo-locaties")
    after = httpx.get(f"{url}/api/v1/registry/reach", params=reach_query).json()
    assert after["reached"] == 1 and after["activities"] == 1
    assert [r["loc_code"] for r in after["reached_locations"]] == [school_loc]
    assert watch.problems() == []
