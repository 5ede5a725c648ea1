"""mbo sectorkamers (SBB) and which of them count as technology and ICT."""

from __future__ import annotations

SECTORKAMERS: dict[str, tuple[str, str]] = {
    "TGO": ("Techniek en gebouwde omgeving", "Engineering and built environment"),
    "MLT": (
        "Mobiliteit, transport, logistiek en maritiem",
        "Mobility, transport, logistics, maritime",
    ),
    "ICT": ("ICT en creatieve industrie", "ICT and creative industries"),
    "ZWS": ("Zorg, welzijn en sport", "Care, welfare and sport"),
    "HHV": ("Handel", "Trade"),
    "SDV": ("Specialistisch vakmanschap", "Specialist craftsmanship"),
    "VGR": ("Voedsel, groen en gastvrijheid", "Food, green and hospitality"),
    "BAO": ("Bouw, infra en ondersteunende diensten", "Business services and security"),
}

#: Sectorkamers counted as technology (without ICT) and with ICT.
MBO_TECHNIEK: frozenset[str] = frozenset({"TGO", "MLT"})
MBO_TECHNIEK_ICT: frozenset[str] = MBO_TECHNIEK | {"ICT"}
