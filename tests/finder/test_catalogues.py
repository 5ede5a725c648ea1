"""The gettext catalogues: a stale template, a missing or empty translation, a fuzzy entry or
a broken placeholder fails here (part of the normal test run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from kansrijk import l10n
from kansrijk.finder.labels import PROFILE_LABELS
from kansrijk.vocab import PROFILE_NAMES

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "kansrijk" / "l10n" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _extracted() -> set[str]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = dict(DEFAULT_KEYWORDS) | {"translate": (2,), "N_": None}
    return {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)
    }


def _po(lang: str) -> dict[str, tuple[str, bool]]:
    with l10n.catalogue_path(lang).open("rb") as fh:
        cat = read_po(fh)
    return {str(m.id): (str(m.string), m.fuzzy) for m in cat if m.id}


def test_template_is_up_to_date_with_the_sources() -> None:
    with (LOCALE / "messages.pot").open("rb") as fh:
        pot = {str(m.id) for m in read_po(fh) if m.id}
    found = _extracted()
    assert len(found) > 80
    assert found - pot == set(), "new messages: run `make catalogues` and translate them"
    assert pot - found == set(), "messages no longer used: run `make catalogues`"


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_every_message_is_translated(lang: str) -> None:
    entries = _po(lang)
    needed = _extracted()
    missing = sorted(m for m in needed if m not in entries or not entries[m][0].strip())
    assert missing == [], f"{lang}: untranslated messages"
    assert [m for m, (_, fuzzy) in entries.items() if fuzzy] == []
    for msgid, (msgstr, _) in entries.items():
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(msgstr)), (lang, msgid)


def test_catalogues_needing_review_are_marked() -> None:
    assert [lang for lang in l10n.LANGUAGES if l10n.needs_review(lang)] == ["tr", "ar", "pl"]
    assert l10n.review_status("ar") == "needs review by a native speaker"


def test_translations_are_used_and_rtl_is_known() -> None:
    assert l10n.translate("nl", "Search") == "Zoeken"
    assert l10n.translate("pl", "about %(minutes)s min by bike", minutes=7) == "około 7 min rowerem"
    assert l10n.translate("ar", "Search") == "ابحث"
    assert l10n.direction("ar") == "rtl"
    assert l10n.direction("tr") == "ltr"


def test_profile_labels_are_the_vocabulary_names() -> None:
    assert {p.value: en for p, (_, en) in PROFILE_NAMES.items()} == PROFILE_LABELS
    # and the Dutch catalogue gives the vocabulary's Dutch names back
    assert {p.value: nl for p, (nl, _) in PROFILE_NAMES.items()} == {
        code: l10n.translate("nl", en) for code, en in PROFILE_LABELS.items()
    }


def test_language_from_url_and_babel_formats() -> None:
    assert l10n.language_from_url("EN") == "en"
    assert l10n.language_from_url("ar-SA") == "ar"
    assert l10n.language_from_url("xx") == "nl"
    assert l10n.language_from_url(None, "/tr/scholenwijzer") == "tr"
    assert l10n.language_from_url(None, "/scholenwijzer") == "nl"
    assert l10n.format_number(1234.5, "nl") == "1.234,5"
    assert l10n.format_number(1234.5, "en") == "1,234.5"
    assert l10n.format_number(1234.5, "pl") == "1\xa0234,5"
    import datetime as dt

    assert l10n.format_date(dt.date(2024, 10, 1), "nl") == "1 oktober 2024"
