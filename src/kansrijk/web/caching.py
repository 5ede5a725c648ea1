"""Caching headers for responses that set none.

- ``/static/``: ``public, max-age=86400`` (a day; StaticFiles adds ETag and Last-Modified,
  so a browser revalidates cheaply after that; pages link them with ``?v=<version>``).
- Everything else (pages, JSON, downloads): ``no-cache``, so a browser or proxy revalidates
  before re-use, and ``Vary: Cookie``, because the language and the partner-registry session
  come from cookies. Responses that choose their own policy (``no-store`` on registry
  pages, a year on the versioned plotly.js) keep it.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = "public, max-age=86400"
DYNAMIC = "no-cache"


class CachingHeaders:
    """Adds Cache-Control (and Vary: Cookie on dynamic responses) where none is set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "cache-control" not in headers:
                    headers["Cache-Control"] = STATIC if static else DYNAMIC
                    if not static:
                        headers.add_vary_header("Cookie")
            await send(message)

        await self.app(scope, receive, send_with_headers)
