"""Codes and names: tracks, vmbo profiles and sets, sectors, havo/vwo profiles, mbo sectors.

Pure, no I/O: the single source of truth for codes.
"""

from kansrijk.vocab.crosswalk import (
    OldAfdeling,
    crosswalk_sources,
    find_old_afdeling,
    old_afdelingen,
    old_categories,
    set_filter_sql,
)
from kansrijk.vocab.havo_vwo import (
    HAVO_VWO_PROFILES,
    N_PROFILES,
    is_n_profile,
    parse_havo_vwo_profile,
)
from kansrijk.vocab.mbo import (
    MBO_NPRZ,
    MBO_TECHNIEK,
    MBO_TECHNIEK_ICT,
    SECTORKAMERS,
    MboSet,
    mbo_set,
    parse_leerweg,
    parse_level,
    parse_sectorkamer,
)
from kansrijk.vocab.profiles import (
    PROFILE_NAMES,
    PROFILE_SET_LABELS,
    PROFILE_SETS,
    SECTOR_NAMES,
    TL_SECTORS,
    OldSector,
    ParsedProgramme,
    Profile,
    ProfileSet,
    known_programme_names,
    parse_profile_code,
    parse_profile_set,
    parse_programme,
    parse_sector,
)
from kansrijk.vocab.tracks import LEERWEG_CODES, PROFILE_TRACKS, TRACK_LABELS, Track

__all__ = [
    "HAVO_VWO_PROFILES",
    "LEERWEG_CODES",
    "MBO_NPRZ",
    "MBO_TECHNIEK",
    "MBO_TECHNIEK_ICT",
    "N_PROFILES",
    "PROFILE_NAMES",
    "PROFILE_SETS",
    "PROFILE_SET_LABELS",
    "PROFILE_TRACKS",
    "SECTORKAMERS",
    "SECTOR_NAMES",
    "TL_SECTORS",
    "TRACK_LABELS",
    "MboSet",
    "OldAfdeling",
    "OldSector",
    "ParsedProgramme",
    "Profile",
    "ProfileSet",
    "Track",
    "crosswalk_sources",
    "find_old_afdeling",
    "is_n_profile",
    "known_programme_names",
    "mbo_set",
    "old_afdelingen",
    "old_categories",
    "parse_havo_vwo_profile",
    "parse_leerweg",
    "parse_level",
    "parse_profile_code",
    "parse_profile_set",
    "parse_programme",
    "parse_sector",
    "parse_sectorkamer",
    "set_filter_sql",
]
