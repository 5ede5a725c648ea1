"""The real 2016 enrollment file: BB/KB/GL leerjaar 3-4 pupils per region equal an independent
count from the raw CSVs (csv module), to the pupil."""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict

import pytest
from tests.conftest import SHARED_DATA

from kansrijk.indicators import compute
from kansrijk.regions import current_code, packaged_regions
from kansrijk.warehouse import Warehouse, region_catalog

pytestmark = pytest.mark.realdata

EARLIER = SHARED_DATA / "duo-earlier"
ENROLLMENT_2016 = EARLIER / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv"
BKG = {"VMBO BL lj 3-4", "VMBO KL lj 3-4", "VMBO GL lj 3-4"}


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    for ch in "'-.,()":
        plain = plain.replace(ch, " ")
    words = plain.split()
    return " ".join(words[1:] if words[:1] == ["s"] else words)


def raw_pupils_by_gemeente() -> tuple[dict[str, int], int]:
    """(current gemeente -> pupils, pupils of unplaceable locations), from the raw files."""
    pupils: dict[str, int] = defaultdict(int)
    where: dict[str, tuple[str, str]] = {}
    with ENROLLMENT_2016.open(encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"] in BKG:
                loc = r["BRIN NUMMER"] + r["VESTIGINGSNUMMER"].zfill(2)
                pupils[loc] += sum(
                    int(r[f"LEER- OF VERBLIJFSJAAR {g} - {s}"])
                    for g in (3, 4)
                    for s in ("MAN", "VROUW")
                )
                where[loc] = (r["PLAATSNAAM VESTIGING"], r["PROVINCIE VESTIGING"])
    gm: dict[str, str] = {}
    for snapshot in (
        SHARED_DATA / "duo" / "alle-vestigingen-vo-2019.csv",  # nearest to 2016 first
        EARLIER / "02.-alle-vestigingen-vo-2020.csv",
    ):
        with snapshot.open(encoding="latin-1", newline="") as fh:
            for r in csv.DictReader(fh, delimiter=";"):
                gm.setdefault(r["VESTIGINGSNUMMER"], current_code("GM" + r["GEMEENTENUMMER"]))
    # the rest by place name + province: CBS woonplaatsen and the provinces of Gebieden
    towns: dict[str, set[str]] = defaultdict(set)
    with (SHARED_DATA / "cbs-extra" / "woonplaatsen-gemeente-corop-2024.csv").open(
        encoding="utf-8-sig", newline=""
    ) as fh:
        for r in csv.DictReader(fh):
            towns[_fold(r["Woonplaats"])].add("GM" + r["Gemeentecode"])
    province: dict[str, str] = {}
    with (SHARED_DATA / "cbs" / "gebieden-in-nederland-2024.csv").open(
        encoding="utf-8-sig", newline=""
    ) as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            cells = [v.strip() for v in r.values() if v]
            pv = next(i for i, v in enumerate(cells) if v.startswith("PV") and len(v) == 4)
            province[r["RegioS"].strip()] = _fold(cells[pv + 1]).replace("fryslan", "friesland")
    out: dict[str, int] = defaultdict(int)
    unplaced = 0
    for loc, n in pupils.items():
        code = gm.get(loc)
        if code is None:
            place, prov = where[loc]
            key = _fold(place)
            found = towns.get(key) or towns.get(key.rsplit(" ", 1)[0], set())
            found = {g for g in found if province.get(g) == _fold(prov)}
            code = next(iter(found)) if len(found) == 1 else None
        if code is None:
            unplaced += n
        else:
            out[code] += n
    return out, unplaced


def test_2016_pupils_per_region_equal_raw_count(real_wh: Warehouse) -> None:
    if not ENROLLMENT_2016.exists():
        pytest.skip(f"{ENROLLMENT_2016} not found")
    by_gm, unplaced = raw_pupils_by_gemeente()
    assert unplaced == 0
    cat = region_catalog(real_wh, packaged_regions())
    regions = ["NL00", "MRDH", "GM0599", "GM0518", "PV28"]
    res = compute(real_wh, cat, "vmbo.tech_choice_share", regions, [2016])
    got = {r.region: r.denominator for r in res.rows}
    expected = {
        code: sum(n for g, n in by_gm.items() if g in set(cat.get(code).gemeenten))
        for code in regions
    }
    expected["NL00"] = sum(by_gm.values()) + unplaced
    assert got == expected
    assert expected["NL00"] == 132892 and expected["GM0599"] == 4509
