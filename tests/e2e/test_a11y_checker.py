"""The accessibility checker itself: it passes a small good page and fails small bad ones,
one broken rule at a time (so a green page test means something)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .a11y import RULES, Violation, audit, report
from .pages import open_page
from .servers import Site

pytestmark = pytest.mark.e2e

GOOD_BODY = """
<a class="skip" href="#main">Naar de inhoud</a>
<header><p class="brand">Kansrijk</p>
  <nav aria-label="Hoofdmenu"><ul><li><a href="/">Overzicht</a></li></ul></nav>
</header>
<main id="main">
  <h1>Titel</h1>
  <form><label for="r">Regio</label>
    <select id="r" name="region"><option>Demo</option></select>
    <input type="hidden" name="x" value="1">
    <button type="submit">Toon</button>
  </form>
  <h2>Grafiek</h2>
  <figure>
    <div role="img" aria-label="Aandeel per jaar">
      <svg width="200" height="100"><rect width="200" height="100"/></svg>
    </div>
    <table><caption>Aandeel per jaar</caption><tr><th>2024</th><td>12%</td></tr></table>
  </figure>
  <h3>Een kaart</h3>
  <div class="map"><svg width="200" height="100"><circle cx="50" cy="50" r="20"/></svg></div>
  <p>Beschrijving van de kaart met dezelfde cijfers.</p>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="" width="10" height="10">
  <p style="color:#595959">Grijze tekst met voldoende contrast (7:1).</p>
  <p style="font-size:24px;color:#767676">Grote tekst, 4.5:1 is niet nodig (3:1).</p>
  <div style="background:#154273;color:#fff"><p>Wit op donkerblauw.</p></div>
  <span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
    color:#eee">verborgen</span>
</main>
<footer><p>Bronnen</p></footer>
"""


def page_html(body: str = GOOD_BODY, lang: str = "nl") -> str:
    """A complete page around ``body``."""
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<!doctype html><html{lang_attr}><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>t</title><style>body{font:16px sans-serif;color:#1a1a1a;background:#fff;margin:0}"
        "</style></head>"
        f"<body>{body}</body></html>"
    )


def rules_of(found: list[Violation]) -> set[str]:
    """The rules that failed."""
    return {v.rule for v in found}


def test_good_page_passes(page: Page) -> None:
    page.set_content(page_html())
    found = audit(page)
    assert found == [], report(found)


def test_good_page_passes_at_375(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.set_content(page_html())
    found = audit(page)
    assert found == [], report(found)


@pytest.mark.parametrize(
    ("rule", "old", "new"),
    [
        pytest.param(
            "contrast",
            '<p style="color:#595959">',
            '<p style="color:#999999">',
            id="low-contrast-grey-on-white",
        ),
        pytest.param(
            "contrast",
            '<div style="background:#154273;color:#fff">',
            '<div style="background:#154273;color:#2a5a9a">',
            id="low-contrast-on-dark-background",
        ),
        pytest.param(
            "contrast",
            '<p style="font-size:24px;color:#767676">',
            '<p style="font-size:24px;color:rgba(0,0,0,0.3)">',
            id="low-contrast-large-translucent",
        ),
        pytest.param(
            "label",
            '<label for="r">Regio</label>',
            "<span>Regio</span>",
            id="select-without-label",
        ),
        pytest.param(
            "label",
            "</form>",
            '<input type="text" name="q"></form>',
            id="input-without-label",
        ),
        pytest.param("one-h1", "<h3>Een kaart</h3>", "<h1>Een kaart</h1>", id="two-h1"),
        pytest.param("one-h1", "<h1>Titel</h1>", "<p>Titel</p>", id="no-h1"),
        pytest.param("heading-order", "<h2>Grafiek</h2>", "<h3>Grafiek</h3>", id="h1-then-h3"),
        pytest.param("heading-order", "<h3>Een kaart</h3>", "<h4>Een kaart</h4>", id="h2-then-h4"),
        pytest.param("landmarks", '<main id="main">', '<div id="main">', id="no-main"),
        pytest.param("landmarks", "<footer><p>Bronnen</p></footer>", "", id="no-footer"),
        pytest.param("landmarks", '<nav aria-label="Hoofdmenu">', "<div>", id="no-nav"),
        pytest.param(
            "table-caption", "<caption>Aandeel per jaar</caption>", "", id="table-no-caption"
        ),
        pytest.param(
            "chart-alt",
            "<p>Beschrijving van de kaart met dezelfde cijfers.</p>",
            "",
            id="svg-chart-without-alternative",
        ),
        pytest.param("chart-alt", 'alt=""', "", id="img-without-alt"),
        pytest.param("button-name", ">Toon</button>", "></button>", id="empty-button"),
        pytest.param("link-name", '<a href="/">Overzicht</a>', '<a href="/"></a>', id="empty-link"),
        pytest.param(
            "reflow",
            "<h1>Titel</h1>",
            '<h1>Titel</h1><div style="width:600px">breed</div>',
            id="too-wide-at-375",
        ),
    ],
)
def test_checker_finds_the_broken_rule(page: Page, rule: str, old: str, new: str) -> None:
    assert rule in RULES
    assert GOOD_BODY.count(old) == 1, old
    page.set_viewport_size({"width": 375, "height": 800})
    page.set_content(page_html(GOOD_BODY.replace(old, new)))
    found = audit(page)
    assert rule in rules_of(found), report(found)
    # nothing else broke: the checker names the rule that was broken (a page without an
    # h1 also starts its headings at h2, which is a skipped level)
    extra = {"heading-order"} if new == "<p>Titel</p>" else set()
    assert rules_of(found) == {rule} | extra, report(found)


def test_checker_finds_missing_lang(page: Page) -> None:
    page.set_content(page_html(lang=""))
    assert rules_of(audit(page)) == {"lang"}


def test_contrast_message_names_colours_and_ratio(page: Page) -> None:
    page.set_content(page_html(GOOD_BODY.replace("color:#595959", "color:#aaaaaa")))
    (v,) = audit(page, ["contrast"])
    assert "#aaaaaa on #ffffff" in v.detail
    assert "2.32:1 < 4.5:1" in v.detail
    assert "Grijze tekst" in v.target


def test_reflow_is_only_checked_on_narrow_viewports(page: Page) -> None:
    wide = GOOD_BODY.replace("<h1>Titel</h1>", '<h1>Titel</h1><div style="width:1400px">x</div>')
    page.set_content(page_html(wide))
    assert "reflow" not in rules_of(audit(page))  # 1280 px: only a 375 px check counts


def test_unknown_rule_is_refused(page: Page) -> None:
    page.set_content(page_html())
    with pytest.raises(ValueError, match="unknown rules"):
        audit(page, ["nonsense"])


@pytest.mark.parametrize("positioned", [False, True])
def test_reflow_sees_hidden_text_escaping_a_scrolling_table(page: Page, positioned: bool) -> None:
    """A visually hidden (position: absolute) span inside a sideways-scrolling wrapper that
    is not positioned escapes the wrapper and widens the page; ``position: relative`` on the
    wrapper keeps it inside."""
    style = "overflow-x:auto" + (";position:relative" if positioned else "")
    table = (
        f'<div style="{style}"><table><caption>Breed</caption><tr>'
        + "".join(
            f"<th>kolom{i}<span style='position:absolute;width:1px;height:1px;"
            f"overflow:hidden;clip:rect(0 0 0 0)'>hint</span></th>"
            for i in range(12)
        )
        + "</tr></table></div>"
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.set_content(page_html(GOOD_BODY.replace("<h1>Titel</h1>", "<h1>Titel</h1>" + table)))
    found = audit(page, ["reflow"])
    if positioned:
        assert found == [], report(found)
    else:
        assert rules_of(found) == {"reflow"}
        assert "span" in found[0].detail


def test_checker_fails_on_an_app_page_made_worse(demo_site: Site, page: Page) -> None:
    """On a real page of the app (its CSS, header, tiles), breaking things is seen."""
    open_page(page, demo_site, "/")
    assert audit(page) == []
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          const p = document.createElement("p");
          p.textContent = "Lichtgrijze tekst";
          p.style.color = "#b0b0b0";
          main.appendChild(p);
          const h4 = document.createElement("h4");
          h4.textContent = "Te diep";
          main.insertBefore(h4, main.querySelector("h1").nextSibling);
          document.querySelector("#region-select").removeAttribute("id");
          document.querySelector("main table caption").remove();
        }"""
    )
    found = audit(page)
    assert rules_of(found) == {"contrast", "heading-order", "label", "table-caption"}, report(found)
    assert any("Lichtgrijze tekst" in v.target for v in found)
