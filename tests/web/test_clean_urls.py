"""Pages never keep empty parameters in their address (a GET form sends every field)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kansrijk.web.clean_urls import without_empty


@pytest.mark.parametrize(
    ("query", "clean"),
    [
        ("region=DEMO&by=&set=&year=2024&regions=", "region=DEMO&year=2024"),
        ("region=&by=", ""),
        ("region=DEMO&by=track", None),
        ("add=ZZ0500%3APIE&add=&add=ZZ0100%3AMT", "add=ZZ0500%3APIE&add=ZZ0100%3AMT"),
        ("q=+", ""),
    ],
)
def test_without_empty(query: str, clean: str | None) -> None:
    assert without_empty(query) == clean


def test_a_form_with_empty_fields_lands_on_the_clean_address(client: TestClient) -> None:
    r = client.get("/compare?region=DEMO&by=&set=&year=2024&regions=", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/compare?region=DEMO&year=2024"
    page = client.get("/compare?region=DEMO&by=&set=&year=2024&regions=")
    assert page.status_code == 200
    assert str(page.url).endswith("/compare?region=DEMO&year=2024")
    assert client.get("/?region=", follow_redirects=False).headers["location"] == "/"


def test_the_api_and_files_answer_as_asked(client: TestClient) -> None:
    for url in ("/compare.json?region=DEMO&by=", "/api/v1/regions?level="):
        r = client.get(url, follow_redirects=False)
        assert r.status_code != 303, url
