"""A small accessibility checker run inside the page (``page.evaluate``).

Rules (each can fail; see ``test_a11y_checker.py``):

- ``lang``: ``<html lang>`` is set to a language tag;
- ``landmarks``: a banner (``header`` outside sectioning content or ``role=banner``), a
  ``nav``, exactly one ``main`` and a contentinfo (``footer`` outside sectioning content or
  ``role=contentinfo``);
- ``one-h1``: exactly one ``h1``; ``heading-order``: no skipped heading level (h1 -> h3);
- ``label``: every input, select and textarea has an accessible name (``<label>``,
  ``aria-label``, ``aria-labelledby``, ``title``); ``button-name``, ``link-name``: buttons
  and links have one too;
- ``chart-alt``: every ``img`` has ``alt``; every ``svg``/``canvas``/``role=img`` chart (a
  plotly graph counts as one) has a text alternative (``aria-label``, ``aria-labelledby``,
  an svg ``<title>``, a named ``role=img`` ancestor) or is followed by a table or a
  description (``aria-describedby``, a following table, ``details`` with a table, or a
  ``figcaption``);
- ``table-caption``: every table has a ``<caption>``, ``aria-label`` or ``aria-labelledby``;
- ``contrast``: every visible element with text of its own has a contrast of at least
  4.5:1 (3:1 for large text: >= 24 px, or >= 18.66 px bold) between its computed colour and
  the effective background, composed from the backgrounds of its ancestors (SVG text, e.g.
  inside plotly charts, is not checked: the chart's table carries the same figures);
- ``reflow``: at a viewport of at most 400 px (e.g. 375), the page does not scroll
  sideways (``document.documentElement.scrollWidth <= innerWidth + 1``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

RULES: tuple[str, ...] = (
    "lang",
    "landmarks",
    "one-h1",
    "heading-order",
    "label",
    "button-name",
    "link-name",
    "chart-alt",
    "table-caption",
    "contrast",
    "reflow",
)

#: The checker, a function of ``{rules, expectText}`` returning a list of violations.
_JS = (Path(__file__).parent / "a11y.js").read_text(encoding="utf-8")
CHECKER_JS = _JS[_JS.index("(opts) =>") :]  # without the file's header comment


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed rule on one element."""

    rule: str
    target: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.target}: {self.detail}"


def audit(page: Page, rules: Iterable[str] = RULES, *, expect_text: bool = True) -> list[Violation]:
    """Run the checker in ``page``; every violation found (empty when the page passes)."""
    wanted = list(rules)
    unknown = set(wanted) - set(RULES)
    if unknown:
        raise ValueError(f"unknown rules {sorted(unknown)}; known: {RULES}")
    raw: list[dict[str, Any]] = page.evaluate(
        CHECKER_JS, {"rules": wanted, "expectText": expect_text}
    )
    return [Violation(v["rule"], v["target"], v["detail"]) for v in raw]


def report(violations: Iterable[Violation]) -> str:
    """Violations as lines, for an assertion message."""
    return "\n".join(f"  {v}" for v in violations)


def assert_accessible(page: Page, rules: Iterable[str] = RULES) -> None:
    """Fail with every violation listed when the page breaks a rule."""
    found = audit(page, rules)
    assert not found, f"{page.url}: {len(found)} accessibility violation(s):\n{report(found)}"
