"""Clean addresses: a GET form sends every field, also the ones left empty
(``/compare?region=DEMO&by=&set=&regions=``). Such a request is redirected (303) to the same
address without the empty parameters, so the address bar, bookmarks and shared links hold
only what was chosen; an empty parameter means the default everywhere, so the page is the
same. Only pages are redirected: the API and the files (``.json``, ``.csv``, ``.xlsx``) answer
as asked, for clients that do not follow redirects."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import URL
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send


def without_empty(query: str) -> str | None:
    """The query string without empty parameters, or None when it has none."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v.strip()]
    return None if len(kept) == len(pairs) else urlencode(kept)


def is_page(path: str) -> bool:
    """Whether a path is a page (not the API, not a file or twin)."""
    return not path.startswith("/api/") and "." not in path.rsplit("/", 1)[-1]


class DropEmptyParams:
    """Redirects GET and HEAD requests for pages with empty query parameters to the clean
    address."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in ("GET", "HEAD")
            and is_page(scope["path"])
        ):
            raw = scope.get("query_string", b"").decode("latin-1")
            if raw and (clean := without_empty(raw)) is not None:
                url = URL(scope=scope).replace(query=clean)
                target = url.path + (f"?{clean}" if clean else "")
                await RedirectResponse(target, status_code=303)(scope, receive, send)
                return
        await self.app(scope, receive, send)
