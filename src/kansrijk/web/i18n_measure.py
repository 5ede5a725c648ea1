"""Messages of the registry's measurement pages (shortage reports, self-assessment, survey
results), Dutch and English (merged into ``i18n``'s catalogue; same keys in both)."""

from __future__ import annotations

NL: dict[str, str] = {
    "short_nav": "Stagetekorten",
    "short_title": "Tekort aan stage- en BBL-plaatsen: {region}",
    "short_summary": (
        "In schooljaar {year} meldden {locations} schoollocaties in totaal {total} leerlingen "
        "zonder stage- of BBL-plaats."
    ),
    "short_total": "Leerlingen zonder plaats",
    "short_hidden": "minder dan {n}",
    "short_note": (
        "Scholen melden per maand hoeveel leerlingen geen plaats hebben; per locatie, richting "
        "en soort plaats telt de nieuwste melding van het schooljaar. Aantallen van 1 tot en "
        "met {small} leerlingen worden niet getoond."
    ),
    "short_cells": "Per richting en soort plaats",
    "short_col_level": "Niveau",
    "short_col_field": "Profiel of sectorkamer",
    "short_col_kind": "Soort plaats",
    "short_col_pupils": "Leerlingen zonder plaats",
    "short_col_offered": "Aangeboden plaatsen",
    "short_col_locations": "Locaties",
    "short_map": "Kaart per gemeente",
    "short_map_label": (
        "Kaart: leerlingen zonder plaats per gemeente, op het midden van de schoollocaties van "
        "de gemeente; de tabel hierboven bevat dezelfde aantallen per richting."
    ),
    "short_map_hidden": "minder dan 5 (niet getoond)",
    "short_map_shown": "leerlingen zonder plaats",
    "short_trend": "Verloop per schooljaar",
    "short_trend_label": "Lijn: leerlingen zonder plaats per schooljaar in de regio.",
    "short_none": "Er zijn voor dit schooljaar geen meldingen.",
    "short_report_title": "Tekort aan stage- of BBL-plaatsen melden",
    "short_report_intro": (
        "Meld per maand hoeveel leerlingen van locatie {loc} geen stage- of BBL-plaats "
        "hebben. Een nieuwe melding voor dezelfde maand, richting en soort plaats vervangt de "
        "vorige."
    ),
    "short_mine": "Uw meldingen",
    "short_open_title": "Meldingen waarop u plaatsen kunt aanbieden",
    "short_answer": "Plaatsen aanbieden",
    "short_f_period": "Periode (JJJJ-MM)",
    "short_f_field": "Profiel (vmbo) of sectorkamer (mbo)",
    "short_f_crebo": "Crebo (mbo, als bekend)",
    "short_f_field_name": "Opleiding of richting (vrij)",
    "short_f_place_kind": "Soort plaats",
    "short_f_pupils": "Aantal leerlingen zonder plaats",
    "short_f_places": "Aantal plaatsen",
    "short_f_note": "Toelichting",
    "short_withdraw": "Intrekken",
    "short_col_period": "Periode",
    "short_col_loc": "Locatie",
    "assess_title": "Zelfevaluatie techniekonderwijs {loc}, schooljaar {year}",
    "assess_intro": (
        "De vragenlijst uit de bijlage van het Masterplan Techniek en Technologie Rotterdam "
        "(versie {version}). U kunt de antwoorden wijzigen tot u de zelfevaluatie afsluit. "
        "Alleen uw school en beheerders zien uw antwoorden; analisten zien alleen totalen."
    ),
    "assess_saved": "Uw antwoorden zijn bewaard.",
    "assess_closed": "Deze zelfevaluatie is afgesloten en kan niet meer worden gewijzigd.",
    "assess_close": "Opslaan en afsluiten",
    "assess_version": "Vragenlijst versie {version}",
    "assess_region_title": "Zelfevaluatie techniekonderwijs: {region}",
    "assess_region_summary": (
        "{n} locaties vulden de zelfevaluatie in voor schooljaar {year} (versie {version})."
    ),
    "assess_too_few": "Totalen worden getoond vanaf {n} locaties.",
    "assess_region_caption": "Aandeel locaties per antwoord; gemiddelde van schalen en getallen",
    "assess_col_question": "Vraag",
    "assess_col_option": "Antwoord",
    "assess_col_locations": "Locaties",
    "assess_col_share": "Aandeel",
    "assess_col_mean": "Gemiddelde",
    "survey_results_title": "Tevredenheid over techniekonderwijs: {region}",
    "survey_results_intro": (
        "Antwoorden van leerlingen en ouders op de anonieme vragenlijst in schooljaar {year}. "
        "Uitkomsten worden pas getoond vanaf {n} antwoorden (per locatie en voor de regio)."
    ),
    "survey_audience_pupil": "Leerlingen",
    "survey_audience_parent": "Ouders",
    "survey_audience": "Voor",
    "survey_responses": "{n} antwoorden",
    "survey_too_few": "{n} antwoorden: te weinig om uitkomsten te tonen.",
    "survey_col_answers": "Beantwoord",
    "survey_col_result": "Uitkomst",
    "survey_school_title": "Tevredenheidsonderzoek",
    "survey_school_intro": (
        "Maak een anonieme link voor leerlingen of ouders en deel die. Er worden geen "
        "persoonsgegevens bewaard; uitkomsten verschijnen vanaf {n} antwoorden."
    ),
    "survey_new_link": "Nieuwe link maken",
    "survey_link": "Link",
    "assess_nav": "Zelfevaluatie",
    "survey_nav": "Tevredenheid",
}

EN: dict[str, str] = {
    "short_nav": "Internship shortages",
    "short_title": "Shortage of internship and BBL places: {region}",
    "short_summary": (
        "In school year {year}, {locations} school locations reported a total of {total} pupils "
        "without an internship or BBL place."
    ),
    "short_total": "Pupils without a place",
    "short_hidden": "fewer than {n}",
    "short_note": (
        "Schools report each month how many pupils have no place; per location, field and "
        "kind of place the newest report of the school year counts. Counts of 1 to {small} "
        "pupils are not shown."
    ),
    "short_cells": "By field and kind of place",
    "short_col_level": "Level",
    "short_col_field": "Profile or sectorkamer",
    "short_col_kind": "Kind of place",
    "short_col_pupils": "Pupils without a place",
    "short_col_offered": "Places offered",
    "short_col_locations": "Locations",
    "short_map": "Map by municipality",
    "short_map_label": (
        "Map: pupils without a place per municipality, at the centre of the municipality's "
        "school locations; the table above holds the same counts by field."
    ),
    "short_map_hidden": "fewer than 5 (not shown)",
    "short_map_shown": "pupils without a place",
    "short_trend": "Trend by school year",
    "short_trend_label": "Line: pupils without a place per school year in the region.",
    "short_none": "There are no reports for this school year.",
    "short_report_title": "Report a shortage of internship or BBL places",
    "short_report_intro": (
        "Report each month how many pupils of location {loc} have no internship or BBL place. "
        "A new report for the same month, field and kind of place replaces the previous one."
    ),
    "short_mine": "Your reports",
    "short_open_title": "Reports you can offer places for",
    "short_answer": "Offer places",
    "short_f_period": "Period (YYYY-MM)",
    "short_f_field": "Profile (vmbo) or sectorkamer (mbo)",
    "short_f_crebo": "Crebo (mbo, when known)",
    "short_f_field_name": "Programme or field (free text)",
    "short_f_place_kind": "Kind of place",
    "short_f_pupils": "Pupils without a place",
    "short_f_places": "Places",
    "short_f_note": "Note",
    "short_withdraw": "Withdraw",
    "short_col_period": "Period",
    "short_col_loc": "Location",
    "assess_title": "Self-assessment of technical education {loc}, school year {year}",
    "assess_intro": (
        "The questionnaire of the appendix of the Masterplan Techniek en Technologie Rotterdam "
        "(version {version}). You can change the answers until you close the self-assessment. "
        "Only your school and admins see your answers; analysts see totals only."
    ),
    "assess_saved": "Your answers have been saved.",
    "assess_closed": "This self-assessment is closed and can no longer be changed.",
    "assess_close": "Save and close",
    "assess_version": "Questionnaire version {version}",
    "assess_region_title": "Self-assessment of technical education: {region}",
    "assess_region_summary": (
        "{n} locations filled in the self-assessment for school year {year} (version {version})."
    ),
    "assess_too_few": "Totals are shown from {n} locations.",
    "assess_region_caption": "Share of locations per answer; mean of scales and numbers",
    "assess_col_question": "Question",
    "assess_col_option": "Answer",
    "assess_col_locations": "Locations",
    "assess_col_share": "Share",
    "assess_col_mean": "Mean",
    "survey_results_title": "Satisfaction with technical education: {region}",
    "survey_results_intro": (
        "Answers of pupils and parents to the anonymous survey in school year {year}. Results "
        "are shown only from {n} responses (per location and for the region)."
    ),
    "survey_audience_pupil": "Pupils",
    "survey_audience_parent": "Parents",
    "survey_audience": "For",
    "survey_responses": "{n} responses",
    "survey_too_few": "{n} responses: too few to show results.",
    "survey_col_answers": "Answered",
    "survey_col_result": "Result",
    "survey_school_title": "Satisfaction survey",
    "survey_school_intro": (
        "Make an anonymous link for pupils or parents and share it. No personal data is kept; "
        "results appear from {n} responses."
    ),
    "survey_new_link": "Make a new link",
    "survey_link": "Link",
    "assess_nav": "Self-assessment",
    "survey_nav": "Satisfaction",
}
