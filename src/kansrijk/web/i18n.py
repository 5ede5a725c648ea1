"""The web app's message catalogue: every UI string in Dutch (default) and English.

Indicator labels come from the indicator definitions (``label_nl``/``label_en``), profile,
track and level names from ``vocab``/``regions``; everything else the pages say is here.
"""

from __future__ import annotations

from kansrijk.web.i18n_atlas import EN as _ATLAS_EN
from kansrijk.web.i18n_atlas import NL as _ATLAS_NL
from kansrijk.web.i18n_limits import EN as _LIMITS_EN
from kansrijk.web.i18n_limits import NL as _LIMITS_NL
from kansrijk.web.i18n_optimise import EN as _OPT_EN
from kansrijk.web.i18n_optimise import NL as _OPT_NL
from kansrijk.web.i18n_registry import EN as _REG_EN
from kansrijk.web.i18n_registry import NL as _REG_NL
from kansrijk.web.i18n_scenarios import EN as _SCEN_EN
from kansrijk.web.i18n_scenarios import NL as _SCEN_NL
from kansrijk.web.i18n_time import EN as _TIME_EN
from kansrijk.web.i18n_time import NL as _TIME_NL

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_NL: dict[str, str] = {
    # layout
    "product": "Kansrijk",
    "tagline": "Monitor van de keuze voor techniek en ICT in het vmbo",
    "skip_link": "Naar de inhoud",
    "nav_label": "Hoofdmenu",
    "nav_overview": "Overzicht",
    "nav_compare": "Vergelijken",
    "nav_atlas": "Atlas",
    "nav_data": "Data",
    "nav_finder": "Scholenwijzer",
    "region_label": "Regio",
    "region_submit": "Toon",
    "lang_switch_label": "Taal",
    "lang_other": "English",
    "lang_other_code": "en",
    "demo_banner": (
        "Fictieve demoregio — geen echte gegevens. Laad echte gegevens met "
        "`kansrijk fetch` of `kansrijk ingest …`"
    ),
    "demo_banner_strong": "Fictieve demoregio",
    "demo_banner_rest": "geen echte gegevens. Laad echte gegevens met",
    "demo_banner_or": "of",
    "footer_sources": "Bronnen",
    "footer_sources_text": (
        "DUO open onderwijsdata (CC0 1.0), CBS StatLine en CBS/PDOK (CC BY 4.0). "
        "Gepubliceerde cijfers uit SEOR (2026) en Oberon (2024) staan altijd als "
        "gepubliceerd naast de berekende waarden."
    ),
    "footer_licence": "Kansrijk is open source (EUPL-1.2).",
    "footer_json": "Deze pagina als JSON",
    "footer_api": "API",
    "level_group_nl": "Nederland",
    "level_group_custom": "Eigen regio's",
    "level_group_provincie": "Provincies",
    "level_group_corop": "COROP-gebieden",
    "level_group_arbeidsmarktregio": "Arbeidsmarktregio's",
    "level_group_gemeente": "Gemeenten",
    # numbers and common words
    "suppressed": "onderdrukt (1-4)",
    "no_data": "geen gegevens",
    "year": "Jaar",
    "school_year": "Schooljaar",
    "peildatum_year": "peiljaar {year} (1 oktober)",
    "published": "gepubliceerd ({source}, {year})",
    "published_no_year": "gepubliceerd ({source})",
    "target": "doel ({source})",
    "target_year": "doel {year} ({source})",
    "of_pupils": "{num} van {den} leerlingen",
    "of_residents": "{den} jongeren van 10-14 jaar",
    "definition": "Definitie",
    "set_techniek": "techniek (BWI, PIE, MT, MAT)",
    "set_techniek_ict": "techniek incl. ICT (BWI, PIE, MT, MAT, MVI)",
    "masked_note": (
        "{n} cellen met 1-4 leerlingen zijn in de bron gemaskeerd ('<5') en niet meegeteld."
    ),
    # overview
    "overview_title": "Overzicht: {region}",
    "overview_intro": (
        "Kerncijfers over de keuze voor techniek in het vmbo (basis-, kader- en gemengde "
        "leerweg, leerjaar 3-4) in {region}, peiljaar {year}."
    ),
    "tiles_heading": "Kerncijfers",
    "tile_tech_ict_line": "incl. ICT (MVI): {value}",
    "tile_distance_mean_line": "gemiddelde afstand, hemelsbreed",
    "tile_distance_far_line": "{value} woont verder dan 5 km",
    "tile_compare_link": "Vergelijk gemeenten",
    "trends_heading": "Ontwikkeling in de examens",
    "trend_table_caption": "{label}: {region} en Nederland per schooljaar (%)",
    "trend_table_summary": "Tabel met de cijfers van deze grafiek",
    "trend_empty": "Er zijn geen examengegevens geladen voor deze regio.",
    "summary_heading": "Samenvatting",
    "summary_choice": (
        "In {year} zat {tech} van de vmbo-leerlingen in leerjaar 3-4 (BB, KB, GL) in "
        "{region} in een technisch profiel; met ICT (MVI) erbij {tech_ict}."
    ),
    "summary_no_offer": (
        "{share} van deze leerlingen zat op een locatie zonder technisch profiel "
        "(techniek incl. ICT)."
    ),
    "summary_distance": (
        "Jongeren van 10-14 jaar wonen gemiddeld {km} (hemelsbreed) van de dichtstbijzijnde "
        "locatie met een technisch profiel; {far} woont verder dan 5 km."
    ),
    "summary_girls": "Van de leerlingen in een technisch profiel is {girls} een meisje.",
    "summary_published": (
        "Ter vergelijking: SEOR (2026) publiceerde voor {region} in {year} een aandeel van "
        "{value} (andere telling, zie de definitie)."
    ),
    "summary_none": "Voor {region} zijn nog geen leerlinggegevens geladen.",
    "series_nl": "Nederland",
    # compare
    "compare_title": "Vergelijken: {label}",
    "compare_heading": "Gemeenten vergelijken",
    "compare_intro": (
        "De gemeenten van {region} naast elkaar voor één indicator, peiljaar {year}. "
        "Klik op een kolomkop om te sorteren."
    ),
    "compare_intro_set": "De gekozen regio's naast elkaar voor één indicator, peiljaar {year}.",
    "compare_intro_context": (
        "{region} naast de gemeente en de regio's waarin het ligt, voor één indicator, "
        "peiljaar {year}."
    ),
    "compare_form_legend": "Wat vergelijken?",
    "compare_indicator": "Indicator",
    "compare_by": "Uitsplitsing",
    "compare_by_none": "geen",
    "compare_set": "Profielset",
    "compare_set_default": "standaard van de indicator",
    "compare_year": "Jaar",
    "compare_regions": "Eigen selectie (codes, komma's)",
    "compare_submit": "Vergelijk",
    "compare_table_caption": "{label}, {year}",
    "compare_sort_hint": "gesorteerd op {column}",
    "compare_col_name": "Regio",
    "compare_col_code": "Code",
    "compare_col_value": "Waarde",
    "compare_col_numerator": "Teller",
    "compare_col_denominator": "Noemer",
    "compare_region_total": "{region} als geheel: {value}",
    "compare_download": "Download deze tabel",
    "compare_download_csv": "CSV",
    "compare_download_xlsx": "Excel (XLSX)",
    "compare_chart_heading": "Grafiek",
    "compare_chart_alt": "De tabel hierboven bevat dezelfde cijfers als deze grafiek.",
    "compare_empty": "Geen berekende waarden voor deze keuze.",
    "compare_missing": "Geen waarde (geen leerlingen of geen gegevens) voor",
    "compare_published_heading": "Gepubliceerde cijfers voor deze gemeenten",
    "sort_asc": "oplopend",
    "sort_desc": "aflopend",
    "sort_by": "Sorteer op {column}",
    # data
    "data_title": "Data en bronnen",
    "data_intro": (
        "Welke gegevens in dit magazijn zijn geladen, waar ze vandaan komen en onder welke "
        "licentie."
    ),
    "data_demo": (
        "Nu is alleen de fictieve demoregio geladen: verzonnen scholen, plaatsen en "
        "aantallen. Geen enkel cijfer op deze site gaat dan over echte scholen."
    ),
    "data_real": "Er zijn echte open gegevens geladen.",
    "data_loaded_heading": "Geladen gegevens",
    "data_loaded_caption": "Geladen bestanden met hun jaren",
    "data_col_dataset": "Dataset",
    "data_col_year": "Jaren",
    "data_col_rows": "Rijen",
    "data_col_file": "Bestand",
    "data_col_sha": "sha256 (kort)",
    "data_col_publisher": "Uitgever",
    "data_col_licence": "Licentie",
    "data_col_loaded": "Geladen op",
    "data_none": "Er zijn nog geen gegevens geladen.",
    "data_sources_heading": "Bronnen en licenties",
    "data_how_heading": "Echte gegevens laden",
    "data_how_fetch": "Download de open bestanden van de uitgevers (online):",
    "data_how_ingest": "Of lees bestanden die u al heeft:",
    "data_how_serve": "Start daarna de website opnieuw:",
    "data_warehouse": "Magazijn: {path}",
    "data_publisher_site": "website van de uitgever",
    # errors
    "error_title": "Fout {status}",
    "error_404": "Niet gevonden",
    "error_400": "Ongeldige vraag",
    "error_500": "Er ging iets mis",
    "error_back": "Terug naar het overzicht",
    # api docs page
    "api_title": "API (versie 1)",
    "api_intro": (
        "Alle pagina's hebben een JSON-tweeling. De volledige beschrijving staat in "
        "{openapi}. Fouten hebben altijd de vorm "
        '{{"ok": false, "error": ..., "errors": [...], "status": ...}}.'
    ),
    "api_col_method": "Methode",
    "api_col_path": "Pad",
    "api_col_summary": "Omschrijving",
    "api_caption": "Routes",
}

_EN: dict[str, str] = {
    "product": "Kansrijk",
    "tagline": "Monitor of choices for technology and ICT in vmbo",
    "skip_link": "Skip to content",
    "nav_label": "Main menu",
    "nav_overview": "Overview",
    "nav_compare": "Compare",
    "nav_atlas": "Atlas",
    "nav_data": "Data",
    "nav_finder": "School finder",
    "region_label": "Region",
    "region_submit": "Show",
    "lang_switch_label": "Language",
    "lang_other": "Nederlands",
    "lang_other_code": "nl",
    "demo_banner": (
        "Fictional demo region — no real data. Load real data with "
        "`kansrijk fetch` or `kansrijk ingest …`"
    ),
    "demo_banner_strong": "Fictional demo region",
    "demo_banner_rest": "no real data. Load real data with",
    "demo_banner_or": "or",
    "footer_sources": "Sources",
    "footer_sources_text": (
        "DUO open education data (CC0 1.0), CBS StatLine and CBS/PDOK (CC BY 4.0). Figures "
        "published by SEOR (2026) and Oberon (2024) are always shown as published, next to "
        "the computed values."
    ),
    "footer_licence": "Kansrijk is open source (EUPL-1.2).",
    "footer_json": "This page as JSON",
    "footer_api": "API",
    "level_group_nl": "Netherlands",
    "level_group_custom": "Custom regions",
    "level_group_provincie": "Provinces",
    "level_group_corop": "COROP areas",
    "level_group_arbeidsmarktregio": "Labour market regions",
    "level_group_gemeente": "Municipalities",
    "suppressed": "suppressed (1-4)",
    "no_data": "no data",
    "year": "Year",
    "school_year": "School year",
    "peildatum_year": "reference year {year} (1 October)",
    "published": "published ({source}, {year})",
    "published_no_year": "published ({source})",
    "target": "target ({source})",
    "target_year": "target {year} ({source})",
    "of_pupils": "{num} of {den} pupils",
    "of_residents": "{den} young people aged 10-14",
    "definition": "Definition",
    "set_techniek": "technology (BWI, PIE, MT, MAT)",
    "set_techniek_ict": "technology incl. ICT (BWI, PIE, MT, MAT, MVI)",
    "masked_note": "{n} cells with 1-4 pupils are masked in the source ('<5') and not counted.",
    "overview_title": "Overview: {region}",
    "overview_intro": (
        "Key figures on the choice for technology in vmbo (basic, advanced and combined "
        "tracks, years 3-4) in {region}, reference year {year}."
    ),
    "tiles_heading": "Key figures",
    "tile_tech_ict_line": "incl. ICT (MVI): {value}",
    "tile_distance_mean_line": "mean straight-line distance",
    "tile_distance_far_line": "{value} live more than 5 km away",
    "tile_compare_link": "Compare municipalities",
    "trends_heading": "Trends in the exams",
    "trend_table_caption": "{label}: {region} and the Netherlands per school year (%)",
    "trend_table_summary": "Table with the figures of this chart",
    "trend_empty": "No exam data are loaded for this region.",
    "summary_heading": "Summary",
    "summary_choice": (
        "In {year}, {tech} of vmbo pupils in years 3-4 (BB, KB, GL) in {region} were in a "
        "technical profile; {tech_ict} including ICT (MVI)."
    ),
    "summary_no_offer": (
        "{share} of these pupils attended a location without a technical profile "
        "(technology incl. ICT)."
    ),
    "summary_distance": (
        "Young people aged 10-14 live on average {km} (straight line) from the nearest "
        "location with a technical profile; {far} live more than 5 km away."
    ),
    "summary_girls": "Of the pupils in a technical profile, {girls} are girls.",
    "summary_published": (
        "For comparison: SEOR (2026) published a share of {value} for {region} in {year} "
        "(counted differently, see the definition)."
    ),
    "summary_none": "No pupil data are loaded for {region} yet.",
    "series_nl": "Netherlands",
    "compare_title": "Compare: {label}",
    "compare_heading": "Compare municipalities",
    "compare_intro": (
        "The municipalities of {region} side by side for one indicator, reference year "
        "{year}. Select a column heading to sort."
    ),
    "compare_intro_context": (
        "{region} next to the municipality and the regions it lies in, for one indicator, "
        "reference year {year}."
    ),
    "compare_intro_set": (
        "The chosen regions side by side for one indicator, reference year {year}."
    ),
    "compare_form_legend": "What to compare?",
    "compare_indicator": "Indicator",
    "compare_by": "Breakdown",
    "compare_by_none": "none",
    "compare_set": "Profile set",
    "compare_set_default": "the indicator's default",
    "compare_year": "Year",
    "compare_regions": "Own selection (codes, commas)",
    "compare_submit": "Compare",
    "compare_table_caption": "{label}, {year}",
    "compare_sort_hint": "sorted by {column}",
    "compare_col_name": "Region",
    "compare_col_code": "Code",
    "compare_col_value": "Value",
    "compare_col_numerator": "Numerator",
    "compare_col_denominator": "Denominator",
    "compare_region_total": "{region} as a whole: {value}",
    "compare_download": "Download this table",
    "compare_download_csv": "CSV",
    "compare_download_xlsx": "Excel (XLSX)",
    "compare_chart_heading": "Chart",
    "compare_chart_alt": "The table above holds the same figures as this chart.",
    "compare_empty": "No computed values for this choice.",
    "compare_missing": "No value (no pupils or no data) for",
    "compare_published_heading": "Published figures for these municipalities",
    "sort_asc": "ascending",
    "sort_desc": "descending",
    "sort_by": "Sort by {column}",
    "data_title": "Data and sources",
    "data_intro": "Which data this warehouse holds, where they come from and under which licence.",
    "data_demo": (
        "Only the fictional demo region is loaded: made-up schools, places and numbers. "
        "No figure on this site is then about real schools."
    ),
    "data_real": "Real open data are loaded.",
    "data_loaded_heading": "Loaded data",
    "data_loaded_caption": "Loaded files with their years",
    "data_col_dataset": "Dataset",
    "data_col_year": "Years",
    "data_col_rows": "Rows",
    "data_col_file": "File",
    "data_col_sha": "sha256 (short)",
    "data_col_publisher": "Publisher",
    "data_col_licence": "Licence",
    "data_col_loaded": "Loaded at",
    "data_none": "No data are loaded yet.",
    "data_sources_heading": "Sources and licences",
    "data_how_heading": "Loading real data",
    "data_how_fetch": "Download the open files from the publishers (online):",
    "data_how_ingest": "Or read files you already have:",
    "data_how_serve": "Then start the web site again:",
    "data_warehouse": "Warehouse: {path}",
    "data_publisher_site": "publisher's web site",
    "error_title": "Error {status}",
    "error_404": "Not found",
    "error_400": "Invalid request",
    "error_500": "Something went wrong",
    "error_back": "Back to the overview",
    "api_title": "API (version 1)",
    "api_intro": (
        "Every page has a JSON twin. The full description is in {openapi}. Errors always "
        'have the shape {{"ok": false, "error": ..., "errors": [...], "status": ...}}.'
    ),
    "api_col_method": "Method",
    "api_col_path": "Path",
    "api_col_summary": "Summary",
    "api_caption": "Routes",
}

# The atlas and location pages keep their messages in their own module.
_NL.update(_ATLAS_NL)
_EN.update(_ATLAS_EN)
# The scenario pages keep theirs in i18n_scenarios.
_NL.update(_SCEN_NL)
_EN.update(_SCEN_EN)
# The web limits keep theirs in i18n_limits.
_NL.update(_LIMITS_NL)
_EN.update(_LIMITS_EN)
# Trends, breaks, targets, profile events and downloads: i18n_time.
_NL.update(_TIME_NL)
_EN.update(_TIME_EN)

# The partner registry keeps its messages in i18n_registry.
_NL.update(_REG_NL)
_EN.update(_REG_EN)

# The optimiser page keeps its messages in i18n_optimise.
_NL.update(_OPT_NL)
_EN.update(_OPT_EN)

MESSAGES: dict[str, dict[str, str]] = {"nl": _NL, "en": _EN}


def normalise_language(value: str | None) -> str | None:
    """``'EN'``, ``'en-GB'`` -> ``'en'``; None for anything not in LANGUAGES."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def t(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (Dutch when missing there), formatted with values."""
    text = MESSAGES.get(lang, _NL).get(key)
    if text is None:
        text = _NL[key]
    return text.format(**values) if values else text
