from __future__ import annotations

import pytest

from kansrijk.errors import UnknownCodeError
from kansrijk.vocab import (
    PROFILE_SETS,
    OldSector,
    Profile,
    ProfileSet,
    is_n_profile,
    parse_havo_vwo_profile,
    parse_profile_code,
    parse_profile_set,
    parse_programme,
    parse_sector,
)


@pytest.mark.parametrize(
    ("name", "profile", "route", "flags"),
    [
        ("Produceren, installeren en energie", Profile.PIE, None, ""),
        ("LWOO BB LWT Bouwen, wonen en interieur", Profile.BWI, None, "LWOO+LWT"),
        ("VMBO BB Vakmanschapsroute Techniek Niveau-2", None, OldSector.TECHNIEK, "route"),
        ("Maritiem en Techniek", Profile.MAT, None, ""),
        ("Maritiem en techniek", Profile.MAT, None, ""),
        ("VMBO KB ENT Zorg en welzijn", Profile.ZW, None, "ENT"),
        ("VMBO GL Beroepsroute Landbouw", None, OldSector.LANDBOUW, "route"),
        (
            "LWOO BB Vakmanschapsroute Zorg en Welzijn Niveau-2",
            None,
            OldSector.ZORG_WELZIJN,
            "LWOO+route",
        ),
        ("  media,  vormgeving en ICT ", Profile.MVI, None, ""),
    ],
)
def test_parse_programme(
    name: str, profile: Profile | None, route: OldSector | None, flags: str
) -> None:
    parsed = parse_programme(name)
    assert parsed.profile == profile
    assert parsed.route == route
    assert parsed.variant == flags


def test_unknown_programme_lists_known_names() -> None:
    with pytest.raises(UnknownCodeError) as err:
        parse_programme("VMBO BB Bakken en braden")
    message = str(err.value)
    assert "'VMBO BB Bakken en braden'" in message
    assert "Produceren, installeren en energie" in message
    assert "Vakmanschapsroute Techniek" in message


def test_profile_sets() -> None:
    assert PROFILE_SETS[ProfileSet.TECHNIEK] == {Profile.BWI, Profile.PIE, Profile.MT, Profile.MAT}
    assert PROFILE_SETS[ProfileSet.TECHNIEK_ICT] == PROFILE_SETS[ProfileSet.TECHNIEK] | {
        Profile.MVI
    }
    assert parse_profile_set(" Techniek_ICT ") is ProfileSet.TECHNIEK_ICT
    with pytest.raises(UnknownCodeError, match="expected one of techniek, techniek_ict"):
        parse_profile_set("ict")


def test_profile_codes_and_sectors() -> None:
    assert parse_profile_code("MTR") is Profile.MT
    assert parse_profile_code("zwe") is Profile.ZW
    assert parse_profile_code("MTE") is Profile.MAT
    with pytest.raises(UnknownCodeError, match="unknown vmbo profile code 'XYZ'"):
        parse_profile_code("XYZ")
    assert parse_sector("Zorg & Welzijn") is OldSector.ZORG_WELZIJN
    assert parse_sector("Intersect. programma") is OldSector.INTERSECTORAAL
    assert parse_sector("N.v.t.") is None
    with pytest.raises(UnknownCodeError, match="unknown vmbo sector 'Kunst'"):
        parse_sector("Kunst")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Natuur en Techniek", "NT"),
        ("Natuur en Techniek / Natuur en Gezondheid", "NT/NG"),
        ("Economie en Maatschappij / Cultuur en Maatschappij", "EM/CM"),
        ("N&T / N&G", "NT/NG"),
        ("E&M/C&M", "EM/CM"),
        ("Cul/Maat", "CM"),
    ],
)
def test_havo_vwo_profiles(name: str, code: str) -> None:
    assert parse_havo_vwo_profile(name) == code


def test_n_profile() -> None:
    assert is_n_profile("NT/EM")
    assert is_n_profile("NG")
    assert not is_n_profile("EM/CM")
    with pytest.raises(UnknownCodeError, match="unknown havo/vwo profile"):
        parse_havo_vwo_profile("Kunst en Cultuur")
