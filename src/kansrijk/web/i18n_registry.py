"""Messages of the partner registry pages, Dutch and English (merged into ``i18n``'s
catalogue; same keys in both languages)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav_partners": "Partners",
    "reg_title": "Partners: techniekactiviteiten voor scholen",
    "reg_intro": (
        "Bedrijven en intermediairs bieden hier techniekactiviteiten aan (gastlessen, "
        "bedrijfsbezoeken, workshops, stages); vmbo-scholen vragen erom. Zo ziet de regio "
        "welke schoollocaties bereikt worden en welke niet."
    ),
    "reg_public_heading": "Gepubliceerde activiteiten",
    "reg_public_caption": "{n} activiteit(en) van goedgekeurde organisaties",
    "reg_public_none": "Er zijn nog geen gepubliceerde activiteiten.",
    "reg_col_org": "Organisatie",
    "reg_col_period": "Periode",
    "reg_radius": "straal {km} km",
    "reg_signed_in_as": "Ingelogd als {name}",
    "reg_logout": "Uitloggen",
    "reg_logout_all": "Overal uitloggen",
    "reach_nav": "Bereik",
    "reach_title": "Bereik van vmbo-locaties: {region}",
    "reach_year": "Schooljaar",
    "reach_summary": (
        "{reached} van de {total} vmbo-locaties hadden in schooljaar {year} minstens één "
        "activiteit."
    ),
    "reach_share": "Aandeel bereikte locaties",
    "reach_per100": "Activiteiten per 100 vmbo-leerlingen",
    "reach_note": (
        "Een activiteit telt mee als een school haar heeft geaccepteerd. Locaties en "
        "leerlingen: DUO, peiljaar {year}."
    ),
    "reach_unreached": "Niet bereikte locaties",
    "reach_unreached_caption": "Locaties zonder technisch profiel eerst",
    "reach_reached": "Bereikte locaties",
    "reach_col_loc": "Locatie",
    "reach_col_name": "Naam",
    "reach_col_tech": "Technische profielen",
    "reach_col_acts": "Activiteiten",
    "reach_no_tech": "geen",
    "reach_map": "Kaart",
    "reach_map_label": (
        "Kaart van de vmbo-locaties, bereikt of niet; de tabellen hieronder bevatten dezelfde "
        "locaties. Locaties staan op het middelpunt van hun postcodegebied."
    ),
    "reach_map_reached": "bereikt",
    "reach_map_unreached_tech": "niet bereikt, met technisch profiel",
    "reach_map_unreached_none": "niet bereikt, zonder technisch profiel",
    "privacy_title": "Privacy",
    "privacy_what": (
        "Van personen bewaren we alleen wat nodig is: naam, werk-e-mailadres en (als u dat "
        "opgeeft) een telefoonnummer. Wachtwoorden bewaren we alleen als argon2id-hash."
    ),
    "privacy_public": (
        "Openbare pagina's tonen alleen goedgekeurde activiteiten en het bereik in totalen, "
        "nooit persoonsgegevens. Contactgegevens van een activiteit ziet alleen een "
        "ingelogde, goedgekeurde organisatie."
    ),
    "privacy_security": (
        "Elke wijziging komt in een auditlog (wie, wat, wanneer, voor en na) dat alleen "
        "beheerders lezen."
    ),
    "privacy_retention": (
        "Auditregels, mislukte inlogpogingen en gebruikte resetlinks bewaren we {days} dagen."
    ),
    "privacy_rights": (
        "Op uw accountpagina downloadt u al uw gegevens (JSON) en verwijdert u uw account; "
        "uw gegevens in het auditlog worden dan gewist."
    ),
    "reg_r_org_name": "Naam van de organisatie",
    "reg_r_kind": "Soort organisatie",
    "reg_r_loc_code": "DUO-vestigingscode (scholen)",
    "reg_r_name": "Uw naam",
    "reg_r_email": "Werk-e-mailadres",
    "reg_r_phone": "Telefoon (niet verplicht)",
    "reg_r_password": "Wachtwoord",
    "reg_rh_loc_code": "Zes tekens, bijvoorbeeld 18BR00; alleen voor een schoollocatie.",
    "reg_rh_email": "Gebruik uw werkadres.",
    "reg_rh_password": "Minstens 10 tekens.",
    "reg_rh_phone": "Alleen als scholen u mogen bellen.",
    "reg_register_title": "Registreren",
    "reg_register_intro": (
        "Registreer uw organisatie. Een beheerder keurt haar goed voordat u kunt publiceren."
    ),
    "reg_submit": "Versturen",
    "reg_login_title": "Inloggen",
    "reg_login_intro": "Log in met uw werk-e-mailadres en wachtwoord.",
    "reg_login_submit": "Inloggen",
    "reg_login_wrong": "E-mailadres of wachtwoord klopt niet.",
    "reg_reset_title": "Wachtwoord vergeten",
    "reg_reset_intro": "We sturen een link om een nieuw wachtwoord te kiezen (1 uur geldig).",
    "reg_reset_submit": "Stuur de link",
    "reg_reset_set": "Nieuw wachtwoord opslaan",
    "reg_reset_subject": "Nieuw wachtwoord voor Kansrijk",
    "reg_reset_mail": (
        "Kies een nieuw wachtwoord via deze link (1 uur geldig):\n{link}\n\n"
        "Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren."
    ),
    "reg_reset_sent": (
        "Als er een account met dit adres is, is er een e-mail met een link onderweg."
    ),
    "reg_account_title": "Mijn account",
    "reg_awaiting": "Uw organisatie wacht op goedkeuring door een beheerder.",
    "reg_role_admin": "beheerder",
    "reg_role_school": "school",
    "reg_role_provider": "aanbieder",
    "reg_role_analyst": "analist",
    "reg_my_activities": "Onze activiteiten",
    "reg_my_requests": "Onze aanvragen",
    "reg_new_activity": "Nieuwe activiteit",
    "reg_new_request": "Nieuwe aanvraag",
    "reg_edit": "Wijzigen",
    "reg_save": "Opslaan",
    "reg_matches": "Matches",
    "reg_matches_none": "Nog geen matches.",
    "reg_col_activity": "Activiteit",
    "reg_col_request": "Aanvraag",
    "reg_col_status": "Status",
    "reg_col_history": "Verloop",
    "reg_col_answer": "Antwoord",
    "reg_status_proposed": "voorgesteld",
    "reg_status_accepted": "geaccepteerd",
    "reg_status_declined": "afgewezen",
    "reg_accept": "Accepteren",
    "reg_decline": "Afwijzen",
    "reg_propose": "Voorstellen",
    "reg_candidates_title": "Wat past bij: {title}",
    "reg_candidates_heading": "Passende matches",
    "reg_candidates_none": "Nog niets dat past (type, profiel, periode of afstand).",
    "reg_col_fit": "Passing (0-100)",
    "reg_col_km": "Afstand (km)",
    "reg_tokens": "API-sleutels",
    "reg_token_name": "Naam van de sleutel",
    "reg_token_create": "Sleutel maken",
    "reg_token_created": "Uw nieuwe sleutel; kopieer hem nu, we tonen hem niet nog eens:",
    "reg_revoke": "Intrekken",
    "reg_revoked": "ingetrokken",
    "reg_my_data": "Mijn gegevens",
    "reg_export": "Download al mijn gegevens (JSON)",
    "reg_delete_confirm": "Ja, verwijder mijn account",
    "reg_delete": "Account verwijderen",
    "reg_import_title": "Activiteiten importeren",
    "reg_import_intro": (
        "Een CSV- of XLSX-bestand met een kopregel: title, kind, pc4 (verplicht) en "
        "description, themes, profiles, target_groups, radius_km, capacity, start_date, "
        "end_date, cost_eur, languages, contact. Een proefrun slaat niets op."
    ),
    "reg_import_file": "Bestand",
    "reg_import_dry": "Proefrun (niets opslaan)",
    "reg_import_submit": "Controleren of importeren",
    "reg_import_result_dry": "Resultaat van de proefrun",
    "reg_import_result": "Resultaat van de import",
    "reg_import_counts": "{rows} regels: {ok} goed, {bad} afgekeurd.",
    "reg_import_line": "Regel",
    "reg_import_column": "Kolom",
    "reg_import_reason": "Reden",
    "reg_import_rejected": "Afgekeurde regels",
    "reg_admin_title": "Beheer",
    "reg_admin_pending": "Organisaties die wachten op goedkeuring",
    "reg_admin_none": "Geen organisaties die wachten.",
    "reg_approve": "Goedkeuren",
    "reg_audit": "Auditlog",
    "reg_audit_at": "Wanneer",
    "reg_audit_who": "Wie (account / organisatie)",
    "reg_audit_what": "Wat",
    "reg_audit_before": "Voor",
    "reg_audit_after": "Na",
    "reg_f_title": "Titel",
    "reg_f_kind": "Soort activiteit",
    "reg_f_description": "Omschrijving",
    "reg_f_themes": "Thema's",
    "reg_f_profiles": "vmbo-profielen",
    "reg_f_target_groups": "Doelgroepen",
    "reg_f_pc4": "Postcode (4 cijfers)",
    "reg_f_radius_km": "Straal (km)",
    "reg_f_capacity": "Capaciteit (leerlingen)",
    "reg_f_start_date": "Vanaf",
    "reg_f_end_date": "Tot en met",
    "reg_f_cost_eur": "Kosten (euro)",
    "reg_f_languages": "Talen",
    "reg_f_contact": "Contact",
    "reg_h_themes": "Gescheiden door komma's, bijvoorbeeld energie, installatietechniek.",
    "reg_h_pc4": "Waar de activiteit plaatsvindt of het midden van het gebied.",
    "reg_h_contact": "Alleen zichtbaar voor ingelogde, goedgekeurde organisaties.",
}

EN: dict[str, str] = {
    "nav_partners": "Partners",
    "reg_title": "Partners: technology activities for schools",
    "reg_intro": (
        "Companies and intermediaries offer technology activities here (guest lessons, "
        "company visits, workshops, internships); vmbo schools ask for them. The region sees "
        "which school locations are reached and which are not."
    ),
    "reg_public_heading": "Published activities",
    "reg_public_caption": "{n} activity(ies) of approved organisations",
    "reg_public_none": "No published activities yet.",
    "reg_col_org": "Organisation",
    "reg_col_period": "Period",
    "reg_radius": "radius {km} km",
    "reg_signed_in_as": "Signed in as {name}",
    "reg_logout": "Log out",
    "reg_logout_all": "Log out everywhere",
    "reach_nav": "Reach",
    "reach_title": "Reach of vmbo locations: {region}",
    "reach_year": "School year",
    "reach_summary": (
        "{reached} of the {total} vmbo locations had at least one activity in school year {year}."
    ),
    "reach_share": "Share of locations reached",
    "reach_per100": "Activities per 100 vmbo pupils",
    "reach_note": (
        "An activity counts once a school has accepted it. Locations and pupils: DUO, "
        "reference year {year}."
    ),
    "reach_unreached": "Locations not reached",
    "reach_unreached_caption": "Locations without a technical profile first",
    "reach_reached": "Locations reached",
    "reach_col_loc": "Location",
    "reach_col_name": "Name",
    "reach_col_tech": "Technical profiles",
    "reach_col_acts": "Activities",
    "reach_no_tech": "none",
    "reach_map": "Map",
    "reach_map_label": (
        "Map of the vmbo locations, reached or not; the tables below hold the same "
        "locations. Locations are placed at the centre of their postcode area."
    ),
    "reach_map_reached": "reached",
    "reach_map_unreached_tech": "not reached, with a technical profile",
    "reach_map_unreached_none": "not reached, without a technical profile",
    "privacy_title": "Privacy",
    "privacy_what": (
        "Of people we keep only what is needed: name, work e-mail and (if you give it) a "
        "phone number. Passwords are kept only as argon2id hashes."
    ),
    "privacy_public": (
        "Public pages show only approved activities and reach in totals, never personal data. "
        "An activity's contact details are shown only to signed-in, approved organisations."
    ),
    "privacy_security": (
        "Every change goes into an audit log (who, what, when, before and after) that only "
        "admins read."
    ),
    "privacy_retention": (
        "Audit entries, failed logins and used reset links are kept for {days} days."
    ),
    "privacy_rights": (
        "On your account page you download all your data (JSON) and delete your account; "
        "your data in the audit log are then erased."
    ),
    "reg_r_org_name": "Name of the organisation",
    "reg_r_kind": "Kind of organisation",
    "reg_r_loc_code": "DUO location code (schools)",
    "reg_r_name": "Your name",
    "reg_r_email": "Work e-mail",
    "reg_r_phone": "Phone (optional)",
    "reg_r_password": "Password",
    "reg_rh_loc_code": "Six characters, e.g. 18BR00; only for a school location.",
    "reg_rh_email": "Use your work address.",
    "reg_rh_password": "At least 10 characters.",
    "reg_rh_phone": "Only if schools may call you.",
    "reg_register_title": "Register",
    "reg_register_intro": (
        "Register your organisation. An admin approves it before you can publish."
    ),
    "reg_submit": "Send",
    "reg_login_title": "Log in",
    "reg_login_intro": "Log in with your work e-mail and password.",
    "reg_login_submit": "Log in",
    "reg_login_wrong": "E-mail or password is wrong.",
    "reg_reset_title": "Forgot password",
    "reg_reset_intro": "We send a link to choose a new password (valid 1 hour).",
    "reg_reset_submit": "Send the link",
    "reg_reset_set": "Save new password",
    "reg_reset_subject": "New password for Kansrijk",
    "reg_reset_mail": (
        "Choose a new password with this link (valid 1 hour):\n{link}\n\n"
        "Did you not ask for this? Then ignore this message."
    ),
    "reg_reset_sent": "If an account has this address, an e-mail with a link is on its way.",
    "reg_account_title": "My account",
    "reg_awaiting": "Your organisation awaits approval by an admin.",
    "reg_role_admin": "admin",
    "reg_role_school": "school",
    "reg_role_provider": "provider",
    "reg_role_analyst": "analyst",
    "reg_my_activities": "Our activities",
    "reg_my_requests": "Our requests",
    "reg_new_activity": "New activity",
    "reg_new_request": "New request",
    "reg_edit": "Edit",
    "reg_save": "Save",
    "reg_matches": "Matches",
    "reg_matches_none": "No matches yet.",
    "reg_col_activity": "Activity",
    "reg_col_request": "Request",
    "reg_col_status": "Status",
    "reg_col_history": "History",
    "reg_col_answer": "Answer",
    "reg_status_proposed": "proposed",
    "reg_status_accepted": "accepted",
    "reg_status_declined": "declined",
    "reg_accept": "Accept",
    "reg_decline": "Decline",
    "reg_propose": "Propose",
    "reg_candidates_title": "What fits: {title}",
    "reg_candidates_heading": "Fitting matches",
    "reg_candidates_none": "Nothing fits yet (type, profile, period or distance).",
    "reg_col_fit": "Fit (0-100)",
    "reg_col_km": "Distance (km)",
    "reg_tokens": "API tokens",
    "reg_token_name": "Name of the token",
    "reg_token_create": "Create token",
    "reg_token_created": "Your new token; copy it now, it is not shown again:",
    "reg_revoke": "Revoke",
    "reg_revoked": "revoked",
    "reg_my_data": "My data",
    "reg_export": "Download all my data (JSON)",
    "reg_delete_confirm": "Yes, delete my account",
    "reg_delete": "Delete account",
    "reg_import_title": "Import activities",
    "reg_import_intro": (
        "A CSV or XLSX file with a header: title, kind, pc4 (required) and description, "
        "themes, profiles, target_groups, radius_km, capacity, start_date, end_date, "
        "cost_eur, languages, contact. A dry run stores nothing."
    ),
    "reg_import_file": "File",
    "reg_import_dry": "Dry run (store nothing)",
    "reg_import_submit": "Check or import",
    "reg_import_result_dry": "Result of the dry run",
    "reg_import_result": "Result of the import",
    "reg_import_counts": "{rows} rows: {ok} accepted, {bad} rejected.",
    "reg_import_line": "Line",
    "reg_import_column": "Column",
    "reg_import_reason": "Reason",
    "reg_import_rejected": "Rejected rows",
    "reg_admin_title": "Admin",
    "reg_admin_pending": "Organisations awaiting approval",
    "reg_admin_none": "No organisations waiting.",
    "reg_approve": "Approve",
    "reg_audit": "Audit log",
    "reg_audit_at": "When",
    "reg_audit_who": "Who (account / organisation)",
    "reg_audit_what": "What",
    "reg_audit_before": "Before",
    "reg_audit_after": "After",
    "reg_f_title": "Title",
    "reg_f_kind": "Kind of activity",
    "reg_f_description": "Description",
    "reg_f_themes": "Themes",
    "reg_f_profiles": "vmbo profiles",
    "reg_f_target_groups": "Target groups",
    "reg_f_pc4": "Postcode (4 digits)",
    "reg_f_radius_km": "Radius (km)",
    "reg_f_capacity": "Capacity (pupils)",
    "reg_f_start_date": "From",
    "reg_f_end_date": "Until",
    "reg_f_cost_eur": "Cost (euro)",
    "reg_f_languages": "Languages",
    "reg_f_contact": "Contact",
    "reg_h_themes": "Separated by commas, e.g. energy, installation technology.",
    "reg_h_pc4": "Where the activity takes place or the centre of the area.",
    "reg_h_contact": "Shown only to signed-in, approved organisations.",
}
