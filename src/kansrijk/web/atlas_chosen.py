"""The optimiser's chosen set on the atlas map: ``/atlas?region=R&chosen=LOC:PROFILE,...``
(the link on ``/optimaliseren``) marks the chosen locations on the map and lists them above
it. A small layer added to the map spec after the atlas built it, so the atlas itself does
not change: a halo ``points`` layer drawn under the location symbols (``spec["layers"]``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from kansrijk.errors import InputError, Message
from kansrijk.web import format as fmt

#: At most this many chosen additions in one link (a region's optimum stays far below).
MAX_CHOSEN = 300
_ITEM = re.compile(r"^([0-9A-Z]{4}[0-9]{2}):(BWI|MAT|MT|PIE)$")
#: Halo colour (Okabe-Ito yellow) of the chosen locations.
HALO = "#F0E442"


def parse_chosen(text: str | None) -> list[tuple[str, str]]:
    """``'17YF00:PIE,20BH00:BWI'`` -> [(location, profile)], in the given order.

    Raises:
        InputError: an item is not ``LOCATION:PROFILE`` (a technical profile), or too many.
    """
    if text is None or not text.strip():
        return []
    items = [s.strip().upper() for s in text.split(",") if s.strip()]
    if len(items) > MAX_CHOSEN:
        raise InputError(
            Message(
                "expected at most {most} chosen additions; found {found}",
                most=MAX_CHOSEN,
                found=len(items),
            ),
            column="chosen",
        )
    out = []
    for item in items:
        m = _ITEM.match(item)
        if m is None:
            raise InputError(
                Message(
                    "expected LOCATION:PROFILE items like 17YF00:PIE (BWI, MAT, MT or PIE); "
                    "found {found!r}",
                    found=item[:40],
                ),
                column="chosen",
            )
        out.append((m.group(1), m.group(2)))
    return out


def chosen_rows(
    text: str | None, locations: Sequence[Mapping[str, Any]], lang: str
) -> list[dict[str, Any]]:
    """The chosen additions with the atlas's row of their location (name, place, lon/lat).

    Raises:
        InputError: a chosen location is not a location of the atlas's region and year.
    """
    by_code = {str(x["loc_code"]): x for x in locations}
    rows = []
    for loc, profile in parse_chosen(text):
        x = by_code.get(loc)
        if x is None:
            raise InputError(
                Message("expected a location of the region shown; found {found}", found=loc),
                column="chosen",
            )
        rows.append(
            {
                "loc_code": loc,
                "profile": profile,
                "profile_label": fmt.category("profile", profile, lang),
                "name": x["name"],
                "gemeente_name": x.get("gemeente_name") or "",
                "url": x.get("url") or f"/location/{loc}",
                "lon": x.get("lon"),
                "lat": x.get("lat"),
            }
        )
    return rows


def with_chosen(
    spec: dict[str, Any], rows: Sequence[Mapping[str, Any]], name: str
) -> dict[str, Any]:
    """``spec`` with the chosen locations marked (unchanged when there are none)."""
    pts = [r for r in rows if r["lon"] is not None and r["lat"] is not None]
    if not pts:
        return spec
    titles = [f"{name}: {r['name']}, + {r['profile']}" for r in pts]
    halo = {  # a halo under the location symbols of the atlas's tiled map
        "id": "chosen",
        "kind": "points",
        "visible": True,
        "points": [[r["lat"], r["lon"], 13, HALO, t] for r, t in zip(pts, titles, strict=True)],
    }
    layers = list(spec.get("layers", []))
    at = next((i for i, x in enumerate(layers) if x.get("id") == "locations"), len(layers))
    return {**spec, "layers": [*layers[:at], halo, *layers[at:]]}
