"""The monitor's UI strings: gettext catalogues with Dutch as the source language.

Every string the monitor pages say is written in Dutch in the code and templates
(``t(lang, "Overzicht")``, ``{{ _("Overzicht") }}``, ``N_("...")`` for a string that is
translated later) and extracted into the ``monitor`` domain: ``l10n/locale/monitor.pot``,
with the English translations in ``l10n/locale/en/LC_MESSAGES/monitor.po``. Dutch needs no
catalogue: its text is the msgid. ``make catalogues`` extracts and updates; a test fails
when the extracted messages and the catalogue differ or a translation is missing.

Placeholders are ``str.format`` fields (``{region}``). Values that come from a closed set
(profile sets, flags, roles, objectives, error statuses) get their label through
``choice_label(lang, family, value)``, so every such string is still a literal here.

Indicator labels come from the indicator definitions (``label_nl``/``label_en``), profile,
track and level names from ``vocab``/``regions``. The finder keeps its own ``messages``
domain (English msgids, five languages), see ``kansrijk.l10n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations

from kansrijk.errors import Message, Named
from kansrijk.l10n import catalogue_path, compile_catalogue

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFINITIONS_DOMAIN",
    "DOMAIN",
    "ERRORS_DOMAIN",
    "LABELS",
    "LANGUAGES",
    "N_",
    "choice_label",
    "definition_text",
    "error_text",
    "from_english",
    "normalise_language",
    "scenario_name",
    "t",
    "write_template",
]

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
#: The gettext domain of the monitor's messages.
DOMAIN = "monitor"
#: Texts written in English below the web layer get domains of their own with a Dutch
#: catalogue: the indicator definitions here, the OpenAPI texts in ``routes/docs.py``.
DEFINITIONS_DOMAIN = "definitions"
#: The messages of errors a user can cause (``kansrijk.errors.Message`` templates, English
#: source written at the raise sites in every layer; Dutch catalogue).
ERRORS_DOMAIN = "errors"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "scen_m": {
        "region": N_("Regio"),
        "baseline_year": N_("Gegevens van"),
        "horizon": N_("Looptijd"),
        "additions": N_("Toegevoegde profielen"),
        "additions_with_viable": N_("Toegevoegde profielen (waarvan levensvatbaar)"),
        "additions_viable": N_("Toegevoegde profielen met 12 of meer leerlingen per leerjaar"),
        "extra_techniek_pupils": N_("Extra leerlingen in een techniekprofiel (leerjaar 3-4)"),
        "extra_entrants_per_year": N_("Extra instromers in technisch mbo per jaar"),
        "extra_entrants_total": N_("Extra instromers in technisch mbo over de looptijd"),
        "one_off_cost": N_("Eenmalige kosten"),
        "yearly_cost": N_("Jaarlijkse kosten (laatste jaar)"),
        "total_cost": N_("Totale kosten over de looptijd"),
        "cost_per_extra_entrant": N_("Kosten per extra instromer"),
        "annualised_cost_per_extra_entrant": N_("Kosten per extra instromer (per jaar gerekend)"),
        "uptake_pupils": N_("Uptakemodel: extra leerlingen techniek per leerjaar"),
        "uptake_entrants": N_("Uptakemodel: extra instroom technisch mbo per jaar"),
        "uptake_diplomas": N_("Uptakemodel: extra diploma's technisch mbo per jaar"),
        "equivalent_annual_cost": N_("Equivalente jaarlijkse kosten"),
        "eac_per_extra_entrant_mnl": N_("Jaarkosten per extra instromer per jaar (keuzemodel)"),
        "eac_per_extra_entrant_uptake": N_("Jaarkosten per extra instromer per jaar (uptakemodel)"),
    },
    "scen_sheet": {
        "summary": N_("samenvatting"),
        "years": N_("jaren"),
        "additions": N_("toevoegingen"),
        "notes": N_("toelichting"),
    },
    "scen_unit": {
        "year": N_("jaar"),
        "years": N_("jaren"),
        "count": N_("aantal"),
        "pupils": N_("leerlingen"),
        "EUR": N_("euro"),
        "EUR per year": N_("euro per jaar"),
    },
    "scen_col": {
        "metric": N_("Uitkomst"),
        "unit": N_("Eenheid"),
        "scenario": N_("Scenario"),
        "region": N_("Regio"),
        "year": N_("Jaar"),
        "techniek_baseline": N_("Leerlingen techniek zonder scenario"),
        "techniek_scenario": N_("Leerlingen techniek met scenario"),
        "extra_techniek": N_("Extra leerlingen techniek"),
        "techniek_ict_scenario": N_("Leerlingen techniek incl. ICT met scenario"),
        "extra_techniek_ict": N_("Extra leerlingen techniek incl. ICT"),
        "entrants_baseline": N_("Instromers technisch mbo zonder scenario"),
        "entrants_scenario": N_("Instromers technisch mbo met scenario"),
        "extra_entrants": N_("Extra instromers technisch mbo"),
        "extra_entrants_low": N_("Extra instromers (ondergrens)"),
        "extra_entrants_high": N_("Extra instromers (bovengrens)"),
        "extra_entrants_excl_ict": N_("Extra instromers technisch mbo zonder ICT"),
        "one_off_cost": N_("Eenmalige kosten (euro)"),
        "yearly_cost": N_("Jaarlijkse kosten (euro)"),
        "location": N_("Locatiecode"),
        "name": N_("Naam"),
        "gemeente": N_("Gemeente"),
        "profile": N_("Profiel"),
        "leerwegen": N_("Leerwegen"),
        "from_year": N_("Vanaf schooljaar"),
        "pupils": N_("Leerlingen"),
        "guest_pupils": N_("Leerlingen van gastlocaties"),
        "per_leerjaar": N_("Leerlingen per leerjaar"),
        "per_leerjaar_low": N_("Per leerjaar (ondergrens)"),
        "per_leerjaar_high": N_("Per leerjaar (bovengrens)"),
        "viability": N_("Levensvatbaar"),
        "equivalent_annual_cost": N_("Equivalente jaarlijkse kosten (euro)"),
        "uptake_model": N_("Uptakemodel"),
        "uptake_per_leerjaar": N_("Uptakemodel: leerlingen per leerjaar"),
        "uptake_low": N_("Uptakemodel (ondergrens)"),
        "uptake_high": N_("Uptakemodel (bovengrens)"),
        "p_viable": N_("Kans op levensvatbaar"),
        "viable_pupils": N_("Leerlingen bij levensvatbaarheid"),
        "flags": N_("Kenmerken"),
        "uptake_extra_entrants_per_year": N_("Uptakemodel: extra instromers per jaar"),
        "note": N_("Toelichting (in het Engels)"),
        "fictional": N_("FICTIEVE demogegevens: geen echte scholen of cijfers"),
    },
    "scen_flag": {
        "comparable_schools": N_("schatting van vergelijkbare scholen"),
        "green": N_("groene school"),
        "single_profile": N_("één profiel"),
        "maritime": N_("maritiem"),
        "already_technical": N_("biedt al techniek (MVI)"),
        "mnl_above_range": N_("keuzemodel boven het bereik"),
        "closed_since": N_("sinds gesloten (examendata)"),
        "guests": N_("met gasten van andere locaties"),
        "techniek_since": N_("biedt sinds techniek (examendata)"),
    },
    "reg_f": {
        "title": N_("Titel"),
        "kind": N_("Soort activiteit"),
        "description": N_("Omschrijving"),
        "themes": N_("Thema's"),
        "profiles": N_("vmbo-profielen"),
        "target_groups": N_("Doelgroepen"),
        "pc4": N_("Postcode (4 cijfers)"),
        "radius_km": N_("Straal (km)"),
        "capacity": N_("Capaciteit (leerlingen)"),
        "start_date": N_("Vanaf"),
        "end_date": N_("Tot en met"),
        "cost_eur": N_("Kosten (euro)"),
        "languages": N_("Talen"),
        "contact": N_("Contact"),
    },
    "reg_h": {
        "themes": N_("Gescheiden door komma's, bijvoorbeeld energie, installatietechniek."),
        "pc4": N_("Waar de activiteit plaatsvindt of het midden van het gebied."),
        "contact": N_("Alleen zichtbaar voor ingelogde, goedgekeurde organisaties."),
    },
    "level_group": {
        "nl": N_("Nederland"),
        "custom": N_("Eigen regio's"),
        "provincie": N_("Provincies"),
        "corop": N_("COROP-gebieden"),
        "arbeidsmarktregio": N_("Arbeidsmarktregio's"),
        "gemeente": N_("Gemeenten"),
    },
    "trend_y": {
        "percent": N_("Aandeel (%)"),
        "count": N_("Aantal"),
        "km": N_("Afstand (km)"),
    },
    "set": {
        "techniek": N_("techniek (BWI, PIE, MT, MAT)"),
        "techniek_ict": N_("techniek incl. ICT (BWI, PIE, MT, MAT, MVI)"),
    },
    "scen_chart": {
        "label": N_(
            "Grafiek: instromers in technisch mbo per jaar in {region}, zonder "
            "en met het scenario '{name}'. De tabel eronder bevat dezelfde "
            "cijfers."
        ),
        "caption": N_(
            "Instromers in technisch mbo (incl. ICT) per jaar; de band is de "
            "marge van het scenario. De tabel eronder bevat dezelfde cijfers."
        ),
        "band": N_("marge {pct}"),
        "extra_entrants_per_year": N_("Extra instromers per jaar"),
        "cost_per_extra_entrant": N_("Kosten per extra instromer (€)"),
    },
    "atlas_cat": {
        "tech_ict": N_("techniek en ICT"),
        "tech": N_("techniek, geen ICT"),
        "ict": N_("alleen ICT (MVI)"),
        "none": N_("geen technisch profiel"),
    },
    "atlas_set": {
        "default": N_("standaard"),
        "techniek": N_("techniek (BWI, PIE, MT, MAT)"),
        "techniek_ict": N_("techniek incl. ICT (ook MVI)"),
    },
    "atlas_layer": {
        "locations": N_("Schoollocaties: technisch aanbod en leerlingen"),
        "gemeenten": N_("Gemeenten gekleurd naar de indicator"),
        "pc4": N_("Postcodegebieden (PC4): afstand tot technisch aanbod"),
    },
    "reg_r": {
        "org_name": N_("Naam van de organisatie"),
        "kind": N_("Soort organisatie"),
        "loc_code": N_("DUO-vestigingscode (scholen)"),
        "name": N_("Uw naam"),
        "email": N_("Werk-e-mailadres"),
        "phone": N_("Telefoon (niet verplicht)"),
        "password": N_("Wachtwoord"),
    },
    "reg_rh": {
        "loc_code": N_("Zes tekens, bijvoorbeeld 18BR00; alleen voor een schoollocatie."),
        "email": N_("Gebruik uw werkadres."),
        "password": N_("Minstens 10 tekens."),
        "phone": N_("Alleen als scholen u mogen bellen."),
    },
    "opt_obj": {
        "diplomas": N_("Extra technische mbo-diploma's"),
        "entrants": N_("Extra technische mbo-instromers"),
        "coverage": N_("Bereik: kinderen 10-14 binnen X km"),
        "mix": N_("Mix van diploma's en bereik"),
    },
    "events": {
        "started": N_("gestart"),
        "stopped": N_("gestopt"),
    },
    "scen_preset_title": {
        "rotterdam-zuid-techniek": N_("Techniekprofiel op elke vmbo-locatie in Rotterdam Zuid"),
        "mrdh-pie": N_("Elke MRDH-locatie zonder techniek krijgt PIE"),
        "rotterdam-zuid-delen": N_("Gedeelde techniekwerkplaats per school in Rotterdam Zuid"),
    },
    "scen_preset_desc": {
        "rotterdam-zuid-techniek": N_(
            "Elke vmbo-locatie (BB/KB/GL) in Rotterdam Zuid zonder "
            "techniekprofiel krijgt het techniekprofiel (BWI, PIE of MT) "
            "waarvoor het model de meeste leerlingen voorspelt."
        ),
        "mrdh-pie": N_(
            "Elke vmbo-locatie (BB/KB/GL) in de MRDH zonder techniekprofiel "
            "krijgt PIE (Produceren, installeren en energie)."
        ),
        "rotterdam-zuid-delen": N_(
            "Elke vmbo-locatie (BB/KB/GL) in Rotterdam Zuid zonder techniekprofiel krijgt "
            "PIE via één gedeelde werkplaats per school (BRIN): de grootste locatie is "
            "gastheer, de andere locaties delen."
        ),
    },
    "error": {
        "404": N_("Niet gevonden"),
        "400": N_("Ongeldige vraag"),
        "500": N_("Er ging iets mis"),
        "414": N_("Adres te lang"),
        "405": N_("Methode niet toegestaan"),
        "503": N_("Even geen plaats"),
    },
    "reg_role": {
        "admin": N_("beheerder"),
        "school": N_("school"),
        "provider": N_("aanbieder"),
        "analyst": N_("analist"),
    },
    "reg_status": {
        "proposed": N_("voorgesteld"),
        "accepted": N_("geaccepteerd"),
        "declined": N_("afgewezen"),
    },
}


def normalise_language(value: str | None) -> str | None:
    """``'EN'``, ``'en-GB'`` -> ``'en'``; None for anything not in LANGUAGES."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


@cache
def _translations(lang: str) -> NullTranslations:
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return NullTranslations()  # Dutch is the source language: its text is the msgid
    return compile_catalogue(lang, domain=DOMAIN)


def t(lang: str, message: str, /, **values: object) -> str:
    """``message`` (its Dutch text) in ``lang``, its ``{fields}`` filled with ``values``.
    Unknown languages get Dutch."""
    text = _translations(lang).gettext(message)
    return text.format(**values) if values else text


def scenario_name(lang: str, name: str) -> str:
    """A scenario's name for people: a preset's name (Dutch, as in its YAML; on the demo
    with ``' (demo)'``) in ``lang``; any other name as it is."""
    base = name.removesuffix(" (demo)")
    if base in LABELS["scen_preset_title"].values():
        return t(lang, base) + name[len(base) :]
    return name


def choice_label(lang: str, family: str, value: str) -> str:
    """The label of ``value`` in a closed set (``choice_label("en", "set", "techniek")``)."""
    return t(lang, LABELS[family][value])


@cache
def _from_english(domain: str, lang: str) -> NullTranslations:
    if lang == "en" or not catalogue_path(lang, domain=domain).exists():
        return NullTranslations()
    return compile_catalogue(lang, domain=domain)


def from_english(domain: str, lang: str, text: str) -> str:
    """A text written in English (a domain with English msgids) in ``lang``; the English
    text when there is no translation."""
    return _from_english(domain, lang).gettext(text) if text else text


def definition_text(lang: str, text: str) -> str:
    """An indicator's definition (written in English in ``kansrijk.indicators``) in
    ``lang``."""
    return from_english(DEFINITIONS_DOMAIN, lang, text)


@cache
def _error_messages(lang: str) -> dict[str, str]:
    """The ``errors`` catalogue of ``lang``: English template -> translation (no fuzzy or
    empty entries; empty for English and for a language without a catalogue)."""
    path = catalogue_path(lang, domain=ERRORS_DOMAIN)
    if lang == "en" or not path.exists():
        return {}
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale=lang)
    return {
        str(m.id): str(m.string)
        for m in catalogue
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


#: A template with nothing to translate: placeholders and punctuation only.
_STRUCTURAL = re.compile(r"^(?:\{\w*\}|[^\w{}])*$")


def error_text(lang: str, message: str) -> tuple[str, bool]:
    """An error message in ``lang`` and whether it is in ``lang``: a ``Message`` through
    the ``errors`` catalogue (its template translated, its values filled in, each value
    that is a ``Message`` translated in turn, each ``Named`` in its own text for ``lang``);
    any other text when the catalogue has it as a whole; else the English text and False."""
    if lang == "en" or not message:
        return str(message), True
    catalogue = _error_messages(lang)
    if not isinstance(message, Message):
        return (catalogue[message], True) if message in catalogue else (message, False)
    template = catalogue.get(message.template)
    if template is None:
        if not _STRUCTURAL.match(message.template):
            return str(message), False
        template = message.template
    values: dict[str, object] = {}
    complete = True
    for key, value in message.values.items():
        if isinstance(value, Message):
            text, done = error_text(lang, value)
            values[key], complete = text, complete and done
        elif isinstance(value, Named):
            values[key] = value.in_(lang)
        else:
            values[key] = value
    return (template.format(**values) if message.values else template), complete


def write_template(domain: str, texts: Iterable[str], path: Path | None = None) -> Path:
    """Write a domain's ``.pot`` from its texts (``make catalogues`` calls this for the
    domains whose msgids come from data, not from source code)."""
    target = path or catalogue_path(DEFAULT_LANGUAGE, domain=domain).parents[2] / f"{domain}.pot"
    catalogue = Catalog(project="Kansrijk", copyright_holder="Kansrijk contributors")
    for text in sorted(set(texts)):
        catalogue.add(text)
    with target.open("wb") as fh:
        write_po(fh, catalogue, width=100, no_location=True, omit_header=True, sort_output=True)
    return target
