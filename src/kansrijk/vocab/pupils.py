"""The pupils the vmbo profile figures count: leerwegen BB, KB and GL in leerjaar 3 and 4
(the years in which a pupil follows a profile). One rule, written once."""

from __future__ import annotations

from kansrijk.vocab.tracks import PROFILE_TRACKS

#: Leerjaren in which BB/KB/GL pupils follow a profile.
PROFILE_GRADES: tuple[int, ...] = (3, 4)

#: The leerwegen as SQL literals: ``'vmbo_bb', 'vmbo_kb', 'vmbo_gl'``.
PROFILE_TRACKS_SQL = ", ".join(f"'{t.value}'" for t in PROFILE_TRACKS)


def pupil_filter(alias: str = "") -> str:
    """SQL condition on ``vo_enrollment`` (optionally aliased) for BB/KB/GL leerjaar 3-4."""
    p = f"{alias}." if alias else ""
    grades = ", ".join(str(g) for g in PROFILE_GRADES)
    return f"{p}track IN ({PROFILE_TRACKS_SQL}) AND {p}grade IN ({grades})"


#: ``pupil_filter()`` on an unaliased ``vo_enrollment``.
PUPIL_FILTER = pupil_filter()
