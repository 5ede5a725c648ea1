"""A very long unknown region code (a pasted text, a tampered link) is not echoed in full:
the message names its first 40 characters and "…", on the page in Dutch and in English and
in the JSON twin."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

#: 300 characters; the first 40 are what the message repeats.
LONG = "GM" + "0123456789" * 29 + "ABCDEFGH"
START = LONG[:40]


def _message(page: str) -> str:
    found = re.search(r'<div class="error-messages">\s*<p[^>]*>(.*?)</p>', page, re.S)
    assert found, page[:2000]
    return html.unescape(found.group(1))


def test_long_unknown_region_on_the_page_in_both_languages(client: TestClient) -> None:
    for lang, lead in (("nl", "onbekende regio '"), ("en", "unknown region '")):
        client.cookies.clear()
        r = client.get(f"/?region={LONG}&lang={lang}")
        assert r.status_code == 404, lang
        message = _message(r.text)
        assert message.startswith(f"{lead}{START}…'"), (lang, message)
        assert len(message) < 200, (lang, len(message), message)
        assert LONG[:41] not in message
        assert LONG[:41] not in html.unescape(r.text).split('class="error-messages"', 1)[1]


def test_long_unknown_region_in_the_json_twin(client: TestClient) -> None:
    client.cookies.clear()
    r = client.get(f"/overview.json?region={LONG}&lang=nl")
    assert r.status_code == 404
    body = r.json()
    assert body["error"].startswith(f"unknown region '{START}…'")
    assert len(body["error"]) < 200
    assert body["errors"][0]["text"].startswith(f"onbekende regio '{START}…'")
    assert len(body["errors"][0]["text"]) < 200
