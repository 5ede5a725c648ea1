"""What the registry shows, asked of ``kansrijk.registry.documents`` and ``live`` directly:
the contact of an activity only for approved accounts, the published activities with their
organisation, a new request's defaults from the school location (checked against plain SQL
on the demo warehouse), the survey form's questions, and the live registry's version and
per-version store. On SQLite and PostgreSQL (the ``registry`` fixture)."""

from __future__ import annotations

import time

import pytest

from kansrijk.l10n import survey_gettext
from kansrijk.registry import documents, load_places, survey, survey_form
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import ForbiddenError
from kansrijk.registry.live import CACHE_SIZE, VERSION_TTL, open_live
from kansrijk.registry.models import Organisation
from kansrijk.registry.offers import create_activity, request_defaults
from kansrijk.warehouse import Warehouse

LESSON = {
    "title": "Gastles installatietechniek",
    "kind": "guest_lesson",
    "profiles": "PIE,BWI",
    "pc4": "0102",
    "contact": "jan@bedrijf.test",
}


def _org(s, name: str, kind: str, role: str, approved: bool = True) -> Actor:
    org = Organisation(name=name, kind=kind, approved=approved)
    s.add(org)
    s.flush()
    return Actor(None, org.id, role, approved=approved)


def test_the_contact_of_an_activity_only_for_approved_accounts(registry) -> None:
    with registry.session() as s:
        provider = _org(s, "Installatie BV", "company", "provider")
        act_id = create_activity(s, provider, LESSON).id
        waiting = _org(s, "Nieuwe school", "school", "school", approved=False)
        school = _org(s, "Goedgekeurde school", "school", "school")
        public = documents.activity(s, None, act_id, "en")
        assert "contact" not in public
        assert "contact" not in documents.activity(s, waiting, act_id, "en")
        assert documents.activity(s, school, act_id, "en")["contact"] == "jan@bedrijf.test"
        assert public["organisation"] == "Installatie BV"
        assert public["profiles"] == ["PIE", "BWI"] and public["themes"] == []
        assert public["kind_label"] == "Guest lesson"
        assert documents.activity(s, None, act_id, "nl")["kind_label"] == "Gastles"


def test_published_activities_of_approved_organisations_only(registry) -> None:
    with registry.session() as s:
        shown = _org(s, "Installatie BV", "company", "provider")
        create_activity(s, shown, LESSON)
        hidden = _org(s, "Wachtend BV", "company", "provider")
        create_activity(s, hidden, LESSON | {"title": "Nog niet goedgekeurd"})
        s.get(Organisation, hidden.org_id).approved = False  # type: ignore[union-attr]
        doc = documents.public_activities(s, "nl")
    assert [(a["title"], a["organisation"]) for a in doc["activities"]] == [
        ("Gastles installatietechniek", "Installatie BV")
    ]
    assert "contact" not in doc["activities"][0]


def test_a_new_request_starts_at_the_school_locations_postcode(demo_path) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        places = load_places(wh)
        code, pc4 = wh.query(
            "SELECT loc_code, pc4 FROM location_place WHERE pc4 IS NOT NULL"
            " AND gemeente_code IS NOT NULL AND year = (SELECT max(year) FROM location_place)"
            " AND loc_code IN (SELECT loc_code FROM vo_enrollment WHERE track LIKE 'vmbo_%')"
            " ORDER BY loc_code LIMIT 1"
        )[0]
    assert request_defaults(places, str(code)) == {
        "pc4": str(pc4),
        "radius_km": 15,
        "languages": "nl",
        "cost_eur": 0,
    }
    assert request_defaults(places, "") == {}
    assert request_defaults(places, "ZZ9999") == {}


def test_the_survey_forms_questions_in_the_respondents_language() -> None:
    for audience in survey.AUDIENCES:
        asked = survey_form.questions(audience, "nl")
        assert [q["id"] for q in asked] == [q.id for q in survey.QUESTIONS[audience]]
        for q, source in zip(asked, survey.QUESTIONS[audience], strict=True):
            assert q["text"] == survey_gettext("nl", source.text)
            codes = [c for c, _ in q["options"]]
            if source.kind == "scale":
                assert codes == ["1", "2", "3", "4", "5"]
            else:
                assert codes == list(survey.CHOICES[source.kind])
    assert survey_form.option_labels("nl") == {"yes": "Ja", "maybe": "Misschien", "no": "Nee"}


def test_the_school_survey_page_is_for_schools_only(registry) -> None:
    with registry.session() as s:
        company = _org(s, "Installatie BV", "company", "provider")
        with pytest.raises(ForbiddenError, match="only school accounts"):
            documents.own_surveys(s, company, "nl")


def test_a_write_of_this_process_makes_the_version_read_again(
    store_url, settings_for, demo_path, registry
) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        live = open_live(settings_for(store_url), wh)
    try:
        before = live.current_version()
        assert live.fresh_version() == before
        assert live.version_until <= time.monotonic() + VERSION_TTL
        with live.registry.session() as s:
            create_activity(s, _org(s, "Installatie BV", "company", "provider"), LESSON)
        assert live.fresh_version() is None  # the listener saw the write
        assert live.current_version() > before
        made = []
        assert live.remember(("k", 1), lambda: made.append(1) or "doc") == "doc"
        assert live.remember(("k", 1), lambda: made.append(2) or "other") == "doc"
        assert made == [1]
        for i in range(CACHE_SIZE):
            live.remember(("n", i), lambda: "x")
        assert len(live.cache) == CACHE_SIZE + 1
        live.remember(("last",), lambda: "y")
        assert list(live.cache) == [("last",)]  # emptied past CACHE_SIZE entries
    finally:
        live.close()
