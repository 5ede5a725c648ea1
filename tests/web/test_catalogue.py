"""The monitor's gettext catalogue (domain ``monitor``, Dutch source text, English
translation): a stale template, a message missing from the English catalogue, an empty or
fuzzy translation, an obsolete entry or a broken ``{placeholder}`` fails here. This is the
catalogue lint of the normal test run; ``make catalogues`` brings the files up to date."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from kansrijk import l10n
from kansrijk.web.i18n import DOMAIN, LABELS, choice_label, t

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "kansrijk" / "web" / "locale"
FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def _extracted() -> set[str]:
    """Every message in the sources, extracted as `make catalogues` does."""
    with (ROOT / "babel-monitor.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = {"_": None, "t": (2,), "N_": None}
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
