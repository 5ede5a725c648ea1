"""Browsing helpers of the e2e tests: Chromium's settings, browser contexts that let only
127.0.0.1 through, and a record of what a page did wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route

from .servers import HOST

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


@dataclass
class Watch:
    """What a page did that a test must see: console errors, uncaught exceptions and any
    request that was not for 127.0.0.1 (blocked)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def on_route(self, route: Route) -> None:
        """Let 127.0.0.1 through, block and remember everything else."""
        url = route.request.url
        if urlsplit(url).hostname == HOST:
            route.continue_()
        else:
            self.external.append(url)
            route.abort("blockedbyclient")

    def on_console(self, msg: ConsoleMessage) -> None:
        """Remember console errors."""
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def on_page_error(self, error: Exception) -> None:
        """Remember uncaught page exceptions."""
        self.page_errors.append(str(error))

    def on_request(self, req: Request) -> None:
        """Remember requests the router does not see (none expected)."""
        url = req.url
        if (
            url.startswith(("http:", "https:", "ws:", "wss:"))
            and urlsplit(url).hostname != HOST
            and url not in self.external
        ):
            self.external.append(url)

    def problems(self) -> list[str]:
        """All of it, for an assertion message."""
        return (
            [f"console: {e}" for e in self.console_errors]
            + [f"pageerror: {e}" for e in self.page_errors]
            + [f"external request: {u}" for u in self.external]
        )


def new_context(browser: Browser, watch: Watch, viewport: dict[str, int]) -> BrowserContext:
    """A fresh context (no cookies) that lets only 127.0.0.1 through."""
    ctx = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        accept_downloads=True,
        locale="nl-NL",
        service_workers="block",
    )
    ctx.route("**/*", watch.on_route)
    ctx.set_default_timeout(15_000)
    return ctx


def watched_page(ctx: BrowserContext, watch: Watch) -> Page:
    """A page whose console errors, page errors and requests are recorded in ``watch``."""
    page = ctx.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("request", watch.on_request)
    return page
