"""Shortage reports: an mbo location reports pupils without a BBL place; the public page,
its JSON twin, the API and the indicator show the region x field total, suppressed below
the indicators' threshold (1-4 pupils); a provider answers with places; roles and the audit
trail. Every test runs on SQLite and PostgreSQL (the ``web`` fixture)."""

from __future__ import annotations

import json
import re

from kansrijk.registry.models import AuditEntry

from .conftest import approve_all, login, post, register

MBO = "ZZM001"  # Fictief Havencollege mbo Havenstad, PC4 0103, GM9901 (demo)
VMBO = "ZZ0200"  # demo vmbo location in GM9901


def _school(web, email: str = "els@havencollege.test", loc: str = MBO) -> None:
    r = register(web, email, kind="school", org="Havencollege", loc_code=loc)
    assert r.status_code == 303, r.text
    approve_all(web)
    login(web, email)


def _report(web, **fields):
    data = {
        "period": "2024-11",
        "field": "TGO",
        "crebo": "",
        "field_name": "Installatietechniek",
        "place_kind": "bbl_place",
        "pupils": "12",
        **fields,
    }
    return post(web, "/partners/shortages/report", data, "/partners/shortages/report")


def _doc(web, year: str = "2024") -> dict:
    r = web.get("/partners/shortages.json", params={"region": "GM9901", "year": year})
    assert r.status_code == 200
    return r.json()


def test_mbo_location_reports_12_without_bbl_place(web) -> None:
    _school(web)
    assert _report(web).status_code == 303
    mine = web.get("/partners/shortages/report")
    assert "Installatietechniek" in mine.text and ">12<" in mine.text
    export = web.get("/partners/account/export.json").json()
    assert [(r["loc_code"], r["pupils"]) for r in export["shortage_reports"]] == [(MBO, 12)]
    web.cookies.clear()
    doc = _doc(web)
    assert doc["total"] == 12 and not doc["suppressed"] and doc["locations"] == 1
    assert doc["cells"] == [
        {
            "level": "mbo",
            "field": "TGO",
            "field_label": "Techniek en gebouwde omgeving (TGO)",
            "place_kind": "bbl_place",
            "place_kind_label": "BBL-plaats",
            "pupils": 12,
            "suppressed": False,
            "places_offered": 0,
            "locations": 1,
        }
    ]
    assert [(g["gemeente_code"], g["pupils"]) for g in doc["gemeenten"]] == [("GM9901", 12)]
    assert doc["trend"][-1] == {
        "school_year": "2024-2025",
        "total": 12,
        "suppressed": False,
        "locations": 1,
    }
    page = web.get("/partners/shortages", params={"region": "GM9901", "year": "2024"})
    assert page.status_code == 200 and 'id="shortage-total">12<' in page.text
    assert "shortage-map" in page.text and "shortage-trend" in page.text
    api = web.get("/api/v1/registry/indicators", params={"region": "GM9901", "year": "2024"})
    short = api.json()["values"][-1]
    assert short["indicator"] == "partners.internship_shortage"
    assert (short["value"], short["numerator"], short["suppressed"]) == (12, 12, False)
    # another region and another school year do not count it
    assert _doc(web, "2023")["total"] == 0
    other = web.get("/api/v1/registry/shortages", params={"region": "GM9902", "year": "2024"})
    assert other.json()["ok"] and other.json()["total"] == 0


def test_counts_below_five_are_suppressed(web) -> None:
    _school(web)
    assert _report(web, pupils="4").status_code == 303
    web.cookies.clear()
    doc = _doc(web)
    assert doc["total"] is None and doc["suppressed"] and doc["threshold"] == 5
    assert doc["cells"][0]["pupils"] is None and doc["cells"][0]["suppressed"]
    assert doc["gemeenten"][0]["pupils"] is None
    assert doc["trend"][-1] == {
        "school_year": "2024-2025",
        "total": None,
        "suppressed": True,
        "locations": 1,
    }
    assert '"4"' not in json.dumps(doc) and ": 4," not in json.dumps(doc)
    page = web.get("/partners/shortages", params={"region": "GM9901", "year": "2024"})
    assert 'id="shortage-total">niet getoond<' in page.text
    ind = web.get("/api/v1/registry/indicators", params={"region": "GM9901", "year": "2024"})
    short = ind.json()["values"][-1]
    assert (short["value"], short["numerator"], short["suppressed"]) == (None, None, True)


def test_newest_period_counts_and_same_period_is_corrected(web) -> None:
    _school(web)
    _report(web, period="2024-09", pupils="20")
    _report(web, period="2025-01", pupils="12")  # newer: replaces September's count
    _report(web, period="2025-01", pupils="14")  # same period: corrected in place
    _report(web, period="2024-10", field="MLT", place_kind="internship_mbo", pupils="6")
    assert _doc(web)["total"] == 14 + 6
    fields = {(c["field"], c["place_kind"]): c["pupils"] for c in _doc(web)["cells"]}
    assert fields == {("MLT", "internship_mbo"): 6, ("TGO", "bbl_place"): 14}
    # the trend counts each school year by the same rule: 2023-2024 had none
    trend = {p["school_year"]: p["total"] for p in _doc(web)["trend"]}
    assert trend["2024-2025"] == 20 and trend["2023-2024"] == 0 and len(trend) == 5


def test_the_trend_shows_years_without_reports_as_a_gap_and_as_a_table(web) -> None:
    """A school year nobody reported for is a gap in the line and 'geen meldingen' in the
    table under it, not 0 pupils (no data is not 'no shortage')."""
    _school(web)
    _report(web, pupils="12")
    web.cookies.clear()
    page = web.get("/partners/shortages", params={"region": "GM9901", "year": "2024"})
    spec = json.loads(page.text.split('id="shortage-trend-spec">', 1)[1].split("</script>", 1)[0])
    assert spec["data"][0]["x"][-2:] == ["2023-2024", "2024-2025"]
    assert spec["data"][0]["y"] == [None, None, None, None, 12]
    table = page.text.split('id="shortage-trend-table">', 1)[1].split("</table>", 1)[0]
    rows = [
        re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
        for row in table.split("<tbody>", 1)[1].split("</tr>")[:-1]
    ]
    assert rows[-2:] == [["2023-2024", "geen meldingen", "0"], ["2024-2025", "12", "1"]]
    english = web.get(
        "/partners/shortages", params={"region": "GM9901", "year": "2024", "lang": "en"}
    )
    assert ">no reports<" in english.text


def test_bad_fields_are_named(web) -> None:
    _school(web)
    r = _report(web, place_kind="internship_vmbo")
    assert r.status_code == 400 and "internship_mbo, bbl_place" in r.text
    r = _report(web, field="PIE")
    assert r.status_code == 400 and "verwacht een mbo-sectorkamer" in r.text  # Dutch page
    r = _report(web, pupils="0")
    assert r.status_code == 400 and "geheel getal van 1 tot en met 10000" in r.text
    r = _report(web, period="2024-13")
    assert r.status_code == 400 and "een periode zoals 2024-11" in r.text
    r = _report(web, crebo="12ab")
    assert r.status_code == 400 and "crebo" in r.text
    assert _doc(web)["total"] == 0


def test_vmbo_location_reports_by_profile(web) -> None:
    _school(web, "piet@zz0200.test", VMBO)
    assert _report(web, field="PIE", place_kind="internship_vmbo", pupils="7").status_code == 303
    cell = _doc(web)["cells"][0]
    assert (cell["level"], cell["field"], cell["pupils"]) == ("vmbo", "PIE", 7)


def test_roles_answers_and_audit(web) -> None:
    _school(web)
    _report(web)
    # a provider may not report, but answers with places
    register(web, "jan@installateur.test")
    approve_all(web)
    login(web, "jan@installateur.test")
    assert web.get("/partners/shortages/report").status_code == 403
    r = post(web, "/partners/shortages/report", {"period": "2024-11", "field": "TGO"})
    assert r.status_code == 403 and "alleen accounts van scholen" in r.text  # in Dutch
    listing = web.get("/partners/shortages/open", params={"year": "2024"})
    assert listing.status_code == 200 and "Havencollege" in listing.text
    r = post(
        web,
        "/partners/shortages/1/answer",
        {"places": "3", "note": "<b>twee</b> monteurs"},
        "/partners/shortages/open?year=2024",
    )
    assert r.status_code == 303
    assert _doc(web)["cells"][0]["places_offered"] == 3
    # a school may not answer nor see the providers' list; nor withdraw another's report
    _school(web, "kees@zz0200.test", VMBO)
    assert post(web, "/partners/shortages/1/answer", {"places": "1"}).status_code == 403
    assert web.get("/partners/shortages/open").status_code == 403
    assert post(web, "/partners/shortages/1/delete", {}).status_code == 403
    # the own school withdraws it
    login(web, "els@havencollege.test")
    assert post(web, "/partners/shortages/1/delete", {}).status_code == 303
    assert _doc(web)["total"] == 0
    h = web.app.state.registry
    with h.registry.session() as s:
        acts = [
            (a.action, a.entity)
            for a in s.query(AuditEntry).order_by(AuditEntry.id)
            if a.entity.startswith("shortage")
        ]
    assert acts == [
        ("create", "shortage_report"),
        ("create", "shortage_answer"),
        ("delete", "shortage_report"),
    ]


def test_signed_out_visitors_are_sent_to_login_and_csrf_is_required(web) -> None:
    assert web.get("/partners/shortages/report", follow_redirects=False).status_code == 303
    _school(web)
    r = web.post("/partners/shortages/report", data={"period": "2024-11"})
    assert r.status_code == 403
