"""Hidden small counts stay hidden: no hidden figure of the registry's published aggregates
can be worked out from the figures shown beside it (secondary suppression,
``kansrijk.registry.disclosure``).

Every published view of the same figures is read (the HTML page, its JSON twin, the API,
the indicator API; CSV and XLSX for the self-assessment) and an independent brute force
enumerates every value of the hidden figures consistent with all the shown totals: each
hidden figure must keep more than one possible value. On SQLite and PostgreSQL (``web``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from html.parser import HTMLParser
from typing import Any

from openpyxl import load_workbook

from kansrijk.registry.disclosure import Part, hide_group, protect
from kansrijk.registry.measure_models import ShortageReport, SurveyLink, SurveyResponse
from kansrijk.registry.models import Organisation

REGION = "PV99"  # the demo province: GM9901-GM9904
YEAR = 2024


def _org(s: Any) -> int:
    org = Organisation(name="School", kind="school", loc_code="ZZ0100", approved=True)
    s.add(org)
    s.flush()
    return int(org.id)


def _shortages(web: Any, rows: list[tuple[str, str, str, str, int]]) -> None:
    """Counted reports straight into the registry: (gemeente, location, field, kind, pupils)
    (an mbo sectorkamer for mbo kinds, a vmbo profile for internship_vmbo)."""
    h = web.app.state.registry
    with h.registry.session() as s:
        org = _org(s)
        for gm, loc, fld, kind, n in rows:
            level = "vmbo" if kind == "internship_vmbo" else "mbo"
            s.add(
                ShortageReport(
                    org_id=org,
                    loc_code=loc,
                    level=level,
                    period="2024-11",
                    school_year=YEAR,
                    field=fld,
                    place_kind=kind,
                    pupils=n,
                    gemeente_code=gm,
                    pc4="",
                )
            )
        s.commit()
    h.cache.clear()
    h.invalidate()


class _Cells(HTMLParser):
    """The text of each cell of the tables with an id, by table id and row."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.total = ""
        self._in_total = False
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id"):
            self._table = str(a["id"])
            self.tables[self._table] = []
        elif tag == "tbody":
            self._body = True
        elif tag == "tr" and self._table and self._body:
            code = a.get("data-gemeente")  # a gemeente's row starts with its code
            self.tables[self._table].append([code] if code else [])
        elif tag in ("td", "th") and self._table and self._body:
            self._cell = []
        if a.get("id") == "shortage-total":
            self._in_total = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._body = False
        if tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None
        self._in_total = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_total:
            self.total += data


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _views(web: Any) -> list[dict[str, Any]]:
    """The shortage figures of every view as {total, cells: [(pupils, locations)],
    gemeenten: [pupils], trend}: JSON twin, API, HTML page, indicator API."""
    q = {"region": REGION, "year": str(YEAR)}
    out = []
    for path in ("/partners/shortages.json", "/api/v1/registry/shortages"):
        doc = web.get(path, params=q).json()
        out.append(
            {
                "total": doc["total"],
                "cells": [(c["pupils"], c["locations"]) for c in doc["cells"]],
                "gemeenten": [g["pupils"] for g in doc["gemeenten"]],
                "trend": doc["trend"][-1]["total"],
            }
        )
        for c in doc["cells"]:
            assert c["suppressed"] is (c["pupils"] is None)
    page = web.get("/partners/shortages", params=q)
    assert page.status_code == 200
    p = _Cells()
    p.feed(page.text)
    cells = p.tables.get("shortage-cells", [])
    gms = p.tables.get("shortage-gemeenten")  # the table under the map (if the page has it)
    out.append(
        {
            "total": _number(p.total.strip()),
            "cells": [(_number(r[3]), int(r[5])) for r in cells],
            "gemeenten": out[0]["gemeenten"]
            if gms is None
            else [_number(r[2]) for r in sorted(gms)],
            "trend": out[0]["trend"],
        }
    )
    ind = web.get("/api/v1/registry/indicators", params=q).json()["values"]
    short = next(v for v in ind if v["indicator"] == "partners.internship_shortage")
    assert short["suppressed"] is (short["value"] is None)
    out.append({**out[0], "total": short["value"]})
    return out


def _possible(shown: list[int | None], floors: list[int], total: int) -> list[set[int]] | None:
    """For each hidden part (None in ``shown``): every value it can take with every hidden
    part at least its floor (and at least 1: hidden is never zero) and all parts adding up
    to ``total`` (brute force over 1..total for each hidden part); None when no values
    fit."""
    hidden = [i for i, v in enumerate(shown) if v is None]
    rest = total - sum(v for v in shown if v is not None)
    found: list[set[int]] = [set() for _ in hidden]
    fits = False
    ranges = [range(max(1, floors[i]), rest + 1) for i in hidden]
    for combo in itertools.product(*ranges):
        if sum(combo) == rest:
            fits = True
            for k, v in enumerate(combo):
                found[k].add(v)
    return found if fits else None


def _undetermined(view: dict[str, Any], truth: dict[str, Any]) -> None:
    """No hidden figure of one view is determined by the figures it shows."""
    shown_total = view["total"] is not None
    totals = [view["total"]] if shown_total else range(1, truth["total"] + 5)
    hidden_c = [i for i, c in enumerate(view["cells"]) if c[0] is None]
    hidden_g = [i for i, g in enumerate(view["gemeenten"]) if g is None]
    possible_cells: dict[int, set[int]] = {i: set() for i in hidden_c}
    possible_gms: dict[int, set[int]] = {i: set() for i in hidden_g}
    possible_total: set[int] = set()
    for total in totals:
        cells = _possible([c[0] for c in view["cells"]], [c[1] for c in view["cells"]], total)
        gms = _possible(view["gemeenten"], [1] * len(view["gemeenten"]), total)
        if cells is None or gms is None:
            continue
        possible_total.add(total)
        for i, vals in zip(hidden_c, cells, strict=True):
            possible_cells[i] |= vals
        for i, vals in zip(hidden_g, gms, strict=True):
            possible_gms[i] |= vals
    assert truth["total"] in possible_total
    if not shown_total:
        assert len(possible_total) > 1
    for i, (shown, _) in enumerate(view["cells"]):
        if shown is None:
            assert truth["cells"][i] in possible_cells[i], (view, truth)
            assert len(possible_cells[i]) > 1, (i, possible_cells[i], view)
        else:
            assert shown == truth["cells"][i]  # what is shown stays exact
    for i, shown in enumerate(view["gemeenten"]):
        if shown is None:
            assert truth["gemeenten"][i] in possible_gms[i]
            assert len(possible_gms[i]) > 1, (i, possible_gms[i], view)
        else:
            assert shown == truth["gemeenten"][i]
    assert view["trend"] == view["total"]  # the trend's year is the same figure


def _check(web: Any, rows: list[tuple[str, str, str, str, int]]) -> list[dict[str, Any]]:
    """Store the reports, read every view, check them against the truth computed here."""
    _shortages(web, rows)
    cells: dict[tuple[str, str, str], int] = {}
    gms: dict[str, int] = {}
    for gm, _, fld, kind, n in rows:
        key = ("vmbo" if kind == "internship_vmbo" else "mbo", fld, kind)
        cells[key] = cells.get(key, 0) + n
        gms[gm] = gms.get(gm, 0) + n
    truth = {
        "total": sum(n for *_, n in rows),
        "cells": [cells[k] for k in sorted(cells)],
        "gemeenten": [gms[k] for k in sorted(gms)],
    }
    views = _views(web)
    for view in views:
        assert len(view["cells"]) == len(truth["cells"])
        _undetermined(view, truth)
    assert all(v == views[0] for v in views[1:3])  # JSON, API and page agree
    return views


def test_12_and_3_in_two_gemeenten_the_3_cannot_be_subtracted(web) -> None:
    views = _check(
        web,
        [
            ("GM9901", "ZZM001", "TGO", "bbl_place", 12),
            ("GM9902", "ZZM002", "TGO", "bbl_place", 3),
        ],
    )
    # the total stays, the 12 is hidden with the 3 (12 + 3 = 15 has many splits)
    assert views[0]["total"] == 15 and views[0]["gemeenten"] == [None, None]
    assert views[0]["cells"] == [(15, 2)]


def test_two_groups_sharing_the_total(web) -> None:
    views = _check(
        web,
        [
            ("GM9901", "ZZM001", "TGO", "bbl_place", 12),
            ("GM9901", "ZZM001", "MLT", "internship_mbo", 6),
            ("GM9902", "ZZM002", "TGO", "internship_mbo", 3),
            ("GM9903", "ZZM003", "MLT", "internship_mbo", 20),
        ],
    )
    # cells: MLT intern 26, TGO bbl 12, TGO intern 3 -> 3 and the next smallest (12) hidden
    assert views[0]["cells"] == [(26, 2), (None, 1), (None, 1)]
    # gemeenten 18, 3, 20 -> 3 and 18 hidden; the total 41 stays
    assert views[0]["gemeenten"] == [None, None, 20] and views[0]["total"] == 41


def test_all_cells_small_keep_the_total(web) -> None:
    views = _check(
        web,
        [
            ("GM9901", "ZZ0100", "PIE", "internship_vmbo", 3),
            ("GM9902", "ZZ0200", "BWI", "internship_vmbo", 4),
            ("GM9903", "ZZ0300", "MT", "internship_vmbo", 2),
        ],
    )
    assert views[0]["total"] == 9 and views[0]["cells"] == [(None, 1)] * 3


def test_five_single_pupils_hide_the_total(web) -> None:
    """Five cells of one pupil each: a shown total 5 would tell every cell is 1."""
    views = _check(
        web,
        [
            ("GM9901", f"ZZ0{i}00", fld, "internship_vmbo", 1)
            for i, fld in enumerate(("BWI", "MAT", "MT", "MVI", "PIE"), start=1)
        ],
    )
    assert all(v["total"] is None for v in views)


def test_reporting_locations_are_a_floor(web) -> None:
    """A cell of 4 pupils from 4 locations is at least 4: with a 1 beside it and a total
    of 5 the split would be known, so the total is hidden too."""
    views = _check(
        web,
        [
            *[("GM9901", f"ZZM00{i}", "TGO", "bbl_place", 1) for i in range(1, 5)],
            ("GM9902", "ZZM005", "MLT", "bbl_place", 1),
        ],
    )
    assert views[0]["total"] is None


def test_one_cell_only_and_zero(web) -> None:
    views = _check(web, [("GM9901", "ZZM001", "TGO", "bbl_place", 3)])
    assert all(v["total"] is None for v in views)
    other = web.get("/partners/shortages.json", params={"region": REGION, "year": "2023"})
    assert other.json()["total"] == 0 and other.json()["suppressed"] is False  # zero shown


def test_one_cell_of_twelve_is_shown(web) -> None:
    views = _check(web, [("GM9901", "ZZM001", "TGO", "bbl_place", 12)])
    assert views[0] == {"total": 12, "cells": [(12, 1)], "gemeenten": [12], "trend": 12}


# -- the rule itself, on numbers --------------------------------------------------------


def test_rule_on_numbers() -> None:
    assert hide_group([Part(12), Part(3)]) == {0, 1}
    assert hide_group([Part(12), Part(30), Part(3)]) == {0, 2}
    assert hide_group([Part(12), Part(0), Part(3)]) == {0, 2}  # a zero is never hidden
    assert hide_group([Part(1), Part(1)]) is None  # sum 2: small, hide the total
    assert hide_group([Part(2), Part(3), Part(9)]) == {0, 1}  # 2 + 3 = 5 is enough
    assert hide_group([Part(7), Part(8)]) == frozenset()
    out = protect(15, [[Part(15)], [Part(12), Part(3)]])
    assert out.total_shown and out.hidden == (frozenset(), frozenset({0, 1}))
    out = protect(5, [[Part(1)] * 5])
    assert not out.total_shown and out.hidden == (frozenset(range(5)),)


# -- survey ------------------------------------------------------------------------------


def _responses(
    web: Any,
    per_location: dict[str, list[str]],
    links: list[tuple[str, list[str]]] | None = None,
    org: int | None = None,
) -> None:
    """Pupil responses to ``consider_tech`` per location (yes, maybe, no), one link each, or
    per link (location, answers) of organisation ``org``."""
    h = web.app.state.registry
    with h.registry.session() as s:
        org = org or _org(s)
        for k, (loc, answers) in enumerate([*sorted(per_location.items()), *(links or [])]):
            link = SurveyLink(
                org_id=org,
                loc_code=loc,
                audience="pupil",
                school_year=YEAR,
                slug=f"slug{k}",
                gemeente_code="GM9901",
            )
            s.add(link)
            s.flush()
            for i, a in enumerate(answers):
                s.add(
                    SurveyResponse(
                        link_id=link.id,
                        respondent=f"{k}-{i}",
                        lang="nl",
                        answers=json.dumps({"consider_tech": a, "lob_help": 1 + i % 5}),
                        day=dt.date(2024, 11, 1),
                    )
                )
        s.commit()
    h.cache.clear()
    h.invalidate()


def _survey_undetermined(doc: dict[str, Any], truth: dict[str, list[str]]) -> None:
    """From the region's counts minus the shown locations', no hidden location's count of
    any option (nor its sum of the scale) has a single possible value."""
    pupil = doc["audiences"]["pupil"]
    region = pupil["region"]
    assert region["shown"]
    locs = pupil["locations"]
    hidden = [loc for loc, s in locs.items() if not s["shown"]]
    assert len(hidden) != 1  # never one hidden location beside a shown region
    q = {r["id"]: r for r in region["questions"]}
    for option in ("yes", "maybe", "no"):
        rest = q["consider_tech"]["counts"][option] - sum(
            {r["id"]: r for r in s["questions"]}["consider_tech"]["counts"][option]
            for s in locs.values()
            if s["shown"]
        )
        ranges = [range(locs[loc]["responses"] + 1) for loc in hidden]
        found: dict[str, set[int]] = {loc: set() for loc in hidden}
        for combo in itertools.product(*ranges):
            if sum(combo) == rest:
                for loc, v in zip(hidden, combo, strict=True):
                    found[loc].add(v)
        for loc in hidden:
            assert truth[loc].count(option) in found[loc]
            assert len(found[loc]) > 1, (loc, option, found)


def test_survey_location_of_3_cannot_be_subtracted_from_the_region(web) -> None:
    answers = {
        "ZZ0100": ["yes"] * 5 + ["maybe"] * 4 + ["no"] * 3,  # 12 responses
        "ZZ0200": ["yes", "no", "maybe"],  # 3 responses: hidden
    }
    _responses(web, answers)
    q = {"region": REGION, "year": str(YEAR)}
    doc = web.get("/partners/survey/results.json", params=q).json()
    api = web.get("/api/v1/registry/survey", params=q).json()
    for d in (doc, api):
        locs = d["audiences"]["pupil"]["locations"]
        assert {k: (v["responses"], v["shown"]) for k, v in locs.items()} == {
            "ZZ0100": (12, False),
            "ZZ0200": (3, False),
        }
        assert d["audiences"]["pupil"]["region"]["responses"] == 15
        _survey_undetermined(d, answers)
    page = web.get("/partners/survey/results", params=q).text
    # the page shows the region's results but neither location's
    assert 'table class="data-table" id="survey-pupil"' in page
    assert 'id="survey-pupil-ZZ0100-too-few"' in page and 'id="survey-pupil-ZZ0100"' not in page
    assert 'id="survey-pupil-ZZ0200-too-few"' in page


def test_survey_three_locations_hide_the_smallest_shown(web) -> None:
    answers = {
        "ZZ0100": ["yes"] * 6 + ["no"] * 6,  # 12
        "ZZ0200": ["maybe"] * 5 + ["no"] * 15,  # 20
        "ZZ0300": ["yes", "no", "maybe", "no"],  # 4: hidden
    }
    _responses(web, answers)
    doc = web.get("/partners/survey/results.json", params={"region": REGION, "year": "2024"})
    locs = doc.json()["audiences"]["pupil"]["locations"]
    assert {k: v["shown"] for k, v in locs.items()} == {
        "ZZ0100": False,
        "ZZ0200": True,
        "ZZ0300": False,
    }
    _survey_undetermined(doc.json(), answers)


def test_survey_own_links_of_one_location_on_the_school_page(web) -> None:
    """Link a (12 responses) and link b (3) of one location: the public results show the
    location (15); the school's own page hides both links, else 15 - 12 gives link b."""
    from sqlalchemy import select

    from .conftest import approve_all, login, register

    register(web, "s@school.test", kind="school", org="School", loc_code="ZZ0100")
    approve_all(web)
    h = web.app.state.registry
    with h.registry.session() as s:
        org = s.scalar(select(Organisation.id).where(Organisation.loc_code == "ZZ0100"))
    a = ["yes"] * 4 + ["maybe"] * 4 + ["no"] * 4
    _responses(web, {}, [("ZZ0100", a), ("ZZ0100", ["yes", "maybe", "no"])], org=org)
    q = {"region": REGION, "year": str(YEAR)}
    public = web.get("/partners/survey/results.json", params=q).json()["audiences"]["pupil"]
    assert public["locations"]["ZZ0100"]["shown"] and public["region"]["responses"] == 15
    login(web, "s@school.test")
    page = web.get("/partners/survey?year=2024").text
    assert 'id="survey-link-1-too-few"' in page and 'id="survey-link-2-too-few"' in page
    assert "12 antwoorden: niet getoond" in page and "3 antwoorden: te weinig" in page


def test_survey_own_links_of_one_location() -> None:
    """A school's two links at one location add up to the location's published summary:
    the link of 3 and the next smallest (12, then 10 of three) are hidden."""
    from kansrijk.registry.survey import protected

    rows = {"a": [{"consider_tech": "yes"}] * 12, "b": [{"consider_tech": "no"}] * 3}
    out = protected("pupil", sorted(rows.items()))
    assert {k: (v["responses"], v["shown"]) for k, v in out.items()} == {
        "a": (12, False),
        "b": (3, False),
    }
    rows["c"] = [{"consider_tech": "maybe"}] * 10
    out = protected("pupil", sorted(rows.items()))
    assert {k: v["shown"] for k, v in out.items()} == {"a": True, "b": False, "c": False}


# -- self-assessment ---------------------------------------------------------------------


def test_assessment_mean_of_one_answer_is_not_shown(web) -> None:
    from .conftest import approve_all, login, post, register

    for email, loc, ans in (
        ("a@school.test", "ZZ0100", {"state": "3", "tech_share": "30"}),
        ("b@school.test", "ZZ0200", {"state": "5"}),
    ):
        register(web, email, kind="school", org=f"School {loc}", loc_code=loc)
        approve_all(web)
        login(web, email)
        page = "/partners/assessment?year=2024"
        assert post(web, page, {**ans, "action": "save"}, page).status_code == 303
    register(web, "ana@gemeente.test", kind="gemeente", org="Gemeente Havenstad")
    approve_all(web)
    login(web, "ana@gemeente.test")
    q = "?region=GM9901&year=2024"
    doc = web.get(f"/partners/assessment/region.json{q}").json()
    rows = {r["question"]: r for r in doc["rows"] if r["option"] == ""}
    assert (rows["state"]["mean"], rows["state"]["answers"]) == (4.0, 2)
    # one location answered tech_share: its mean would be that location's answer (30)
    assert (rows["tech_share"]["mean"], rows["tech_share"]["answers"]) == (None, 1)
    text = web.get(f"/partners/assessment/region.csv{q}").text
    parsed = {r["question"]: r for r in csv.DictReader(io.StringIO(text)) if not r["option"]}
    assert parsed["tech_share"]["mean"] == "" and parsed["state"]["mean"] in ("4.0", "4")
    xlsx = web.get(f"/partners/assessment/region.xlsx{q}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    found = [r for r in sheet.iter_rows(values_only=True) if r[3] == "tech_share"]
    assert found and found[0][9] is None
    assert "30.0" not in web.get(f"/partners/assessment/region{q}").text
