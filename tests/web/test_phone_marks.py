"""What keeps the atlas and the trend charts readable on a phone, on the server side: the
break marks of a trend chart (†1, †2 numbered as the footnotes under the chart, one
annotation a year, two rows) and the atlas spec that asks map.js to cluster the school
markers, naming the kinds of offer a cluster marker shows."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from kansrijk.web.atlas_map import kinds
from kansrijk.web.charts import break_marks, trend_chart


def _script(html: str, script_id: str) -> dict[str, Any]:
    m = re.search(rf'<script type="application/json" id="{script_id}">(.*?)</script>', html, re.S)
    assert m is not None, script_id
    doc: dict[str, Any] = json.loads(m.group(1))
    return doc


def test_break_marks_number_in_the_order_given_one_per_year_in_two_rows() -> None:
    marks = break_marks([(2018, "eerste"), (2017, "tweede"), (2018, "derde"), (2020, "vierde")])
    assert [(a["x"], a["text"]) for a in marks] == [
        (2016.5, "†2"),
        (2017.5, "†1 †3"),
        (2019.5, "†4"),
    ]
    assert [a["y"] for a in marks] == [1, 1 - 0.09, 1]
    assert marks[1]["hovertext"] == "†1 eerste<br>†3 derde"
    assert all(a["xanchor"] == "left" and a["yref"] == "paper" for a in marks)
    assert break_marks([]) == []


def test_trend_chart_draws_a_dashed_line_and_a_mark_per_break_year() -> None:
    chart = trend_chart(
        [("regio", [(2016, 30.0), (2017, 31.0), (2018, 28.0), (2019, 27.5)], [2018])],
        lang="nl",
        unit="percent",
        x_title="Schooljaar",
        y_title="Aandeel (%)",
        tick_text={},
        breaks=[(2018, "breuk in de reeks"), (2019, "breuk in de reeks")],
    )
    layout = chart["layout"]
    assert [s["x0"] for s in layout["shapes"]] == [2017.5, 2018.5]
    assert [a["text"] for a in layout["annotations"]] == ["†1", "†2"]
    assert chart["data"][0]["x"] == [2016, 2017, 2017.5, 2018, 2019]  # the gap at 2018
    assert chart["data"][0]["y"][2] is None


def test_overview_break_marks_match_the_footnotes(client: TestClient) -> None:
    html = client.get("/?region=DEMO").text
    charts = re.findall(r'<script type="application/json" id="(trend-[^"]+)-spec">', html)
    seen = 0
    for chart_id in charts:
        spec = _script(html, f"{chart_id}-spec")
        texts = [m for a in spec["layout"].get("annotations", []) for m in a["text"].split()]
        notes = re.findall(rf'id="{chart_id}-break-(\d+)"', html)
        assert texts == [f"†{n}" for n in notes], chart_id
        seen += len(texts)
    assert seen >= 3  # the demo's trends have breaks (trend-2: two in adjacent years)


def test_atlas_spec_clusters_the_locations_and_names_their_kinds(client: TestClient) -> None:
    for lang, word in (("nl", "{n} locaties"), ("en", "{n} locations")):
        html = client.get(f"/atlas?region=DEMO&lang={lang}").text
        spec = _script(html, "atlas-spec")
        layer = next(x for x in spec["layers"] if x["id"] == "locations")
        assert layer["cluster"] is True
        assert spec["texts"]["cluster"] == word
        doc = client.get(f"/atlas.json?region=DEMO&lang={lang}").json()
        present = {(x["symbol"], x["colour"], x["category_label"]) for x in doc["locations"]}
        assert {tuple(k) for k in layer["kinds"]} == present
        # in the legend's order
        legend = [(c["symbol"], c["colour"], c["label"]) for c in doc["categories"]]
        assert [tuple(k) for k in layer["kinds"]] == [c for c in legend if c in present]
        # every marker's shape and colour is one of the kinds
        assert {(p[4], p[3]) for p in layer["points"]} <= {(k[0], k[1]) for k in layer["kinds"]}


def test_kinds_of_no_locations_is_empty() -> None:
    assert kinds([]) == []
    rows = [
        {"category": "none", "category_label": "geen"},
        {"category": "ict", "category_label": "ICT"},
    ]
    assert kinds(rows) == [["diamond", "#CC79A7", "ICT"], ["x", "#D55E00", "geen"]]
