"""The finder pages: every language (Arabic right to left), the JSON twin with the same rows,
the widget's headers, bad input in the chosen language with a 4xx status, the flyer."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from tests.finder.conftest import TestClient

from kansrijk.l10n import LANGUAGES


def _names(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r"<h3><bdi>(.*?)</bdi></h3>", html)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_in_every_language(demo_client: TestClient, lang: str) -> None:
    r = demo_client.get("/scholenwijzer", params={"q": "0102 AB", "lang": lang})
    assert r.status_code == 200
    assert r.headers["content-language"] == lang
    assert "set-cookie" not in r.headers
    html = r.text
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    review = {
        "tr": "anadili Türkçe olan biri",
        "ar": "لم يراجع هذه الترجمة",
        "pl": "rodzimego użytkownika",
    }
    if lang in review:
        assert review[lang] in html
    else:
        assert 'class="f-review"' not in html
    title = {
        "nl": "Welke vmbo-scholen bij u in de buurt bieden techniek aan?",
        "en": "Which vmbo schools near you offer technology?",
        "tr": "Yakınınızdaki hangi vmbo okulları teknik eğitim sunuyor?",
        "ar": "أي مدارس الـ vmbo القريبة منك تقدم التقنية؟",
        "pl": "Które szkoły vmbo w pobliżu oferują technikę?",
    }[lang]
    assert f"<h1>{title}</h1>" in html
    assert "Fictief Vakcollege Havenstad-Zuid" in html
    # the language links keep the query
    assert 'hreflang="ar" href="/scholenwijzer?q=0102+AB&amp;lang=ar"' in html


def test_json_twin_has_the_same_rows_as_the_page(demo_client: TestClient) -> None:
    page = demo_client.get("/scholenwijzer", params={"q": "0102", "km": "10"}).text
    doc: dict[str, Any] = demo_client.get(
        "/scholenwijzer.json", params={"q": "0102", "km": "10"}
    ).json()
    assert doc["ok"] is True
    assert [s["name"] for s in doc["schools"]] == _names(page)
    assert doc["count"] == len(doc["schools"]) == 7
    zorg = next(s for s in doc["schools"] if s["loc_code"] == "ZZ0200")
    assert zorg["has_technical_profile"] is False
    assert zorg["profiles"] == ["ZW", "DP"]
    alts = {a["profile"]: a["name"] for a in zorg["nearest_with_missing_technical_profile"]}
    assert alts["BWI"] == "Fictief Vmbo De Werf (Havenstad-Zuid)"
    assert doc["cycling"]["detour_factor"] == 1.3
    assert doc["cycling"]["speed_kmh"] == 15.0
    assert '<link rel="alternate" type="application/json" href="/scholenwijzer.json?q=0102' in page
    assert "Deze school heeft geen technisch profiel." in page


@pytest.mark.parametrize(
    ("q", "lang", "status", "key", "text"),
    [
        ("30833", "en", 400, "malformed", "“30833” is not a postcode."),
        ("9999", "nl", 404, "unknown_postcode", "We kennen het postcodegebied 9999 niet."),
        ("Atlantis", "pl", 404, "unknown_place", "Nie możemy znaleźć miejscowości"),
        ("<script>alert(1)</script>", "tr", 404, "unknown_place", "adında bir yer bulamıyoruz"),
    ],
)
def test_bad_input(
    demo_client: TestClient, q: str, lang: str, status: int, key: str, text: str
) -> None:
    r = demo_client.get("/scholenwijzer.json", params={"q": q, "lang": lang})
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False
    assert body["errors"][0]["key"] == key
    assert text in body["errors"][0]["message_translated"]
    page = demo_client.get("/scholenwijzer", params={"q": q, "lang": lang})
    assert page.status_code == status
    assert 'role="alert"' in page.text
    assert "<script>alert" not in page.text
    assert "Traceback" not in page.text


def test_bad_distance(demo_client: TestClient) -> None:
    r = demo_client.get("/scholenwijzer.json", params={"q": "0102", "km": "500"})
    assert r.status_code == 400
    assert r.json()["errors"][0]["key"] == "bad_distance"


def test_embed_is_frameable_by_the_setting_and_sets_no_cookie(demo_client: TestClient) -> None:
    r = demo_client.get("/scholenwijzer/embed", params={"q": "0102", "lang": "ar"})
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert csp.endswith("frame-ancestors 'self' https://www.gemeente.example")
    assert "bad;value" not in csp
    assert "x-frame-options" not in r.headers
    assert "set-cookie" not in r.headers
    assert 'dir="rtl"' in r.text
    page = demo_client.get("/scholenwijzer")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_flyer_pdf(demo_client: TestClient) -> None:
    r = demo_client.get("/scholenwijzer/flyer.pdf", params={"q": "0102", "lang": "ar"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    bad = demo_client.get("/scholenwijzer/flyer.pdf", params={"school": "nothing-like-this"})
    assert bad.status_code == 404
    assert bad.json()["errors"][0]["key"] == "unknown_school"


@pytest.mark.realdata
def test_real_3083_page_and_twin(real_client: TestClient) -> None:
    for q in ("3083", "3083 AB", "3083ab"):
        doc = real_client.get("/scholenwijzer.json", params={"q": q}).json()
        page = real_client.get("/scholenwijzer", params={"q": q}).text
        assert [s["name"] for s in doc["schools"]] == _names(page)
        first = doc["schools"][:3]
        assert [s["loc_code"] for s in first] == ["30WH00", "23YU02", "17YF00"]
        montfort = first[1]
        assert montfort["has_technical_profile"] is False
        alts = {
            a["profile"]: a["loc_code"] for a in montfort["nearest_with_missing_technical_profile"]
        }
        assert (alts["PIE"], alts["BWI"], alts["MT"]) == ("30WH00", "17YF00", "17YF00")
    r = real_client.get("/scholenwijzer.json", params={"q": "3197", "lang": "ar"})
    assert r.status_code == 422
    assert "لا يسكن أحد" in r.json()["errors"][0]["message_translated"]
    r = real_client.get("/scholenwijzer.json", params={"q": "Bergen"})
    assert r.status_code == 409
    labels = [c["label"] for c in r.json()["errors"][0]["choices"]]
    assert "Bergen op Zoom (Bergen op Zoom)" in labels


#: The technical profiles as DUO's 2019 enrollment file names them (OPLEIDINGSNAAM).
_TECH_NAMES = (
    "Bouwen, wonen en interieur",
    "Produceren, installeren en energie",
    "Mobiliteit en transport",
    "Maritiem en techniek",
    "Media, vormgeving en ICT",
)


def _raw_kinds() -> dict[str, str]:
    """loc_code -> technical / no_technical / tl_only from DUO's 2019 enrollment file (csv
    module): leerwegen and profiles with pupils in leerjaar 3-4."""
    import csv
    from collections import defaultdict

    from tests.conftest import ENROLLMENT_2019

    tracks: dict[str, set[str]] = defaultdict(set)
    tech: set[str] = set()
    with ENROLLMENT_2019.open(encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            kind = r["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"]
            if kind not in ("VMBO BL lj 3-4", "VMBO KL lj 3-4", "VMBO GL lj 3-4", "VMBO TL lj 3-4"):
                continue
            cells = [
                r[f"LEER- OF VERBLIJFSJAAR {j} - {s}"] for j in (3, 4) for s in ("MAN", "VROUW")
            ]
            if not any(c.strip() not in ("", "0") for c in cells):
                continue
            code = r["BRIN NUMMER"] + r["VESTIGINGSNUMMER"].zfill(2)
            tracks[code].add(kind.split()[1])
            if kind != "VMBO TL lj 3-4" and r["OPLEIDINGSNAAM"].endswith(_TECH_NAMES):
                tech.add(code)
    return {
        c: "technical" if c in tech else "tl_only" if t == {"TL"} else "no_technical"
        for c, t in tracks.items()
    }


@pytest.mark.realdata
def test_real_3083_counts_say_what_they_count(real_client: TestClient) -> None:
    """3083 AB within 10 km: 61 locations = 15 with a technical profile + 22 with BB, KB or
    GL but none + 24 mavo-only (TL) ones, each location's kind as DUO's raw file says; the
    page says so in three counts, a TL-only location is not "without a technical profile",
    and addresses are written as on a letter."""
    raw = _raw_kinds()
    doc = real_client.get("/scholenwijzer.json", params={"q": "3083 AB", "km": "10"}).json()
    kinds = {s["loc_code"]: s["kind"] for s in doc["schools"]}
    assert kinds == {c: raw[c] for c in kinds}
    assert doc["count"] == 61
    assert (
        doc["count_with_technical_profile"],
        doc["count_without_technical_profile"],
        doc["count_tl_only"],
    ) == (15, 22, 24)
    assert sum(1 for k in kinds.values() if k == "tl_only") == 24
    for s in doc["schools"]:
        assert s["tl_only"] == (s["leerwegen"] == ["TL"])
    montfort = next(s for s in doc["schools"] if s["loc_code"] == "23YU02")
    assert montfort["address"].endswith(" Rotterdam") and "ROTTERDAM" not in montfort["address"]
    assert all("ROTTERDAM" not in s["address"] for s in doc["schools"])
    page = real_client.get("/scholenwijzer", params={"q": "3083 AB", "km": "10"}).text
    assert "Met een technisch profiel: 15." in page
    assert "Met BB, KB of GL maar zonder technisch profiel: 22." in page
    assert "Alleen mavo (TL), waar geen profiel wordt gekozen: 24." in page
    assert page.count("Deze school heeft geen technisch profiel.") == 22
    assert page.count("Alleen mavo (TL): leerlingen kiezen hier geen profiel.") == 24
    en = real_client.get("/scholenwijzer", params={"q": "3083 AB", "lang": "en"}).text
    assert "Mavo only (TL), where no profiles are chosen: 24." in en
