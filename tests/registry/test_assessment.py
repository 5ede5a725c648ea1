"""The school self-assessment: two locations fill the Masterplan form; the analyst sees the
region's aggregates (page, JSON, CSV and XLSX) but never one location's answers (403); a
location's own school and admins do; closed forms stay closed; the form definition is
versioned YAML. On SQLite and PostgreSQL (the ``web`` fixture)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from kansrijk.errors import InputError
from kansrijk.registry.assessment import clean_answers, form_definition, parse_form

from .conftest import approve_all, login, make_admin, post, register

A, B = "ZZ0100", "ZZ0200"  # two demo vmbo locations in GM9901


def _fill(web, email: str, loc: str, answers: dict, action: str = "save"):
    register(web, email, kind="school", org=f"School {loc}", loc_code=loc)
    approve_all(web)
    login(web, email)
    return _post(web, answers, action)


def _post(web, answers: dict, action: str = "save"):
    token_page = "/partners/assessment?year=2024"
    return post(web, "/partners/assessment?year=2024", {**answers, "action": action}, token_page)


def _two(web) -> None:
    r = _fill(
        web,
        "a@school.test",
        A,
        {
            "state": "3",
            "tech_share": "30",
            "workshops": ["PIE", "BWI"],
            "barriers": ["teachers", "equipment"],
            "missing": "Een CNC-machine",
        },
    )
    assert r.status_code == 303, r.text
    r = _fill(
        web,
        "b@school.test",
        B,
        {"state": "5", "workshops": ["PIE"], "barriers": ["teachers"], "sustainability": "partly"},
    )
    assert r.status_code == 303, r.text


def _analyst(web) -> None:
    register(web, "ana@gemeente.test", kind="gemeente", org="Gemeente Havenstad")
    approve_all(web)
    login(web, "ana@gemeente.test")


def test_two_locations_region_view_and_exports(web) -> None:
    _two(web)
    _analyst(web)
    doc = web.get("/partners/assessment/region.json?region=GM9901&year=2024").json()
    assert doc["locations"] == 2 and doc["shown"] and doc["form_version"] == "2026.1"
    share = {(r["question"], r["option"]): r["share"] for r in doc["rows"]}
    assert share[("workshops", "PIE")] == 1.0 and share[("workshops", "BWI")] == 0.5
    assert share[("workshops", "MT")] == 0.0
    assert share[("sustainability", "partly")] == 0.5
    barriers = [(r["option"], r["locations"]) for r in doc["rows"] if r["question"] == "barriers"]
    assert barriers[:2] == [("teachers", 2), ("equipment", 1)]
    mean = {r["question"]: (r["mean"], r["answers"]) for r in doc["rows"] if r["option"] == ""}
    # one answer's mean would be location A's answer (30): not shown (test_disclosure.py)
    assert mean["state"] == (4.0, 2) and mean["tech_share"] == (None, 1)
    assert "CNC" not in str(doc)  # text answers are never aggregated
    page = web.get("/partners/assessment/region?region=GM9901&year=2024")
    assert page.status_code == 200 and 'data-question="workshops" data-option="PIE"' in page.text
    xlsx = web.get("/partners/assessment/region.xlsx?region=GM9901&year=2024")
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "region",
        "school_year",
        "answering_locations",
        "question",
        "question_text",
    )
    pie = [r for r in rows if r[3] == "workshops" and r[5] == "PIE"]
    assert pie == [pie[0]] and pie[0][2] == 2 and pie[0][7] == 2 and pie[0][8] == 1.0
    text = web.get("/partners/assessment/region.csv?region=GM9901&year=2024").text
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert [r["locations"] for r in parsed if r["option"] == "teachers"] == ["2"]


def test_single_answers_only_for_own_school_and_admins(web) -> None:
    _two(web)
    _analyst(web)
    assert web.get(f"/partners/assessment/{A}?year=2024").status_code == 403
    r = web.get(f"/partners/assessment/{A}.json?year=2024")
    assert r.status_code == 403 and "analysts see the region's aggregates" in r.text
    login(web, "a@school.test")
    own = web.get(f"/partners/assessment/{A}.json?year=2024").json()
    assert own["answers"]["workshops"] == ["BWI", "PIE"] and own["answers"]["missing"]
    assert web.get(f"/partners/assessment/{B}.json?year=2024").status_code == 403
    assert web.get("/partners/assessment/region.json?region=GM9901&year=2024").status_code == 403
    make_admin(web)
    assert web.get(f"/partners/assessment/{B}.json?year=2024").json()["answers"]["state"] == 5
    assert web.get(f"/partners/assessment/{B}?year=2024").status_code == 200


def test_editable_until_closed(web) -> None:
    assert _fill(web, "a@school.test", A, {"state": "2"}).status_code == 303
    assert _post(web, {"state": "4"}, "close").status_code == 303
    page = web.get("/partners/assessment?year=2024")
    assert 'id="assessment-closed"' in page.text
    r = _post(web, {"state": "1"})
    assert r.status_code == 409 and "is gesloten" in r.text  # the page is Dutch
    assert web.get(f"/partners/assessment/{A}.json?year=2024").json()["answers"] == {"state": 4}


def test_one_location_is_not_aggregated_and_bad_answers_are_named(web) -> None:
    r = _fill(web, "a@school.test", A, {"state": "9"})
    assert r.status_code == 400 and "geheel getal van 1 tot en met 5" in r.text  # Dutch page
    r = _post(web, {"workshops": ["PIE", "XX"]})
    assert r.status_code == 400 and "gevonden &#39;XX&#39;" in r.text
    assert _post(web, {"state": "3"}).status_code == 303
    _analyst(web)
    doc = web.get("/partners/assessment/region.json?region=GM9901&year=2024").json()
    assert doc["locations"] == 1 and not doc["shown"] and doc["rows"] == []


def test_the_form_definition() -> None:
    form = form_definition()
    ids = [q.id for q in form.questions]
    assert len(ids) == len(set(ids)) == 15
    assert form.question("workshops").options[0][0] == "BWI"
    assert clean_answers(form, {"barriers": "teachers,funding", "unknown": "x"}) == {
        "barriers": ["teachers", "funding"]
    }
    bad = (
        "version: '1'\nscale_labels: {nl: []}\nsections:\n- {id: s, nl: S, en: S, "
        "questions: [{id: q, type: dropdown, nl: Q, en: Q}]}\n"
    )
    with pytest.raises(InputError, match="type in scale, number, choice, multi, text"):
        parse_form(bad, "bad.yaml")
