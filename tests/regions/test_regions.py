from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.conftest import SHARED_DATA, require_real_data

from kansrijk.errors import InputError, UnknownRegionError
from kansrijk.regions import (
    GemeenteNames,
    Level,
    RegionCatalog,
    current_code,
    level_of,
    load_regions_file,
    packaged_regions,
    predecessors,
)


def test_voorne_aan_zee() -> None:
    for old in ("GM0501", "GM0530", "GM0614"):
        assert current_code(old) == "GM1992"
    assert [s.old_name for s in predecessors("GM1992")] == [
        "Brielle",
        "Hellevoetsluis",
        "Westvoorne",
    ]
    assert current_code("GM0501", as_of=2022) == "GM0501"
    assert current_code("GM0599") == "GM0599"


def test_levels() -> None:
    assert level_of("NL00") is Level.NL
    assert level_of("PV28") is Level.PROVINCIE
    assert level_of("GM0599") is Level.GEMEENTE
    assert level_of("3071") is Level.PC4
    assert level_of("MRDH") is Level.CUSTOM


def test_packaged_custom_regions() -> None:
    mrdh, zuid = packaged_regions()
    assert mrdh.code == "MRDH"
    assert len(mrdh.gemeenten) == 21
    assert "GM1992" in mrdh.gemeenten and "GM0599" in mrdh.gemeenten
    assert zuid.code == "RDAM-ZUID" and zuid.by_postcode
    assert zuid.pc4[0] == "3071" and len(zuid.pc4) == 18


def test_user_regions_file(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(
        "regions:\n  - code: voorne\n    name: Voorne\n    gemeenten: [501, GM0530]\n",
        encoding="utf-8",
    )
    (r,) = load_regions_file(f)
    assert r.code == "VOORNE"
    assert r.gemeenten == ("GM1992",)  # old codes map to the current one, once
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "regions:\n  - code: GM0599\n    name: x\n    gemeenten: [GM0599]\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="looks like a CBS code"):
        load_regions_file(bad)
    both = tmp_path / "both.yaml"
    both.write_text("regions:\n  - code: X\n    name: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="exactly one of 'gemeenten' or 'pc4'"):
        load_regions_file(both)


def test_catalog_unknown_region_suggests() -> None:
    cat = RegionCatalog(
        [("NL00", "Nederland", "nl"), ("GM0599", "Rotterdam", "gemeente")],
        [("NL00", "GM0599")],
        packaged_regions(),
    )
    assert cat.get("mrdh").code == "MRDH"
    assert cat.get("Rotterdam").code == "GM0599"
    with pytest.raises(UnknownRegionError, match="did you mean GM0599"):
        cat.get("GM0598")
    with pytest.raises(UnknownRegionError, match="unknown region 'XX99'"):
        cat.get("XX99")


def test_gemeente_names_resolve_variants() -> None:
    names = GemeenteNames(
        {"GM0518": "'s-Gravenhage", "GM0603": "Rijswijk (ZH.)", "GM1992": "Voorne aan Zee"}
    )
    assert names.code_for("S GRAVENHAGE") == "GM0518"
    assert names.code_for("Den Haag") == "GM0518"
    assert names.code_for("Rijswijk") == "GM0603"
    assert names.code_for("Brielle") == "GM1992"
    assert names.code_for("Atlantis") is None


@pytest.mark.realdata
def test_every_gemeente_code_in_shared_files_resolves() -> None:
    """Every gemeente code (and name) in the real files maps to a current CBS code."""
    require_real_data()
    with (SHARED_DATA / "cbs" / "gebieden-in-nederland-2024.csv").open(encoding="utf-8-sig") as fh:
        current = {
            r["RegioS"].strip(): r["Naam_2"].strip() for r in csv.DictReader(fh, delimiter=";")
        }
    assert len(current) == 342
    with (SHARED_DATA / "duo" / "alle-vestigingen-vo-2019.csv").open(encoding="latin-1") as fh:
        codes = {"GM" + r["GEMEENTENUMMER"].zfill(4) for r in csv.DictReader(fh, delimiter=";")}
    unresolved = sorted(c for c in codes if current_code(c) not in current)
    assert unresolved == []
    names = GemeenteNames(current)
    with (SHARED_DATA / "cbs" / "postcodes-pc-gemeente-2021.csv").open(encoding="utf-8") as fh:
        pc_names = {r["gemeente"] for r in csv.DictReader(fh) if r["gemeente"]}
    assert sorted(n for n in pc_names if names.code_for(n) is None) == []
    assert names.code_for("Hellevoetsluis") == "GM1992"


def test_catalog_unknown_long_code_is_echoed_shortened() -> None:
    """A 300-character code: the message names its first 40 characters and "…", and stays
    short (the hint and the expected codes, not the whole pasted text)."""
    cat = RegionCatalog([("NL00", "Nederland", "nl")], [], packaged_regions())
    long = "GM" + "0123456789" * 29 + "ABCDEFGH"
    with pytest.raises(UnknownRegionError) as caught:
        cat.get(long)
    message = str(caught.value)
    assert message.startswith(f"unknown region '{long[:40]}…'; expected a code like NL00")
    assert len(message) < 200
    assert long[:41] not in message
    with pytest.raises(
        UnknownRegionError, match=r"unknown region '0123456789012345678901234567890123456789'"
    ):
        cat.get("0123456789" * 4)  # exactly 40: echoed whole, no "…"
