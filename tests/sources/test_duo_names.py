"""DUO's capitals and bare postcodes written as Dutch writes them on a letter."""

from __future__ import annotations

import pytest

from kansrijk.sources.duo_names import address_text, place_name, postcode_text


@pytest.mark.parametrize(
    ("duo", "shown"),
    [
        ("ROTTERDAM", "Rotterdam"),
        ("CAPELLE AAN DEN IJSSEL", "Capelle aan den IJssel"),
        ("'S-GRAVENHAGE", "'s-Gravenhage"),
        ("BERGEN OP ZOOM", "Bergen op Zoom"),
        ("HOOGVLIET ROTTERDAM", "Hoogvliet Rotterdam"),
        ("IJSSELSTEIN", "IJsselstein"),
        ("Den Haag", "Den Haag"),  # not all capitals: kept
    ],
)
def test_place_names(duo: str, shown: str) -> None:
    assert place_name(duo) == shown


def test_postcodes_and_addresses() -> None:
    assert postcode_text("3083AN") == "3083 AN"
    assert postcode_text("3083 AN") == "3083 AN"
    assert postcode_text("3083") == "3083"
    assert postcode_text(None) == ""
    assert address_text("Slinge", "200", "3083AN", "ROTTERDAM") == "Slinge 200, 3083 AN Rotterdam"
    assert address_text(None, None, "2991XJ", "BARENDRECHT") == "2991 XJ Barendrecht"
    assert address_text("Dierensteinweg", "4-4A", None, None) == "Dierensteinweg 4-4A"
    assert address_text(None, None, None, None) == ""
