"""Messages of the optimiser page (``/optimaliseren``), Dutch and English (merged into
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
        "{optimiser}; verschil door steekproefruis van het opnamemodel)."
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
        "the difference is sampling noise of the uptake model)."
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
}
