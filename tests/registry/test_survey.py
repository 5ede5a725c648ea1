"""The satisfaction survey: a school makes anonymous links; pupils answer in any of the
finder's languages; a repeat from one device token counts once; results per location and
region appear only from the minimum number of responses; rate limits per address; nothing
personal is stored. On SQLite and PostgreSQL (the ``web`` fixture)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import inspect

from kansrijk.l10n import LANGUAGES, catalogue_path, survey_gettext
from kansrijk.registry import survey, survey_form
from kansrijk.registry.measure_models import SurveyResponse

from .conftest import approve_all, login, post, register

LOC = "ZZ0200"
_TOKEN = re.compile(r'name="form_token" value="([0-9a-f]{64})"')


def _link(web, audience: str = "pupil") -> str:
    register(web, "els@school.test", kind="school", org="School ZZ0200", loc_code=LOC)
    approve_all(web)
    login(web, "els@school.test")
    r = post(web, "/partners/survey/links?year=2024", {"audience": audience}, "/partners/survey")
    assert r.status_code == 303, r.text
    page = web.get("/partners/survey?year=2024").text
    found = re.search(r'class="survey-link" href="(/s/[\w-]+)"', page)
    assert found, page
    web.cookies.clear()
    return found.group(1)


def _answer(web, url: str, answers: dict, lang: str = "nl", new_device: bool = True):
    if new_device:
        web.cookies.clear()
    form = web.get(url, params={"lang": lang})
    assert form.status_code == 200
    token = _TOKEN.search(form.text).group(1)
    return web.post(f"{url}?lang={lang}", data={**answers, "form_token": token})


def _results(web) -> dict:
    doc = web.get("/api/v1/registry/survey", params={"region": "GM9901", "year": "2024"})
    assert doc.status_code == 200 and doc.json()["ok"]
    return doc.json()["audiences"]["pupil"]


def test_results_only_from_the_minimum_and_repeats_count_once(web) -> None:
    url = _link(web)
    for i in range(survey.MIN_RESPONSES - 1):
        r = _answer(web, url, {"tech_lessons": str(1 + i % 5), "consider_tech": "yes"})
        assert r.status_code == 200 and 'id="survey-thanks"' in r.text
    # one device answers twice: the second replaces the first, still 9 responses
    again = _answer(web, url, {"tech_lessons": "5", "consider_tech": "no"}, new_device=False)
    assert "vervangen" in again.text
    res = _results(web)
    assert res["region"] == {"responses": 9, "shown": False, "questions": []}
    assert res["locations"][LOC]["shown"] is False
    page = web.get("/partners/survey/results", params={"region": "GM9901", "year": "2024"})
    assert 'id="survey-pupil-too-few"' in page.text and "9 antwoorden" in page.text
    _answer(web, url, {"tech_lessons": "4", "tech_activity": "yes", "consider_tech": "maybe"})
    res = _results(web)
    assert res["region"]["responses"] == survey.MIN_RESPONSES and res["region"]["shown"]
    by_id = {q["id"]: q for q in res["region"]["questions"]}
    # answers: 1,2,3,4,5,1,2,3 (8 devices), the replaced 5 (9th device), then 4
    assert by_id["tech_lessons"]["mean"] == pytest.approx(
        (1 + 2 + 3 + 4 + 5 + 1 + 2 + 3 + 5 + 4) / 10
    )
    assert by_id["consider_tech"]["counts"] == {"yes": 8, "maybe": 1, "no": 1}
    assert by_id["tech_activity"] == {
        "id": "tech_activity",
        "answers": 1,
        "counts": {"yes": 1, "no": 0},
    }
    assert res["locations"][LOC]["shown"]
    params = {"region": "GM9901", "year": "2024"}
    nl = web.get("/partners/survey/results", params=params).text
    assert "Zou je een technische of ICT-opleiding in het mbo overwegen?" in nl
    assert "Ja: 8, Misschien: 1, Nee: 1" in nl and "Would you" not in nl
    en = web.get("/partners/survey/results", params={**params, "lang": "en"}).text
    assert "Yes: 8, Maybe: 1, No: 1" in en and "Would you consider" in en


def test_nothing_personal_is_stored(web) -> None:
    url = _link(web)
    _answer(web, url, {"lob_help": "4"}, lang="tr")
    h = web.app.state.registry
    with h.registry.session() as s:
        cols = {c.key for c in inspect(SurveyResponse).mapper.column_attrs}
        rows = s.query(SurveyResponse).all()
    assert cols == {"id", "link_id", "respondent", "lang", "answers", "day"}
    assert (
        len(rows) == 1 and rows[0].lang == "tr" and json.loads(rows[0].answers) == {"lob_help": 4}
    )
    assert re.fullmatch(r"[0-9a-f]{64}", rows[0].respondent)
    assert "testclient" not in rows[0].respondent


def test_languages_tokens_and_bad_answers(web) -> None:
    url = _link(web, "parent")
    ar = web.get(url, params={"lang": "ar"})
    assert 'lang="ar" dir="rtl"' in ar.text and "هل تنصح طفلك" in ar.text
    pl = web.get(url, params={"lang": "pl"})
    assert "Czy poleciłby" in pl.text
    # no device cookie or a wrong form token: refused
    web.cookies.clear()
    assert web.post(url, data={"tech_quality": "3", "form_token": "0" * 64}).status_code == 403
    r = _answer(web, url, {"tech_quality": "7"}, lang="en")
    assert r.status_code == 400 and "answer at least one question" in r.text
    r = _answer(web, url, {}, lang="nl")
    assert r.status_code == 400
    assert web.get("/s/not-a-link").status_code == 404


def test_rate_limit_per_address(web, monkeypatch) -> None:
    url = _link(web)
    monkeypatch.setattr(survey_form, "RATE_LIMIT", 3)
    survey_form._SEEN.clear()
    codes = [_answer(web, url, {"lob_help": "3"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    survey_form._SEEN.clear()
    assert len(_results(web)["locations"]) == 1
    assert _results(web)["region"]["responses"] == 3


def test_only_schools_make_links_and_audit(web) -> None:
    register(web, "ana@gemeente.test", kind="gemeente", org="Gemeente")
    approve_all(web)
    login(web, "ana@gemeente.test")
    assert web.get("/partners/survey").status_code == 403
    r = post(web, "/partners/survey/links", {"audience": "pupil"})
    assert r.status_code == 403
    url = _link(web)
    _answer(web, url, {"lob_help": "3"})
    from kansrijk.registry.models import AuditEntry

    h = web.app.state.registry
    with h.registry.session() as s:
        acts = [
            (a.action, a.entity, a.user_id) for a in s.query(AuditEntry) if "survey" in a.entity
        ]
    assert [a[:2] for a in acts] == [("create", "survey_link"), ("create", "survey_response")]
    assert acts[1][2] is None


def test_every_survey_text_is_translated_in_every_language() -> None:
    from babel.messages.pofile import read_po

    ids = None
    for lang in LANGUAGES:
        with catalogue_path(lang, domain="survey").open("rb") as fh:
            cat = read_po(fh)
        msgs = {m.id: m.string for m in cat if m.id}
        assert all(msgs.values()), lang
        ids = ids or set(msgs)
        assert set(msgs) == ids, lang
    used = {q.text for qs in survey.QUESTIONS.values() for q in qs}
    used |= set(survey_form.SCALE) | set(survey_form.CHOICE_LABELS.values())
    used |= set(survey_form.TITLES.values()) | {survey_form.TEXT_INTRO}
    assert used <= ids
    assert survey_gettext("nl", "Send") == "Versturen" and survey_gettext("xx", "Yes") == "Ja"


def test_rate_window_forgets() -> None:
    survey_form._SEEN.clear()
    limit = survey_form.RATE_LIMIT
    assert all(survey_form.allow("a", "s", now=100.0) for _ in range(limit))
    assert not survey_form.allow("a", "s", now=100.0)
    assert survey_form.allow("b", "s", now=100.0)
    assert survey_form.allow("a", "s", now=100.0 + survey_form.RATE_WINDOW + 1)
    survey_form._SEEN.clear()
