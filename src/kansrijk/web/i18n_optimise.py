"""Messages of the optimiser page (``/optimaliseren``) and the access check
(``/bereikbaarheid``), Dutch and English (merged into
``i18n``'s catalogue; same keys in both languages)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav_optimise": "Optimaliseren",
    "opt_title": "Optimaliseren: waar technische profielen toevoegen",
    "opt_intro": (
        "Welke vmbo-locaties in {region} zouden binnen een budget een technisch profiel moeten "
        "toevoegen om de meeste extra technische mbo-diploma's (of het grootste bereik) op te "
        "leveren? Het optimum is bewezen (MILP, HiGHS) en staat naast het 'beste verhouding "
        "eerst'-antwoord."
    ),
    "opt_form_legend": "Budget en doel",
    "opt_budget": "Budget (equivalente jaarkosten, euro per jaar; bijv. 2M of 800k)",
    "opt_objective": "Doel",
    "opt_obj_diplomas": "Extra technische mbo-diploma's",
    "opt_obj_entrants": "Extra technische mbo-instromers",
    "opt_obj_coverage": "Bereik: kinderen 10-14 binnen X km",
    "opt_obj_mix": "Mix van diploma's en bereik",
    "opt_km": "Straal voor bereik (km hemelsbreed)",
    "opt_per_board": "Hoogstens per schoolbestuur",
    "opt_min_p": "Minimale kans op een levensvatbare groep (0-1)",
    "opt_submit": "Optimaliseren",
    "opt_summary": (
        "{n} kandidaat-toevoegingen (gegevens {year}); alles toevoegen kost {total} per jaar."
    ),
    "opt_result": (
        "Budget {budget} per jaar: status {status}, gap {gap}; doelwaarde {objective} "
        "(beste verhouding eerst: {greedy}; verschil {diff}); {n} toevoegingen, {eac} per jaar."
    ),
    "opt_caption": "Gekozen toevoegingen bij een budget van {budget} per jaar",
    "opt_col_location": "Locatie",
    "opt_col_gemeente": "Gemeente",
    "opt_col_profile": "Profiel",
    "opt_col_pupils": "Leerlingen per leerjaar",
    "opt_col_p": "Kans levensvatbaar",
    "opt_col_diplomas": "Extra diploma's per jaar",
    "opt_col_eac": "Jaarkosten (EAC)",
    "opt_col_flags": "Kenmerken",
    "opt_open_scenario": "Open deze keuze als scenario in de planner",
    "opt_check": (
        "De planner rekent deze keuze door: {planner} extra instromers per jaar (optimalisatie: "
        "{optimiser}; beide gebruiken dezelfde trekkingen per locatie en profiel)."
    ),
    "opt_frontier_heading": "Doelwaarde tegen budget",
    "opt_frontier_label": "Grafiek: doelwaarde tegen budget (tabel hieronder)",
    "opt_frontier_caption": "Optimum en 'beste verhouding eerst' per budget",
    "opt_col_budget": "Budget per jaar",
    "opt_col_objective": "Optimum",
    "opt_col_greedy": "Beste verhouding eerst",
    "opt_col_additions": "Toevoegingen",
    "opt_axis_budget": "Budget (euro per jaar)",
    "opt_axis_objective": "Doelwaarde",
    "opt_none": "Geen toevoegingen binnen dit budget.",
    "opt_atlas_link": "Toon de gekozen locaties op de atlaskaart",
    "opt_scroll_hint": "Schuif de tabel opzij voor alle kolommen →",
    "opt_atlas_summary": (
        "Gekozen door de optimalisatie: {n} toevoegingen (omcirkeld op de kaart)"
    ),
    "opt_atlas_caption": "Toevoegingen die de optimalisatie koos",
    "opt_atlas_layer": "Gekozen door de optimalisatie",
    "opt_access_link": "Bereikbaarheidscheck: wie verliest of krijgt een profiel binnen X km?",
    "acc_title": "Bereikbaarheidscheck: wie verliest of krijgt een technisch profiel",
    "acc_intro": (
        "Wat betekent een wijziging in het aanbod voor de bereikbaarheid? Kies een locatie en "
        "een wijziging: de pagina toont de postcodegebieden (PC4) en de kinderen van 10-14 jaar "
        "die het profiel binnen de gekozen afstand verliezen of krijgen."
    ),
    "acc_form_legend": "Wijziging",
    "acc_location": "Locatie (BRIN + vestiging, bijv. 17YF00)",
    "acc_change": "Wijziging",
    "acc_change_stop": "Locatie stopt met het profiel",
    "acc_change_close": "Locatie sluit (alle technische profielen)",
    "acc_change_add": "Locatie voegt het profiel toe",
    "acc_profile": "Profiel",
    "acc_km": "Afstand (km hemelsbreed)",
    "acc_minutes": "Of: fietsminuten (gaat voor km)",
    "acc_submit": "Controleren",
    "acc_result": (
        "{label}: {lose_pc4} postcodegebieden met {lose} kinderen van 10-14 verliezen een "
        "technisch profiel binnen {km} km (ongeveer {minutes} minuten fietsen); {gain_pc4} "
        "gebieden met {gain} kinderen krijgen er een."
    ),
    "acc_label_stop": "{location} stopt met {profile}",
    "acc_label_close": "{location} sluit",
    "acc_label_add": "{location} voegt {profile} toe",
    "acc_lose": "verliest",
    "acc_gain": "krijgt",
    "acc_gemeente_caption": "Per gemeente: kinderen 10-14 die het profiel verliezen of krijgen",
    "acc_col_gemeente": "Gemeente",
    "acc_col_profile": "Profiel",
    "acc_col_change": "Verandering",
    "acc_col_pc4_count": "PC4-gebieden",
    "acc_col_children": "Kinderen 10-14",
    "acc_col_pc4": "PC4",
    "acc_col_km": "Km voor → na",
    "acc_col_minutes": "Fietsminuten voor → na",
    "acc_map_heading": "Kaart",
    "acc_map_label": (
        "Kaart: postcodegebieden die het profiel verliezen of krijgen (tabel hieronder)"
    ),
    "acc_map_lose": "Verliest het profiel binnen de afstand",
    "acc_map_gain": "Krijgt het profiel binnen de afstand",
    "acc_map_location": "De gewijzigde locatie",
    "acc_map_offer": "Andere locaties met het profiel (na de wijziging)",
    "acc_map_pc4": "Postcodegebieden van de regio",
    "acc_map_radius": "{km} km rond de locatie",
    "acc_areas_caption": "Per postcodegebied (de gegevens van de kaart)",
    "acc_none": "Geen postcodegebied verliest of krijgt het profiel binnen deze afstand.",
    "acc_empty": "Kies een locatie en een wijziging om de check te doen.",
    "acc_table_heading": "Kinderen binnen een uur fietsen van elk technisch profiel",
    "acc_table_caption": (
        "{region}: kinderen 10-14 binnen een uur fietsen (ongeveer {km} km hemelsbreed) van een "
        "locatie met het profiel (gegevens {year})"
    ),
    "acc_col_within": "Binnen een uur fietsen",
    "acc_col_share": "Aandeel",
    "acc_assumptions": (
        "Afstanden hemelsbreed tussen de middelpunten van postcodegebieden (CBS); fietsminuten "
        "= km x {detour} (omrijfactor) / {speed} km/u x 60. Elke locatie in Nederland met het "
        "profiel telt mee, ook over de regiogrens."
    ),
}

EN: dict[str, str] = {
    "nav_optimise": "Optimise",
    "opt_title": "Optimise: where to add technical profiles",
    "opt_intro": (
        "Which vmbo locations in {region} should add a technical profile within a budget to "
        "give the most extra technical mbo diplomas (or the widest reach)? The optimum is "
        "proven (MILP, HiGHS) and shown beside the 'best ratio first' answer."
    ),
    "opt_form_legend": "Budget and objective",
    "opt_budget": "Budget (equivalent annual cost, EUR a year; e.g. 2M or 800k)",
    "opt_objective": "Objective",
    "opt_obj_diplomas": "Extra technical mbo diplomas",
    "opt_obj_entrants": "Extra technical mbo entrants",
    "opt_obj_coverage": "Reach: children 10-14 within X km",
    "opt_obj_mix": "Mix of diplomas and reach",
    "opt_km": "Radius for reach (crow-fly km)",
    "opt_per_board": "At most per school board",
    "opt_min_p": "Minimum probability of a viable group (0-1)",
    "opt_submit": "Optimise",
    "opt_summary": "{n} candidate additions (data {year}); adding all costs {total} a year.",
    "opt_result": (
        "Budget {budget} a year: status {status}, gap {gap}; objective {objective} (best ratio "
        "first: {greedy}; difference {diff}); {n} additions, {eac} a year."
    ),
    "opt_caption": "Chosen additions at a budget of {budget} a year",
    "opt_col_location": "Location",
    "opt_col_gemeente": "Gemeente",
    "opt_col_profile": "Profile",
    "opt_col_pupils": "Pupils per leerjaar",
    "opt_col_p": "P(viable)",
    "opt_col_diplomas": "Extra diplomas a year",
    "opt_col_eac": "Annual cost (EAC)",
    "opt_col_flags": "Flags",
    "opt_open_scenario": "Open this set as a scenario in the planner",
    "opt_check": (
        "The planner runs this set: {planner} extra entrants a year (optimiser: {optimiser}; "
        "both use the same draws per location and profile)."
    ),
    "opt_frontier_heading": "Objective against budget",
    "opt_frontier_label": "Chart: objective against budget (table below)",
    "opt_frontier_caption": "Optimum and 'best ratio first' per budget",
    "opt_col_budget": "Budget a year",
    "opt_col_objective": "Optimum",
    "opt_col_greedy": "Best ratio first",
    "opt_col_additions": "Additions",
    "opt_axis_budget": "Budget (EUR a year)",
    "opt_axis_objective": "Objective",
    "opt_none": "No additions within this budget.",
    "opt_atlas_link": "Show the chosen locations on the atlas map",
    "opt_scroll_hint": "Slide the table sideways for every column →",
    "opt_atlas_summary": "Chosen by the optimiser: {n} additions (ringed on the map)",
    "opt_atlas_caption": "Additions the optimiser chose",
    "opt_atlas_layer": "Chosen by the optimiser",
    "opt_access_link": "Access check: who loses or gains a profile within X km?",
    "acc_title": "Access check: who loses or gains a technical profile",
    "acc_intro": (
        "What does a change in the offer mean for access? Choose a location and a change: the "
        "page lists the postcode areas (PC4) and the children aged 10-14 who lose or gain the "
        "profile within the chosen distance."
    ),
    "acc_form_legend": "Change",
    "acc_location": "Location (BRIN + vestiging, e.g. 17YF00)",
    "acc_change": "Change",
    "acc_change_stop": "Location stops the profile",
    "acc_change_close": "Location closes (every technical profile)",
    "acc_change_add": "Location adds the profile",
    "acc_profile": "Profile",
    "acc_km": "Distance (crow-fly km)",
    "acc_minutes": "Or: cycling minutes (overrides km)",
    "acc_submit": "Check",
    "acc_result": (
        "{label}: {lose_pc4} postcode areas with {lose} children aged 10-14 lose a technical "
        "profile within {km} km (about {minutes} minutes' cycling); {gain_pc4} areas with "
        "{gain} children gain one."
    ),
    "acc_label_stop": "{location} stops {profile}",
    "acc_label_close": "{location} closes",
    "acc_label_add": "{location} adds {profile}",
    "acc_lose": "loses",
    "acc_gain": "gains",
    "acc_gemeente_caption": "Per gemeente: children 10-14 who lose or gain the profile",
    "acc_col_gemeente": "Gemeente",
    "acc_col_profile": "Profile",
    "acc_col_change": "Change",
    "acc_col_pc4_count": "PC4 areas",
    "acc_col_children": "Children 10-14",
    "acc_col_pc4": "PC4",
    "acc_col_km": "Km before → after",
    "acc_col_minutes": "Cycling minutes before → after",
    "acc_map_heading": "Map",
    "acc_map_label": "Map: postcode areas that lose or gain the profile (table below)",
    "acc_map_lose": "Loses the profile within the distance",
    "acc_map_gain": "Gains the profile within the distance",
    "acc_map_location": "The changed location",
    "acc_map_offer": "Other locations offering the profile (after the change)",
    "acc_map_pc4": "Postcode areas of the region",
    "acc_map_radius": "{km} km around the location",
    "acc_areas_caption": "Per postcode area (the map's data)",
    "acc_none": "No postcode area loses or gains the profile within this distance.",
    "acc_empty": "Choose a location and a change to run the check.",
    "acc_table_heading": "Children within an hour's cycling of each technical profile",
    "acc_table_caption": (
        "{region}: children 10-14 within an hour's cycling (about {km} km crow-fly) of a "
        "location offering the profile (data {year})"
    ),
    "acc_col_within": "Within an hour's cycling",
    "acc_col_share": "Share",
    "acc_assumptions": (
        "Crow-fly distances between postcode-area centroids (CBS); cycling minutes = km x "
        "{detour} (detour factor) / {speed} km/h x 60. Every location in the Netherlands "
        "offering the profile counts, also across the region's border."
    ),
}
