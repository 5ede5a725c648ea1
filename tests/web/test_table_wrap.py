"""Every table of the page templates scrolls inside its own labelled region on a phone
(``<div class="table-wrap" role="region" aria-labelledby=CAPTION tabindex="0">``), so a
wide table never makes the page scroll sideways at 375 px (WCAG 1.4.10 reflow). The
registry's activity list and shortage reports did (694 px wide at 375)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "kansrijk" / "web" / "templates"
#: The last tag before a table: a div opening a scroll region (attributes in any order).
WRAP = re.compile(r"<div\b([^<>]*)>\s*$")


def _tables() -> list[tuple[str, int, str, str]]:
    """(template, line, the text before the table, the table) of every ``<table``."""
    out = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<table\b", text):
            end = text.find("</table>", m.start())
            out.append(
                (
                    str(path.relative_to(TEMPLATES)),
                    text.count("\n", 0, m.start()) + 1,
                    text[: m.start()],
                    text[m.start() : end],
                )
            )
    return out


def test_there_are_registry_tables() -> None:
    assert sum(name.startswith("registry/") for name, *_ in _tables()) >= 10


@pytest.mark.parametrize(
    ("name", "line", "before", "table"),
    _tables(),
    ids=[f"{n}:{line}" for n, line, *_ in _tables()],
)
def test_table_is_in_a_labelled_scroll_region(
    name: str, line: int, before: str, table: str
) -> None:
    wrap = WRAP.search(before.rstrip(" "))
    assert wrap is not None, f"{name}, line {line}: a table outside a table-wrap region"
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', wrap.group(1)))
    assert "table-wrap" in attrs.get("class", "").split(), f"{name}, line {line}: {attrs}"
    assert (attrs.get("role"), attrs.get("tabindex")) == ("region", "0"), f"{name}:{line}"
    label = attrs.get("aria-labelledby", "")
    assert f'id="{label}"' in table, f"{name}, line {line}: region labelled by a missing {label}"
