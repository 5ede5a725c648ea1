"""The satisfaction survey's texts in the finder's languages (nl, en, tr, ar, pl): gettext
catalogues of their own domain, ``web/locale/<lang>/LC_MESSAGES/survey.po`` (msgids in
English), compiled in memory on first use the way ``kansrijk.l10n`` compiles the finder's
``messages.po``. A domain of its own keeps the survey's few texts out of the monitor's
catalogue and its extraction."""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from kansrijk.l10n import LANGUAGES, direction

DOMAIN = "survey"
_LOCALE = {"nl": "nl_NL", "en": "en_GB", "tr": "tr_TR", "ar": "ar", "pl": "pl_PL"}

__all__ = ["DOMAIN", "LANGUAGES", "catalogue_path", "direction", "survey_gettext"]


def catalogue_path(lang: str) -> Path:
    """The ``survey.po`` of a language."""
    base = Path(str(resources.files("kansrijk.web").joinpath("locale")))
    return base / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> Translations:
    with catalogue_path(lang).open("rb") as fh:
        catalogue = read_po(fh, locale=_LOCALE[lang])
    buf = io.BytesIO()
    write_mo(buf, catalogue, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def survey_gettext(lang: str, message: str) -> str:
    """``message`` (an English msgid) in ``lang`` (Dutch for an unknown language)."""
    return _translations(lang if lang in LANGUAGES else "nl").gettext(message)
