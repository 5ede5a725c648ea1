"""The school finder for parents and primary schools: which vmbo locations near a home do,
and which do not, offer a technical profile; flyers per primary school, gemeente or PC4."""

from kansrijk.finder.cycling import CyclingParameters, cycling_minutes, cycling_parameters
from kansrijk.finder.offer import TECHNICAL_PROFILES, TECHNIEK_PROFILES, VmboOffer, vmbo_offer
from kansrijk.finder.places import PlaceIndex
from kansrijk.finder.postcode import Postcode, parse_postcode
from kansrijk.finder.problems import FinderInputError
from kansrijk.finder.search import DEFAULT_KM, MAX_KM, Alternative, Finder, Found, Origin, parse_km

__all__ = [
    "DEFAULT_KM",
    "MAX_KM",
    "TECHNICAL_PROFILES",
    "TECHNIEK_PROFILES",
    "Alternative",
    "CyclingParameters",
    "Finder",
    "FinderInputError",
    "Found",
    "Origin",
    "PlaceIndex",
    "Postcode",
    "VmboOffer",
    "cycling_minutes",
    "cycling_parameters",
    "parse_km",
    "parse_postcode",
    "vmbo_offer",
]
