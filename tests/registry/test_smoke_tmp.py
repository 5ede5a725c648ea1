from .conftest import register, post, approve_all, login

def test_flow(web):
    r = register(web, "a@bedrijf.nl")
    assert r.status_code == 303, r.text
    r = web.get("/partners/account"); assert r.status_code == 200, r.text
    approve_all(web)
    r = post(web, "/partners/activities/new", {"title": "Gastles PIE", "kind": "guest_lesson", "pc4": "0102", "profiles": "PIE"}, "/partners/activities/new")
    assert r.status_code == 303, r.text
    r = web.get(r.headers["location"]); assert r.status_code == 200, r.text
    assert "Gastles PIE" in web.get("/partners").text
    r = web.get("/partners/reach?region=DEMO"); assert r.status_code == 200, r.text
    for p in ["/partners/privacy", "/partners/import", "/partners.json", "/api/v1/registry/activities", "/api/v1/registry/reach?region=DEMO", "/api/v1/registry/indicators?region=DEMO", "/partners/login", "/partners/register", "/partners/reset", "/partners/requests/new"]:
        r = web.get(p); assert r.status_code == 200, (p, r.text[:2000])
