"""A small ASGI middleware that adds security headers to every response.

The Content-Security-Policy allows only this site's own scripts, styles and images (plus
inline styles, which plotly.js and Leaflet set on their elements), and images from one more
origin: the base-map tile server of the ``tile_url`` setting (``SecurityHeaders(app,
img_origins=...)``). A page can make no other request that leaves the machine, and no other
site may frame it. Starlette answers an unhandled error (500) from its
outermost middleware, past this one: ``errors.server_error`` sets the same headers there.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def csp(img_origins: Sequence[str] = ()) -> str:
    """The Content-Security-Policy, with images allowed from ``img_origins`` too."""
    img = " ".join(("'self'", "data:", "blob:", *img_origins))
    return (
        f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {img}; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


CSP = csp()


def security_headers(img_origins: Sequence[str] = ()) -> tuple[tuple[bytes, bytes], ...]:
    """The headers every response carries (names lower-case, as ASGI sends them)."""
    return (
        (b"content-security-policy", csp(img_origins).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    )


#: The headers without a tile origin (error pages: they show no map).
SECURITY_HEADERS = security_headers()
_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)
#: A route that may be framed by other sites (the finder widget) sets this header with its
#: own CSP: that CSP (its frame-ancestors) is kept and X-Frame-Options left out.
EMBED_MARKER = b"x-kansrijk-embed"
_NOT_FOR_EMBED = frozenset({b"content-security-policy", b"x-frame-options"})


class SecurityHeaders:
    """Adds the security headers to every HTTP response (replacing any the app set)."""

    def __init__(self, app: ASGIApp, img_origins: Sequence[str] = ()) -> None:
        self.app = app
        self.headers = security_headers(img_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                names = [h[0].lower() for h in headers]
                own = [h for h, n in zip(headers, names, strict=True) if n not in _NAMES]
                if EMBED_MARKER in names:  # keep the widget's own CSP
                    own = [h for h, n in zip(headers, names, strict=True) if n != EMBED_MARKER]
                    own = [h for h in own if h[0].lower() not in _NAMES - _NOT_FOR_EMBED]
                    extra = [h for h in self.headers if h[0] not in _NOT_FOR_EMBED]
                    message["headers"] = [*own, *extra]
                else:
                    message["headers"] = [*own, *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
