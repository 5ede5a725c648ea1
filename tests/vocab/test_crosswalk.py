"""The crosswalk of the old vmbo afdelingen to the profiles and technical sets."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from kansrijk.vocab import (
    OldSector,
    Profile,
    ProfileSet,
    crosswalk_sources,
    find_old_afdeling,
    old_afdelingen,
    old_categories,
    set_filter_sql,
)


@pytest.mark.parametrize(
    ("name", "profile"),
    [
        ("Bouwtechniek", "BWI"),
        ("Bouwbreed -ISP", "BWI"),
        ("Metaaltechniek", "PIE"),
        ("Elektrotechniek", "PIE"),
        ("Installatietechniek", "PIE"),
        ("Metalectro -ISP", "PIE"),
        ("Instalektro -ISP", "PIE"),
        ("Voertuigentechniek", "MT"),
        ("Transport en Logistiek", "MT"),
        ("Grafische Techniek", "MVI"),
        ("ICT -route", "MVI"),
        ("Kust-, Rijn- en Binnenvaart", "MAT"),
        ("Haven- en Vervoerschool", "MAT"),
        ("Verzorging", "ZW"),
        ("Consumptief Breed -ISP", "HBR"),
        ("Landbouw Breed -ISP", "GR"),
    ],
)
def test_old_afdeling_maps_to_profile(name: str, profile: str) -> None:
    entry = find_old_afdeling(name)
    assert entry is not None
    assert entry.profile is Profile(profile)


def test_matching_ignores_case_spaces_and_ampersand() -> None:
    assert find_old_afdeling("techniek breed-ISP") is find_old_afdeling("Techniek Breed -ISP")
    assert find_old_afdeling("Techniek en Commercie") is find_old_afdeling("Techniek & Commercie")
    assert find_old_afdeling("Bouwen, wonen en interieur") is None  # a profile, not an old one


def test_techniek_breed_is_its_own_technical_category() -> None:
    tb = find_old_afdeling("Techniek Breed -ISP")
    assert tb is not None and tb.profile is None
    assert tb.category_for(OldSector.TECHNIEK) == "techniek_breed"
    assert tb.sets == {ProfileSet.TECHNIEK, ProfileSet.TECHNIEK_ICT}
    to = find_old_afdeling("Technologie Orientatie")
    assert to is not None
    assert to.sets == frozenset()  # own category inside Techniek, not counted as technical
    assert to.category_for(OldSector.TECHNIEK) == "techniek_intersectoraal"
    assert to.category_for(OldSector.ECONOMIE) == "intersectoraal"


def test_every_entry_says_why_and_whether_it_is_a_judgement() -> None:
    entries = old_afdelingen()
    assert len(entries) == len({e.name for e in entries}) == 30
    assert all(e.reason for e in entries)
    assert {e.name for e in entries if not e.judgement} == {
        "Bouwtechniek",
        "Metaaltechniek",
        "Elektrotechniek",
        "Installatietechniek",
        "Voertuigentechniek",
        "Transport en Logistiek",
        "Grafische Techniek",
        "Kust-, Rijn- en Binnenvaart",
        "Haven- en Vervoerschool",
        "ICT -route",
    }
    assert any("Regeling profielen vmbo" in s for s in crosswalk_sources())


def test_set_filter_with_and_without_mapped_old_afdelingen() -> None:
    con = duckdb.connect()
    con.execute(
        """
        CREATE TABLE rows AS
        SELECT * FROM (VALUES
            ('BWI', false, NULL, 10), ('BWI', true, NULL, 20), (NULL, true, 'techniek_breed', 30),
            ('MVI', true, NULL, 40), ('ZW', false, NULL, 50), (NULL, true, 'intersectoraal', 60)
        ) t(profile, profile_mapped, old_category, n)
        """
    )
    techniek = sorted(p.value for p in (Profile.BWI, Profile.PIE, Profile.MT, Profile.MAT))
    ict = [*techniek, "MVI"]
    assert old_categories(techniek) == ["techniek_breed"]
    assert old_categories(["BWI"]) == []  # not a named set: no own categories

    def total(codes: list[str], mapped: bool) -> int:
        sql = f"SELECT sum(n) FROM rows WHERE {set_filter_sql(codes, mapped=mapped)}"
        row = con.execute(sql).fetchone()
        return int(row[0] or 0) if row else 0

    assert total(techniek, mapped=False) == 10
    assert total(techniek, mapped=True) == 60
    assert total(ict, mapped=True) == 100
    assert total(ict, mapped=False) == 10


def test_docs_give_every_crosswalk_entry() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "data.md").read_text("utf-8")
    for e in old_afdelingen():
        row = next((ln for ln in docs.splitlines() if ln.startswith(f"| {e.name} |")), None)
        assert row is not None, e.name
        assert f"| {'yes' if e.judgement else 'no'} |" in row, e.name
