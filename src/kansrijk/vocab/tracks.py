"""Tracks (onderwijstype / leerweg) in secondary education."""

from __future__ import annotations

from enum import StrEnum


class Track(StrEnum):
    """A track of secondary education, as used in every canonical table."""

    BRUG = "brug"
    PRO = "pro"
    VMBO_BB = "vmbo_bb"
    VMBO_KB = "vmbo_kb"
    VMBO_GL = "vmbo_gl"
    VMBO_TL = "vmbo_tl"
    HAVO = "havo"
    VWO = "vwo"


#: The vmbo tracks whose pupils choose one of the ten profiles (the beroepsgerichte leerwegen).
PROFILE_TRACKS: tuple[Track, ...] = (Track.VMBO_BB, Track.VMBO_KB, Track.VMBO_GL)

TRACK_LABELS: dict[Track, tuple[str, str]] = {
    Track.BRUG: ("Brugjaar 1-2", "Bridge years 1-2"),
    Track.PRO: ("Praktijkonderwijs", "Practical education"),
    Track.VMBO_BB: ("vmbo basisberoepsgericht (BB)", "vmbo basic vocational (BB)"),
    Track.VMBO_KB: ("vmbo kaderberoepsgericht (KB)", "vmbo advanced vocational (KB)"),
    Track.VMBO_GL: ("vmbo gemengde leerweg (GL)", "vmbo combined (GL)"),
    Track.VMBO_TL: ("vmbo theoretische leerweg (TL, mavo)", "vmbo theoretical (TL, mavo)"),
    Track.HAVO: ("havo", "havo"),
    Track.VWO: ("vwo", "vwo"),
}

#: DUO's leerweg abbreviations (BL = basisberoepsgerichte leerweg, KL = kader...).
LEERWEG_CODES: dict[str, Track] = {
    "BL": Track.VMBO_BB,
    "BB": Track.VMBO_BB,
    "B": Track.VMBO_BB,
    "KL": Track.VMBO_KB,
    "KB": Track.VMBO_KB,
    "K": Track.VMBO_KB,
    "GL": Track.VMBO_GL,
    "G": Track.VMBO_GL,
    "TL": Track.VMBO_TL,
    "T": Track.VMBO_TL,
    "GT": Track.VMBO_TL,
}
