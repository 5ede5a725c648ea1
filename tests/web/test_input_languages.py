"""Hostile and bad values in every kind of input a monitor page takes (query parameters,
typed path parameters, the scenario builder, the comparison basket), asked in Dutch and in
English: a 4xx status, no traceback, and the **exact** message in the page's language (the
Dutch written here by hand from the ``errors`` catalogue's style, not taken from the code
under test). Pages show it in the error block; JSON twins keep the program's English
``message`` and add ``text`` in the asked language. The registry's forms, survey, upload
and API are driven in ``tests/registry/test_input_languages.py``."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from tests.web.test_page_languages import DUTCH, ENGLISH, _foreign_words, _names, _Text

LONG = "x" * 300
_REGION_HINT_NL = "verwacht een code zoals NL00, PV28, CR29, AM22, GM0599, MRDH of RDAM-ZUID"
_REGION_HINT_EN = "expected a code like NL00, PV28, CR29, AM22, GM0599, MRDH or RDAM-ZUID"
_NOTHING_NL = (
    "Het scenario doet nog niets: voeg een profiel toe, haal er een weg, of vul LOB, "
    "doorstroom of een mbo-locatie in."
)
_NOTHING_EN = (
    "The scenario does nothing yet: add a profile, remove one, or fill in guidance, flow "
    "or an mbo location."
)

#: (what is wrong, URL, status, the Dutch message, the English message).
CASES: list[tuple[str, str, int, str, str]] = [
    ("wrong type in a typed path parameter", "/partners/activities/abc", 400,
     "`activity_id`: verwacht een geheel getal; gevonden 'abc'",
     "activity_id: expected a whole number; found 'abc'"),
    ("too long, typed path parameter", "/partners/activities/" + LONG, 400,
     "`activity_id`: verwacht een geheel getal; gevonden '" + "x" * 40 + "...'",
     "activity_id: expected a whole number; found '" + "x" * 40 + "...'"),
    ("wrong type", "/partners/shortages/open?year=abc", 400,
     "`year`: verwacht een schooljaar zoals 2025; gevonden 'abc'",
     "year: expected a school year like 2025; found 'abc'"),
    ("control characters", "/partners/shortages/open?year=a%00b", 400,
     "`year`: verwacht een schooljaar zoals 2025; gevonden 'a\\x00b'",
     "year: expected a school year like 2025; found 'a\\x00b'"),
    ("too long", "/partners/shortages/open?year=" + LONG, 400,
     "`year`: verwacht een schooljaar zoals 2025; gevonden '" + "x" * 20 + "...'",
     "year: expected a school year like 2025; found '" + "x" * 20 + "...'"),
    ("out of range (was a 500)", "/optimaliseren?region=DEMO&budget=1e30", 400,
     "budget: verwacht ten hoogste 10000M (tien miljard euro per jaar); gevonden '1e30'",
     "budget: expected at most 10000M (ten billion EUR a year); found '1e30'"),
    ("not a number", "/optimaliseren?region=DEMO&budget=nan", 400,
     "budget: verwacht een bedrag in euro per jaar zoals 2000000, 2.5M of 800k; gevonden 'nan'",
     "budget: expected an amount in EUR a year like 2000000, 2.5M or 800k; found 'nan'"),
    ("a builder's problem inside a comparison", "/scenarios/compare?s=built:AAAA", 400,
     "kolom 's': s[0] (built:AAAA): " + _NOTHING_NL,
     "column 's': s[0] (built:AAAA): " + _NOTHING_EN),
    ("control characters in a comparison", "/scenarios/compare?s=built:%00", 400,
     "kolom 's': s[0] (built:\x00): " + _NOTHING_NL,
     "column 's': s[0] (built:\x00): " + _NOTHING_EN),
    ("control characters, unknown code", "/atlas?region=a%00b", 404,
     "onbekende regio 'a\\x00b'; " + _REGION_HINT_NL + " (zie `kansrijk regions list`)",
     "unknown region 'a\\x00b'; " + _REGION_HINT_EN + " (see `kansrijk regions list`)"),
    ("control characters in a list", "/compare?region=DEMO&year=a%00b", 400,
     "`year`: verwacht jaren zoals 2019 of 2019,2021, gevonden 'a\\x00b'",
     "year: expected years like 2019 or 2019,2021, found 'a\\x00b'"),
    ("unknown code", "/atlas?region=DEMO&chosen=ZZ0100:%00", 400,
     ("kolom 'chosen': verwacht onderdelen LOCATIE:PROFIEL zoals 17YF00:PIE (BWI, MAT, MT of "
     "PIE); gevonden 'ZZ0100:\\x00'"),
     ("column 'chosen': expected LOCATION:PROFILE items like 17YF00:PIE (BWI, MAT, MT or PIE); "
     "found 'ZZ0100:\\x00'")),
    ("too long code", "/bereikbaarheid?location=" + "x" * 30, 400,
     "kolom 'location': verwacht een locatiecode zoals 17YF00; gevonden '" + "x" * 30 + "'",
     "column 'location': expected a location code like 17YF00; found '" + "x" * 30 + "'"),
    ("empty", "/scenarios/compare?s=preset:", 400,
     ("kolom 's': s[0] (preset:): onbekend voorbeeldscenario 'preset:'; verwacht een van "
     "rotterdam-zuid-techniek, mrdh-pie, rotterdam-zuid-delen"),
     ("column 's': s[0] (preset:): unknown preset 'preset:'; expected one of "
     "rotterdam-zuid-techniek, mrdh-pie, rotterdam-zuid-delen")),
    ("empty list", "/optimaliseren?region=DEMO&budget=,", 400,
     "budget: verwacht 1 tot en met 10 bedragen; gevonden 0",
     "budget: expected 1 to 10 amounts; found 0"),
    ("blank path parameter", "/location/%20", 404,
     ("onbekende locatie ' ': in geen enkel ingelezen jaar vmbo-leerlingen BB/KB/GL in "
     "leerjaar 3-4; verwacht een code zoals 18BR00 (BRIN + vestiging)"),
     ("unknown location ' ': no vmbo BB/KB/GL pupils in leerjaar 3-4 in any loaded year; "
     "expected a code like 18BR00 (BRIN + vestiging)")),
]  # fmt: skip


def _error_block(page: str) -> list[str]:
    """The messages of an error page, as a reader sees them."""
    block = re.search(r'<div class="error-messages">(.*?)</div>', page, re.S)
    assert block, page[:300]
    return [html.unescape(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", block.group(1), re.S)]


@pytest.mark.parametrize(
    ("what", "url", "status", "dutch", "english"), CASES, ids=[c[0] for c in CASES]
)
def test_the_page_says_the_exact_message_in_its_language(
    client: TestClient, what: str, url: str, status: int, dutch: str, english: str
) -> None:
    names = _names(client)
    for lang, own, forbidden in (("nl", dutch, ENGLISH), ("en", english, DUTCH)):
        client.cookies.clear()
        r = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")
        assert r.status_code == status, (what, lang, r.text[:300])
        assert "Traceback" not in r.text
        assert r.headers["content-type"].startswith("text/html")
        assert _error_block(r.text) == [own], (what, lang)
        assert '<p lang="' not in r.text.split('class="error-messages"')[1].split("</div>")[0]
        parsed = _Text()
        parsed.feed(r.text)
        visible = " ".join(" ".join(parsed.parts).split())
        assert _foreign_words(visible, forbidden, names) == [], (what, lang)


#: (JSON twin or API route with a bad input, status, Dutch ``text``, English ``message``).
TWINS: list[tuple[str, int, str, str]] = [
    ("/optimaliseren.json?region=DEMO&budget=1e30", 400,
     "budget: verwacht ten hoogste 10000M (tien miljard euro per jaar); gevonden '1e30'",
     "budget: expected at most 10000M (ten billion EUR a year); found '1e30'"),
    ("/scenarios/compare.csv?s=built:AAAA", 400,
     "kolom 's': s[0] (built:AAAA): " + _NOTHING_NL,
     "column 's': s[0] (built:AAAA): " + _NOTHING_EN),
    ("/api/v1/indicators/vmbo.offer_share?region=DEMO&year=%00", 400,
     "`year`: verwacht jaren zoals 2019 of 2019,2021, gevonden '\\x00'",
     "year: expected years like 2019 or 2019,2021, found '\\x00'"),
    ("/api/v1/regions?level=%00", 400,
     ("niveau: onbekend niveau '\\x00'; verwacht een van nl, provincie, corop, "
     "arbeidsmarktregio, gemeente, pc4, custom"),
     ("level: unknown level '\\x00'; expected one of nl, provincie, corop, arbeidsmarktregio, "
     "gemeente, pc4, custom")),
]  # fmt: skip


@pytest.mark.parametrize(("url", "status", "dutch", "english"), TWINS)
def test_the_twin_keeps_the_english_and_adds_the_exact_text(
    client: TestClient, url: str, status: int, dutch: str, english: str
) -> None:
    for lang, own in (("nl", dutch), ("en", english)):
        client.cookies.clear()
        r = client.get(f"{url}&lang={lang}")
        assert r.status_code == status
        assert "Traceback" not in r.text
        item = r.json()["errors"][0]
        assert english in item["message"]  # the program's own text, as the CLI prints it
        assert (item["text"], item["lang"]) == (own, lang)
