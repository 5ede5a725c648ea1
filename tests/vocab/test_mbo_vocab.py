"""mbo sectorkamers, DUO spellings, sets, leerwegen and levels (packaged YAML)."""

from __future__ import annotations

import pytest

from kansrijk.vocab import (
    MBO_NPRZ,
    MBO_TECHNIEK,
    MBO_TECHNIEK_ICT,
    SECTORKAMERS,
    mbo_set,
    parse_leerweg,
    parse_level,
    parse_sectorkamer,
)
from kansrijk.vocab.mbo import vocabulary


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Techniek en gebouwde omgeving", "TGO"),
        ("SECTORKAMER_TECHNIEK_EN_GEBOUWDE_OMGEVING", "TGO"),
        ("mobiliteit, transport, logistiek en maritiem", "MLT"),
        ("SECTORKAMER_MOBILITEIT_TRANSPORT_LOGISTIEK_MARITIEM", "MLT"),
        ("Creatieve industrie en ICT", "ICT"),
        ("Zakelijke dienstverlening en veiligheid", "ZDV"),
        ("BAO", "ZDV"),  # Kansrijk's earlier code
        ("Entree", "ENTREE"),
        ("NIET_GESPECIFICEERD_NAAR_SECTOR", "ONBEKEND"),
        ("Ruimtevaart", None),
    ],
)
def test_duo_spellings(name: str, code: str | None) -> None:
    assert parse_sectorkamer(name) == code


def test_sets_have_sources_and_only_sectorkamers() -> None:
    v = vocabulary()
    assert {"TGO", "MLT"} == MBO_TECHNIEK and {"TGO", "MLT", "ICT"} == MBO_TECHNIEK_ICT
    assert MBO_NPRZ == mbo_set("nprz_techniek_haven_logistiek") == {"TGO", "MLT"}
    assert len(SECTORKAMERS) == 8
    for s, kamers in v.sets.items():
        assert kamers <= set(SECTORKAMERS) and v.set_sources[s]


@pytest.mark.parametrize(
    ("value", "leerweg"),
    [
        ("BOL", "bol"),
        ("BOL-VT", "bol"),
        ("BOL VT", "bol"),
        ("boldt", "bol"),
        ("BBL", "bbl"),
        ("CBL", "bbl"),
        ("EX", "extraneus"),
        ("VAVO", None),
    ],
)
def test_leerweg(value: str, leerweg: str | None) -> None:
    assert parse_leerweg(value) == leerweg


def test_level() -> None:
    assert [parse_level(v) for v in ("1", "Niveau 2", "N3", "niveau 4 (middenkader)", "5", "")] == [
        1,
        2,
        3,
        4,
        None,
        None,
    ]
