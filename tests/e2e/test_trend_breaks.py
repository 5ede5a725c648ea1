"""The marks of series breaks on the trend charts (charts.py ``break_marks``) at 375 and
1280 px: no two marks' boxes overlap, none runs across another break's dashed line, each
lies on its chart, and each names a footnote under the chart that says in full what the
break is (the full labels, about 100 px wide each, ran across the next break's line and
its label at 375 px where breaks fell in adjacent years)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .pages import open_page
from .servers import Site

pytestmark = pytest.mark.e2e

MARKS_JS = """
() => Array.from(document.querySelectorAll('[data-chart]')).map((el) => {
  const box = el.getBoundingClientRect();
  const marks = Array.from(el.querySelectorAll('g.annotation')).map((a) => {
    const r = a.getBoundingClientRect();
    return {text: a.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  });
  const lines = Array.from(el.querySelectorAll('g.shapelayer path')).map((p) => {
    const r = p.getBoundingClientRect();
    return (r.left + r.right) / 2;
  });
  return {id: el.id, marks: marks, lines: lines,
          box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom}};
}).filter((c) => c.marks.length)
"""


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_break_marks_do_not_overlap(
    site: Site, viewport: str, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue(viewport)
    checked = 0
    for path in (f"/?region={site.region}", f"/location/{site.location}"):
        open_page(page, site, path)
        charts: list[dict[str, Any]] = page.evaluate(MARKS_JS)
        for chart in charts:
            marks, box = chart["marks"], chart["box"]
            for i, a in enumerate(marks):
                assert a["right"] - a["left"] < 60, a  # a mark, not the full label
                assert box["left"] <= a["left"] and a["right"] <= box["right"] + 1, (chart["id"], a)
                # no mark runs across the dashed line of another break
                crossed = [x for x in chart["lines"] if a["left"] + 2 < x < a["right"] - 2]
                assert crossed == [], (chart["id"], a, crossed)
                for b in marks[i + 1 :]:
                    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
                    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    assert w <= 0 or h <= 0, (chart["id"], a, b)
            checked += len(marks)
        for chart in charts:
            for a in chart["marks"]:
                for mark in a["text"].split():
                    note = page.locator(f"#{chart['id']}-break-{mark.lstrip('†')}")
                    assert note.inner_text().startswith(mark + " Breuk in de reeks"), mark
    if site.demo:
        assert checked >= 3  # the demo's exam trend has breaks in two adjacent years
