"""Who may do what, and which values the registry accepts, asked of the registry services
directly (the web pages only map fields and render): the school location of a registration,
own activities and requests, roles for reports, answers, aggregates and administration, the
survey links' summaries, what fits an offer, and the registry indicators. On SQLite and
PostgreSQL (the ``registry`` fixture); locations checked against plain SQL on the demo
warehouse."""

from __future__ import annotations

import pytest

from kansrijk.demo import regions_for
from kansrijk.registry import ForbiddenError, load_places, shortages, survey
from kansrijk.registry.accounts import Registration, register, require_admin
from kansrijk.registry.assessment import may_aggregate, own_location
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import FieldError, RecordNotFoundError
from kansrijk.registry.indicator_values import indicator_values
from kansrijk.registry.matching import fitting
from kansrijk.registry.models import Organisation
from kansrijk.registry.offers import (
    MAX_ID,
    create_activity,
    create_request,
    get_activity,
    own_object,
)
from kansrijk.registry.reach import INDICATOR_IDS, indicator_value
from kansrijk.warehouse import Warehouse, region_catalog

PASSWORD = "correct horse battery"
LESSON = {"title": "Gastles", "kind": "guest_lesson", "profiles": "PIE", "pc4": "0102"}


@pytest.fixture(scope="module")
def demo(demo_path):
    """Places, the region catalogue and a vmbo location code straight from the warehouse."""
    with Warehouse(demo_path, read_only=True) as wh:
        places = load_places(wh)
        catalog = region_catalog(wh, regions_for(wh, None))
        (code,) = wh.query(
            "SELECT min(loc_code) FROM vo_enrollment WHERE track LIKE 'vmbo_%' AND count > 0"
        )[0]
    return places, catalog, str(code)


def _org(s, kind: str, role: str, loc: str | None = None, approved: bool = True) -> Actor:
    org = Organisation(name=f"{kind} {loc or ''}", kind=kind, loc_code=loc, approved=approved)
    s.add(org)
    s.flush()
    return Actor(None, org.id, role, approved=approved)


def _school(loc: str, email: str) -> Registration:
    return Registration("School", "school", "Els", email, PASSWORD, loc_code=loc)


def test_a_school_registers_with_a_location_the_warehouse_knows(registry, demo) -> None:
    places, _, known = demo
    with registry.session() as s:
        with pytest.raises(FieldError, match=r"column 'loc_code'.*found 'AA0000'") as exc:
            register(s, _school("aa0000", "a@school.test"), places=places)
        assert "vmbo pupils or of an mbo location" in str(exc.value)
        assert register(s, _school(known, "b@school.test"), places=places).id > 0
        # without the warehouse's places (the CLI's admin tools) only the code's form counts
        assert register(s, _school("AA0000", "c@school.test")).id > 0


def test_own_objects_only_for_their_organisation_and_admins(registry) -> None:
    with registry.session() as s:
        mine = _org(s, "company", "provider")
        other = _org(s, "company", "provider")
        school = _org(s, "school", "school", "ZZ0100")
        admin = Actor(None, None, "admin", approved=True)
        act = create_activity(s, mine, LESSON)
        req = create_request(s, school, LESSON, loc_code="ZZ0100")
        assert own_object(s, mine, "activity", act.id) is act
        assert own_object(s, admin, "activity", act.id) is act
        assert own_object(s, school, "request", req.id) is req
        with pytest.raises(ForbiddenError, match=f"activity {act.id} belongs to another"):
            own_object(s, other, "activity", act.id)
        with pytest.raises(ForbiddenError, match=f"request {req.id} belongs to another"):
            own_object(s, other, "request", req.id)  # a provider may see it, not change it
        with pytest.raises(ForbiddenError, match="only a school location posts requests"):
            create_request(s, mine, LESSON, loc_code="")


@pytest.mark.parametrize(
    ("role", "approved", "allowed"),
    [
        ("school", True, {"report"}),
        ("provider", True, {"answer"}),
        ("provider", False, set()),
        ("analyst", True, {"aggregate"}),
        ("admin", True, {"report", "answer", "aggregate", "admin"}),
    ],
)
def test_roles(role: str, approved: bool, allowed: set[str]) -> None:
    actor = Actor(None, 1, role, approved=approved)
    checks = {
        "report": shortages.may_report,
        "answer": shortages.may_answer,
        "aggregate": may_aggregate,
        "admin": require_admin,
    }
    passed = set()
    for name, check in checks.items():
        try:
            check(actor)
            passed.add(name)
        except ForbiddenError:
            pass
    assert passed == allowed


def test_the_self_assessment_is_filled_for_the_school_location(registry) -> None:
    with registry.session() as s:
        school = _org(s, "school", "school", "ZZ0100")
        provider = _org(s, "company", "provider")
        assert own_location(s, school) == "ZZ0100"
        with pytest.raises(ForbiddenError, match="only the account of a school location"):
            own_location(s, provider)


def test_survey_links_of_a_school_with_their_summaries(registry, demo) -> None:
    places, _, known = demo
    with registry.session() as s:
        school = _org(s, "school", "school", known)
        link = survey.create_link(s, school, places, "pupil", 2024)
        for i in range(survey.MIN_RESPONSES):
            survey.respond(s, link, f"r{i}", "nl", {"consider_tech": "yes"})
        [(found, summary)] = survey.own_summaries(s, school)
        assert found.id == link.id
        assert summary["responses"] == survey.MIN_RESPONSES and summary["shown"]
        counts = {q["id"]: q.get("counts") for q in summary["questions"]}
        assert counts["consider_tech"]["yes"] == survey.MIN_RESPONSES
        with pytest.raises(ForbiddenError, match="only school accounts have survey links"):
            survey.own_summaries(s, _org(s, "company", "provider"))


def test_what_fits_comes_with_its_organisation(registry, demo) -> None:
    places, _, _ = demo
    with registry.session() as s:
        provider = _org(s, "company", "provider")
        school = _org(s, "school", "school", "ZZ0100")
        act = create_activity(s, provider, LESSON)
        req = create_request(s, school, LESSON, loc_code="ZZ0100")
        [(cand, obj, name)] = fitting(s, places, req)
        assert (cand.id, obj.id, name) == (act.id, act.id, "company ")
        [(cand, obj, name)] = fitting(s, places, act)
        assert (cand.id, obj.id, name) == (req.id, req.id, "school ZZ0100")


def test_the_registry_indicators_of_a_region(registry, demo) -> None:
    places, catalog, _ = demo
    region = catalog.get("GM9901")
    with registry.session() as s:
        rows = indicator_values(s, places, region, 2024)
        assert [r["indicator"] for r in rows] == [*INDICATOR_IDS, shortages.INDICATOR_ID]
        for r, ind in zip(rows, INDICATOR_IDS, strict=False):
            value, num, den = indicator_value(s, places, ind, region, 2024)
            assert (r["value"], r["numerator"], r["denominator"]) == (value, num, den)
        shortage = rows[-1]  # nothing reported: none, and zero is no small count to hide
        assert (shortage["value"], shortage["numerator"], shortage["denominator"]) == (0, 0, None)
        assert shortage["reporting_locations"] == 0 and shortage["suppressed"] is False


def test_ids_no_table_holds_name_nothing(registry, web) -> None:
    with registry.session() as s:
        for bad in (0, -1, MAX_ID + 1, 10**20):
            with pytest.raises(RecordNotFoundError, match=f"no activity {bad}"):
                get_activity(s, bad)
    for path in ("/partners/activities/-7.json", f"/partners/activities/{10**20}"):
        r = web.get(path)
        assert r.status_code == 404, (path, r.text)
