"""Profile sets (``ProfileSet.codes``) and the pupil filter, owned by vocab."""

from __future__ import annotations

from kansrijk.vocab import (
    ICT_PROFILES,
    PUPIL_FILTER,
    TECH_ICT_PROFILES,
    TECHNIEK_PROFILES,
    Profile,
    ProfileSet,
    offer_category,
    pupil_filter,
    tech_profiles,
)


def test_codes_follow_the_profile_order() -> None:
    assert ProfileSet.TECHNIEK.codes == ("BWI", "PIE", "MT", "MAT")
    assert ProfileSet.TECHNIEK_ICT.codes == ("BWI", "PIE", "MT", "MVI", "MAT")
    assert ProfileSet.TECHNIEK_ICT.profiles == frozenset(
        {Profile.BWI, Profile.PIE, Profile.MT, Profile.MVI, Profile.MAT}
    )
    assert TECHNIEK_PROFILES == ("BWI", "PIE", "MT", "MAT")
    assert ICT_PROFILES == ("MVI",)
    assert TECH_ICT_PROFILES == ("BWI", "PIE", "MT", "MAT", "MVI")


def test_labels() -> None:
    assert ProfileSet.TECHNIEK.label("nl") == "techniek (BWI, PIE, MT, MAT)"
    assert ProfileSet.TECHNIEK_ICT.label("en") == "technology incl. ICT (BWI, PIE, MT, MAT, MVI)"


def test_offer_category() -> None:
    assert offer_category(["ZW", "PIE", "MVI"]) == "tech_ict"
    assert offer_category(["MAT"]) == "tech"
    assert offer_category(["MVI", "EO"]) == "ict"
    assert offer_category(["ZW", "EO"]) == "none"
    assert offer_category([]) == "none"
    assert tech_profiles(["MVI", "ZW", "BWI"]) == ("BWI", "MVI")


def test_pupil_filter() -> None:
    assert PUPIL_FILTER == "track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
    assert pupil_filter("e") == (
        "e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND e.grade IN (3, 4)"
    )
