"""Error messages in the page's language: every bad input a monitor page or its JSON twin
can be given, asked in Dutch and in English.

The messages are raised in English in every layer (``kansrijk.errors.Message``: the text
the CLI prints) and translated on the way out through the ``errors`` catalogue. For each
bad input below the page is fetched with ``?lang=nl`` and ``?lang=en``: the status is the
expected one, the message carries a fragment written in that language (taken from the
catalogue by hand, not from the code under test), no passage is marked as another language,
and the page's visible text has none of the other language's distinctive words (the word
lists and parser of ``test_page_languages``; identifiers such as ``vmbo.offer_share`` are
code, not prose, and are left out). The JSON twins keep the program's English
``error`` (what the CLI prints and scripts match on) and add ``text`` in the asked language.
"""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from tests.web.helpers import assert_envelope
from tests.web.test_page_languages import DUTCH, ENGLISH, _foreign_words, _names, _Text

#: Identifiers in messages (indicator ids, parameter values): code, not prose.
_IDENTIFIER = re.compile(r"\b\w+(?:[._]\w+)+\b")
#: (page with a bad input, status, fragment of the Dutch message, of the English message).
BAD_PAGES: list[tuple[str, int, str, str]] = [
    ("/?region=NOPE", 404, "onbekende regio 'NOPE'", "unknown region 'NOPE'"),
    ("/atlas?region=NOPE", 404, "onbekende regio", "unknown region"),
    ("/atlas?year=1800", 400, "verwacht jaren van 1900 tot en met 2100", "expected years between"),
    ("/atlas?region=DEMO&year=2000", 400, "geen vmbo-inschrijvingen ingelezen voor 2000",
     "no vmbo enrollment loaded for 2000"),
    ("/atlas?indicator=nope", 404, "onbekende indicator 'nope'", "unknown indicator 'nope'"),
    ("/atlas?region=DEMO&indicator=vmbo.locations_offering", 400,
     "de atlas toont één percentage per gemeente", "the atlas shows one percentage"),
    ("/atlas?region=DEMO&chosen=garbage", 400, "verwacht onderdelen LOCATIE:PROFIEL",
     "expected LOCATION:PROFILE items"),
    ("/atlas?region=DEMO&chosen=ZZ9999:PIE", 400, "verwacht een locatie in de getoonde regio",
     "expected a location of the region shown"),
    ("/compare?region=NOPE", 404, "onbekende regio", "unknown region"),
    ("/compare?region=DEMO&regions=NOPE", 404, "onbekende regio", "unknown region"),
    ("/compare?region=DEMO&indicator=nope", 404, "onbekende indicator", "unknown indicator"),
    ("/compare?region=DEMO&year=abc", 400, "verwacht jaren zoals 2019", "expected years like"),
    ("/compare?region=DEMO&by=nope", 400, "kan niet worden uitgesplitst naar 'nope'",
     "cannot be broken down by 'nope'"),
    ("/compare?region=DEMO&set=nope", 400, "onbekende profielset 'nope'",
     "unknown profile set 'nope'"),
    ("/compare?region=DEMO&sort=nope", 400, "met - ervoor voor aflopend",
     "prefix - for descending"),
    ("/gebeurtenissen?region=NOPE", 404, "onbekende regio", "unknown region"),
    ("/gebeurtenissen?region=DEMO&set=nope", 400, "verwacht techniek_ict, techniek of all",
     "expected techniek_ict, techniek or all"),
    ("/location/ZZZZ99", 404, "onbekende locatie 'ZZZZ99'", "unknown location 'ZZZZ99'"),
    ("/location/ZZ0100?year=1800", 400, "verwacht jaren van 1900", "expected years between"),
    ("/bereikbaarheid?location=ZZZZ99", 404, "onbekende locatie 'ZZZZ99'",
     "unknown location 'ZZZZ99'"),
    ("/bereikbaarheid?location=!!", 400, "verwacht een locatiecode zoals 17YF00",
     "expected a location code like 17YF00"),
    ("/bereikbaarheid?location=ZZ0100&change=nope", 400, "kolom 'change': verwacht stop",
     "column 'change': expected stop"),
    ("/bereikbaarheid?location=ZZ0100&km=abc", 400, "verwacht een getal; gevonden 'abc'",
     "expected a number; found 'abc'"),
    ("/bereikbaarheid?location=ZZ0100&km=500", 400, "groter dan 0 en ten hoogste 100",
     "km: expected a distance in (0, 100]"),
    ("/bereikbaarheid?location=ZZ0100&change=add&profile=XYZ", 400,
     "verwacht een profiel, een van BWI, MAT, MT, PIE", "expected a profile, one of"),
    ("/bereikbaarheid?location=ZZ0100&change=add&profile=PIE", 400,
     "biedt PIE al aan", "already offers PIE"),
    ("/bereikbaarheid?location=ZZ0100&region=NOPE", 404, "onbekende regio", "unknown region"),
    ("/optimaliseren?region=NOPE&budget=1000000", 404, "onbekende regio", "unknown region"),
    ("/optimaliseren?region=DEMO&budget=abc", 400, "verwacht een bedrag in euro per jaar",
     "expected an amount in EUR a year"),
    ("/optimaliseren?region=DEMO&budget=-5", 400, "verwacht een bedrag van 0 of meer",
     "expected a non-negative amount"),
    ("/optimaliseren?region=DEMO&budget=1M,2M,3M,4M", 400, "verwacht ten hoogste 3 budgetten",
     "expected at most 3 budgets"),
    ("/optimaliseren?region=DEMO&budget=1M&objective=nope", 400, "doel: verwacht een van",
     "objective: expected one of"),
    ("/optimaliseren?region=DEMO&budget=1M&km=abc", 400, "verwacht een getal",
     "expected a number"),
    ("/optimaliseren?region=DEMO&budget=1M&km=500", 400, "verwacht een afstand",
     "expected a distance"),
    ("/optimaliseren?region=DEMO&budget=1M&per_board=0", 400, "verwacht 1 of meer",
     "expected >= 1"),
    ("/scenarios/run?preset=nope", 400, "onbekend voorbeeldscenario 'nope'",
     "unknown preset 'nope'"),
    ("/scenarios/run?preset=mrdh-pie&draws=abc", 400, "Trekkingen: verwacht een geheel getal",
     "Draws: expected a whole number"),
    ("/scenarios/compare?s=preset:nope", 400, "s[0] (preset:nope): onbekend voorbeeldscenario",
     "s[0] (preset:nope): unknown preset"),
    ("/scenarios/compare?s=garbage", 400, "verwacht 'preset:NAAM'", "expected 'preset:NAME'"),
    ("/scenarios/compare?" + "&".join(f"s=preset:p{i}" for i in range(5)), 400,
     "ten hoogste 4 scenario's naast elkaar", "at most 4 scenarios side by side"),
    ("/downloads/vmbo.offer_share.txt", 400, "verwacht INDICATOR.csv",
     "expected INDICATOR.csv"),
    ("/no-such-page", 404, "deze pagina bestaat niet: /no-such-page",
     "no such page or route: /no-such-page"),
]  # fmt: skip
#: (JSON twin or download with a bad input, status, Dutch ``text``, the English ``error``).
BAD_TWINS: list[tuple[str, int, str, str]] = [
    ("/overview.json?region=NOPE", 404, "onbekende regio 'NOPE'", "unknown region 'NOPE'"),
    ("/compare.json?region=DEMO&set=nope", 400, "onbekende profielset 'nope'",
     "unknown profile set 'nope'"),
    ("/compare.xlsx?region=NOPE", 404, "onbekende regio", "unknown region"),
    ("/atlas.json?year=1800", 400, "`year`: verwacht jaren van 1900",
     "year: expected years between 1900 and 2100, found [1800]"),
    ("/location/ZZ0100.json?year=1800", 400, "verwacht jaren", "expected years"),
    ("/bereikbaarheid.json?location=ZZZZ99", 404, "onbekende locatie 'ZZZZ99'",
     "unknown location 'ZZZZ99': not among the school locations of any loaded year"),
    ("/scenarios/compare.xlsx?s=preset:nope", 400, "kolom 's': s[0] (preset:nope): onbekend",
     "column 's': s[0] (preset:nope): unknown preset 'nope'"),
    ("/api/v1/trend/vmbo.offer_share?region=DEMO&by=nope", 400, "kan niet worden uitgesplitst",
     "vmbo.offer_share cannot be broken down by 'nope'; expected: profile, track"),
    ("/api/v1/regions?level=nope", 400, "niveau: onbekend niveau 'nope'",
     "level: unknown level 'nope'"),
]  # fmt: skip


def _page(client: TestClient, url: str, lang: str) -> tuple[int, str]:
    client.cookies.clear()
    sep = "&" if "?" in url else "?"
    r = client.get(f"{url}{sep}lang={lang}")
    assert r.headers["content-type"].startswith("text/html"), url
    return r.status_code, r.text


@pytest.mark.parametrize(("url", "status", "dutch", "english"), BAD_PAGES)
def test_error_page_speaks_the_page_language(
    client: TestClient, url: str, status: int, dutch: str, english: str
) -> None:
    names = _names(client)
    for lang, own, other, forbidden in (
        ("nl", dutch, english, ENGLISH),
        ("en", english, dutch, DUTCH),
    ):
        code, text = _page(client, url, lang)
        assert code == status, (url, lang)
        assert f'<html lang="{lang}">' in text
        shown = html.unescape(text)
        assert own in shown, (url, lang)
        assert other not in shown, (url, lang)
        assert "De melding van het programma" not in shown  # no English lead-in needed
        parsed = _Text()
        parsed.feed(text)
        visible = " ".join(" ".join(parsed.parts).split())
        assert own in visible, "the message is marked as another language"
        prose = _IDENTIFIER.sub(" ", visible)  # ids like vmbo.offer_share are code
        assert _foreign_words(prose, forbidden, names) == [], (url, lang)


@pytest.mark.parametrize(("url", "status", "dutch", "english"), BAD_TWINS)
def test_json_errors_keep_the_english_and_add_the_asked_language(
    client: TestClient, url: str, status: int, dutch: str, english: str
) -> None:
    for lang, own in (("nl", dutch), ("en", english)):
        client.cookies.clear()
        sep = "&" if "?" in url else "?"
        body = assert_envelope(client.get(f"{url}{sep}lang={lang}"), status)
        assert english in body["error"]  # the program's own text, as the CLI prints it
        item = body["errors"][0]
        assert english in item["message"]
        assert own in item["text"], (url, lang)
        assert item["lang"] == lang


def test_messages_translate_by_template_and_values() -> None:
    """``localised``: a ``Message`` through the catalogue, its nested values too, the
    place of an ``InputError`` by parts; a plain text without a catalogue entry stays
    English and says so."""
    from kansrijk.errors import InputError, Message, UnknownRegionError, message_of
    from kansrijk.web.errors import localised

    hint = Message("; did you mean {codes}?", codes="DEMO")
    exc = UnknownRegionError(
        Message("unknown region {code!r}{hint}{need}; expected a code like NL00, PV28, CR29, "
                "AM22, GM0599, MRDH or RDAM-ZUID (see `kansrijk regions list`)",
                code="DEMX", hint=hint, need="")
    )  # fmt: skip
    assert str(exc).startswith("unknown region 'DEMX'; did you mean DEMO?; expected a code")
    assert localised(exc, "en") == (str(exc), "en")
    text, lang = localised(exc, "nl")
    assert lang == "nl"
    assert text.startswith("onbekende regio 'DEMX'; bedoelt u DEMO?; verwacht een code zoals")
    placed = InputError(Message("expected a number; found {text!r}", text="x"), line=3, column="km")
    assert str(placed) == "line 3, column 'km': expected a number; found 'x'"
    assert str(message_of(placed)) == str(placed)
    assert localised(placed, "nl") == (
        "regel 3, kolom 'km': verwacht een getal; gevonden 'x'",
        "nl",
    )
    plain = InputError("something only the program says", column="km")
    assert localised(plain, "nl") == ("column 'km': something only the program says", "en")
    assert localised(plain, "en") == ("column 'km': something only the program says", "en")


def test_unknown_location_on_the_access_page_is_not_nothing_to_stop(client: TestClient) -> None:
    """``/bereikbaarheid?location=ZZZZ99``: an unknown code is "unknown location" (404), not
    "does not offer PIE ... nothing to stop"."""
    for lang, expected in (("nl", "onbekende locatie 'ZZZZ99'"), ("en", "unknown location")):
        for change in ("stop", "add&profile=PIE", "close"):
            code, text = _page(client, f"/bereikbaarheid?location=ZZZZ99&change={change}", lang)
            assert code == 404
            assert expected in text.replace("&#39;", "'")
            assert "nothing to stop" not in text and "niets te stoppen" not in text
