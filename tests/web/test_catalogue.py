"""The monitor's gettext catalogue (domain ``monitor``, Dutch source text, English
translation): a stale template, a message missing from the English catalogue, an empty or
fuzzy translation, an obsolete entry or a broken ``{placeholder}`` fails here. This is the
catalogue lint of the normal test run; ``make catalogues`` brings the files up to date."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from kansrijk import l10n
from kansrijk.l10n.monitor import DOMAIN, LABELS, choice_label, t

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "kansrijk" / "l10n" / "locale"
FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


#: The keywords `make catalogues` extracts the monitor's messages with.
MONITOR_KEYWORDS: dict[str, Any] = {"_": None, "t": (2,), "N_": None}


def _extracted(cfg: str = "babel-monitor.cfg", keywords: dict[str, Any] | None = None) -> set[str]:
    """Every message in the sources, extracted as `make catalogues` does (by default the
    monitor's; ``cfg`` and ``keywords`` for another domain)."""
    with (ROOT / cfg).open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = MONITOR_KEYWORDS if keywords is None else keywords
    return {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)
    }


def _entries(path: Path) -> dict[str, tuple[str, bool]]:
    with path.open("rb") as fh:
        return {str(m.id): (str(m.string), m.fuzzy) for m in read_po(fh) if m.id}


def test_template_is_up_to_date_with_the_sources() -> None:
    pot = set(_entries(LOCALE / f"{DOMAIN}.pot"))
    found = _extracted()
    assert len(found) > 500
    assert sorted(found - pot) == [], "new messages: run `make catalogues` and translate them"
    assert sorted(pot - found) == [], "messages no longer used: run `make catalogues`"


def test_english_catalogue_is_complete_and_current() -> None:
    entries = _entries(l10n.catalogue_path("en", domain=DOMAIN))
    found = _extracted()
    missing = sorted(m for m in found if m not in entries or not entries[m][0].strip())
    assert missing == [], "untranslated messages"
    assert sorted(set(entries) - found) == [], "obsolete messages: run `make catalogues`"
    assert [m for m, (_, fuzzy) in entries.items() if fuzzy] == []
    for msgid, (msgstr, _) in entries.items():
        assert sorted(FIELD.findall(msgid)) == sorted(FIELD.findall(msgstr)), msgid


def test_dutch_is_the_source_and_english_comes_from_the_catalogue() -> None:
    assert not l10n.catalogue_path("nl", domain=DOMAIN).exists()  # Dutch needs no catalogue
    assert t("nl", "Overzicht") == "Overzicht"
    assert t("en", "Overzicht") == "Overview"
    assert t("fr", "Vergelijken") == "Vergelijken"  # unknown languages fall back to Dutch
    assert t("en", "Fout {status}", status=404) == "Error 404"
    assert choice_label("en", "set", "techniek") == "technology (BWI, PIE, MT, MAT)"
    assert choice_label("nl", "set", "techniek") == "techniek (BWI, PIE, MT, MAT)"


def test_every_closed_set_label_is_translated() -> None:
    entries = _entries(l10n.catalogue_path("en", domain=DOMAIN))
    for family, labels in LABELS.items():
        for value, text in labels.items():
            assert entries[text][0], (family, value)


def test_api_catalogue_matches_the_openapi_document_and_is_dutch() -> None:
    """The OpenAPI texts' own domain ``api`` (English source, Dutch catalogue): made from
    the app's OpenAPI document, so a changed route summary fails here until
    `make catalogues` and a translation."""
    from kansrijk.settings import Settings
    from kansrijk.web import create_app
    from kansrijk.web.routes.docs import API_DOMAIN, api_text, api_texts

    texts = api_texts(create_app(Settings()).openapi())
    assert len(texts) > 50
    assert set(_entries(LOCALE / f"{API_DOMAIN}.pot")) == texts
    entries = _entries(l10n.catalogue_path("nl", domain=API_DOMAIN))
    assert sorted(m for m in texts if not entries.get(m, ("", False))[0].strip()) == []
    assert set(entries) == texts
    assert [m for m, (_, fuzzy) in entries.items() if fuzzy] == []
    assert api_text("nl", "Evaluate an indicator") == "Een indicator berekenen"
    assert api_text("en", "Evaluate an indicator") == "Evaluate an indicator"


def test_definitions_catalogue_matches_the_indicators_and_is_dutch() -> None:
    """The indicator definitions' domain ``definitions`` (English source in
    ``kansrijk.indicators``: definition, numerator, denominator and suppression texts,
    shown on the pages and the XLSX definition sheets; Dutch catalogue): a changed
    definition fails here until `make catalogues` and a translation."""
    from kansrijk.indicators.catalog import INDICATORS
    from kansrijk.l10n.monitor import DEFINITIONS_DOMAIN, definition_text

    texts = {
        x for i in INDICATORS for x in (i.definition, i.numerator, i.denominator, i.suppression)
    }
    assert set(_entries(LOCALE / f"{DEFINITIONS_DOMAIN}.pot")) == texts
    entries = _entries(l10n.catalogue_path("nl", domain=DEFINITIONS_DOMAIN))
    assert set(entries) == texts
    assert [m for m, (s, fuzzy) in entries.items() if fuzzy or not s.strip()] == []
    offer = next(i for i in INDICATORS if i.id == "vmbo.offer_share")
    assert definition_text("nl", offer.definition).startswith("Van alle vmbo-leerlingen")
    assert definition_text("en", offer.definition) == offer.definition
