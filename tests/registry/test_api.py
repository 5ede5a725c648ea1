"""The registry API: public reads, and per-organisation tokens that are scoped and
revocable for intermediaries that push activities."""

from __future__ import annotations

import re

from sqlalchemy import select

from kansrijk.registry.models import ApiToken

from .conftest import approve_all, csrf_of, login, register

BODY = {
    "title": "Workshop solderen",
    "kind": "workshop",
    "pc4": "0103",
    "profiles": ["PIE", "MVI"],
    "target_groups": ["vmbo_kb"],
    "contact": "info@x.nl",
}


def _token(web, scopes: list[str]) -> str:
    token = csrf_of(web, "/partners/account")
    r = web.post(
        "/partners/tokens", data={"csrf_token": token, "name": "koppeling", "scopes": scopes}
    )
    assert r.status_code == 200, r.text
    return re.search(r'<code id="new-token">(krt_[A-Za-z0-9_-]+)</code>', r.text).group(1)


def test_tokens_are_scoped_and_revocable(web) -> None:
    register(web, "i@intermediair.nl", kind="intermediary", org="Intermediair")
    approve_all(web)
    login(web, "i@intermediair.nl")
    plain = _token(web, ["activities:read", "activities:write"])
    read_only = _token(web, ["activities:read"])
    h = web.app.state.registry
    with h.registry.session() as s:
        stored = list(s.scalars(select(ApiToken.token_hash)))
        assert plain not in stored and len(stored) == 2 and all(len(x) == 64 for x in stored)
    web.cookies.clear()
    assert web.post("/api/v1/registry/activities", json=BODY).status_code == 401
    r = web.post(
        "/api/v1/registry/activities", json=BODY, headers={"Authorization": f"Bearer {read_only}"}
    )
    assert r.status_code == 403 and r.json()["ok"] is False
    r = web.post(
        "/api/v1/registry/activities", json=BODY, headers={"Authorization": f"Bearer {plain}"}
    )
    assert r.status_code == 201, r.text
    act = r.json()["activity"]
    assert act["profiles"] == ["PIE", "MVI"] and act["pc4"] == "0103"
    bad = web.post(
        "/api/v1/registry/activities",
        json={**BODY, "pc4": "AB"},
        headers={"Authorization": f"Bearer {plain}"},
    )
    assert bad.status_code == 400 and "pc4" in bad.json()["error"]
    public = web.get("/api/v1/registry/activities").json()["activities"]
    assert [a["title"] for a in public] == ["Workshop solderen"]
    assert "contact" not in public[0]  # never personal data in public
    r = web.put(
        f"/api/v1/registry/activities/{act['id']}",
        json={**BODY, "title": "Nieuw"},
        headers={"Authorization": f"Bearer {plain}"},
    )
    assert r.status_code == 200 and r.json()["activity"]["title"] == "Nieuw"
    # revoke: the token stops working
    login(web, "i@intermediair.nl")
    with h.registry.session() as s:
        tid = s.scalar(select(ApiToken.id).where(ApiToken.scopes.contains("write")))
    token = csrf_of(web, "/partners/account")
    assert (
        web.post(
            f"/partners/tokens/{tid}/revoke", data={"csrf_token": token}, follow_redirects=False
        ).status_code
        == 303
    )
    r = web.delete(
        f"/api/v1/registry/activities/{act['id']}", headers={"Authorization": f"Bearer {plain}"}
    )
    assert r.status_code == 403


def test_other_organisations_token_cannot_touch_an_activity(web) -> None:
    register(web, "a@a.nl", kind="company", org="A")
    approve_all(web)
    login(web, "a@a.nl")
    tok_a = _token(web, ["activities:write"])
    register(web, "b@b.nl", kind="company", org="B")
    approve_all(web)
    login(web, "b@b.nl")
    tok_b = _token(web, ["activities:write"])
    act = web.post(
        "/api/v1/registry/activities", json=BODY, headers={"Authorization": f"Bearer {tok_a}"}
    ).json()["activity"]
    r = web.delete(
        f"/api/v1/registry/activities/{act['id']}", headers={"Authorization": f"Bearer {tok_b}"}
    )
    assert r.status_code == 403
    assert web.get(f"/api/v1/registry/activities/{act['id']}").status_code == 200


def test_public_reads(web) -> None:
    doc = web.get("/api/v1/registry/reach", params={"region": "GM9901", "year": "2024"}).json()
    assert doc["ok"] and doc["reached"] == 0 and doc["locations"] > 0
    assert doc["school_year"] == "2024-2025"
    ind = web.get("/api/v1/registry/indicators", params={"region": "GM9901", "year": "2024"}).json()
    assert [v["indicator"] for v in ind["values"]] == [
        "partners.reached_location_share",
        "partners.activities_per_100_pupils",
        "partners.internship_shortage",
    ]
    assert ind["values"][0]["value"] == 0.0 and ind["values"][0]["denominator"] == doc["locations"]
    assert web.get("/api/v1/registry/reach", params={"year": "12"}).status_code == 400
    assert web.get("/api/v1/registry/activities/999").status_code == 404
