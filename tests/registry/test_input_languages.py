"""Bad and hostile values in every input of the partner registry (the registration form, the
activity import upload, the survey form, the API), in Dutch (the default) and English (the
``lang`` cookie; the survey: ``?lang=``): a 4xx status, no traceback, and the exact message in
the page's language (the Dutch written here by hand, not taken from the code under test).
On SQLite and PostgreSQL (the ``web`` fixture)."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest

from kansrijk.errors import Message
from kansrijk.l10n.monitor import error_text
from kansrijk.registry import importer

from .conftest import approve_all, csrf_of, login, post, register

_SUMMARY = re.compile(r'<div class="error-summary" role="alert"><p>(.*?)</p></div>', re.S)


def _summary(text: str) -> str:
    found = _SUMMARY.search(text)
    assert found, text[:400]
    return html.unescape(found.group(1))


def _in(web: Any, lang: str) -> None:
    """Ask in ``lang`` (the cookie the language switch sets)."""
    web.cookies.set("lang", lang)


#: (what is wrong, form fields changed, Dutch message, English message).
REGISTRATIONS: list[tuple[str, dict[str, str], str, str]] = [
    ("unknown code", {"kind": "nope"},
     "kolom 'kind': verwacht een van school, company, intermediary, gemeente; gevonden 'nope'",
     "column 'kind': expected one of school, company, intermediary, gemeente; found 'nope'"),
    ("unknown location", {"kind": "school", "loc_code": "ZZ9999"},
     ("kolom 'loc_code': verwacht de code van een schoollocatie met vmbo-leerlingen of van een "
     "mbo-locatie; gevonden 'ZZ9999'"),
     ("column 'loc_code': expected the code of a school location with vmbo pupils or of an mbo "
     "location; found 'ZZ9999'")),
    ("too long and control characters", {"kind": "school", "loc_code": "ZZ\x00" + "9" * 100},
     "kolom 'loc_code': verwacht de code van een schoollocatie met vmbo-leerlingen of van een "
     "mbo-locatie; gevonden 'ZZ\\x00" + "9" * 37 + "'",
     "column 'loc_code': expected the code of a school location with vmbo pupils or of an mbo "
     "location; found 'ZZ\\x00" + "9" * 37 + "'"),
    ("not an address", {"email": "a\x00b"},
     "kolom 'email': verwacht een e-mailadres; gevonden 'a\\x00b'",
     "column 'email': expected an e-mail address; found 'a\\x00b'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "fields", "dutch", "english"), REGISTRATIONS, ids=[r[0] for r in REGISTRATIONS]
)
def test_a_refused_registration_in_the_page_language(
    web: Any, what: str, fields: dict[str, str], dutch: str, english: str
) -> None:
    form = {
        "org_name": "Installatie BV",
        "kind": "company",
        "name": "Jan Jansen",
        "email": "jan@bedrijf.nl",
        "phone": "",
        "password": "correct horse battery",
        "loc_code": "",
        **fields,
    }
    for lang, own, other in (("nl", dutch, english), ("en", english, dutch)):
        _in(web, lang)
        r = post(web, "/partners/register", form, "/partners/register")
        assert r.status_code == 400, (what, lang, r.text[:300])
        assert "Traceback" not in r.text
        assert _summary(r.text) == own
        assert other not in html.unescape(r.text)


def _importer(web: Any) -> str:
    register(web, "i@intermediair.nl", kind="intermediary", org="Techniekpact Zuid")
    approve_all(web)
    login(web, "i@intermediair.nl")
    return csrf_of(web, "/partners/import")


_GOOD_HEADER = b"title,kind,pc4\n"
#: A row as Excel's "CSV" (Windows-1252) writes it: not UTF-8.
_CP1252_ROW = "Gastles \xe9\xe9n,workshop,3083\n".encode("cp1252")
#: (what is wrong, file name, bytes, Dutch message, English message); None: no file at all.
UPLOADS: list[tuple[str, str, bytes | None, str, str]] = [
    ("no file", "", None,
     "bestand: verwacht een CSV- of XLSX-bestand",
     "file: expected a CSV or XLSX file"),
    ("empty file", "leeg.csv", b"",
     "leeg.csv, regel 1: verwacht een kopregel; gevonden een leeg bestand",
     "leeg.csv, line 1: expected a header line; found an empty file"),
    ("wrong encoding", "latin.csv", _GOOD_HEADER + _CP1252_ROW,
     ("latin.csv, regel 2: verwacht UTF-8-tekst (sla het bestand op als CSV UTF-8); gevonden "
     "de byte 0xe9"),
     "latin.csv, line 2: expected UTF-8 text (save the file as CSV UTF-8); found the byte 0xe9"),
    ("not a workbook", "lijst.xlsx", b"PK\x03\x04" + b"\x00" * 100,
     ("lijst.xlsx: verwacht een XLSX-werkmap; gevonden een bestand dat niet als werkmap te "
     "lezen is"),
     "lijst.xlsx: expected an XLSX workbook; found a file that cannot be read as one"),
    ("oversized", "groot.csv", _GOOD_HEADER + b"x" * importer.MAX_BYTES,
     (f"groot.csv: verwacht een bestand van hooguit {importer.MAX_BYTES} bytes; gevonden "
     f"{importer.MAX_BYTES + 1}"),
     (f"groot.csv: expected a file of at most {importer.MAX_BYTES} bytes; found "
     f"{importer.MAX_BYTES + 1}")),
    ("missing column", "lijst.csv", b"title,pc4\nLes,3083\n",
     ("lijst.csv, regel 1, kolom 'kind': verwacht een kolom 'kind' in de kopregel; gevonden "
     "title, pc4"),
     ("lijst.csv, line 1, column 'kind': expected a column 'kind' in the header; found "
     "title, pc4")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "name", "data", "dutch", "english"), UPLOADS, ids=[u[0] for u in UPLOADS]
)
def test_a_refused_upload_in_the_page_language(
    web: Any, what: str, name: str, data: bytes | None, dutch: str, english: str
) -> None:
    token = _importer(web)
    for lang, own in (("nl", dutch), ("en", english)):
        _in(web, lang)
        files = None if data is None else {"file": (name, io.BytesIO(data), "text/csv")}
        r = web.post("/partners/import", data={"csrf_token": token}, files=files)
        assert 400 <= r.status_code < 500, (what, lang)
        assert "Traceback" not in r.text
        shown = html.unescape(r.text)
        if data is None:  # a request without the file: the error page
            assert re.search(r'<div class="error-messages">\s*<p>(.*?)</p>', shown).group(1) == own
        else:
            assert _summary(r.text) == own
    web.cookies.set("lang", "nl")
    assert web.get("/partners.json").json()["activities"] == []  # nothing half stored


def test_rejected_rows_of_an_upload_in_the_page_language(web: Any) -> None:
    """A dry run lists each refused row with its reason in the page's language."""
    token = _importer(web)
    data = _GOOD_HEADER + b"Les,nope,3083\n" + b"Les,workshop,\x01\x02\n" + b"Les,workshop,3083\n"
    expected = {
        "nl": ["verwacht een van ", "verwacht een postcode (4 cijfers, letters mogen)"],
        "en": ["expected one of ", "expected a postcode (4 digits, letters optional)"],
    }
    for lang in ("nl", "en"):
        _in(web, lang)
        files = {"file": ("lijst.csv", io.BytesIO(data), "text/csv")}
        r = web.post("/partners/import", data={"csrf_token": token, "dry_run": "yes"}, files=files)
        assert r.status_code == 200
        rows = re.findall(r"<tr><td>(\d+)</td><td>(\w*)</td><td>(.*?)</td></tr>", r.text)
        assert [(line, col) for line, col, _ in rows] == [("2", "kind"), ("3", "pc4")]
        reasons = [html.unescape(reason) for _, _, reason in rows]
        assert [
            reason[: len(start)] for reason, start in zip(reasons, expected[lang], strict=True)
        ] == (expected[lang])
        assert "'\\x01\\x02'" in reasons[1]


def test_survey_answers_out_of_range_in_the_survey_language(web: Any) -> None:
    """A survey answer outside the scale or the options: 400 and the survey's own message in
    the language the pupil chose; nothing stored."""
    from tests.registry.test_survey import _answer, _link

    url = _link(web)
    said = {
        "nl": "Uw antwoorden konden niet worden opgeslagen: beantwoord minstens één vraag en "
        "kies een van de gegeven antwoorden.",
        "en": "Your answers could not be saved: answer at least one question and choose one of "
        "the options given.",
    }
    for answers in (
        {"tech_lessons": "9"},
        {"tech_lessons": "x" * 300},
        {"consider_tech": "perhaps\x00"},
        {},
    ):
        for lang in ("nl", "en"):
            r = _answer(web, url, answers, lang=lang)
            assert r.status_code == 400, (answers, lang)
            assert "Traceback" not in r.text
            assert _summary(r.text) == said[lang]


def test_api_without_a_token_and_with_a_bad_body(web: Any) -> None:
    """The API's JSON errors: the program's English ``message`` and ``text`` in the asked
    language."""
    cases = [
        (None, b"{}", 401, "verwacht een header Authorization: Bearer <token>",
         "expected an Authorization: Bearer <token> header"),
    ]  # fmt: skip
    for token, body, status, dutch, english in cases:
        for lang, own in (("nl", dutch), ("en", english)):
            _in(web, lang)
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            r = web.post("/api/v1/registry/activities", content=body, headers=headers)
            assert r.status_code == status
            item = r.json()["errors"][0]
            assert item["message"] == english
            assert (item["text"], item["lang"]) == (own, lang)


@pytest.mark.parametrize(
    ("message", "dutch"),
    [
        (
            Message("expected 1 to 5; found {found!r}", found="9"),
            "verwacht 1 tot en met 5; gevonden '9'",
        ),
        (
            Message("expected accepted or declined; found {found!r}", found="nope"),
            "verwacht accepted of declined; gevonden 'nope'",
        ),
        (
            Message("match {match} is {status} already", match=3, status=Message("accepted")),
            "koppeling 3 is al geaccepteerd",
        ),
    ],
)
def test_registry_rule_messages_translate(message: Message, dutch: str) -> None:
    """Messages of registry rules that the pages show through ``fail`` (409, 400)."""
    assert error_text("nl", message) == (dutch, True)
    assert error_text("en", message) == (str(message), True)
