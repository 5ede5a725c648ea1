"""Messages of trends, breaks, targets, profile events and downloads, Dutch and English
(merged into ``i18n``'s catalogue; same keys in both languages)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav_events": "Gebeurtenissen",
    # trends
    "trend_y_percent": "Aandeel (%)",
    "trend_y_count": "Aantal",
    "trend_y_km": "Afstand (km)",
    "trend_break_label": "breuk in de reeks",
    "trend_break_note": "Breuk in de reeks vanaf {year}: {reason}",
    "trend_target_name": "doel{year}: {value} ({source})",
    "trend_caption": "{label}: {regions}, per schooljaar",
    "trend_col_change": "verandering",
    "trend_change_note": (
        "Verandering: verschil met het vorige geladen jaar (bij aandelen in procentpunten); "
        "niet berekend over een breuk in de reeks heen."
    ),
    "trend_target_heading": "Doel",
    "trend_no_years": "Er zijn voor deze indicator en regio geen jaren geladen.",
    "trend_one_year": (
        "Er is één jaar geladen ({year}); de ontwikkeling verschijnt zodra meer jaren zijn geladen."
    ),
    "trends_enrollment_heading": "Ontwikkeling en doelen",
    "trends_enrollment_intro": (
        "Elke indicator over alle geladen jaren, met het doel als stippellijn. Waar de "
        "definitie verandert, staat een onderbroken lijn en loopt de grafiek niet door."
    ),
    "compare_trend_heading": "Ontwikkeling in {region}",
    "location_trend_heading": "Leerlingen in technische profielen per jaar",
    "location_trend_caption": "{name}: leerlingen (BB/KB/GL, leerjaar 3-4) per schooljaar",
    "location_trend_all": "alle leerlingen",
    "location_trend_tech": "in een technisch profiel (incl. ICT)",
    "location_events_heading": "Profielen gestart en gestopt",
    "location_events_none": "In de geladen jaren is hier geen profiel gestart of gestopt.",
    # events page
    "events_title": "Gebeurtenissen: {region}",
    "events_intro": (
        "Welke vmbo-locaties in {region} begonnen of stopten met een profiel "
        "({scope}) tussen {since} en {until}? Een locatie biedt een profiel aan in een jaar "
        "met minstens één leerling in de basis-, kader- of gemengde leerweg, leerjaar 3-4."
    ),
    "events_form_legend": "Gebeurtenissen kiezen",
    "events_since": "Vanaf jaar",
    "events_until": "Tot en met jaar",
    "events_set": "Profielen",
    "events_set_all": "alle profielen",
    "events_submit": "Toon",
    "events_first": "het eerste geladen jaar",
    "events_newest": "het nieuwste geladen jaar",
    "events_totals": (
        "{started} keer gestart ({pupils_started} leerlingen), {stopped} keer gestopt "
        "({pupils_stopped} leerlingen in het jaar ervoor)."
    ),
    "events_list_heading": "Gestart en gestopt",
    "events_caption": "Profielen gestart en gestopt in {region}",
    "events_col_year": "Jaar",
    "events_col_kind": "Wat",
    "events_col_location": "Locatie",
    "events_col_gemeente": "Gemeente",
    "events_col_profile": "Profiel",
    "events_col_pupils": "Leerlingen",
    "events_col_note": "Opmerking",
    "events_started": "gestart",
    "events_stopped": "gestopt",
    "events_between": "{prev} → {year}",
    "events_new_location": "nieuwe locatie",
    "events_closed": "locatie zonder leerlingen",
    "events_none": (
        "Geen profiel gestart of gestopt in deze periode. Geladen leerlingjaren: {years}."
    ),
    "events_pupils_note": (
        "Leerlingen: bij gestart die van het nieuwe jaar, bij gestopt die van het jaar "
        "ervoor. '<5': de bron maskeert aantallen van 1-4."
    ),
    "events_watch_heading": "Licentiewacht",
    "events_watch_intro": (
        "Profielen die een locatie had en die nu geen leerlingen meer hebben. Een licentie "
        "vervalt na {n} jaar zonder leerlingen."
    ),
    "events_watch_caption": "Profielen zonder leerlingen in {region} (nieuwste jaar {year})",
    "events_col_last_year": "Laatste jaar met leerlingen",
    "events_col_years_without": "Jaren zonder",
    "events_col_status": "Status",
    "events_lapsed": "licentie vervallen",
    "events_watch": "let op",
    "events_unloaded": "(als er ook in {years} geen leerlingen waren: die jaren zijn niet geladen)",
    "events_watch_none": "Geen profielen zonder leerlingen.",
    "events_csv": "Download als CSV",
    # downloads
    "downloads_heading": "Downloads",
    "downloads_intro": (
        "{label}: alle gemeenten × alle geladen jaren, afgerond (aantallen hele getallen, "
        "aandelen op één decimaal). De JSON-API geeft de onafgeronde waarden."
    ),
    "download_csv": "CSV",
    "download_csv_nl": "CSV voor Excel (NL: ; en decimale komma)",
    "download_xlsx": "Excel (XLSX)",
    "download_parquet": "Parquet",
}

EN: dict[str, str] = {
    "nav_events": "Events",
    "trend_y_percent": "Share (%)",
    "trend_y_count": "Number",
    "trend_y_km": "Distance (km)",
    "trend_break_label": "break in series",
    "trend_break_note": "Break in the series from {year}: {reason}",
    "trend_target_name": "target{year}: {value} ({source})",
    "trend_caption": "{label}: {regions}, per school year",
    "trend_col_change": "change",
    "trend_change_note": (
        "Change: difference with the previous loaded year (percentage points for shares); "
        "not computed across a break in the series."
    ),
    "trend_target_heading": "Target",
    "trend_no_years": "No years are loaded for this indicator and region.",
    "trend_one_year": (
        "One year is loaded ({year}); the trend appears as soon as more years are loaded."
    ),
    "trends_enrollment_heading": "Trends and targets",
    "trends_enrollment_intro": (
        "Each indicator over every loaded year, with its target as a dotted line. Where the "
        "definition changes, a dashed line marks it and the chart does not run on."
    ),
    "compare_trend_heading": "Trend in {region}",
    "location_trend_heading": "Pupils in technical profiles per year",
    "location_trend_caption": "{name}: pupils (BB/KB/GL, leerjaar 3-4) per school year",
    "location_trend_all": "all pupils",
    "location_trend_tech": "in a technical profile (incl. ICT)",
    "location_events_heading": "Profiles started and stopped",
    "location_events_none": "No profile started or stopped here in the loaded years.",
    "events_title": "Events: {region}",
    "events_intro": (
        "Which vmbo locations in {region} started or stopped a profile ({scope}) between "
        "{since} and {until}? A location offers a profile in a year with at least one pupil "
        "in the basis, kader or gemengde leerweg, leerjaar 3-4."
    ),
    "events_form_legend": "Choose events",
    "events_since": "From year",
    "events_until": "Up to year",
    "events_set": "Profiles",
    "events_set_all": "every profile",
    "events_submit": "Show",
    "events_first": "the first loaded year",
    "events_newest": "the newest loaded year",
    "events_totals": (
        "Started {started} times ({pupils_started} pupils), stopped {stopped} times "
        "({pupils_stopped} pupils the year before)."
    ),
    "events_list_heading": "Started and stopped",
    "events_caption": "Profiles started and stopped in {region}",
    "events_col_year": "Year",
    "events_col_kind": "What",
    "events_col_location": "Location",
    "events_col_gemeente": "Gemeente",
    "events_col_profile": "Profile",
    "events_col_pupils": "Pupils",
    "events_col_note": "Note",
    "events_started": "started",
    "events_stopped": "stopped",
    "events_between": "{prev} → {year}",
    "events_new_location": "new location",
    "events_closed": "location without pupils",
    "events_none": "No profile started or stopped in this period. Loaded pupil years: {years}.",
    "events_pupils_note": (
        "Pupils: for started those of the new year, for stopped those of the year before. "
        "'<5': the source masks counts of 1-4."
    ),
    "events_watch_heading": "Licence watch",
    "events_watch_intro": (
        "Profiles a location had that now have no pupils. A licence lapses after {n} years "
        "without pupils."
    ),
    "events_watch_caption": "Profiles without pupils in {region} (newest year {year})",
    "events_col_last_year": "Last year with pupils",
    "events_col_years_without": "Years without",
    "events_col_status": "Status",
    "events_lapsed": "licence lapsed",
    "events_watch": "watch",
    "events_unloaded": "(if there were no pupils in {years} either: those years are not loaded)",
    "events_watch_none": "No profiles without pupils.",
    "events_csv": "Download as CSV",
    "downloads_heading": "Downloads",
    "downloads_intro": (
        "{label}: every gemeente × every loaded year, rounded (counts as whole numbers, "
        "shares to one decimal). The JSON API gives the unrounded values."
    ),
    "download_csv": "CSV",
    "download_csv_nl": "CSV for Dutch Excel (; and decimal comma)",
    "download_xlsx": "Excel (XLSX)",
    "download_parquet": "Parquet",
}
