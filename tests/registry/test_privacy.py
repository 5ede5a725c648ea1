"""Privacy: one's own data export, account deletion (audit snapshots blanked), the
privacy page, admin approval before publishing, the admin's audit log."""

from __future__ import annotations

import json

from sqlalchemy import select

from kansrijk.registry.models import AuditEntry, User

from .conftest import login, make_admin, post, register

ACTIVITY = {"title": "Bedrijfsbezoek", "kind": "company_visit", "pc4": "0104"}


def test_approval_before_publishing_and_audit_log(web) -> None:
    register(web, "a@bedrijf.nl", org="Bouwbedrijf")
    r = post(web, "/partners/activities/new", ACTIVITY, "/partners/activities/new")
    assert r.status_code == 403  # awaiting approval
    assert "wacht op goedkeuring" in web.get("/partners/account").text
    make_admin(web)
    page = web.get("/partners/admin").text
    assert "Bouwbedrijf" in page
    assert post(web, "/partners/admin/approve/1", {}, "/partners/admin").status_code == 303
    login(web, "a@bedrijf.nl")
    assert (
        post(web, "/partners/activities/new", ACTIVITY, "/partners/activities/new").status_code
        == 303
    )
    assert "Bedrijfsbezoek" in web.get("/partners").text
    login(web, "admin@example.nl", "admin password 123")
    trail = web.get("/partners/admin/audit.json").json()["entries"]
    actions = [(e["action"], e["entity"]) for e in trail]
    assert ("approve", "organisation") in actions and ("create", "activity") in actions
    approve = next(e for e in trail if e["action"] == "approve")
    assert approve["before"]["approved"] is False and approve["after"]["approved"] is True
    assert all("password_hash" not in json.dumps(e) for e in trail)
    login(web, "a@bedrijf.nl")
    assert web.get("/partners/admin/audit.json").status_code == 403


def test_export_and_delete_own_account(web) -> None:
    register(web, "a@bedrijf.nl", org="Bouwbedrijf")
    doc = web.get("/partners/account/export.json").json()
    assert doc["account"]["email"] == "a@bedrijf.nl" and "password_hash" not in doc["account"]
    assert doc["organisation"]["name"] == "Bouwbedrijf"
    assert (
        post(web, "/partners/account/delete", {"confirm": "yes"}, "/partners/account").status_code
        == 303
    )
    h = web.app.state.registry
    with h.registry.session() as s:
        assert s.scalar(select(User.id)) is None
        for e in s.scalars(select(AuditEntry)):
            assert "a@bedrijf.nl" not in (e.before or "") + (e.after or "")
    assert web.get("/partners/account", follow_redirects=False).status_code == 303
    assert login(web, "a@bedrijf.nl").status_code == 401


def test_privacy_page_in_both_languages(web) -> None:
    nl = web.get("/partners/privacy").text
    assert "werk-e-mailadres" in nl and "730 dagen" in nl
    en = web.get("/partners/privacy?lang=en").text
    assert "work e-mail" in en and "730 days" in en
