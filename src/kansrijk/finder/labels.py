"""Names the finder shows that come from the vocabulary, marked for the gettext catalogues
(msgids in English, as ``vocab.PROFILE_NAMES`` has them; a test keeps the two equal)."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate"
    """Mark a string for extraction; it is translated where it is shown."""
    return message


#: Profile code -> English name (msgid).
PROFILE_LABELS: dict[str, str] = {
    "BWI": N_("Construction, housing and interior"),
    "PIE": N_("Production, installation and energy"),
    "MT": N_("Mobility and transport"),
    "MVI": N_("Media, design and ICT"),
    "MAT": N_("Maritime and technology"),
    "ZW": N_("Care and welfare"),
    "EO": N_("Economics and enterprise"),
    "HBR": N_("Hospitality, bakery and recreation"),
    "DP": N_("Services and products"),
    "GR": N_("Green"),
}
#: Badges of technical profiles.
TECHNIEK_BADGE = N_("technology")
ICT_BADGE = N_("ICT")

__all__ = ["ICT_BADGE", "N_", "PROFILE_LABELS", "TECHNIEK_BADGE"]
