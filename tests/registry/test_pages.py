"""Registry pages: sign-in redirects, both languages, and no personal data in public."""

from __future__ import annotations

from .conftest import approve_all, login, post, register


def test_pages_of_accounts_send_visitors_to_the_login(web) -> None:
    for path in (
        "/partners/activities/new",
        "/partners/requests/new",
        "/partners/import",
        "/partners/admin",
        "/partners/account",
        "/partners/activities/1/edit",
    ):
        r = web.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"] == "/partners/login", path
    assert web.get("/partners/account/export.json").status_code == 401


def test_dutch_by_default_and_english(web) -> None:
    nl = web.get("/partners").text
    assert "Gepubliceerde activiteiten" in nl and '<html lang="nl">' in nl
    en = web.get("/partners?lang=en").text
    assert "Published activities" in en and '<html lang="en">' in en
    assert "Log in" in web.get("/partners/login?lang=en").text
    reach = web.get("/partners/reach?region=GM9901&year=2024&lang=en").text
    assert "Locations not reached" in reach and "2024-2025" in reach


def test_public_pages_never_show_personal_data(web) -> None:
    register(web, "jan@bedrijf.nl", org="Bedrijf")
    approve_all(web)
    login(web, "jan@bedrijf.nl")
    r = post(
        web,
        "/partners/activities/new",
        {"title": "Bezoek", "kind": "company_visit", "pc4": "0102", "contact": "Jan, 06-12345678"},
        "/partners/activities/new",
    )
    assert r.status_code == 303
    act = r.headers["location"].split("/")[3]
    assert "06-12345678" in web.get(f"/partners/activities/{act}").text  # signed in, approved
    web.cookies.clear()
    for path in (
        "/partners",
        f"/partners/activities/{act}",
        "/partners.json",
        f"/partners/activities/{act}.json",
        "/api/v1/registry/activities",
        "/partners/reach.json?region=GM9901",
    ):
        text = web.get(path).text
        assert "06-12345678" not in text and "jan@bedrijf.nl" not in text, path
        assert "Jan Jansen" not in text, path
    # and an unapproved organisation's activity is not public at all
    register(web, "piet@ander.nl", org="Nog niet goedgekeurd")
    assert web.get("/partners.json").json()["activities"][0]["organisation"] == "Bedrijf"


def test_a_school_registers_with_a_known_location_code(web) -> None:
    r = register(web, "s@school.nl", kind="school", org="School", loc_code="ZZ9999")
    assert r.status_code == 400
    assert (  # the page's language (Dutch by default)
        "verwacht de code van een schoollocatie met vmbo-leerlingen of van een mbo-locatie; "
        "gevonden &#39;ZZ9999&#39;" in r.text
    )
    # an mbo location of the warehouse's list registers too (for the shortage reports)
    r = register(web, "m@mbo.nl", kind="school", org="Havencollege", loc_code="ZZM001")
    assert r.status_code == 303
    assert (
        register(web, "s@school.nl", kind="school", org="School", loc_code="zz0100").status_code
        == 303
    )


def test_reach_figures_in_the_pages_number_style(web) -> None:
    """The reach page's share and rate in Dutch style on a Dutch page (it showed 2.2%)."""
    for lang, share, rate in (("nl", "0,0%", "0,00"), ("en", "0.0%", "0.00")):
        html = web.get(f"/partners/reach?region=GM9901&year=2024&lang={lang}").text
        assert f'<dd id="reach-share">{share}</dd>' in html, lang
        assert f"<dd>{rate}</dd>" in html, lang
