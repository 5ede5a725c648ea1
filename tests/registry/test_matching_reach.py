"""Matching (fit and distance, propose/accept/decline with history) and reach with its two
indicators on the demo region, checked against plain SQL on the warehouse."""

from __future__ import annotations

import datetime as dt

import pytest

from kansrijk.demo import regions_for
from kansrijk.registry import ConflictError, ForbiddenError, indicator_value, load_places, reach
from kansrijk.registry.audit import Actor
from kansrijk.registry.matching import answer, fit, history, offers_for, propose, requests_for
from kansrijk.registry.models import Organisation
from kansrijk.registry.offers import create_activity, create_request
from kansrijk.registry.reach import school_year_of
from kansrijk.warehouse import Warehouse, region_catalog


@pytest.fixture(scope="module")
def demo(demo_path):
    with Warehouse(demo_path, read_only=True) as wh:
        places = load_places(wh)
        catalog = region_catalog(wh, regions_for(wh, None))
        rows = wh.query(
            """SELECT e.loc_code, sum(coalesce(e.count, 0)) FROM vo_enrollment e
               JOIN (SELECT loc_code, arg_max(gemeente_code, year) g FROM location
                     GROUP BY loc_code) l USING (loc_code)
               WHERE e.year = 2024 AND l.g = 'GM9901'
                 AND e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl')
               GROUP BY e.loc_code ORDER BY 1"""
        )
    return places, catalog, {str(c): int(n) for c, n in rows}


def _org(s, kind: str, loc: str | None = None) -> Actor:
    org = Organisation(name=f"{kind} org", kind=kind, loc_code=loc, approved=True)
    s.add(org)
    s.flush()
    return Actor(None, org.id, "provider" if kind == "company" else "school", approved=True)


LESSON = {
    "title": "Gastles",
    "kind": "guest_lesson",
    "profiles": "PIE",
    "pc4": "0102",
    "target_groups": "vmbo_bb,vmbo_kb",
    "start_date": "2024-10-01",
    "radius_km": "20",
}


def test_school_year() -> None:
    assert school_year_of(dt.date(2024, 7, 31)) == 2023
    assert school_year_of(dt.date(2024, 8, 1)) == 2024


def test_fit_ranking_and_distance(registry, demo) -> None:
    places, _, _ = demo
    with registry.session() as s:
        provider = _org(s, "company")
        school = _org(s, "school", "ZZ0100")
        near = create_activity(s, provider, LESSON)
        other_kind = create_activity(s, provider, {**LESSON, "kind": "workshop", "title": "W"})
        far = create_activity(
            s, provider, {**LESSON, "pc4": "0140", "radius_km": "1", "title": "Ver"}
        )
        late = create_activity(s, provider, {**LESSON, "start_date": "2026-01-01", "title": "Laat"})
        req = create_request(
            s, school, {**LESSON, "end_date": "2025-06-30", "radius_km": "5"}, loc_code="ZZ0100"
        )
        assert fit(near, req) == 100
        assert fit(other_kind, req) == 60
        ranked = offers_for(s, places, req)
        assert [c.id for c in ranked] == [near.id, other_kind.id]  # far and late left out
        assert ranked[0].distance_km == 0.0
        assert far.id not in [c.id for c in ranked] and late.id not in [c.id for c in ranked]
        assert [c.id for c in requests_for(s, places, near)] == [req.id]


def test_propose_accept_and_history(registry) -> None:
    with registry.session() as s:
        provider = _org(s, "company")
        school = _org(s, "school", "ZZ0100")
        stranger = _org(s, "company")
        act = create_activity(s, provider, LESSON)
        req = create_request(s, school, LESSON, loc_code="ZZ0100")
        m = propose(s, provider, act.id, req.id)
        with pytest.raises(ConflictError):
            propose(s, school, act.id, req.id)
        with pytest.raises(ForbiddenError):
            answer(s, provider, m.id, "accepted")  # the proposer does not accept itself
        with pytest.raises(ForbiddenError):
            answer(s, stranger, m.id, "declined")
        answer(s, school, m.id, "accepted")
        assert [e.status for e in history(s, m.id)] == ["proposed", "accepted"]
        with pytest.raises(ConflictError):
            answer(s, school, m.id, "declined")


def test_reach_and_indicators_against_sql(registry, demo) -> None:
    places, catalog, expected = demo
    region = catalog.get("GM9901")
    with registry.session() as s:
        provider = _org(s, "company")
        for loc in ("ZZ0100", "ZZ0200"):
            school = _org(s, "school", loc)
            req = create_request(s, school, LESSON, loc_code=loc)
            for k in range(2):
                act = create_activity(s, provider, {**LESSON, "title": f"Les {k}"})
                m = propose(s, provider, act.id, req.id)
                answer(s, school, m.id, "accepted")
        declined_req = create_request(s, _org(s, "school", "ZZ0300"), LESSON, loc_code="ZZ0300")
        m = propose(s, provider, act.id, declined_req.id)
        answer(s, provider, m.id, "declined")
    with registry.session() as s:
        r = reach(s, places, region, 2024)
        assert [x.location.loc_code for x in r.locations] == sorted(expected)
        assert [x.location.loc_code for x in r.reached] == ["ZZ0100", "ZZ0200"]
        assert r.activities == 4
        unreached = r.unreached
        flags = [u.technical for u in unreached]
        assert flags == sorted(flags)  # without a technical profile first
        share, num, den = indicator_value(
            s, places, "partners.reached_location_share", region, 2024
        )
        assert (num, den) == (2, len(expected)) and share == pytest.approx(100 * 2 / len(expected))
        per100, num, den = indicator_value(
            s, places, "partners.activities_per_100_pupils", region, 2024
        )
        assert den == sum(expected.values())
        assert per100 == pytest.approx(100 * 4 / sum(expected.values()))
        assert reach(s, places, region, 2023).activities == 0
