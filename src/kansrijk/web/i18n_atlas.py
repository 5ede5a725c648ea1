"""Messages of the atlas and location pages, Dutch and English (merged into ``i18n``'s
catalogue; same keys in both languages)."""

from __future__ import annotations

NL: dict[str, str] = {
    # atlas
    "atlas_title": "Atlas: {region}",
    "atlas_intro": (
        "Welke vmbo-locaties in {region} bieden een technisch profiel aan, en hoe ver wonen "
        "jongeren van dat aanbod? Basis-, kader- en gemengde leerweg, leerjaar 3-4, peiljaar "
        "{year}."
    ),
    "atlas_form_legend": "Kaart instellen",
    "atlas_indicator": "Kleur van de gemeenten (indicator)",
    "atlas_set": "Profielset (afstand en indicator)",
    "atlas_set_default": "standaard",
    "atlas_set_techniek": "techniek (BWI, PIE, MT, MAT)",
    "atlas_set_techniek_ict": "techniek incl. ICT (ook MVI)",
    "atlas_year": "Jaar",
    "atlas_layers_legend": "Kaartlagen",
    "atlas_layer_locations": "Schoollocaties: technisch aanbod en leerlingen",
    "atlas_layer_gemeenten": "Gemeenten gekleurd naar de indicator",
    "atlas_layer_pc4": "Postcodegebieden (PC4): afstand tot technisch aanbod",
    "atlas_submit": "Toon",
    "atlas_map_heading": "Kaart",
    "atlas_map_label": (
        "Kaart van {region}. De tabellen onder de kaart bevatten dezelfde gegevens."
    ),
    "atlas_nojs": (
        "De kaart heeft JavaScript nodig. Alle gegevens van de kaart staan ook in de tabellen "
        "hieronder."
    ),
    "atlas_legend_locations": "Legenda van de schoollocaties",
    "atlas_cat_tech_ict": "techniek en ICT",
    "atlas_cat_tech": "techniek, geen ICT",
    "atlas_cat_ict": "alleen ICT (MVI)",
    "atlas_cat_none": "geen technisch profiel",
    "atlas_offer_none": "geen",
    "atlas_offer_line": "Technische profielen: {offer}",
    "atlas_pupils_line": "{pupils} leerlingen (BB/KB/GL, leerjaar 3-4)",
    "atlas_size_note": (
        "Techniek = BWI, PIE, MT of MAT; ICT = MVI. De oppervlakte van een markering staat "
        "voor het aantal leerlingen BB/KB/GL in leerjaar 3-4 (grootste: {max})."
    ),
    "atlas_gemeenten_note": "Grijstint van een gemeente: {label} (donkerder = hoger).",
    "atlas_pc4_note": (
        "Punten: middelpunten van postcodegebieden, gekleurd naar de afstand hemelsbreed tot "
        "de dichtstbijzijnde locatie met {set} (donkerder = verder)."
    ),
    "atlas_coords_note": (
        "Locaties staan op het middelpunt van hun postcodegebied (PC4); locaties in "
        "hetzelfde gebied vallen samen."
    ),
    "atlas_missing_coords": "{n} locatie(s) zonder postcode staan alleen in de tabel.",
    "atlas_no_geometry": "Er zijn geen gemeentegrenzen geladen; de kaart toont alleen punten.",
    "atlas_scale_gemeenten": "Gemeente (%)",
    "atlas_scale_pc4": "PC4: afstand (km)",
    "atlas_pc4_residents": "{n} jongeren 10-14 jaar",
    "atlas_zoom_in": "Inzoomen",
    "atlas_zoom_out": "Uitzoomen",
    "atlas_reset": "Hele regio tonen",
    "atlas_offline": (
        "De achtergrondkaart is niet bereikbaar; de kaart toont gemeentegrenzen en -namen."
    ),
    "atlas_keys_note": (
        "Slepen, knijpen of de knoppen + en − zoomen en schuiven de kaart; met het toetsenbord: "
        "pijltjestoetsen schuiven, + en − zoomen."
    ),
    "atlas_outline_note": "Dikke zwarte lijn: de grens van {region}.",
    "atlas_outline_approx": (
        "{region} is een gebied van postcodes (PC4); de grens is benaderd: elk punt hoort bij "
        "het dichtstbijzijnde middelpunt van een postcodegebied."
    ),
    "atlas_panel_heading": "Gekozen locatie",
    "atlas_panel_empty": (
        "Klik op een schoollocatie op de kaart om de gegevens hier te zien, of kies een "
        "locatie in de tabel hieronder."
    ),
    "atlas_panel_gemeente": "Gemeente",
    "atlas_panel_offer": "Aanbod",
    "atlas_panel_pupils": "Leerlingen",
    "atlas_panel_link": "Naar de pagina van deze locatie",
    "atlas_summary_locations": (
        "{n} locaties met leerlingen in de basis-, kader- of gemengde leerweg (leerjaar 3-4) "
        "in {year}; {none} daarvan bieden geen technisch profiel aan (techniek incl. ICT)."
    ),
    "atlas_summary_indicator": "{label} in {region}: {value}.",
    "atlas_summary_distance": (
        "Jongeren van 10-14 jaar wonen gemiddeld {km} (hemelsbreed) van de dichtstbijzijnde "
        "locatie met {set}; {far} woont verder dan 5 km."
    ),
    "atlas_locations_heading": "Schoollocaties",
    "atlas_locations_caption": (
        "vmbo-locaties in {region} met hun technische profielen en leerlingen (BB/KB/GL, "
        "leerjaar 3-4), {year}"
    ),
    "atlas_locations_empty": "Geen locaties met vmbo-leerlingen (BB/KB/GL) in {year}.",
    "atlas_col_location": "Locatie",
    "atlas_col_gemeente": "Gemeente",
    "atlas_col_pupils": "Leerlingen",
    "atlas_col_tech": "Technische profielen",
    "atlas_col_offer": "Aanbod",
    "atlas_gemeenten_heading": "Gemeenten",
    "atlas_gemeenten_caption": "{label} per gemeente, {year}",
    "atlas_compare_link": "Vergelijk deze gemeenten (sorteren, downloaden)",
    "atlas_pc4_heading": "Afstand tot technisch aanbod",
    "atlas_pc4_intro": (
        "Gemiddeld {km}; {far} van de jongeren van 10-14 jaar ({residents}) woont verder dan "
        "5 km van technisch aanbod (inwoners: CBS {year})."
    ),
    "atlas_pc4_caption": (
        "Postcodegebieden (PC4) in {region} verder dan 5 km van de dichtstbijzijnde locatie "
        "met {set}, {year}"
    ),
    "atlas_pc4_none": "Geen enkel postcodegebied ligt verder dan 5 km van technisch aanbod.",
    "atlas_col_pc4": "PC4",
    "atlas_col_young": "Jongeren 10-14",
    "atlas_col_km": "Afstand",
    "atlas_col_nearest": "Aanbod het dichtstbij",
    # location
    "location_title": "Locatie: {name}",
    "location_intro": "{code} in {place} · leerlingen in de jaren {years}",
    "location_details_heading": "Gegevens",
    "location_code": "Code (BRIN + vestiging)",
    "location_address": "Adres",
    "location_gemeente": "Gemeente",
    "location_board": "Bevoegd gezag (nummer)",
    "location_denomination": "Denominatie",
    "location_structure": "Onderwijsstructuur",
    "location_offer": "Technisch aanbod in {year}",
    "location_offer_none": "geen technisch profiel (techniek incl. ICT)",
    "location_unknown": "onbekend",
    "location_profiles_heading": "Leerlingen per profiel in {year}",
    "location_chart_label": (
        "Staafdiagram: leerlingen per profiel in {year}; de tabel ernaast heeft dezelfde cijfers."
    ),
    "location_profiles_caption": (
        "Leerlingen per profiel in {year} (basis-, kader- en gemengde leerweg, leerjaar 3-4)"
    ),
    "location_col_profile": "Profiel",
    "location_col_technical": "Technisch",
    "location_col_pupils": "Leerlingen",
    "location_col_track": "Leerweg",
    "location_tech_techniek": "ja, techniek",
    "location_tech_ict": "ja, ICT",
    "location_tech_no": "nee",
    "location_tech_mark": "technisch profiel",
    "location_history_heading": "Leerlingen per profiel, leerweg en jaar",
    "location_history_caption": (
        "{name}: leerlingen in leerjaar 3-4 per profiel, leerweg en jaar (technische "
        "profielen gemarkeerd met ⚙)"
    ),
    "location_masked": "<5",
    "location_masked_plus": "{n} (+<5)",
    "location_suppression_note": (
        "'onderdrukt (1-4)': 1 tot 4 leerlingen, niet getoond. '<5': de bron (DUO) heeft het "
        "aantal gemaskeerd; '(+<5)': plus nog gemaskeerde cellen van 1-4 leerlingen."
    ),
    "location_nearest_heading": "Technische profielen die hier ontbreken: dichtstbijzijnde aanbod",
    "location_nearest_intro": (
        "Voor elk technisch profiel (techniek incl. ICT) dat deze locatie in {year} niet "
        "aanbiedt: de dichtstbijzijnde locaties die het wel aanbieden. Afstand hemelsbreed "
        "tussen de middelpunten van de postcodegebieden (PC4)."
    ),
    "location_nearest_caption": "Dichtstbijzijnde locaties met {profile}, {year}",
    "location_nearest_all": "Deze locatie biedt in {year} alle technische profielen aan.",
    "location_nearest_nowhere": "Geen enkele locatie biedt {profile} aan in {year}.",
    "location_no_coords": (
        "Voor deze locatie is geen postcode met coördinaten bekend; afstanden ontbreken."
    ),
    "location_col_km": "Afstand",
    "location_back_atlas": "Naar de atlas van {region}",
    "location_back_atlas_plain": "Naar de atlas",
}

EN: dict[str, str] = {
    "atlas_title": "Atlas: {region}",
    "atlas_intro": (
        "Which vmbo locations in {region} offer a technical profile, and how far do young "
        "people live from that offer? Basic, advanced and combined tracks, years 3-4, "
        "reference year {year}."
    ),
    "atlas_form_legend": "Map settings",
    "atlas_indicator": "Colour of the municipalities (indicator)",
    "atlas_set": "Profile set (distance and indicator)",
    "atlas_set_default": "default",
    "atlas_set_techniek": "technology (BWI, PIE, MT, MAT)",
    "atlas_set_techniek_ict": "technology incl. ICT (also MVI)",
    "atlas_year": "Year",
    "atlas_layers_legend": "Map layers",
    "atlas_layer_locations": "School locations: technical offer and pupils",
    "atlas_layer_gemeenten": "Municipalities coloured by the indicator",
    "atlas_layer_pc4": "Postcode areas (PC4): distance to a technical offer",
    "atlas_submit": "Show",
    "atlas_map_heading": "Map",
    "atlas_map_label": "Map of {region}. The tables below the map hold the same data.",
    "atlas_nojs": "The map needs JavaScript. All data of the map are also in the tables below.",
    "atlas_legend_locations": "Legend of the school locations",
    "atlas_cat_tech_ict": "technology and ICT",
    "atlas_cat_tech": "technology, no ICT",
    "atlas_cat_ict": "ICT only (MVI)",
    "atlas_cat_none": "no technical profile",
    "atlas_offer_none": "none",
    "atlas_offer_line": "Technical profiles: {offer}",
    "atlas_pupils_line": "{pupils} pupils (BB/KB/GL, years 3-4)",
    "atlas_size_note": (
        "Technology = BWI, PIE, MT or MAT; ICT = MVI. The area of a marker stands for the "
        "number of BB/KB/GL pupils in years 3-4 (largest: {max})."
    ),
    "atlas_gemeenten_note": "Shade of a municipality: {label} (darker = higher).",
    "atlas_pc4_note": (
        "Dots: centres of postcode areas, coloured by the straight-line distance to the "
        "nearest location with {set} (darker = further)."
    ),
    "atlas_coords_note": (
        "Locations are placed at the centre of their postcode area (PC4); locations in the "
        "same area coincide."
    ),
    "atlas_missing_coords": "{n} location(s) without a postcode are in the table only.",
    "atlas_no_geometry": "No municipal boundaries are loaded; the map shows points only.",
    "atlas_scale_gemeenten": "Municipality (%)",
    "atlas_scale_pc4": "PC4: distance (km)",
    "atlas_pc4_residents": "{n} young people aged 10-14",
    "atlas_zoom_in": "Zoom in",
    "atlas_zoom_out": "Zoom out",
    "atlas_reset": "Show the whole region",
    "atlas_offline": (
        "The base map cannot be reached; the map shows municipal boundaries and names."
    ),
    "atlas_keys_note": (
        "Drag, pinch or the + and − buttons zoom and pan the map; with the keyboard: arrow "
        "keys pan, + and − zoom."
    ),
    "atlas_outline_note": "Thick black line: the border of {region}.",
    "atlas_outline_approx": (
        "{region} is an area of postcodes (PC4); its border is approximate: every point "
        "belongs to the nearest centre of a postcode area."
    ),
    "atlas_panel_heading": "Selected location",
    "atlas_panel_empty": (
        "Click a school location on the map to see its data here, or choose a location in "
        "the table below."
    ),
    "atlas_panel_gemeente": "Municipality",
    "atlas_panel_offer": "Offer",
    "atlas_panel_pupils": "Pupils",
    "atlas_panel_link": "Go to the page of this location",
    "atlas_summary_locations": (
        "{n} locations with pupils in the basic, advanced or combined track (years 3-4) in "
        "{year}; {none} of them offer no technical profile (technology incl. ICT)."
    ),
    "atlas_summary_indicator": "{label} in {region}: {value}.",
    "atlas_summary_distance": (
        "Young people aged 10-14 live on average {km} (straight line) from the nearest "
        "location with {set}; {far} live more than 5 km away."
    ),
    "atlas_locations_heading": "School locations",
    "atlas_locations_caption": (
        "vmbo locations in {region} with their technical profiles and pupils (BB/KB/GL, "
        "years 3-4), {year}"
    ),
    "atlas_locations_empty": "No locations with vmbo pupils (BB/KB/GL) in {year}.",
    "atlas_col_location": "Location",
    "atlas_col_gemeente": "Municipality",
    "atlas_col_pupils": "Pupils",
    "atlas_col_tech": "Technical profiles",
    "atlas_col_offer": "Offer",
    "atlas_gemeenten_heading": "Municipalities",
    "atlas_gemeenten_caption": "{label} per municipality, {year}",
    "atlas_compare_link": "Compare these municipalities (sort, download)",
    "atlas_pc4_heading": "Distance to a technical offer",
    "atlas_pc4_intro": (
        "On average {km}; {far} of young people aged 10-14 ({residents}) live more than 5 km "
        "from a technical offer (residents: CBS {year})."
    ),
    "atlas_pc4_caption": (
        "Postcode areas (PC4) in {region} more than 5 km from the nearest location with "
        "{set}, {year}"
    ),
    "atlas_pc4_none": "No postcode area is more than 5 km from a technical offer.",
    "atlas_col_pc4": "PC4",
    "atlas_col_young": "Aged 10-14",
    "atlas_col_km": "Distance",
    "atlas_col_nearest": "Nearest offer",
    "location_title": "Location: {name}",
    "location_intro": "{code} in {place} · pupils in the years {years}",
    "location_details_heading": "Details",
    "location_code": "Code (BRIN + branch)",
    "location_address": "Address",
    "location_gemeente": "Municipality",
    "location_board": "Competent authority (number)",
    "location_denomination": "Denomination",
    "location_structure": "Education structure",
    "location_offer": "Technical offer in {year}",
    "location_offer_none": "no technical profile (technology incl. ICT)",
    "location_unknown": "unknown",
    "location_profiles_heading": "Pupils per profile in {year}",
    "location_chart_label": (
        "Bar chart: pupils per profile in {year}; the table beside it has the same figures."
    ),
    "location_profiles_caption": (
        "Pupils per profile in {year} (basic, advanced and combined tracks, years 3-4)"
    ),
    "location_col_profile": "Profile",
    "location_col_technical": "Technical",
    "location_col_pupils": "Pupils",
    "location_col_track": "Track",
    "location_tech_techniek": "yes, technology",
    "location_tech_ict": "yes, ICT",
    "location_tech_no": "no",
    "location_tech_mark": "technical profile",
    "location_history_heading": "Pupils per profile, track and year",
    "location_history_caption": (
        "{name}: pupils in years 3-4 per profile, track and year (technical profiles marked with ⚙)"
    ),
    "location_masked": "<5",
    "location_masked_plus": "{n} (+<5)",
    "location_suppression_note": (
        "'suppressed (1-4)': 1 to 4 pupils, not shown. '<5': masked by the source (DUO); "
        "'(+<5)': plus masked cells of 1-4 pupils."
    ),
    "location_nearest_heading": "Technical profiles missing here: nearest offer",
    "location_nearest_intro": (
        "For each technical profile (technology incl. ICT) this location does not offer in "
        "{year}: the nearest locations that do. Straight-line distance between the centres "
        "of the postcode areas (PC4)."
    ),
    "location_nearest_caption": "Nearest locations with {profile}, {year}",
    "location_nearest_all": "This location offers every technical profile in {year}.",
    "location_nearest_nowhere": "No location offers {profile} in {year}.",
    "location_no_coords": (
        "No postcode with coordinates is known for this location; distances are missing."
    ),
    "location_col_km": "Distance",
    "location_back_atlas": "To the atlas of {region}",
    "location_back_atlas_plain": "To the atlas",
}
