"""Messages of the scenario pages (``/scenarios``, ``/scenarios/run``, ``/scenarios/compare``),
Dutch and English (merged into ``i18n``'s catalogue; same keys in both languages)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav_scenarios": "Scenario's",
    # builder page
    "scen_title": "Scenario's",
    "scen_intro": (
        "Wat levert een technisch profiel op een extra vmbo-locatie op, en wat kost het? "
        "Reken een voorbeeldscenario door of stel zelf een scenario samen, en vergelijk tot "
        "vier scenario's naast elkaar."
    ),
    "scen_basket": "In de vergelijking: {n} van {max}.",
    "scen_basket_open": "Naar de vergelijking",
    "scen_basket_full": "De vergelijking is vol ({max} scenario's); haal er eerst een weg.",
    "scen_presets_heading": "Voorbeeldscenario's",
    "scen_presets_demo": (
        "Op de fictieve demoregio rekenen de voorbeelden met hun demo-tegenhanger: MRDH "
        "wordt de demoregio, Rotterdam Zuid wordt Havenstad-Zuid."
    ),
    "scen_preset_desc_rotterdam-zuid-techniek": (
        "Elke vmbo-locatie (BB/KB/GL) in Rotterdam Zuid zonder techniekprofiel krijgt het "
        "techniekprofiel (BWI, PIE of MT) waarvoor het model de meeste leerlingen voorspelt."
    ),
    "scen_preset_desc_mrdh-pie": (
        "Elke vmbo-locatie (BB/KB/GL) in de MRDH zonder techniekprofiel krijgt PIE "
        "(Produceren, installeren en energie)."
    ),
    "scen_preset_region": "Regio: {region} ({code})",
    "scen_run": "Doorrekenen",
    "scen_builder_heading": "Zelf een scenario samenstellen",
    "scen_builder_intro": (
        "Kies per locatie in {region} een technisch profiel om toe te voegen of vink een "
        "profiel aan om weg te halen. Andere regio? Kies hierboven een regio."
    ),
    "scen_errors_heading": "Er is iets mis met het scenario",
    "scen_fs_scenario": "Scenario",
    "scen_name_label": "Naam van het scenario",
    "scen_default_name": "Eigen scenario",
    "scen_start_label": "Eerste jaar",
    "scen_start_hint": "Het scenario loopt tien jaar vanaf dit jaar.",
    "scen_draws_label": "Trekkingen voor de onzekerheidsmarge",
    "scen_draws_hint": "0 tot {max}; 0 = alleen de puntschatting.",
    "scen_fs_locations": "Locaties en profielen in {region}",
    "scen_locations_hint": (
        "Technische profielen: {profiles}. Locaties met leerlingen in de basis-, kader- of "
        "gemengde leerweg (leerjaar 3-4) in {year}."
    ),
    "scen_too_many": (
        "Deze regio heeft {n} locaties; de lijst toont er hooguit {max}. Kies een kleinere "
        "regio (een gemeente of eigen regio) om locaties te kiezen."
    ),
    "scen_locations_caption": "vmbo-locaties in {region}, {year}",
    "scen_find_label": "Zoek een locatie (naam, code of gemeente)",
    "scen_find_count": "{n} van {total} locaties getoond (gekozen locaties blijven staan)",
    "scen_col_location": "Locatie",
    "scen_col_gemeente": "Gemeente",
    "scen_col_tech_now": "Technische profielen nu",
    "scen_col_add": "Profiel toevoegen",
    "scen_col_remove": "Profiel weghalen",
    "scen_no_tech": "geen",
    "scen_add_label": "Profiel toevoegen bij {name} ({code})",
    "scen_add_none": "— niets toevoegen —",
    "scen_add_all": "heeft alle technische profielen",
    "scen_remove_label": "{profile} weghalen",
    "scen_fs_guidance": "Loopbaanbegeleiding (LOB, optioneel)",
    "scen_evidence": (
        "Onderbouwing: de bronrapporten noemen betere loopbaanbegeleiding als hefboom, maar "
        "geven geen effectgrootte. SEOR (2026, §6.2) verwijst naar een Amerikaans "
        "experiment met voorlichting aan ouders (Rozek e.a. 2017) dat tot meer inschrijvingen "
        "in technische richtingen leidde, zonder getal. De oddsratio is dus uw eigen "
        "aanname; de marge loopt van 1 (geen effect) tot het kwadraat van de ratio."
    ),
    "scen_guidance_label": "Oddsratio voor de profielset",
    "scen_guidance_hint": "Bijvoorbeeld 1,2 (de kans op techniek × 1,2); leeg = geen LOB.",
    "scen_guidance_cost_label": "Kosten van de LOB per jaar (€)",
    "scen_cost_year_hint": "Optioneel, euro per jaar.",
    "scen_cost_once_hint": "Optioneel, eenmalig in euro.",
    "scen_fs_flow": "Doorstroom naar technisch mbo (optioneel)",
    "scen_flow_label": "Extra doorstroom (procentpunten)",
    "scen_flow_hint": "Bijvoorbeeld 2 = 2 procentpunt minder weglek; leeg = niets.",
    "scen_flow_cost_label": "Kosten van de doorstroommaatregel per jaar (€)",
    "scen_set_label": "Profielset van LOB en doorstroom",
    "scen_set_hint": "Voor welke profielen de oddsratio en de extra doorstroom gelden.",
    "scen_fs_mbo": "Nieuwe technische mbo-locatie (optioneel)",
    "scen_mbo_pc4_label": "Postcode (4 cijfers)",
    "scen_mbo_pc4_hint": "Het midden van dit postcodegebied (PC4), bijvoorbeeld 3072.",
    "scen_mbo_name_label": "Naam van de mbo-locatie",
    "scen_mbo_one_off_label": "Eenmalige kosten (€)",
    "scen_submit_run": "Scenario doorrekenen",
    "scen_submit_yaml": "Download als YAML",
    "scen_submit_check": "Controleer",
    "scen_checked": "Het scenario is in orde.",
    "scen_run_link": "Doorrekenen",
    "scen_yaml_link": "Download als YAML (voor kansrijk scenario run)",
    # field errors
    "scen_err_region": "Regio: {message}",
    "scen_err_name": "Geef een naam van hooguit {max} tekens, zonder regeleinden.",
    "scen_err_start": (
        "Eerste jaar: verwacht een jaar van {lo} tot en met {hi}, gevonden '{found}'."
    ),
    "scen_err_draws": (
        "Trekkingen: verwacht een geheel getal van 0 tot en met {max}, gevonden '{found}'."
    ),
    "scen_err_item": "Verwacht LOCATIE:PROFIEL, zoals ZZ0800:PIE; gevonden '{found}'.",
    "scen_err_location": (
        "Onbekende locatie '{code}': geen vmbo-locatie met BB/KB/GL-leerlingen in leerjaar 3-4 "
        "van regio {region} in {year}. Kies een locatie uit de lijst of een andere regio."
    ),
    "scen_err_profile": "{code}: '{found}' is geen technisch profiel; verwacht een van {expected}.",
    "scen_err_has": "{code} biedt {profile} al aan.",
    "scen_err_cannot_add": (
        "{code}: {profile} kan hier niet worden toegevoegd: de locatie heeft geen leerlingen "
        "in een leerweg waarvoor het model dit profiel kan voorspellen."
    ),
    "scen_err_lacks": "{code} biedt {profile} niet aan; er valt niets weg te halen.",
    "scen_err_set": "Profielset: verwacht techniek of techniek_ict, gevonden '{found}'.",
    "scen_err_odds": (
        "Oddsratio: verwacht een getal groter dan 0 en hooguit {max} (1 = geen effect), "
        "gevonden '{found}'."
    ),
    "scen_err_flow": (
        "Extra doorstroom: verwacht procentpunten van -100 tot en met 100, gevonden '{found}'."
    ),
    "scen_err_cost": "Kosten: verwacht een bedrag in euro van 0 of meer, gevonden '{found}'.",
    "scen_err_pc4": "Postcode: verwacht 4 cijfers, zoals 3072; gevonden '{found}'.",
    "scen_err_pc4_unknown": "Postcode {pc4}: het midden van dit postcodegebied is onbekend.",
    "scen_err_nothing": (
        "Het scenario doet nog niets: voeg een profiel toe, haal er een weg, of vul LOB, "
        "doorstroom of een mbo-locatie in."
    ),
    "scen_err_run": "Het model kan dit niet doorrekenen: {message}",
    # run page
    "scen_run_title": "Scenario: {name}",
    "scen_back": "Terug naar de scenarioplanner",
    "scen_run_intro": (
        "{region} ({code}); uitgangssituatie: de gegevens van {year}; looptijd {horizon}."
    ),
    "scen_run_preset": "Voorbeeldscenario '{name}'.",
    "scen_actions_label": "Wat wilt u met dit scenario doen?",
    "scen_add_compare": "Toevoegen aan vergelijking",
    "scen_open_compare": "Naar de vergelijking",
    "scen_edit": "Scenario aanpassen",
    "scen_json_link": "Resultaat als JSON",
    "scen_summary_heading": "Samenvatting",
    "scen_summary_caption": "{name}: {region}, {horizon}",
    "scen_col_metric": "Uitkomst",
    "scen_col_interval": "Marge ({pct})",
    "scen_m_region": "Regio",
    "scen_m_baseline_year": "Gegevens van",
    "scen_m_horizon": "Looptijd",
    "scen_m_additions": "Toegevoegde profielen",
    "scen_m_additions_with_viable": "Toegevoegde profielen (waarvan levensvatbaar)",
    "scen_m_additions_viable": "Toegevoegde profielen met 12 of meer leerlingen per leerjaar",
    "scen_m_extra_techniek_pupils": "Extra leerlingen in een techniekprofiel (leerjaar 3-4)",
    "scen_m_extra_entrants_per_year": "Extra instromers in technisch mbo per jaar",
    "scen_m_extra_entrants_total": "Extra instromers in technisch mbo over de looptijd",
    "scen_m_one_off_cost": "Eenmalige kosten",
    "scen_m_yearly_cost": "Jaarlijkse kosten (laatste jaar)",
    "scen_m_total_cost": "Totale kosten over de looptijd",
    "scen_m_cost_per_extra_entrant": "Kosten per extra instromer",
    "scen_m_annualised_cost_per_extra_entrant": "Kosten per extra instromer (per jaar gerekend)",
    "scen_additions_value": "{n} ({viable})",
    "scen_none": "– (geen extra instromers)",
    "scen_draws_note": (
        "Marge: het {pct}-interval over {n} trekkingen van de modelparameters, de "
        "doorstroomcijfers en de bandbreedtes van de maatregelen (seed {seed})."
    ),
    "scen_no_draws_note": "Zonder trekkingen: alleen de puntschatting, geen marge.",
    "scen_years_heading": "Per jaar",
    "scen_chart_label": (
        "Grafiek: instromers in technisch mbo per jaar in {region}, zonder en met het "
        "scenario '{name}'. De tabel eronder bevat dezelfde cijfers."
    ),
    "scen_chart_caption": (
        "Instromers in technisch mbo (incl. ICT) per jaar; de band is de marge van het "
        "scenario. De tabel eronder bevat dezelfde cijfers."
    ),
    "scen_baseline": "Zonder scenario",
    "scen_chart_band": "marge {pct}",
    "scen_years_caption": "{name}: {region} per jaar",
    "scen_col_tech_base": "Techniekleerlingen zonder",
    "scen_col_tech_scen": "Techniekleerlingen met",
    "scen_col_ent_base": "Instromers mbo zonder",
    "scen_col_ent_scen": "Instromers mbo met",
    "scen_col_ent_extra": "Extra instromers",
    "scen_col_one_off": "Eenmalige kosten",
    "scen_col_yearly": "Jaarlijkse kosten",
    "scen_years_note": (
        "Techniekleerlingen: leerjaar 3-4 in BWI, PIE, MT of MAT. Instromers: verwachte "
        "instroom in technisch mbo (incl. ICT) van de leerlingen die dat jaar het vmbo "
        "verlaten; een nieuw profiel bereikt leerjaar 4 een jaar na de start."
    ),
    "scen_regions_heading": "Per deelregio",
    "scen_regions_caption": "{name}: extra instromers in technisch mbo per regio",
    "scen_col_region": "Regio",
    "scen_col_ent_extra_last": "Extra instromers in {year}",
    "scen_col_ent_extra_total": "Extra instromers {horizon}",
    "scen_additions_heading": "Toegevoegde profielen",
    "scen_additions_caption": "{name}: toegevoegde profielen, voorspelde leerlingen en kosten",
    "scen_col_profile": "Profiel",
    "scen_col_leerwegen": "Leerwegen",
    "scen_col_per_leerjaar": "Leerlingen per leerjaar",
    "scen_col_viability": "Levensvatbaar?",
    "scen_viab_below": "nee: minder dan {n}",
    "scen_viab_mid": "ja: {low}-{high}",
    "scen_viab_high": "ja: {n} of meer",
    "scen_viability_note": (
        "Levensvatbaar: volgens Oberon (2024) dekt een groep van 12-18 leerlingen per "
        "leerjaar de kosten van een docent. Voorspeld met het keuzemodel, zodra beide "
        "leerjaren onder het nieuwe aanbod kozen."
    ),
    "scen_col_uptake": "Leerlingen per leerjaar (uptakemodel)",
    "scen_col_uptake_range": "90%-bereik",
    "scen_col_p_viable": "Kans op ≥ {n} per leerjaar",
    "scen_col_flags": "Kenmerken",
    "scen_flag_comparable_schools": "schatting van vergelijkbare scholen",
    "scen_flag_green": "groene school",
    "scen_flag_single_profile": "één profiel",
    "scen_flag_maritime": "maritiem",
    "scen_flag_already_technical": "biedt al techniek (MVI)",
    "scen_flag_mnl_above_range": "keuzemodel boven het bereik",
    "scen_flag_closed_since": "sinds gesloten (examendata)",
    "scen_flag_guests": "met gasten van andere locaties",
    "scen_flag_techniek_since": "biedt sinds techniek (examendata)",
    "scen_uptake_note": (
        "Uptakemodel: geleerd van de locaties die echt met techniek begonnen (DUO-"
        "examenkandidaten 2014-2023), jongens en meisjes apart, met spreiding tussen "
        "locaties; het bereik is een voorspelbereik (P5-P95). Groene en éénprofiel-locaties "
        "krijgen de schatting van vergelijkbare scholen (gemarkeerd). Kans op ≥ {n}: de kans "
        "dat de groep per leerjaar levensvatbaar is."
    ),
    "scen_m_uptake_pupils": "Uptakemodel: extra leerlingen techniek per leerjaar",
    "scen_m_uptake_entrants": "Uptakemodel: extra instroom technisch mbo per jaar",
    "scen_m_uptake_diplomas": "Uptakemodel: extra diploma's technisch mbo per jaar",
    "scen_m_equivalent_annual_cost": "Equivalente jaarlijkse kosten",
    "scen_m_eac_per_extra_entrant_mnl": "Jaarkosten per extra instromer per jaar (keuzemodel)",
    "scen_m_eac_per_extra_entrant_uptake": "Jaarkosten per extra instromer per jaar (uptakemodel)",
    "scen_col_eac": "Equivalente jaarkosten",
    "scen_eac_note": (
        "Kosten per extra instromer: equivalente jaarlijkse kosten (eenmalige kosten "
        "verdeeld over de levensduur: gebouw {building} jaar, inrichting {furnishing} jaar, "
        "disconteringsvoet {rate}%, plus de jaarlijkse kosten) per extra instromer in "
        "technisch mbo per jaar, in de stabiele situatie; prijspeil Oberon (2024)."
    ),
    "scen_axis_year": "Jaar",
    "scen_axis_entrants": "Instromers technisch mbo per jaar",
    "scen_axis_cost": "Kosten per extra instromer (EUR)",
    "scen_no_additions": "Dit scenario voegt geen profielen toe.",
    "scen_notes_heading": "Aannames en opmerkingen",
    "scen_notes_intro": (
        "Wat het model aanneemt en wat het bij dit scenario opmerkt (in het Engels, zoals "
        "de opdrachtregel ze geeft)."
    ),
    # compare page
    "scen_compare_title": "Scenario's vergelijken",
    "scen_compare_intro": (
        "Tot {max} scenario's naast elkaar, met de namen boven elke kolom en in elke grafiek."
    ),
    "scen_compare_caption": "{n} scenario's naast elkaar",
    "scen_compare_caption_iv": "(marge {pct} onder elke waarde)",
    "scen_view": "bekijk",
    "scen_remove_from_compare": "uit de vergelijking halen",
    "scen_download": "Download de vergelijking",
    "scen_compare_chart_heading": "Opbrengst en kosten",
    "scen_compare_chart_alt": "De samenvatting hierboven bevat dezelfde cijfers als deze grafiek.",
    "scen_compare_chart_label": (
        "Staafdiagram: extra instromers in technisch mbo per jaar en kosten per extra "
        "instromer per scenario. De tabel hierboven bevat dezelfde cijfers."
    ),
    "scen_chart_extra_entrants_per_year": "Extra instromers per jaar",
    "scen_chart_cost_per_extra_entrant": "Kosten per extra instromer (€)",
    "scen_compare_years_heading": "Extra instromers per jaar",
    "scen_compare_years_label": (
        "Lijngrafiek: extra instromers in technisch mbo per jaar per scenario. De tabel "
        "eronder bevat dezelfde cijfers."
    ),
    "scen_compare_years_caption": (
        "Extra instromers in technisch mbo per jaar (regio van elk scenario)"
    ),
    "scen_compare_empty": "Er staat nog geen scenario in de vergelijking.",
    "scen_compare_add_heading": "Scenario toevoegen",
    "scen_compare_add_preset": "Voorbeeld toevoegen: {name}",
    "scen_compare_add_built": "Zelf een scenario samenstellen en toevoegen",
    # location page link
    "scen_plan_heading": "Plan: voeg hier een technisch profiel toe",
    "scen_plan_intro": (
        "Reken in de scenarioplanner uit wat een extra technisch profiel op deze locatie "
        "oplevert en kost."
    ),
    "scen_plan_link": "{profile} toevoegen in de scenarioplanner",
}

EN: dict[str, str] = {
    "nav_scenarios": "Scenarios",
    "scen_title": "Scenarios",
    "scen_intro": (
        "What would a technical profile at another vmbo location yield, and what would it "
        "cost? Run a preset or build your own scenario, and compare up to four side by side."
    ),
    "scen_basket": "In the comparison: {n} of {max}.",
    "scen_basket_open": "Go to the comparison",
    "scen_basket_full": "The comparison is full ({max} scenarios); remove one first.",
    "scen_presets_heading": "Preset scenarios",
    "scen_presets_demo": (
        "On the fictional demo region the presets run on their demo counterparts: MRDH "
        "becomes the demo region, Rotterdam Zuid becomes Havenstad South."
    ),
    "scen_preset_desc_rotterdam-zuid-techniek": (
        "Every vmbo location (BB/KB/GL) in Rotterdam Zuid without a technology profile gets "
        "the technology profile (BWI, PIE or MT) the model predicts most pupils for."
    ),
    "scen_preset_desc_mrdh-pie": (
        "Every vmbo location (BB/KB/GL) in the MRDH region without a technology profile gets "
        "PIE (production, installation and energy)."
    ),
    "scen_preset_region": "Region: {region} ({code})",
    "scen_run": "Run",
    "scen_builder_heading": "Build your own scenario",
    "scen_builder_intro": (
        "Per location in {region}, choose a technical profile to add or tick a profile to "
        "remove. Another region? Choose a region above."
    ),
    "scen_errors_heading": "There is a problem with the scenario",
    "scen_fs_scenario": "Scenario",
    "scen_name_label": "Name of the scenario",
    "scen_default_name": "Own scenario",
    "scen_start_label": "First year",
    "scen_start_hint": "The scenario runs for ten years from this year.",
    "scen_draws_label": "Draws for the uncertainty interval",
    "scen_draws_hint": "0 to {max}; 0 = point estimate only.",
    "scen_fs_locations": "Locations and profiles in {region}",
    "scen_locations_hint": (
        "Technical profiles: {profiles}. Locations with pupils in the basic, advanced or "
        "combined track (years 3-4) in {year}."
    ),
    "scen_too_many": (
        "This region has {n} locations; the list shows at most {max}. Choose a smaller region "
        "(a municipality or custom region) to pick locations."
    ),
    "scen_locations_caption": "vmbo locations in {region}, {year}",
    "scen_find_label": "Find a location (name, code or municipality)",
    "scen_find_count": "{n} of {total} locations shown (chosen locations stay)",
    "scen_col_location": "Location",
    "scen_col_gemeente": "Municipality",
    "scen_col_tech_now": "Technical profiles now",
    "scen_col_add": "Add a profile",
    "scen_col_remove": "Remove a profile",
    "scen_no_tech": "none",
    "scen_add_label": "Add a profile at {name} ({code})",
    "scen_add_none": "— add nothing —",
    "scen_add_all": "offers every technical profile",
    "scen_remove_label": "remove {profile}",
    "scen_fs_guidance": "Career guidance (LOB, optional)",
    "scen_evidence": (
        "Evidence: the source reports name better career guidance as a lever but give no "
        "effect size. SEOR (2026, §6.2) cites an American experiment informing parents "
        "(Rozek et al. 2017) that led to more enrolments in technical fields, without a "
        "number. The odds ratio is therefore your own assumption; the interval runs from 1 "
        "(no effect) to the ratio squared."
    ),
    "scen_guidance_label": "Odds ratio for the profile set",
    "scen_guidance_hint": "For example 1.2 (odds of technology × 1.2); empty = no guidance.",
    "scen_guidance_cost_label": "Cost of the guidance per year (€)",
    "scen_cost_year_hint": "Optional, euros per year.",
    "scen_cost_once_hint": "Optional, one-off in euros.",
    "scen_fs_flow": "Flow to technical mbo (optional)",
    "scen_flow_label": "Extra flow (percentage points)",
    "scen_flow_hint": "For example 2 = 2 percentage points less leak; empty = nothing.",
    "scen_flow_cost_label": "Cost of the flow measure per year (€)",
    "scen_set_label": "Profile set of guidance and flow",
    "scen_set_hint": "Which profiles the odds ratio and the extra flow apply to.",
    "scen_fs_mbo": "New technical mbo location (optional)",
    "scen_mbo_pc4_label": "Postcode (4 digits)",
    "scen_mbo_pc4_hint": "The centre of this postcode area (PC4), for example 3072.",
    "scen_mbo_name_label": "Name of the mbo location",
    "scen_mbo_one_off_label": "One-off cost (€)",
    "scen_submit_run": "Run the scenario",
    "scen_submit_yaml": "Download as YAML",
    "scen_submit_check": "Check",
    "scen_checked": "The scenario is valid.",
    "scen_run_link": "Run it",
    "scen_yaml_link": "Download as YAML (for kansrijk scenario run)",
    "scen_err_region": "Region: {message}",
    "scen_err_name": "Give a name of at most {max} characters, without line breaks.",
    "scen_err_start": "First year: expected a year from {lo} to {hi}, found '{found}'.",
    "scen_err_draws": "Draws: expected a whole number from 0 to {max}, found '{found}'.",
    "scen_err_item": "Expected LOCATION:PROFILE, like ZZ0800:PIE; found '{found}'.",
    "scen_err_location": (
        "Unknown location '{code}': no vmbo location with BB/KB/GL pupils in years 3-4 of "
        "region {region} in {year}. Choose a location from the list or another region."
    ),
    "scen_err_profile": "{code}: '{found}' is not a technical profile; expected one of {expected}.",
    "scen_err_has": "{code} already offers {profile}.",
    "scen_err_cannot_add": (
        "{code}: {profile} cannot be added here: the location has no pupils in a leerweg "
        "for which the model can predict this profile."
    ),
    "scen_err_lacks": "{code} does not offer {profile}; there is nothing to remove.",
    "scen_err_set": "Profile set: expected techniek or techniek_ict, found '{found}'.",
    "scen_err_odds": (
        "Odds ratio: expected a number above 0 and at most {max} (1 = no effect), found '{found}'."
    ),
    "scen_err_flow": "Extra flow: expected percentage points from -100 to 100, found '{found}'.",
    "scen_err_cost": "Cost: expected an amount in euros of 0 or more, found '{found}'.",
    "scen_err_pc4": "Postcode: expected 4 digits, like 3072; found '{found}'.",
    "scen_err_pc4_unknown": "Postcode {pc4}: the centre of this postcode area is not known.",
    "scen_err_nothing": (
        "The scenario does nothing yet: add a profile, remove one, or fill in guidance, "
        "flow or an mbo location."
    ),
    "scen_err_run": "The model cannot run this: {message}",
    "scen_run_title": "Scenario: {name}",
    "scen_back": "Back to the scenario planner",
    "scen_run_intro": "{region} ({code}); starting point: the data of {year}; years {horizon}.",
    "scen_run_preset": "Preset scenario '{name}'.",
    "scen_actions_label": "What do you want to do with this scenario?",
    "scen_add_compare": "Add to comparison",
    "scen_open_compare": "Go to the comparison",
    "scen_edit": "Edit the scenario",
    "scen_json_link": "Result as JSON",
    "scen_summary_heading": "Summary",
    "scen_summary_caption": "{name}: {region}, {horizon}",
    "scen_col_metric": "Outcome",
    "scen_col_interval": "Interval ({pct})",
    "scen_m_region": "Region",
    "scen_m_baseline_year": "Data of",
    "scen_m_horizon": "Years",
    "scen_m_additions": "Profiles added",
    "scen_m_additions_with_viable": "Profiles added (of which viable)",
    "scen_m_additions_viable": "Profiles added with 12 or more pupils per year group",
    "scen_m_extra_techniek_pupils": "Extra pupils in a technology profile (years 3-4)",
    "scen_m_extra_entrants_per_year": "Extra entrants to technical mbo per year",
    "scen_m_extra_entrants_total": "Extra entrants to technical mbo over the years",
    "scen_m_one_off_cost": "One-off costs",
    "scen_m_yearly_cost": "Yearly costs (last year)",
    "scen_m_total_cost": "Total cost over the years",
    "scen_m_cost_per_extra_entrant": "Cost per extra entrant",
    "scen_m_annualised_cost_per_extra_entrant": "Cost per extra entrant (annualised)",
    "scen_additions_value": "{n} ({viable})",
    "scen_none": "– (no extra entrants)",
    "scen_draws_note": (
        "Interval: the {pct} interval over {n} draws of the model parameters, the flow rates "
        "and the ranges of the measures (seed {seed})."
    ),
    "scen_no_draws_note": "Without draws: the point estimate only, no interval.",
    "scen_years_heading": "Per year",
    "scen_chart_label": (
        "Chart: entrants to technical mbo per year in {region}, without and with the "
        "scenario '{name}'. The table below holds the same figures."
    ),
    "scen_chart_caption": (
        "Entrants to technical mbo (incl. ICT) per year; the band is the scenario's "
        "interval. The table below holds the same figures."
    ),
    "scen_baseline": "Without the scenario",
    "scen_chart_band": "interval {pct}",
    "scen_years_caption": "{name}: {region} per year",
    "scen_col_tech_base": "Technology pupils without",
    "scen_col_tech_scen": "Technology pupils with",
    "scen_col_ent_base": "mbo entrants without",
    "scen_col_ent_scen": "mbo entrants with",
    "scen_col_ent_extra": "Extra entrants",
    "scen_col_one_off": "One-off costs",
    "scen_col_yearly": "Yearly costs",
    "scen_years_note": (
        "Technology pupils: years 3-4 in BWI, PIE, MT or MAT. Entrants: expected entrants to "
        "technical mbo (incl. ICT) among the pupils leaving vmbo that year; a new profile "
        "reaches year 4 one year after it starts."
    ),
    "scen_regions_heading": "Per part of the region",
    "scen_regions_caption": "{name}: extra entrants to technical mbo per region",
    "scen_col_region": "Region",
    "scen_col_ent_extra_last": "Extra entrants in {year}",
    "scen_col_ent_extra_total": "Extra entrants {horizon}",
    "scen_additions_heading": "Profiles added",
    "scen_additions_caption": "{name}: profiles added, predicted pupils and costs",
    "scen_col_profile": "Profile",
    "scen_col_leerwegen": "Tracks",
    "scen_col_per_leerjaar": "Pupils per year group",
    "scen_col_viability": "Viable?",
    "scen_viab_below": "no: below {n}",
    "scen_viab_mid": "yes: {low}-{high}",
    "scen_viab_high": "yes: {n} or more",
    "scen_viability_note": (
        "Viable: according to Oberon (2024) a group of 12-18 pupils per year group covers "
        "the cost of a teacher. Predicted by the choice model once both year groups chose "
        "under the new offer."
    ),
    "scen_col_uptake": "Pupils per year group (uptake model)",
    "scen_col_uptake_range": "90% range",
    "scen_col_p_viable": "P(≥ {n} per year group)",
    "scen_col_flags": "Flags",
    "scen_flag_comparable_schools": "comparable-schools estimate",
    "scen_flag_green": "green school",
    "scen_flag_single_profile": "single profile",
    "scen_flag_maritime": "maritime",
    "scen_flag_already_technical": "already offers techniek (MVI)",
    "scen_flag_mnl_above_range": "choice model above the range",
    "scen_flag_closed_since": "closed since (exam data)",
    "scen_flag_guests": "with guests from other locations",
    "scen_flag_techniek_since": "offers techniek since (exam data)",
    "scen_uptake_note": (
        "Uptake model: learned from the locations that really started techniek (DUO exam "
        "candidates 2014-2023), boys and girls separately, with heterogeneity between "
        "locations; the range is a predictive range (P5-P95). Green and single-profile "
        "locations get the comparable-schools estimate (flagged). P(≥ {n}): the probability "
        "that the group per year group is viable."
    ),
    "scen_m_uptake_pupils": "Uptake model: extra technical pupils per year group",
    "scen_m_uptake_entrants": "Uptake model: extra technical mbo entrants per year",
    "scen_m_uptake_diplomas": "Uptake model: extra technical mbo diplomas per year",
    "scen_m_equivalent_annual_cost": "Equivalent annual cost",
    "scen_m_eac_per_extra_entrant_mnl": "EAC per extra entrant per year (choice model)",
    "scen_m_eac_per_extra_entrant_uptake": "EAC per extra entrant per year (uptake model)",
    "scen_col_eac": "Equivalent annual cost",
    "scen_eac_note": (
        "Cost per extra entrant: equivalent annual cost (one-off costs spread over their "
        "life: building {building} years, furnishing {furnishing} years, discount rate "
        "{rate}%, plus the yearly costs) per extra technical mbo entrant per year, in the "
        "steady state; Oberon (2024) prices."
    ),
    "scen_axis_year": "Year",
    "scen_axis_entrants": "Technical mbo entrants per year",
    "scen_axis_cost": "Cost per extra entrant (EUR)",
    "scen_no_additions": "This scenario adds no profiles.",
    "scen_notes_heading": "Assumptions and notes",
    "scen_notes_intro": "What the model assumes and what it notes for this scenario.",
    "scen_compare_title": "Compare scenarios",
    "scen_compare_intro": (
        "Up to {max} scenarios side by side, with their names above every column and in "
        "every chart."
    ),
    "scen_compare_caption": "{n} scenarios side by side",
    "scen_compare_caption_iv": "(interval {pct} under each value)",
    "scen_view": "view",
    "scen_remove_from_compare": "remove from the comparison",
    "scen_download": "Download the comparison",
    "scen_compare_chart_heading": "Yield and cost",
    "scen_compare_chart_alt": "The summary above holds the same figures as this chart.",
    "scen_compare_chart_label": (
        "Bar chart: extra entrants to technical mbo per year and cost per extra entrant per "
        "scenario. The table above holds the same figures."
    ),
    "scen_chart_extra_entrants_per_year": "Extra entrants per year",
    "scen_chart_cost_per_extra_entrant": "Cost per extra entrant (€)",
    "scen_compare_years_heading": "Extra entrants per year",
    "scen_compare_years_label": (
        "Line chart: extra entrants to technical mbo per year per scenario. The table below "
        "holds the same figures."
    ),
    "scen_compare_years_caption": (
        "Extra entrants to technical mbo per year (each scenario's region)"
    ),
    "scen_compare_empty": "There is no scenario in the comparison yet.",
    "scen_compare_add_heading": "Add a scenario",
    "scen_compare_add_preset": "Add the preset: {name}",
    "scen_compare_add_built": "Build your own scenario and add it",
    "scen_plan_heading": "Plan: add a technical profile here",
    "scen_plan_intro": (
        "Work out in the scenario planner what another technical profile at this location "
        "would yield and cost."
    ),
    "scen_plan_link": "Add {profile} in the scenario planner",
}
