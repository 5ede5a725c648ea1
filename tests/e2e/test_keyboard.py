"""Keyboard only: the skip link comes first and moves focus to main; the region selector,
its submit button and the language link are reached with Tab and work with the keyboard;
the focused element always shows a visible focus indicator."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from .browsing import Watch
from .pages import PAGES, open_page, path_of, wait_for_charts
from .servers import Site

pytestmark = pytest.mark.e2e

#: What the focused element is and how it shows focus.
FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id || "",
    cls: el.getAttribute("class") || "",
    href: el.getAttribute("href") || "",
    type: el.getAttribute("type") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    outlineStyle: cs.outlineStyle,
    outlineWidth: parseFloat(cs.outlineWidth) || 0,
    boxShadow: cs.boxShadow,
    focusVisible: el.matches(":focus-visible"),
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < window.innerWidth && r.top < window.innerHeight,
  };
}
"""


def focused(page: Page) -> dict[str, Any] | None:
    """The focused element's description (None: nothing focused)."""
    info: dict[str, Any] | None = page.evaluate(FOCUS_JS)
    return info


def shows_focus(info: dict[str, Any]) -> bool:
    """A visible focus indicator: an outline or a box shadow."""
    outline = info["outlineStyle"] != "none" and info["outlineWidth"] > 0
    shadow = info["boxShadow"] not in ("", "none")
    return outline or shadow


def tab_to(page: Page, match: Any, limit: int = 80) -> dict[str, Any]:
    """Press Tab until ``match(info)`` holds; every element on the way must show focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        assert info is not None, "Tab left the page"
        seen.append(f"{info['tag']}#{info['id']}.{info['cls']} {info['text']!r}")
        assert shows_focus(info), f"no visible focus on {seen[-1]}: {info}"
        if match(info):
            return info
    raise AssertionError(f"not reached with {limit} Tabs; focus went: {seen}")


def start_from_top(page: Page, site: Site, path: str) -> None:
    """Open a page with focus at the top of the document."""
    open_page(page, site, path)
    page.evaluate("document.activeElement && document.activeElement.blur()")


@pytest.mark.parametrize("name", ["overview", "compare", "data", "atlas"])
def test_skip_link_first_and_moves_focus_to_main(
    demo_site: Site, page: Page, watch: Watch, name: str
) -> None:
    start_from_top(page, demo_site, path_of(name, demo_site))
    page.keyboard.press("Tab")
    info = focused(page)
    assert info is not None
    assert info["tag"] == "a" and info["href"] == "#main", f"first Tab reached {info}"
    assert info["onScreen"], "the skip link does not appear when focused"
    assert shows_focus(info), info
    page.keyboard.press("Enter")
    after = focused(page)
    assert after is not None and after["tag"] == "main", f"focus after the skip link: {after}"
    assert urlsplit(page.url).fragment == "main"
    # the next Tab continues inside main, not at the top of the page
    page.keyboard.press("Tab")
    inside = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside, focused(page)
    assert watch.problems() == []


def test_region_select_and_submit_by_keyboard(site: Site, page: Page, watch: Watch) -> None:
    start_from_top(page, site, "/")
    before = page.locator("#region-select").input_value()
    tab_to(page, lambda i: i["id"] == "region-select")
    page.keyboard.press("ArrowDown")  # a closed select changes its value with the arrow keys
    chosen = page.locator("#region-select").input_value()
    assert chosen != before, "ArrowDown did not change the region"
    button = tab_to(page, lambda i: i["tag"] == "button" and i["type"] == "submit")
    assert button["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_for_charts(page)
    assert parse_qs(urlsplit(page.url).query).get("region") == [chosen]
    assert page.locator("#region-select").input_value() == chosen
    assert watch.problems() == []


def test_language_link_by_keyboard(demo_site: Site, page: Page, watch: Watch) -> None:
    start_from_top(page, demo_site, "/compare?region=GM9903")
    link = tab_to(page, lambda i: i["tag"] == "a" and "lang=en" in i["href"])
    assert link["text"] == "English"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
    query = parse_qs(urlsplit(page.url).query)
    assert query["region"] == ["GM9903"]
    assert urlsplit(page.url).path == "/compare"
    assert watch.problems() == []


@pytest.mark.parametrize("name", list(PAGES))
def test_every_focusable_element_shows_focus(demo_site: Site, page: Page, name: str) -> None:
    """Tab through the whole page (up to 120 stops): each stop has an outline or shadow."""
    start_from_top(page, demo_site, path_of(name, demo_site))
    seen: set[str] = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:
            break
        key = f"{info['tag']}#{info['id']}.{info['cls']}|{info['href']}|{info['text']}"
        if key in seen:  # wrapped around
            break
        seen.add(key)
        assert shows_focus(info), f"no visible focus: {info}"
    assert seen
