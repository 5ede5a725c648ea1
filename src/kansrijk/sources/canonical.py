"""The canonical tables: the contract between readers (sources) and the warehouse.

Every fact table carries ``dataset`` (the reader's dataset name) and ``year`` so that a
newer release of one dataset-year replaces exactly those rows. ``year`` is the calendar
year of the reference date (peildatum) for counts, and the first calendar year of the
school year for school-year data (2014 = school year 2014-2015).
"""

from __future__ import annotations

#: Canonical tables: name -> column definitions (DuckDB types). Readers produce Arrow
#: tables with exactly these columns (minus nothing, in any order).
TABLES: dict[str, dict[str, str]] = {
    # DUO 02 alle vestigingen vo, plus names/places seen in other DUO files.
    "location": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "loc_code": "VARCHAR NOT NULL",  # BRIN (4) + vestiging (2), e.g. 18BR00
        "brin": "VARCHAR NOT NULL",
        "name": "VARCHAR",
        "board": "VARCHAR",  # bevoegd gezag nummer
        "street": "VARCHAR",
        "house_number": "VARCHAR",
        "postcode": "VARCHAR",  # '9406 NN' normalised to '9406NN'
        "pc4": "VARCHAR",
        "place": "VARCHAR",
        "gemeente_code_source": "VARCHAR",  # GMxxxx as printed in the file
        "gemeente_code": "VARCHAR",  # current code after mergers
        "gemeente_name_source": "VARCHAR",
        "province": "VARCHAR",
        "denomination": "VARCHAR",
        "structure": "VARCHAR",  # ONDERWIJSSTRUCTUUR, e.g. 'VMBO/HAVO/VWO'
        "corop_code": "VARCHAR",
        "phone": "VARCHAR",  # TELEFOONNUMMER (schema 2)
        "website": "VARCHAR",  # INTERNETADRES (schema 2)
    },
    # DUO 01 leerlingen vo per vestiging naar onderwijstype: one row per location x
    # programme x grade x sex with a non-zero (or masked) count.
    "vo_enrollment": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "loc_code": "VARCHAR NOT NULL",
        "loc_name": "VARCHAR",
        "place": "VARCHAR",
        "province": "VARCHAR",  # PROVINCIE VESTIGING as printed (for placing by place name)
        "track": "VARCHAR",  # vocab.Track, NULL for types outside it (VAVO, IB, ...)
        "education_type": "VARCHAR NOT NULL",  # DUO's ONDERWIJSTYPE ... as printed
        "grade": "INTEGER NOT NULL",  # leerjaar 1..6
        "sector": "VARCHAR",  # vocab.OldSector for vmbo, NULL otherwise
        "profile": "VARCHAR",  # vocab.Profile (vmbo BB/KB/GL) or havo/vwo code (NT/NG)
        "afdeling": "VARCHAR",  # AFDELING as printed
        # AFDELING is an afdeling/programme of before the 2016 reform, mapped through the
        # crosswalk (vocab/data/old_afdelingen.yaml) to ``profile`` or ``old_category``
        "profile_mapped": "BOOLEAN NOT NULL",
        "old_category": "VARCHAR",  # own category of an unmapped old one: techniek_breed, ...
        "route": "VARCHAR",  # vocab.OldSector of a Vakmanschaps-/Beroepsroute
        "programme_code": "VARCHAR",  # ELEMENTCODE
        "programme_name": "VARCHAR",  # OPLEIDINGSNAAM
        "lwoo": "BOOLEAN NOT NULL",
        "lwt": "BOOLEAN NOT NULL",
        "ent": "BOOLEAN NOT NULL",
        "sex": "VARCHAR NOT NULL",  # 'm' | 'f'
        "count": "INTEGER",  # NULL when masked
        "masked": "BOOLEAN NOT NULL",  # '<5' in the source: 1-4 pupils
    },
    # DUO exam candidates and passes per location x programme x school year x sex.
    "vo_exam": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",  # first year of the school year
        "loc_code": "VARCHAR NOT NULL",
        "loc_name": "VARCHAR",
        "gemeente_name_source": "VARCHAR",
        "track": "VARCHAR",  # vocab.Track
        "programme": "VARCHAR NOT NULL",  # OPLEIDINGSNAAM as printed
        "profile": "VARCHAR",  # havo/vwo code (NT, NG, ...) or vmbo sector/profile code
        "sex": "VARCHAR NOT NULL",  # 'm' | 'f' | 'u' (onbekend)
        "candidates": "INTEGER",
        "candidates_masked": "BOOLEAN NOT NULL",
        "passed": "INTEGER",
        "passed_masked": "BOOLEAN NOT NULL",
    },
    # DUO geslaagden, gezakten en cijfers: results per location x leerweg x profile.
    "vo_exam_result": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "loc_code": "VARCHAR NOT NULL",
        "loc_name": "VARCHAR",
        "track": "VARCHAR",
        "sector": "VARCHAR",
        "profile": "VARCHAR",
        "department": "VARCHAR",  # AFDELING as printed
        "candidates": "INTEGER",
        "passed": "INTEGER",
        "failed": "INTEGER",
        "masked": "BOOLEAN NOT NULL",
        "mean_school_exam": "DOUBLE",
        "mean_central_exam": "DOUBLE",
        "mean_final": "DOUBLE",
    },
    # CBS Gebieden in Nederland: one row per gemeente x higher-level region.
    "region": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "code": "VARCHAR NOT NULL",  # NL00, PVxx, CRxx, AMxx, GMxxxx
        "name": "VARCHAR NOT NULL",
        "level": "VARCHAR NOT NULL",  # regions.Level
    },
    "region_member": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "parent": "VARCHAR NOT NULL",
        "child": "VARCHAR NOT NULL",  # a GMxxxx code
    },
    # Residents per area x age band x sex.
    "population": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "area_level": "VARCHAR NOT NULL",  # 'gemeente' | 'pc4'
        "area_code": "VARCHAR NOT NULL",  # GMxxxx or a 4-digit postcode
        "age_band": "VARCHAR NOT NULL",  # '0-4', '10-14', 'total', ...
        "age_min": "INTEGER",
        "age_max": "INTEGER",  # NULL = open-ended
        "sex": "VARCHAR NOT NULL",  # 'm' | 'f' | 'all'
        "count": "DOUBLE",
        "masked": "BOOLEAN NOT NULL",
    },
    # Key figures per area that are not counts by age (shares by origin, ...).
    "area_figure": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "area_level": "VARCHAR NOT NULL",
        "area_code": "VARCHAR NOT NULL",
        "figure": "VARCHAR NOT NULL",  # e.g. 'share_non_european_origin'
        "value": "DOUBLE",
        "unit": "VARCHAR NOT NULL",
        "masked": "BOOLEAN NOT NULL",
    },
    # PC4 -> gemeente (current code), place.
    "pc4_area": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "pc4": "VARCHAR NOT NULL",
        "place": "VARCHAR",
        "gemeente_code": "VARCHAR",  # current code
        "gemeente_name_source": "VARCHAR",
        "province": "VARCHAR",
    },
    # PC4 centroids, RD New metres plus WGS84 degrees.
    "pc4_centroid": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "pc4": "VARCHAR NOT NULL",
        "residents": "DOUBLE",
        "area_km2": "DOUBLE",
        "x_rd": "DOUBLE NOT NULL",
        "y_rd": "DOUBLE NOT NULL",
        "lon": "DOUBLE NOT NULL",
        "lat": "DOUBLE NOT NULL",
    },
    # Boundaries as GeoJSON geometry in WGS84 degrees (lon, lat).
    "geometry": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "area_level": "VARCHAR NOT NULL",
        "area_code": "VARCHAR NOT NULL",  # current gemeente code
        "area_code_source": "VARCHAR",
        "name": "VARCHAR",
        "geojson": "VARCHAR NOT NULL",
    },
    # CBS woonplaatsen -> gemeente: for placing locations by the place name DUO prints.
    "woonplaats": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "woonplaats_code": "VARCHAR NOT NULL",
        "name": "VARCHAR NOT NULL",
        "gemeente_code_source": "VARCHAR NOT NULL",
        "gemeente_code": "VARCHAR NOT NULL",  # current code
        "gemeente_name_source": "VARCHAR",
        "corop_code": "VARCHAR",
    },
    # mbo institutions and locations: DUO 'Adressen mbo' (instellingenmbo.csv) or the demo.
    # ``sectorkamers`` is what the location offers when the source says so (the demo);
    # DUO's address file does not, and queries then take the sectorkamers the institution
    # has students in at that place (mbo_student).
    "mbo_location": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "mbo_code": "VARCHAR NOT NULL",  # BRIN (INSTELLINGSCODE) or BRIN + a suffix
        "name": "VARCHAR",
        "pc4": "VARCHAR",
        "gemeente_code": "VARCHAR",  # current code
        "sectorkamers": "VARCHAR",  # comma-separated vocab.mbo codes offered, NULL = unknown
        "x_rd": "DOUBLE",
        "y_rd": "DOUBLE",
        "brin": "VARCHAR",
        "board": "VARCHAR",  # BEVOEGD GEZAG NUMMER
        "kind": "VARCHAR",  # MBO INSTELLINGSSOORT (ROC, AOC, vakinstelling, ...)
        "street": "VARCHAR",
        "house_number": "VARCHAR",
        "postcode": "VARCHAR",
        "place": "VARCHAR",
        "gemeente_code_source": "VARCHAR",
        "gemeente_name_source": "VARCHAR",
        "province": "VARCHAR",
    },
    # mbo students per institution x place x programme (crebo) x level x leerweg x sex
    # (DUO 'Mbo-studenten per instelling', resource 03), on 1 October of ``year``.
    "mbo_student": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "brin": "VARCHAR NOT NULL",
        "institution": "VARCHAR",
        "place": "VARCHAR",  # PLAATSNAAM INSTELLING
        "leerweg": "VARCHAR NOT NULL",  # 'bol' | 'bbl' | 'extraneus'
        "level": "INTEGER",  # 1-4
        "crebo": "VARCHAR",  # ERKENDE OPLEIDING CODE
        "programme": "VARCHAR",
        "sectorkamer": "VARCHAR",  # vocab.mbo code or ENTREE/BOVENSECTORAAL/ONBEKEND
        "hoofdgroep": "VARCHAR",
        "sex": "VARCHAR NOT NULL",  # 'm' | 'f'
        "home_gemeente_code": "VARCHAR",  # NULL in DUO's file (the demo has it)
        "home_pc4": "VARCHAR",  # NULL in DUO's file (the demo has it)
        "count": "INTEGER",  # NULL when masked
        "masked": "BOOLEAN NOT NULL",
    },
    # mbo students by home gemeente x sectorkamer x leerweg x level (DUO 'Mbo-studenten per
    # sectorkamer en leerweg', resource sectorkamer03).
    "mbo_student_home": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "sectorkamer": "VARCHAR",
        "hoofdgroep": "VARCHAR",
        "leerweg": "VARCHAR NOT NULL",
        "level": "INTEGER",
        "province": "VARCHAR",  # WOONPROVINCIE
        "gemeente_name_source": "VARCHAR",  # WOONGEMEENTE as printed
        "gemeente_code": "VARCHAR",  # current code; NULL when the name is not known
        "home_pc4": "VARCHAR",  # NULL in DUO's file
        "count": "INTEGER",
        "masked": "BOOLEAN NOT NULL",
    },
    # New mbo entrants (DUO 'Instromende mbo-studenten', file '... met soorten instroom').
    "mbo_entrant": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "brin": "VARCHAR NOT NULL",
        "leerweg": "VARCHAR NOT NULL",
        "level": "INTEGER",
        "crebo": "VARCHAR",  # BEROEPSOPLEIDING CODE
        "programme": "VARCHAR",
        "sectorkamer": "VARCHAR",  # NULL in DUO's file: mapped by crebo in queries
        "new_to_mbo": "BOOLEAN",  # INSTROOM MBO
        "new_to_programme": "BOOLEAN",  # INSTROOM OPLEIDING
        "from_vo": "BOOLEAN",  # INSTROOM VO
        "prior_vo": "VARCHAR",  # VOOROPLEIDING VO as printed
        "prior_mbo": "VARCHAR",  # VOOROPLEIDING MBO as printed
        "sex": "VARCHAR",  # NULL in DUO's file
        "home_gemeente_code": "VARCHAR",  # NULL in DUO's file
        "home_pc4": "VARCHAR",
        "count": "INTEGER",
        "masked": "BOOLEAN NOT NULL",
    },
    # mbo graduates (DUO 'Gediplomeerde mbo-studenten'): diplomas in ``year``.
    "mbo_diploma": {
        "dataset": "VARCHAR NOT NULL",
        "year": "INTEGER NOT NULL",
        "brin": "VARCHAR NOT NULL",
        "institution": "VARCHAR",
        "place": "VARCHAR",
        "leerweg": "VARCHAR NOT NULL",
        "level": "INTEGER",
        "crebo": "VARCHAR",
        "programme": "VARCHAR",
        "sectorkamer": "VARCHAR",
        "hoofdgroep": "VARCHAR",
        "sex": "VARCHAR NOT NULL",
        "home_gemeente_code": "VARCHAR",
        "home_pc4": "VARCHAR",
        "count": "INTEGER",
        "masked": "BOOLEAN NOT NULL",
    },
}

# --- finder: primary schools (schema version 2) -------------------------------------------
# DUO 03 leerlingen po per gemeente naar postcode leerling en leeftijd: one row per primary
# school location x pupil's home PC4 x age with a non-zero (or masked) count.
TABLES["po_pupils"] = {
    "dataset": "VARCHAR NOT NULL",
    "year": "INTEGER NOT NULL",  # year of the peildatum (1 October)
    "school_code": "VARCHAR NOT NULL",  # INSTELLINGSCODE (BRIN) + VESTIGINGSCODE, e.g. 00AW00
    "brin": "VARCHAR NOT NULL",
    "school_name": "VARCHAR",
    "school_postcode": "VARCHAR",  # PC6, '3055KM'
    "school_pc4": "VARCHAR",
    "school_place": "VARCHAR",
    "gemeente_code": "VARCHAR",  # the school's gemeente, current code
    "gemeente_code_source": "VARCHAR",
    "gemeente_name_source": "VARCHAR",
    "school_kind": "VARCHAR",  # SOORT_PO: Bo, Sbo, So
    "denomination": "VARCHAR",
    "board": "VARCHAR",
    "pupil_pc4": "VARCHAR NOT NULL",  # PC4, or DUO's 10/20/30/40 (BE, DE, abroad, unknown)
    "pupil_gemeente_name": "VARCHAR",
    "age": "VARCHAR NOT NULL",  # '<4', '4' .. '24', '>24'
    "count": "INTEGER",  # NULL when masked
    "masked": "BOOLEAN NOT NULL",  # '<5' in the source: 1-4 pupils
}
# --- end finder ---------------------------------------------------------------------------
