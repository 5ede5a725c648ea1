"""Every form field of the pages with a form is one the stylesheet styles: an ``<input>``
without a ``type`` is a text field to the browser but escapes ``input[type="text"]`` in
kansrijk.css, and was drawn small and unbordered beside the styled selects (optimiser and
access check)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

PAGES = (
    "/scenarios",
    "/scholenwijzer?q=0102",
    "/optimaliseren?region=DEMO",
    "/bereikbaarheid?region=DEMO&location=ZZ0100&change=stop&profile=PIE&km=5",
)


@pytest.mark.parametrize("path", PAGES)
def test_every_input_has_a_type(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    inputs = re.findall(r"<input\b[^>]*>", response.text)
    assert inputs, f"{path}: no form field"
    untyped = [tag for tag in inputs if not re.search(r"\stype=", tag)]
    assert untyped == [], f"{path}: inputs without a type: {untyped}"


def test_the_optimiser_and_access_check_fields_are_text_fields(client: TestClient) -> None:
    for path, ids in (
        (PAGES[2], ("o-budget", "o-km", "o-board", "o-p")),
        (PAGES[3], ("a-location", "a-km", "a-minutes")),
    ):
        text = client.get(path).text
        for field_id in ids:
            assert re.search(rf'<input type="text" id="{field_id}"', text), (path, field_id)
