"""Checks of a page's Leaflet map (templates/map_macros.html, static/js/page_map.js) in the
browser: drawn on base tiles from the local tile server with their attribution, one marker
element for every marker of the spec the page embeds, inside the viewport, with its legend."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from kansrijk.demo import load_demo
from kansrijk.registry import load_places, open_registry, shortages
from kansrijk.registry.accounts import create_admin
from kansrijk.registry.audit import Actor
from kansrijk.registry.matching import answer, propose
from kansrijk.registry.models import Organisation
from kansrijk.registry.offers import create_activity, create_request
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .tiles import TileServer

#: Loaded tile images of the local tile server inside the map's box.
TILES_JS = """
(id) => {
  const el = document.getElementById(id);
  const box = el.getBoundingClientRect();
  return Array.from(el.querySelectorAll("img.leaflet-tile.leaflet-tile-loaded"))
    .filter((t) => t.complete && t.naturalWidth > 0 && t.src.includes("/tiles/"))
    .filter((t) => { const r = t.getBoundingClientRect();
                     return r.right > box.left && r.left < box.right
                         && r.bottom > box.top && r.top < box.bottom; }).length;
}
"""


def map_spec_of(page: Page, map_id: str) -> dict[str, Any]:
    """The spec the page embeds for ``map_id``."""
    text = page.locator(f"script#{map_id}-spec").text_content()
    assert text, f"no spec of #{map_id}"
    spec: dict[str, Any] = json.loads(text)
    return spec


def check_map(page: Page, map_id: str, tile_server: TileServer) -> dict[str, Any]:
    """The map ``map_id`` is drawn on loaded base tiles (with the attribution), shows one
    marker element per marker of its spec and fits the viewport; its spec."""
    before = tile_server.total
    page.locator(f"#{map_id}").scroll_into_view_if_needed()
    page.wait_for_function(
        f"() => document.getElementById('{map_id}').dataset.tiles === 'loaded'", timeout=15_000
    )
    page.wait_for_function(f"() => ({TILES_JS})('{map_id}') >= 2", timeout=15_000)
    assert tile_server.total >= before
    el = page.locator(f"#{map_id}")
    assert el.get_attribute("data-state") == "ready"
    attribution = page.locator(f"#{map_id} .leaflet-control-attribution").inner_text()
    assert "Kadaster" in attribution
    spec = map_spec_of(page, map_id)
    want = sum(len(x["points"]) for x in spec["layers"] if x["kind"] == "symbols")
    assert want > 0, f"#{map_id}: no markers in the spec"
    shown = page.locator(f"#{map_id} .kmap-symbol")
    assert shown.count() == want
    titles = shown.evaluate_all("ms => ms.map((m) => m.getAttribute('title'))")
    expected = [p[5] for x in spec["layers"] if x["kind"] == "symbols" for p in x["points"]]
    assert sorted(titles) == sorted(expected)
    # markers take no focus: the page's tables are the keyboard route
    assert page.locator(f"#{map_id} .kmap-symbol[tabindex='0']").count() == 0
    box = el.bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 1280
    assert box is not None and box["width"] > 200 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(f"#{map_id}-legend li").count() >= 2
    return spec


def registry_settings(tmp: Path, tile_url: str, source: Path | None = None) -> Settings:
    """Settings of the app on a fresh warehouse in ``tmp`` (a copy of ``source``, else the
    demo region) with a SQLite registry there and the base tiles of ``tile_url``."""
    warehouse = tmp / "w.duckdb"
    if source is not None:
        shutil.copyfile(source, warehouse)
    else:
        with Warehouse(warehouse) as wh:
            load_demo(wh)
    return Settings(
        warehouse=warehouse,
        regions_file=None,
        language="nl",
        database_url=f"sqlite:///{tmp / 'registry.sqlite'}",
        secret_key="e2e-secret",
        tile_url=tile_url,
    )


def seed_registry(
    settings: Settings,
    *,
    reached: tuple[str, ...] = ("ZZ0100", "ZZ0200"),
    lesson_pc4: str = "0102",
    shortage: tuple[str, str, str] = ("ZZM001", "TGO", "bbl_place"),
    hidden: str | None = None,
) -> dict[str, Any]:
    """A registry for the reach and shortage maps (default: the demo region): admin,
    provider and schools (approved); the ``reached`` locations reached by an accepted guest
    lesson given from ``lesson_pc4``; a shortage report of 12 pupils at ``shortage`` (location,
    field, kind of place) and one of 3 pupils (hidden on the page) at the vmbo location
    ``hidden`` (default: the first one outside the first location's gemeente). What was
    seeded."""
    with Warehouse(settings.warehouse, read_only=True) as wh:
        places = load_places(wh)
    newest = places.locations[max(places.locations)]
    home = shortages.locate(places, shortage[0])
    assert home is not None, shortage
    other = (
        newest[hidden]
        if hidden
        else next(
            v
            for _c, v in sorted(newest.items())
            if v.gemeente_code not in ("", home.gemeente_code) and v.pc4
        )
    )
    lesson = {
        "title": "Gastles",
        "kind": "guest_lesson",
        "profiles": "PIE",
        "pc4": lesson_pc4,
        "target_groups": "vmbo_bb,vmbo_kb",
        "start_date": "2024-10-01",
        "radius_km": "20",
    }
    report = {"period": "2024-11", "crebo": "", "field_name": "Installatietechniek"}
    reg = open_registry(settings)
    try:
        with reg.session() as s:
            create_admin(s, "Beheerder", "beheer@kansrijk.test", "admin password 123")
            provider = _org(s, "company", None)
            for loc in reached:
                school = _org(s, "school", loc)
                req = create_request(s, school, lesson, loc_code=loc)
                act = create_activity(s, provider, {**lesson, "title": f"Gastles {loc}"})
                answer(s, school, propose(s, provider, act.id, req.id).id, "accepted")
            code, field, kind = shortage
            fields = {"field": field, "place_kind": kind, "pupils": "12"}
            shortages.report(s, _org(s, "school", code), places, code, {**report, **fields})
            fields = {"field": "PIE", "place_kind": "internship_vmbo", "pupils": "3"}
            vmbo = _org(s, "school", other.loc_code)
            shortages.report(s, vmbo, places, other.loc_code, {**report, **fields})
    finally:
        reg.close()
    return {
        "reached": sorted(reached),
        "shown_gemeente": home.gemeente_code,
        "hidden_gemeente": other.gemeente_code,
    }


def _org(s: Any, kind: str, loc: str | None) -> Actor:
    org = Organisation(name=f"{kind} {loc or ''}".strip(), kind=kind, loc_code=loc, approved=True)
    s.add(org)
    s.flush()
    return Actor(None, org.id, "provider" if kind == "company" else "school", approved=True)
