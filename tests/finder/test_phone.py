"""Phone numbers as people write them (``finder.phone``): a table of cases, the finder's page,
embed, JSON twin and flyer, and every value of DUO's real locations files."""

from __future__ import annotations

import csv
import dataclasses
import re
import zlib
from html import unescape

import pytest
from tests.conftest import SHARED_DATA, require_real_data
from tests.finder.conftest import TestClient

from kansrijk.finder import Finder
from kansrijk.finder.flyer import Flyer, flyer_html, flyer_pdf, gemeente_flyer
from kansrijk.finder.offer import VmboOffer
from kansrijk.finder.phone import THREE_DIGIT_AREAS, TWO_DIGIT_AREAS, Phone, format_phone

#: (as stored, as written, E.164 or None when shown as given).
CASES: list[tuple[str, str, str | None]] = [
    # 2-digit areas: 0AA BBB CCCC
    ("0104567890", "010 456 7890", "+31104567890"),
    ("+31104567890", "010 456 7890", "+31104567890"),
    ("0031104567890", "010 456 7890", "+31104567890"),
    ("+31 (0)10 456 7890", "010 456 7890", "+31104567890"),
    ("010-4567890", "010 456 7890", "+31104567890"),
    ("(010) 456 78 90", "010 456 7890", "+31104567890"),
    ("  0201234567 ", "020 123 4567", "+31201234567"),
    ("0793214567", "079 321 4567", "+31793214567"),
    # 3-digit areas: 0AAA BBB CCC
    ("0111123456", "0111 123 456", "+31111123456"),
    ("0599-123456", "0599 123 456", "+31599123456"),
    ("+31 111 123456", "0111 123 456", "+31111123456"),
    # mobile: 06 1234 5678
    ("0612345678", "06 1234 5678", "+31612345678"),
    ("06-12345678", "06 1234 5678", "+31612345678"),
    ("+31 6 12345678", "06 1234 5678", "+31612345678"),
    # nationwide (company, internet telephony): like a 2-digit area
    ("0880009600", "088 000 9600", "+31880009600"),
    ("0851050200", "085 105 0200", "+31851050200"),
    # free and paid service numbers
    ("08001234", "0800 1234", "+318001234"),
    ("0900-1234567", "0900 123 4567", "+319001234567"),
    # not a Dutch number we can write: as given (spaces collapsed), no link
    ("0215040261", "0215040261", None),  # no area 021 or 0215 (DUO: a school in Hilversum)
    ("0812514344", "0812514344", None),  # no area 0812 (DUO, Gouda: 0182 typed as 0812)
    ("0999-100037", "0999-100037", None),  # the demo's fictional numbers
    ("010456789", "010456789", None),  # nine digits
    ("01045678901", "01045678901", None),  # eleven digits
    ("0800123", "0800123", None),
    ("0600000000", "0600000000", None),  # 06-0 is not a mobile range
    ("1045678901", "1045678901", None),  # no leading 0
    ("+32 2 123 45 67", "+32 2 123 45 67", None),  # Belgian
    ("0032 2 1234567", "0032 2 1234567", None),
    ("010 456 7890 ext 12", "010 456 7890 ext 12", None),
    ("tel  010\t4567890x", "tel 010 4567890x", None),
    ("０１０４５６７８９０", "０１０４５６７８９０", None),  # full-width digits: not ASCII
    ("0" * 50, "0" * 50, None),
]


@pytest.mark.parametrize(("raw", "text", "e164"), CASES)
def test_a_number_is_written_as_people_write_it(raw: str, text: str, e164: str | None) -> None:
    phone = format_phone(raw)
    assert phone == Phone(text, e164)
    assert phone.href == (f"tel:{e164}" if e164 else None)


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n"])
def test_no_number_is_none(raw: str | None) -> None:
    assert format_phone(raw) is None


def test_the_area_code_lists() -> None:
    """The 30 two-digit areas of the brief; the 3-digit ones all 4 characters, none of them
    starting with a 2-digit area, and the areas of DUO's numbers that we know are there."""
    assert len(TWO_DIGIT_AREAS) == 30
    assert all(len(a) == 4 and a[:3] not in TWO_DIGIT_AREAS for a in THREE_DIGIT_AREAS)
    assert {"0111", "0165", "0229", "0345", "0499", "0546", "0599"} <= THREE_DIGIT_AREAS
    # every written geographic number has ten digits in groups of 3-3-4 or 4-3-3
    for a in sorted(TWO_DIGIT_AREAS):
        assert format_phone(a + "1234567") == Phone(f"{a} 123 4567", f"+31{a[1:]}1234567")
    for a in sorted(THREE_DIGIT_AREAS):
        assert format_phone(a + "123456") == Phone(f"{a} 123 456", f"+31{a[1:]}123456")


def _offer(phone: str | None) -> VmboOffer:
    return VmboOffer(
        2019, "ZZ0100", "School", None, None, None, None, None, phone, None, None,
        None, None, None, None, ("BB",), ("PIE",),
    )  # fmt: skip


def test_the_json_twin_keeps_duo_and_adds_the_written_form() -> None:
    doc = _offer("0104567890").to_json()
    assert (doc["phone"], doc["phone_text"], doc["phone_e164"]) == (
        "0104567890",
        "010 456 7890",
        "+31104567890",
    )
    doc = _offer("0812514344").to_json()
    assert (doc["phone"], doc["phone_text"]) == ("0812514344", "0812514344")
    assert doc["phone_e164"] is None
    doc = _offer("          ").to_json()
    assert (doc["phone_text"], doc["phone_e164"]) == (None, None)


#: DUO's locations files in ../shared/data, oldest first.
LOCATION_FILES = (
    "duo/alle-vestigingen-vo-2019.csv",
    "duo-earlier/02.-alle-vestigingen-vo-2020.csv",
)


def _duo_values(path_name: str) -> list[str]:
    """The TELEFOONNUMMER column of a DUO locations file, read with the csv module."""
    with (SHARED_DATA / path_name).open(encoding="latin-1", newline="") as f:
        return [row["TELEFOONNUMMER"] for row in csv.DictReader(f, delimiter=";")]


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("path_name", "rows", "blank", "formatted", "given"),
    [
        ("duo/alle-vestigingen-vo-2019.csv", 1619, 207, 1410, ["0215040261", "0812514344"]),
        ("duo-earlier/02.-alle-vestigingen-vo-2020.csv", 1610, 203, 1405,
         ["0215040261", "0812514344"]),
    ],
)  # fmt: skip
def test_every_real_duo_phone_formats_or_is_shown_as_given(
    path_name: str, rows: int, blank: int, formatted: int, given: list[str]
) -> None:
    """DUO's column is ten digits or ten spaces. Each number either formats (same digits,
    grouped 3-3-4, 4-3-3 or 2-4-4, E.164 = +31 and the digits without the 0) or is shown as
    given: the two whose area code does not exist."""
    require_real_data()
    values = _duo_values(path_name)
    assert len(values) == rows
    assert sum(1 for v in values if not v.strip()) == blank
    done, as_given = 0, []
    for raw in values:
        phone = format_phone(raw)
        if not raw.strip():
            assert phone is None
            continue
        assert phone is not None
        assert re.fullmatch(r"0\d{9}", raw), raw  # the independent view of the column
        if phone.e164 is None:
            assert phone.text == raw
            as_given.append(raw)
            continue
        assert phone.text.replace(" ", "") == raw
        assert phone.e164 == "+31" + raw[1:]
        groups = [len(g) for g in phone.text.split(" ")]
        assert groups == (
            [3, 3, 4] if raw[:3] in TWO_DIGIT_AREAS or raw[:3] in ("085", "088")
            else [2, 4, 4] if raw.startswith("06") else [4, 3, 3]
        ), raw  # fmt: skip
        done += 1
    assert done == formatted
    assert sorted(set(as_given)) == given


def _with_phones(flyer: Flyer, phones: list[str]) -> Flyer:
    """The flyer with the first locations' phones replaced (the demo's are fictional)."""
    found = list(flyer.found)
    for i, phone in enumerate(phones):
        f = found[i]
        found[i] = dataclasses.replace(f, location=dataclasses.replace(f.location, phone=phone))
    return dataclasses.replace(flyer, found=tuple(found))


def test_the_flyer_writes_the_number_and_links_it(demo_finder: Finder) -> None:
    """In the flyer (and so its PDF) each school's phone as people write it, a ``tel:`` link
    with the E.164 form; one that is not a Dutch number as given, without a link."""
    flyer = gemeente_flyer(demo_finder, "GM9901")
    tech = [f for f in flyer.found if f.location.technical]
    without = [f for f in flyer.found if f.location.kind == "no_technical"]
    assert tech and without
    order = [tech[0], without[0], *(f for f in flyer.found if f not in (tech[0], without[0]))]
    flyer = _with_phones(dataclasses.replace(flyer, found=tuple(order)),
                         ["0104567890", "+31 6 12345678"])  # fmt: skip
    for lang, label in (("nl", "Telefoon"), ("en", "Phone"), ("ar", None)):
        html = flyer_html(flyer, lang)
        link = '<a class="ltr tel" href="tel:+31104567890">010 456 7890</a>'
        assert link in html
        assert '<a class="ltr tel" href="tel:+31612345678">06 1234 5678</a>' in html
        if label:
            assert f"{label}: {link}" in html
        # the demo's other numbers (0999, no such area) as given, without a link
        third = flyer.found[2].location.phone
        assert third is not None and third.startswith("0999-")
        assert f'<span class="ltr">{third}</span>' in html
        assert html.count('href="tel:') == 2
    pdf = flyer_pdf([(flyer, "nl")])
    assert pdf.startswith(b"%PDF")
    assert b"(tel:+31104567890)" in _pdf_text(pdf)  # the link annotation's URI


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF with every Flate stream inflated (its objects are compressed in streams)."""
    parts = [pdf]
    for m in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[m.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_demo_page_and_embed_show_fictional_numbers_as_given(demo_client: TestClient) -> None:
    for path in ("/scholenwijzer", "/scholenwijzer/embed"):
        page = demo_client.get(path, params={"q": "0102 AB"}).text
        shown = re.findall(r'Telefoon: <span dir="ltr">([^<]*)</span>', page)
        assert shown and all(re.fullmatch(r"0999-\d{6}", p) for p in shown), shown
        assert 'href="tel:' not in page


def _written(raw: str) -> str:
    """DUO's ten digits in groups, by the area code's length (for the real-data check)."""
    if raw[:3] in TWO_DIGIT_AREAS or raw[:3] in ("085", "088"):
        return f"{raw[:3]} {raw[3:6]} {raw[6:]}"
    if raw.startswith("06"):
        return f"{raw[:2]} {raw[2:6]} {raw[6:]}"
    return f"{raw[:4]} {raw[4:7]} {raw[7:]}"


@pytest.mark.realdata
def test_real_page_embed_and_twin_write_duo_numbers(real_client: TestClient) -> None:
    """3083 AB: each school's number on the page and in the embed is DUO's (newest
    locations file, read with the csv module) in groups with a tel: link; the twin keeps
    DUO's text and adds the written and E.164 forms."""
    newest: dict[str, str] = {}
    for name in LOCATION_FILES:
        with (SHARED_DATA / name).open(encoding="latin-1", newline="") as f:
            for row in csv.DictReader(f, delimiter=";"):
                if row["TELEFOONNUMMER"].strip():
                    newest[row["VESTIGINGSNUMMER"]] = row["TELEFOONNUMMER"]
    doc = real_client.get("/scholenwijzer.json", params={"q": "3083 AB"}).json()
    with_phone = [s for s in doc["schools"] if s["phone"]]
    assert len(with_phone) >= 20
    for path in ("/scholenwijzer", "/scholenwijzer/embed"):
        page = unescape(real_client.get(path, params={"q": "3083 AB"}).text)
        for s in with_phone:
            raw = newest[s["loc_code"]]
            assert (s["phone"], s["phone_text"], s["phone_e164"]) == (
                raw, _written(raw), "+31" + raw[1:]
            )  # fmt: skip
            assert f'<a href="tel:+31{raw[1:]}" dir="ltr">{_written(raw)}</a>' in page
