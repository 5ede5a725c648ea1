"""Security of the registry pages, on SQLite and PostgreSQL: other organisations' objects
(403), CSRF, session fixation, passwords never in clear, login throttling, logout
everywhere, and SQL/HTML injection in every text field stored verbatim and shown escaped."""

from __future__ import annotations

import logging
import re

from sqlalchemy import select, text

from kansrijk.registry.models import Activity, Base, Organisation, SchoolRequest, User

from .conftest import approve_all, csrf_of, login, post, register

PASSWORD = "correct horse battery"
ACTIVITY = {"title": "Gastles PIE", "kind": "guest_lesson", "pc4": "0102", "profiles": "PIE"}


def _store(web):  # the app's registry
    return web.app.state.registry.registry


def _activity_of(web, email: str, org: str) -> int:
    register(web, email, org=org)
    approve_all(web)
    login(web, email)
    r = post(web, "/partners/activities/new", ACTIVITY, "/partners/activities/new")
    assert r.status_code == 303, r.text
    return int(re.search(r"/activities/(\d+)/", r.headers["location"]).group(1))


def _request_of(web, email: str, loc: str) -> int:
    register(web, email, kind="school", org=f"School {loc}", loc_code=loc)
    approve_all(web)
    login(web, email)
    r = post(
        web, "/partners/requests/new", {**ACTIVITY, "title": "Vraag"}, "/partners/requests/new"
    )
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def test_no_access_to_another_organisations_objects(web) -> None:
    act_a = _activity_of(web, "a@bedrijf-a.nl", "Bedrijf A")
    req_a = _request_of(web, "s@school-a.nl", "ZZ0100")
    # provider B
    _activity_of(web, "b@bedrijf-b.nl", "Bedrijf B")
    assert web.get(f"/partners/activities/{act_a}/edit").status_code == 403
    assert web.get(f"/partners/activities/{act_a}/candidates").status_code == 403
    data = {**ACTIVITY, "title": "overgenomen"}
    assert post(web, f"/partners/activities/{act_a}/edit", data).status_code == 403
    assert post(web, f"/partners/activities/{act_a}/delete", {}).status_code == 403
    assert web.get(f"/partners/requests/{req_a}/edit").status_code == 403
    assert post(web, f"/partners/requests/{req_a}/edit", data).status_code == 403
    # school B
    _request_of(web, "s@school-b.nl", "ZZ0200")
    assert web.get(f"/partners/requests/{req_a}").status_code == 403
    assert web.get(f"/partners/requests/{req_a}/edit").status_code == 403
    assert post(web, f"/partners/requests/{req_a}/edit", data).status_code == 403
    # provider A proposes to school A; school B may neither see nor answer that match
    login(web, "a@bedrijf-a.nl")
    r = post(web, "/partners/matches", {"activity_id": act_a, "request_id": req_a})
    assert r.status_code == 303
    login(web, "s@school-b.nl")
    assert post(web, "/partners/matches/1", {"status": "accepted"}).status_code == 403
    assert post(web, "/partners/admin/approve/1", {}).status_code == 403
    assert web.get("/partners/admin").status_code == 403
    with _store(web).session() as s:
        act = s.get(Activity, act_a)
        assert act.title == "Gastles PIE"
        assert s.get(SchoolRequest, req_a).title == "Vraag"


def test_post_without_csrf_token_is_rejected(web) -> None:
    register(web, "a@bedrijf.nl")
    approve_all(web)
    login(web, "a@bedrijf.nl")
    for path in (
        "/partners/activities/new",
        "/partners/logout",
        "/partners/account/delete",
        "/partners/logout-everywhere",
        "/partners/tokens",
        "/partners/matches",
    ):
        r = web.post(path, data={**ACTIVITY, "confirm": "yes"}, follow_redirects=False)
        assert r.status_code == 403, path
        assert "CSRF" in r.text
        bad = web.post(path, data={**ACTIVITY, "csrf_token": "0" * 64}, follow_redirects=False)
        assert bad.status_code == 403, path
    web.cookies.clear()  # a login form posted from elsewhere, without a session
    r = web.post("/partners/login", data={"email": "a@bedrijf.nl", "password": PASSWORD})
    assert r.status_code == 403
    with _store(web).session() as s:
        assert s.scalar(select(Activity.id)) is None
        assert s.scalar(select(User.id)) is not None


def test_login_starts_a_new_session(web) -> None:
    register(web, "a@bedrijf.nl")
    web.cookies.clear()
    token = csrf_of(web, "/partners/login")
    before = web.cookies.get("kr_session")
    r = web.post(
        "/partners/login",
        data={"email": "a@bedrijf.nl", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    after = web.cookies.get("kr_session")
    assert before and after and before != after
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=lax" in r.headers["set-cookie"]
    # the pre-login cookie (as an attacker would have planted it) is not signed in
    web.cookies.clear()
    web.cookies.set("kr_session", before)
    assert web.get("/partners/account", follow_redirects=False).status_code == 303
    web.cookies.set("kr_session", after)
    assert web.get("/partners/account").status_code == 200
    # the CSRF token changes with the session too
    assert csrf_of(web, "/partners") != token


def test_passwords_never_stored_or_logged_in_clear(web, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    register(web, "a@bedrijf.nl")
    login(web, "a@bedrijf.nl", "wrong password 999")
    login(web, "a@bedrijf.nl")
    with _store(web).engine.connect() as con:
        row = con.execute(text("SELECT password_hash FROM account")).one()
        assert row[0].startswith("$argon2id$")
        dump = []
        for table in Base.metadata.sorted_tables:
            dump.extend(str(r) for r in con.execute(table.select()))
    everything = "\n".join(dump)
    assert PASSWORD not in everything and "wrong password 999" not in everything
    assert PASSWORD not in caplog.text and "wrong password 999" not in caplog.text
    assert web.get("/partners/account/export.json").text.count("argon2") == 0


def test_throttling_after_repeated_failed_logins(web) -> None:
    register(web, "a@bedrijf.nl")
    for _ in range(5):
        assert login(web, "a@bedrijf.nl", "wrong password 999").status_code == 401
    r = login(web, "a@bedrijf.nl")  # even the right password, for now
    assert r.status_code == 429
    assert "te veel mislukte aanmeldingen" in r.text  # the page is Dutch
    assert login(web, "other@bedrijf.nl", "wrong password 999").status_code == 401


def test_logout_everywhere_ends_other_sessions(web) -> None:
    register(web, "a@bedrijf.nl")
    login(web, "a@bedrijf.nl")
    other = web.cookies.get("kr_session")
    login(web, "a@bedrijf.nl")
    assert post(web, "/partners/logout-everywhere", {}).status_code == 303
    web.cookies.clear()
    web.cookies.set("kr_session", other)
    assert web.get("/partners/account", follow_redirects=False).status_code == 303


PAYLOAD = "<script>alert('x')</script>\"'; DROP TABLE activity; --"


def test_injection_in_every_text_field_is_stored_and_shown_escaped(web) -> None:
    r = register(web, "a@bedrijf.nl", org="Org " + PAYLOAD)
    assert r.status_code == 303
    approve_all(web)
    login(web, "a@bedrijf.nl")
    fields = {
        **ACTIVITY,
        "title": "T " + PAYLOAD,
        "description": "D " + PAYLOAD,
        "themes": "energie " + PAYLOAD.replace(",", ""),
        "contact": "C " + PAYLOAD,
    }
    r = post(web, "/partners/activities/new", fields, "/partners/activities/new")
    assert r.status_code == 303, r.text
    with _store(web).session() as s:
        act = s.scalars(select(Activity)).one()
        assert act.title == "T " + PAYLOAD
        assert act.description == "D " + PAYLOAD
        assert act.contact == "C " + PAYLOAD
        assert s.scalars(select(Organisation)).one().name == "Org " + PAYLOAD
    pages = [
        web.get("/partners").text,
        web.get(f"/partners/activities/{act.id}").text,
        web.get("/partners/account").text,
        web.get(f"/partners/activities/{act.id}/edit").text,
    ]
    for html in pages:
        assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in pages[0]
    assert "D &lt;script&gt;" in pages[1] and "C &lt;script&gt;" in pages[1]
    # and a bad value in the JSON twin stays a string
    doc = web.get("/partners.json").json()
    assert doc["activities"][0]["title"] == "T " + PAYLOAD
    assert doc["activities"][0]["organisation"] == "Org " + PAYLOAD
