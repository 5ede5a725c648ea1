"""Translations through gettext catalogues (Babel): the one mechanism for UI strings.

Catalogues live in ``kansrijk/l10n/locale/<lang>/LC_MESSAGES/messages.po`` (msgids in
English; ``messages.pot`` is the extracted template, see ``babel.cfg``). They are compiled
in memory from the ``.po`` file on first use in a process (Babel's ``write_mo``), so there
are no binary ``.mo`` files in the repository and a compiled catalogue can never be stale.

Also here, so that every page and the flyers do it the same way:
- ``language_from_url``: the one place that picks the language from a URL (``?lang=``,
  else a ``/<lang>/`` path prefix, else the default);
- ``format_number`` / ``format_date``: numbers and dates through Babel's CLDR data;
- ``jinja_environment``: a Jinja2 environment per language with the ``i18n`` extension
  (``{% trans %}``, ``_()``) installed for that language's catalogue.

Pure apart from reading the packaged ``.po`` files; importable from any layer.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "REVIEW_HEADER",
    "RTL_LANGUAGES",
    "catalogue_path",
    "compile_catalogue",
    "direction",
    "format_date",
    "format_number",
    "jinja_environment",
    "language_from_url",
    "needs_review",
    "review_status",
    "survey_gettext",
    "translate",
    "translations",
]

#: Every language with a catalogue, the default first.
LANGUAGES: tuple[str, ...] = ("nl", "en", "tr", "ar", "pl")
DEFAULT_LANGUAGE = "nl"
RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})
#: Each language's name in that language (for the language switch).
LANGUAGE_NAMES: dict[str, str] = {
    "nl": "Nederlands",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "pl": "Polski",
}
#: The header comment of a .po file that says whether it was reviewed by a native speaker.
REVIEW_HEADER = "# Review status:"
_BABEL_LOCALE = {"nl": "nl_NL", "en": "en_GB", "tr": "tr_TR", "ar": "ar", "pl": "pl_PL"}


def language_from_url(
    query_lang: str | None,
    path: str = "",
    *,
    allowed: tuple[str, ...] = LANGUAGES,
    default: str = DEFAULT_LANGUAGE,
) -> str:
    """The language a URL asks for: ``?lang=`` (``'EN'``, ``'en-GB'`` -> ``en``), else a
    first path segment that is a language (``/en/scholenwijzer``), else ``default``."""
    for candidate in (query_lang, path.lstrip("/").split("/", 1)[0]):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in allowed and (candidate is query_lang or len(candidate.strip()) == 2):
                return code
    return default


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def catalogue_path(lang: str, root: Path | None = None, domain: str = "messages") -> Path:
    """The ``.po`` file of a language (``domain``: ``messages`` for the finder,
    ``monitor`` for the monitor pages)."""
    base = root or Path(str(resources.files("kansrijk.l10n").joinpath("locale")))
    return base / lang / "LC_MESSAGES" / f"{domain}.po"


def compile_catalogue(lang: str, domain: str = "messages") -> Translations:
    """A ``.po`` catalogue compiled in memory (no ``.mo`` file; fuzzy entries left out)."""
    with catalogue_path(lang, domain=domain).open("rb") as fh:
        catalogue = read_po(fh, locale=_BABEL_LOCALE.get(lang, lang))
    buf = io.BytesIO()
    write_mo(buf, catalogue, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=domain)


@cache
def translations(lang: str) -> Translations:
    """The finder's compiled catalogue of ``lang`` (compiled from its ``.po`` once)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    return compile_catalogue(lang)


def needs_review(lang: str) -> bool:
    """True while the catalogue's header comment says ``Review status: needs review ...``
    (a translation not yet checked by a native speaker). A comment, not a header field,
    because ``pybabel update`` keeps the header comment and drops unknown fields."""
    return review_status(lang).lower().startswith("needs review")


@cache
def review_status(lang: str) -> str:
    """The ``# Review status:`` line of a catalogue ('' when absent)."""
    if lang not in LANGUAGES:
        return ""
    for line in catalogue_path(lang).read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(REVIEW_HEADER):
            return line[len(REVIEW_HEADER) :].strip()
    return ""


def translate(lang: str, message: str, **values: object) -> str:
    """``message`` (an English msgid) in ``lang``, with ``%(name)s`` values filled."""
    text = translations(lang).gettext(message)
    return text % values if values else text


def format_number(value: float, lang: str, digits: int = 1) -> str:
    """``1234.5`` as people of ``lang`` write it (``1.234,5`` in nl, ``1,234.5`` in en),
    rounded half up on the shortest decimal form of ``value`` (``0.05`` -> ``0,1``), with
    no minus sign on a value that rounds to zero."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        text = str(format_decimal(value, format=pattern, locale=_BABEL_LOCALE.get(lang, lang)))
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]  # no "-0,0" for a value that rounds to zero
    return text


def format_date(value: dt.date, lang: str) -> str:
    """A date in full words (``1 oktober 2024``)."""
    return str(_babel_date(value, format="long", locale=_BABEL_LOCALE.get(lang, lang)))


@cache
def jinja_environment(search_path: tuple[str, ...], lang: str) -> jinja2.Environment:
    """A Jinja2 environment over ``search_path`` for one language: autoescaped, strict
    undefined, ``{% trans %}`` and ``_()`` translated through that language's catalogue,
    and ``lang``, ``dir``, ``fmt_number``, ``fmt_date`` as globals."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(search_path)),
        autoescape=jinja2.select_autoescape(("html", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    globals_: Mapping[str, Any] = {
        "lang": lang,
        "dir": direction(lang),
        "fmt_number": lambda v, digits=1: format_number(v, lang, digits),
        "fmt_date": lambda d: format_date(d, lang),
        "needs_review": needs_review(lang),
        "language_names": LANGUAGE_NAMES,
    }
    env.globals.update(globals_)
    return env


@cache
def _survey(lang: str) -> Translations:
    return compile_catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE, domain="survey")


def survey_gettext(lang: str, message: str) -> str:
    """A text of the satisfaction survey (domain ``survey``: English msgids, the finder's five
    languages; a domain of its own keeps its few texts out of the other catalogues) in
    ``lang``; Dutch for an unknown language."""
    return _survey(lang).gettext(message)
