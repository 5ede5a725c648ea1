"""The partner pages say a refused form or action in the page's language: the registry's
errors are ``Message``s translated through the ``errors`` catalogue (Dutch by default,
English with the ``lang`` cookie)."""

from __future__ import annotations

import html

from .conftest import login, register


def test_a_refused_registration_is_reported_in_the_page_language(web) -> None:
    r = register(web, "not-an-address")
    assert r.status_code == 400
    text = html.unescape(r.text)
    assert "verwacht een e-mailadres; gevonden 'not-an-address'" in text
    assert "expected an e-mail address" not in text
    web.cookies.set("lang", "en")
    r = register(web, "not-an-address")
    assert r.status_code == 400
    assert "expected an e-mail address; found 'not-an-address'" in html.unescape(r.text)


def test_a_forbidden_action_is_reported_in_the_page_language(web) -> None:
    register(web, "a@bedrijf.nl")
    for _ in range(5):
        assert login(web, "a@bedrijf.nl", "wrong password 999").status_code == 401
    r = login(web, "a@bedrijf.nl")
    assert r.status_code == 429
    assert "te veel mislukte aanmeldingen; probeer het over 15 minuten opnieuw" in r.text
    assert "too many failed logins" not in r.text
