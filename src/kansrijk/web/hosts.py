"""Host header validation (setting ``allowed_hosts``): a request naming another host gets
400 in the error envelope (a page: the error page), so a DNS name pointed at this server
by someone else (DNS rebinding) cannot read it through a visitor's browser."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from kansrijk.l10n.monitor import N_
from kansrijk.web import errors
from kansrijk.web.limits import LimitError


def host_name(header: str) -> str:
    """``'Example.nl:8000'`` -> ``'example.nl'``; ``'[::1]:8000'`` -> ``'::1'``."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


def host_allowed(name: str, allowed: Iterable[str]) -> bool:
    """``name`` is one of ``allowed`` (``*`` any, ``*.example.nl`` any subdomain)."""
    if not name:
        return False
    for pattern in allowed:
        p = pattern.strip().lower()
        if p in ("*", name) or (p.startswith("*.") and name.endswith(p[1:])):
            return True
    return False


#: The name Starlette's in-process TestClient gives itself (as server and as Host).
TEST_SERVER = "testserver"


def _in_process_test(scope: Scope, name: str) -> bool:
    """A request of Starlette's TestClient to its default host. The ASGI server puts its own
    address in ``scope["server"]``: uvicorn the listening socket's (an IP address), the
    in-process TestClient ``("testserver", 80)``; no network client can set it."""
    server = scope.get("server") or (None, None)
    return name == TEST_SERVER and server[0] == TEST_SERVER


class HostGuard:
    """Refuses HTTP requests whose Host header is not in ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = ""
        for name, value in scope.get("headers", []):
            if name == b"host":
                header = value.decode("latin-1")
                break
        name = host_name(header)
        if host_allowed(name, self.allowed) or _in_process_test(scope, name):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        shown = ", ".join(a for a in self.allowed) or "-"
        exc = LimitError(
            N_("Onbekende host '{host}': deze server antwoordt alleen op {allowed}."),
            400,
            host=header[:80],
            allowed=shown,
        )
        response = await errors.kansrijk_error(request, exc)
        await response(scope, receive, send)
