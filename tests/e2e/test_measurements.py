"""The registry's measurements in a browser, on the demo region: an mbo location
(ZZM001, Fictief Havencollege, PC4 0103 in Havenstad GM9901) registers, is approved and
reports 12 pupils without a BBL place in installation technology (sectorkamer TGO); the
region's shortage page (total, table, map, trend) and the indicator in the API show 12;
corrected to 3 the page and the indicator hide the count (below the threshold of 5). Every
page on the way is checked for accessibility."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect

from kansrijk.registry import open_registry
from kansrijk.registry.accounts import create_admin

from .a11y import assert_accessible
from .browsing import Watch
from .maps import check_map, registry_settings
from .pages import shot
from .servers import LiveServer
from .tiles import TileServer

pytestmark = pytest.mark.e2e
ADMIN = ("beheer@kansrijk.test", "admin password 123")
SCHOOL = ("els@havencollege.test", "school password 12")
QUERY = {"region": "GM9901", "year": "2024"}


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, tile_server: TileServer
) -> Iterator[LiveServer]:
    """The app on the demo region with a fresh SQLite registry and one admin."""
    settings = registry_settings(tmp_path_factory.mktemp("e2e-measure"), tile_server.url)
    reg = open_registry(settings)
    with reg.session() as s:
        create_admin(s, "Beheerder", *ADMIN)
    reg.close()
    with LiveServer(settings, name="measure") as live:
        yield live


def _login(page: Page, url: str, email: str, password: str) -> None:
    page.goto(url + "/partners/login")
    page.get_by_label("Werk-e-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partners")


def _report(page: Page, pupils: str) -> None:
    page.get_by_role("link", name="Tekort aan stage- of BBL-plaatsen melden").click()
    assert_accessible(page)
    page.get_by_label("Periode (JJJJ-MM)").fill("2024-11")
    page.get_by_label("Profiel (vmbo) of sectorkamer (mbo)").select_option("TGO")
    page.get_by_label("Opleiding of richting (vrij)").fill("Installatietechniek")
    page.get_by_label("Soort plaats").select_option("bbl_place")
    page.get_by_label("Aantal leerlingen zonder plaats").fill(pupils)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#my-shortages")).to_contain_text("Installatietechniek")


def _indicator(url: str) -> dict:
    values = httpx.get(f"{url}/api/v1/registry/indicators", params=QUERY).json()["values"]
    return next(v for v in values if v["indicator"] == "partners.internship_shortage")


def test_an_mbo_location_reports_12_pupils_without_a_bbl_place(
    server: LiveServer, page: Page, watch: Watch, tile_server: TileServer
) -> None:
    url = server.url
    page.goto(url + "/partners/register")
    page.get_by_label("Naam van de organisatie").fill("Havencollege mbo")
    page.get_by_label("Soort organisatie").select_option("school")
    page.get_by_label("DUO-vestigingscode (scholen)").fill("ZZM001")
    page.get_by_label("Uw naam").fill("Els de Vries")
    page.get_by_label("Werk-e-mailadres").fill(SCHOOL[0])
    page.get_by_label("Wachtwoord").fill(SCHOOL[1])
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("#awaiting")).to_be_visible()
    _logout(page)
    _login(page, url, *ADMIN)
    page.goto(url + "/partners/admin")
    page.locator("#pending tr", has_text="Havencollege mbo").get_by_role(
        "button", name="Goedkeuren"
    ).click()
    expect(page.locator("#pending tr", has_text="Havencollege mbo")).to_have_count(0)
    _logout(page)

    _login(page, url, *SCHOOL)
    _report(page, "12")
    expect(page.locator("#my-shortages")).to_contain_text("BBL-plaats")
    _logout(page)

    page.goto(f"{url}/partners/shortages?region=GM9901&year=2024")
    expect(page.locator("#shortage-total")).to_have_text("12")
    cells = page.locator("#shortage-cells")
    expect(cells).to_contain_text("Techniek en gebouwde omgeving (TGO)")
    expect(cells).to_contain_text("BBL-plaats")
    expect(cells.locator("tbody td").nth(3)).to_have_text("12")
    spec = check_map(page, "shortage-map", tile_server)  # drawn on base tiles
    assert [p[5] for x in spec["layers"] if x["id"] == "shown" for p in x["points"]] == [
        "Havenstad (fictief): 12"
    ]
    expect(page.locator("#shortage-trend .main-svg").first).to_be_visible()
    assert_accessible(page)
    ind = _indicator(url)
    assert (ind["value"], ind["numerator"], ind["suppressed"]) == (12, 12, False)

    # corrected to 3 for the same month: below the threshold, hidden everywhere
    _login(page, url, *SCHOOL)
    _report(page, "3")
    _logout(page)
    page.goto(f"{url}/partners/shortages?region=GM9901&year=2024")
    expect(page.locator("#shortage-total")).to_have_text("niet getoond")
    expect(page.locator("#shortage-cells tbody td").nth(3)).to_have_text("niet getoond")
    assert_accessible(page)
    ind = _indicator(url)
    assert (ind["value"], ind["numerator"], ind["suppressed"]) == (None, None, True)
    doc = httpx.get(f"{url}/partners/shortages.json", params=QUERY).json()
    assert doc["total"] is None and doc["cells"][0]["pupils"] is None
    assert watch.problems() == []


VMBO_SCHOOL = ("piet@zuidschool.test", "school password 34")
ANALYST = ("ana@havenstad.test", "analyst password 5")


def _register_approved(
    page: Page, url: str, org: str, kind: str, who: tuple[str, str], loc: str = ""
) -> None:
    page.goto(url + "/partners/register")
    page.get_by_label("Naam van de organisatie").fill(org)
    page.get_by_label("Soort organisatie").select_option(kind)
    if loc:
        page.get_by_label("DUO-vestigingscode (scholen)").fill(loc)
    page.get_by_label("Uw naam").fill("Test Persoon")
    page.get_by_label("Werk-e-mailadres").fill(who[0])
    page.get_by_label("Wachtwoord").fill(who[1])
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("#awaiting")).to_be_visible()
    _logout(page)
    _login(page, url, *ADMIN)
    page.goto(url + "/partners/admin")
    page.locator("#pending tr", has_text=org).get_by_role("button", name="Goedkeuren").click()
    expect(page.locator("#pending tr", has_text=org)).to_have_count(0)
    _logout(page)


def test_self_assessment_and_survey_pages(server: LiveServer, page: Page, watch: Watch) -> None:
    url = server.url
    _register_approved(page, url, "Zuidschool vmbo", "school", VMBO_SCHOOL, "ZZ0200")
    _login(page, url, *VMBO_SCHOOL)
    page.get_by_role("link", name="Zelfevaluatie").click()
    assert_accessible(page)
    shot(page, "assessment-1280")
    page.get_by_role("group", name="Materiële capaciteit").get_by_label("PIE").check()
    page.get_by_role("group", name="Hoe zou u de huidige staat").get_by_label("4 goed").check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("#assessment-saved")).to_be_visible()

    page.get_by_role("link", name="Tevredenheidsonderzoek").click()
    assert_accessible(page)
    page.get_by_label("Voor").select_option("pupil")
    page.get_by_role("button", name="Nieuwe link maken").click()
    link = page.locator("a.survey-link").first.get_attribute("href")
    assert link and link.startswith("/s/")
    _logout(page)

    page.goto(f"{url}{link}?lang=ar")
    expect(page.locator("div.survey[dir='rtl']")).to_be_visible()
    assert_accessible(page)
    shot(page, "survey-ar-1280")
    page.get_by_role("group", name="هل تفكر").get_by_label("نعم").check()
    page.get_by_role("button", name="إرسال").click()
    expect(page.locator("#survey-thanks")).to_have_text("شكراً لك! تم حفظ إجاباتك.")
    page.goto(f"{url}/partners/survey/results?region=GM9901")  # this school year
    expect(page.locator("#survey-pupil-too-few")).to_contain_text("1 antwoorden")
    assert_accessible(page)

    _register_approved(page, url, "Gemeente Havenstad", "gemeente", ANALYST)
    _login(page, url, *ANALYST)
    page.goto(f"{url}/partners/assessment/region?region=GM9901")  # this school year
    expect(page.locator("#assessment-summary")).to_contain_text("1 locaties")
    assert_accessible(page)
    shot(page, "assessment-region-1280")
    assert watch.problems() == []
