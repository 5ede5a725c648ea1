"""Helpers of the web tests: the error envelope, a light HTML tag parser."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import httpx

ENVELOPE_KEYS = {"ok", "error", "errors", "status"}


def assert_envelope(r: httpx.Response, status: int) -> dict[str, Any]:
    """The response is the error envelope with this status."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = r.json()
    assert set(body) == ENVELOPE_KEYS
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str)
    assert body["error"]
    assert isinstance(body["errors"], list)
    assert body["errors"]
    assert all({"message", "type"} <= set(e) for e in body["errors"])
    assert "Traceback" not in r.text
    return body


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, name: str | None = None) -> list[dict[str, str]]:
    """Attributes of every start tag (of one name) in html."""
    parser = _Tags()
    parser.feed(html)
    return [a | {"<tag>": t} for t, a in parser.tags if name is None or t == name]
